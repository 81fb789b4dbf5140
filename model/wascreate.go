package model

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// WeekDays are the WeekDay values a weekly occurrence accepts (U5).
var WeekDays = []string{"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"}

// WASForCreate turns a schedule as read (from get or search) into the body
// of a create named name: the read-only elements (id, owner, invalid,
// multi, launchedCount, dates, lastScan) are dropped, the QLists read as
// list (web apps, target tags, scanner tags, recipients) are written as
// set, their counts dropped, and references keep only what a request may
// carry (ids; the profile by name only when it has no id). The time zone
// keeps its code only (the offset is computed by the server, §15.3). The
// result shares no memory with s.
func WASForCreate(s WasScanSchedule, name string) WasScanSchedule {
	out := WasScanSchedule{
		Name:                      TextPtr(name),
		Type:                      clonePtr(s.Type),
		Active:                    clonePtr(s.Active),
		Profile:                   refForWrite(s.Profile, true),
		Proxy:                     refForWrite(s.Proxy, false),
		DNSOverride:               refForWrite(s.DNSOverride, false),
		SendMail:                  clonePtr(s.SendMail),
		SendOneMail:               clonePtr(s.SendOneMail),
		SendMailFromAddressOption: clonePtr(s.SendMailFromAddressOption),
		ProgressiveScanning:       clonePtr(s.ProgressiveScanning),
	}
	if t := s.Target; t != nil {
		nt := &WASTarget{
			CancelOption:  clonePtr(t.CancelOption),
			RandomizeScan: clonePtr(t.RandomizeScan),
		}
		if t.WebApp != nil {
			nt.WebApp = &WASWebApp{ID: t.WebApp.ID}
		}
		if apps := t.WebApps.Apps(); len(apps) > 0 {
			l := &WASWebAppList{}
			for _, a := range apps {
				l.Set = append(l.Set, WASWebApp{ID: a.ID})
			}
			nt.WebApps = l
		}
		if tg := t.Tags; tg != nil {
			nt.Tags = &WASTargetTags{Included: tagSelectionForWrite(tg.Included), Excluded: tagSelectionForWrite(tg.Excluded)}
		}
		if r := t.WebAppAuthRecord; r != nil {
			nt.WebAppAuthRecord = &WASAuthRecord{ID: clonePtr(r.ID), IsDefault: clonePtr(r.IsDefault)}
		}
		if sa := t.ScannerAppliance; sa != nil {
			nt.ScannerAppliance = &WASScanner{Type: sa.Type, FriendlyName: clonePtr(sa.FriendlyName)}
		}
		nt.ScannerTags = tagSetForWrite(t.ScannerTags)
		out.Target = nt
	}
	if sc := s.Scheduling; sc != nil {
		ns := &WASScheduling{
			StartDate:         clonePtr(sc.StartDate),
			OccurrenceType:    clonePtr(sc.OccurrenceType),
			CancelAfterNHours: clonePtr(sc.CancelAfterNHours),
		}
		if sc.TimeZone != nil {
			ns.TimeZone = &WASTimeZone{Code: sc.TimeZone.Code}
		}
		if o := sc.Occurrence; o != nil {
			no := &WASOccurrence{}
			if h := o.Hourly; h != nil {
				no.Hourly = &WASHourly{EveryNHours: h.EveryNHours, OccurrenceCount: clonePtr(h.OccurrenceCount)}
			}
			if d := o.Daily; d != nil {
				no.Daily = &WASDaily{EveryNDays: d.EveryNDays, OccurrenceCount: clonePtr(d.OccurrenceCount)}
			}
			if w := o.Weekly; w != nil {
				no.Weekly = &WASWeekly{EveryNWeeks: w.EveryNWeeks, OnDays: slices.Clone(w.OnDays), OccurrenceCount: clonePtr(w.OccurrenceCount)}
			}
			if o.Monthly != nil {
				no.Monthly = &WASMonthly{InnerXML: o.Monthly.InnerXML}
			}
			ns.Occurrence = no
		}
		out.Scheduling = ns
	}
	if n := s.Notification; n != nil {
		nn := &WASNotification{
			Active:     clonePtr(n.Active),
			Reschedule: clonePtr(n.Reschedule),
			Delay:      clonePtr(n.Delay),
			Message:    clonePtr(n.Message),
		}
		if emails := n.Recipients.Emails(); len(emails) > 0 {
			nn.Recipients = SetRecipients(emails)
		}
		out.Notification = nn
	}
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// refForWrite keeps a reference's id; byName keeps the name when there is
// no id (the profile may be chosen by name, §9.5).
func refForWrite(r *WASRef, byName bool) *WASRef {
	switch {
	case r == nil:
		return nil
	case r.ID != nil:
		return &WASRef{ID: clonePtr(r.ID)}
	case byName && r.Name != nil:
		return &WASRef{Name: clonePtr(r.Name)}
	}
	return nil
}

func tagSetForWrite(t *WASTagSet) *WASTagSet {
	tags := t.Tags()
	if len(tags) == 0 {
		return nil
	}
	out := &WASTagSet{}
	for _, tag := range tags {
		out.Set = append(out.Set, WASTag{ID: tag.ID})
	}
	return out
}

func tagSelectionForWrite(s *WASTagSelection) *WASTagSelection {
	if s == nil {
		return nil
	}
	return &WASTagSelection{Option: strings.TrimSpace(s.Option), TagList: tagSetForWrite(s.TagList)}
}

// WAS create limits and values.
const MaxCancelAfterNHours = 168

var (
	wasScannerTypes  = []string{"EXTERNAL", "INTERNAL", "scannerTags"}
	wasCancelOptions = []string{"DEFAULT", "SPECIFIC"}
	wasTagOptions    = []string{"ALL", "ANY"}
)

// ValidateWASCreate checks a whole schedule before it is sent as a create:
// a name of 1 to 256 characters without control characters, a type, a
// target (webApp, webApps or tags/included), a scanner appliance, a
// profile, the scheduling block (start date, time zone, occurrence type
// and that type's own fields) and the notification. Field names are the
// element paths, dotted ("scheduling.timeZone.code"). The start date is
// not compared with the clock: the server's refuses a start in the past.
func ValidateWASCreate(s WasScanSchedule) ValidationErrors {
	var v ValidationErrors
	if s.ID != nil || s.Owner != nil || s.Invalid != nil || s.Multi != nil || s.LaunchedCount != nil ||
		s.NextLaunchDate != nil || s.CreatedDate != nil || s.UpdatedDate != nil || s.LastScan != nil {
		v.add("WasScanSchedule", "id, owner, invalid, multi, launchedCount, nextLaunchDate, createdDate, updatedDate and lastScan are read-only")
	}
	switch {
	case s.Name == nil:
		v.add("name", "required")
	default:
		n := strings.TrimSpace(string(*s.Name))
		if n == "" || utf8.RuneCountInString(n) > MaxTitleLen {
			v.add("name", fmt.Sprintf("must be 1 to %d characters", MaxTitleLen))
		} else if strings.ContainsFunc(n, unicode.IsControl) {
			v.add("name", "must not hold control characters")
		}
	}
	if s.Type == nil {
		v.add("type", "required: VULNERABILITY or DISCOVERY")
	} else if *s.Type != WASVulnerability && *s.Type != WASDiscovery {
		v.add("type", fmt.Sprintf("must be VULNERABILITY or DISCOVERY, got %q", *s.Type))
	}
	validateCreateTarget(&v, s.Target)
	if p := s.Profile; p == nil || (p.ID == nil && (p.Name == nil || strings.TrimSpace(string(*p.Name)) == "")) {
		v.add("profile", "required: an option profile id (or name)")
	} else if p.ID != nil && *p.ID <= 0 {
		v.add("profile.id", "must be a positive number")
	}
	validateCreateScheduling(&v, s.Scheduling)
	validateCreateNotification(&v, s.Notification)
	if o := s.SendMailFromAddressOption; o != nil && *o != "QUALYS_SUPPORT" && *o != "OWNER" {
		v.add("sendMailFromAddressOption", fmt.Sprintf("must be QUALYS_SUPPORT or OWNER, got %q", *o))
	}
	return v
}

func validateCreateTarget(v *ValidationErrors, t *WASTarget) {
	if t == nil || (t.WebApp == nil && t.WebApps == nil && t.Tags == nil) {
		v.add("target", "required: webApp, webApps or tags")
		return
	}
	if t.WebApp != nil && t.WebApp.ID <= 0 {
		v.add("target.webApp.id", "must be a positive number")
	}
	if t.WebApps != nil {
		apps := t.WebApps.Apps()
		if len(apps) == 0 {
			v.add("target.webApps", "needs at least one WebApp id")
		}
		for _, a := range apps {
			if a.ID <= 0 {
				v.add("target.webApps", "every WebApp id must be a positive number")
				break
			}
		}
	}
	if tg := t.Tags; tg != nil {
		if tg.Included == nil {
			v.add("target.tags.included", "required for a tag target")
		}
		for _, sel := range []struct {
			field string
			s     *WASTagSelection
		}{{"target.tags.included", tg.Included}, {"target.tags.excluded", tg.Excluded}} {
			if sel.s == nil {
				continue
			}
			if !slices.Contains(wasTagOptions, strings.TrimSpace(sel.s.Option)) {
				v.add(sel.field+".option", fmt.Sprintf("must be ALL or ANY, got %q", sel.s.Option))
			}
			if len(sel.s.TagList.Tags()) == 0 {
				v.add(sel.field+".tagList", "needs at least one Tag id")
			}
		}
	}
	switch sa := t.ScannerAppliance; {
	case sa == nil:
		v.add("target.scannerAppliance.type", "required: EXTERNAL, INTERNAL or scannerTags")
	case !slices.Contains(wasScannerTypes, strings.TrimSpace(sa.Type)):
		v.add("target.scannerAppliance.type", fmt.Sprintf("must be EXTERNAL, INTERNAL or scannerTags, got %q", sa.Type))
	case strings.TrimSpace(sa.Type) == "INTERNAL" && (sa.FriendlyName == nil || strings.TrimSpace(string(*sa.FriendlyName)) == ""):
		v.add("target.scannerAppliance.friendlyName", "required when the scanner type is INTERNAL")
	case strings.TrimSpace(sa.Type) == "scannerTags" && len(t.ScannerTags.Tags()) == 0:
		v.add("target.scannerTags", "needs at least one Tag id when the scanner type is scannerTags")
	}
	if c := t.CancelOption; c != nil && !slices.Contains(wasCancelOptions, strings.TrimSpace(*c)) {
		v.add("target.cancelOption", fmt.Sprintf("must be DEFAULT or SPECIFIC, got %q", *c))
	}
}

func validateCreateScheduling(v *ValidationErrors, sc *WASScheduling) {
	if sc == nil {
		v.add("scheduling", "required: startDate, timeZone and occurrenceType")
		return
	}
	if sc.StartDate == nil {
		v.add("scheduling.startDate", "required, as YYYY-MM-DDTHH:MM:SSZ (UTC)")
	} else if _, err := time.Parse(WASTimeLayout, *sc.StartDate); err != nil {
		v.add("scheduling.startDate", fmt.Sprintf("must be YYYY-MM-DDTHH:MM:SSZ (UTC), got %q", *sc.StartDate))
	}
	if sc.TimeZone == nil || strings.TrimSpace(sc.TimeZone.Code) == "" {
		v.add("scheduling.timeZone.code", "required: an IANA time zone such as Europe/Berlin")
	} else if _, err := time.LoadLocation(sc.TimeZone.Code); err != nil || sc.TimeZone.Code == "Local" {
		v.add("scheduling.timeZone.code", fmt.Sprintf("%q is not a known time zone (use an IANA name such as Europe/Berlin)", sc.TimeZone.Code))
	}
	if c := sc.CancelAfterNHours; c != nil && (*c < 1 || *c > MaxCancelAfterNHours) {
		v.add("scheduling.cancelAfterNHours", fmt.Sprintf("must be 1 to %d, got %d", MaxCancelAfterNHours, *c))
	}
	if sc.OccurrenceType == nil {
		v.add("scheduling.occurrenceType", "required: ONCE, HOURLY, DAILY, WEEKLY or MONTHLY")
		return
	}
	occ := sc.Occurrence
	if occ == nil {
		occ = &WASOccurrence{}
	}
	for _, o := range []struct {
		typ, el string
		set     bool
	}{
		{OccurrenceHourly, "hourlyOccurrence", occ.Hourly != nil}, {OccurrenceDaily, "dailyOccurrence", occ.Daily != nil},
		{OccurrenceWeekly, "weeklyOccurrence", occ.Weekly != nil}, {OccurrenceMonthly, "monthlyOccurrence", occ.Monthly != nil},
	} {
		if o.set && o.typ != *sc.OccurrenceType {
			v.add("scheduling.occurrence", fmt.Sprintf("%s does not go with occurrenceType %s", o.el, *sc.OccurrenceType))
		}
	}
	switch *sc.OccurrenceType {
	case OccurrenceOnce:
	case OccurrenceHourly:
		h := occ.Hourly
		if h == nil || h.EveryNHours < 1 || h.EveryNHours > MaxEveryNHours {
			v.add("scheduling.occurrence.hourlyOccurrence.everyNHours", fmt.Sprintf("must be 1 to %d for HOURLY", MaxEveryNHours))
		}
		if h != nil && h.OccurrenceCount != nil && *h.OccurrenceCount < 1 {
			v.add("scheduling.occurrence.hourlyOccurrence.occurrenceCount", "must be 1 or more")
		}
	case OccurrenceDaily:
		if occ.Daily == nil || occ.Daily.EveryNDays < 1 || occ.Daily.EveryNDays > 365 {
			v.add("scheduling.occurrence.dailyOccurrence.everyNDays", "must be 1 to 365 for DAILY")
		}
		if d := occ.Daily; d != nil && d.OccurrenceCount != nil && *d.OccurrenceCount < 1 {
			v.add("scheduling.occurrence.dailyOccurrence.occurrenceCount", "must be 1 or more")
		}
	case OccurrenceWeekly:
		w := occ.Weekly
		if w == nil || w.EveryNWeeks < 1 {
			v.add("scheduling.occurrence.weeklyOccurrence.everyNWeeks", "must be 1 or more for WEEKLY")
		}
		if w == nil || len(w.OnDays) == 0 {
			v.add("scheduling.occurrence.weeklyOccurrence.onDays", "needs at least one WeekDay for WEEKLY")
		}
		if w != nil {
			for _, d := range w.OnDays {
				if !slices.Contains(WeekDays, strings.TrimSpace(d)) {
					v.add("scheduling.occurrence.weeklyOccurrence.onDays", fmt.Sprintf("must be SUNDAY … SATURDAY in upper case, got %q", d))
				}
			}
			if c := w.OccurrenceCount; c != nil && *c < 1 {
				v.add("scheduling.occurrence.weeklyOccurrence.occurrenceCount", "must be 1 or more")
			}
		}
	case OccurrenceMonthly:
		if occ.Monthly == nil || strings.TrimSpace(occ.Monthly.InnerXML) == "" {
			v.add("scheduling.occurrence.monthlyOccurrence", "required for MONTHLY")
		}
	default:
		v.add("scheduling.occurrenceType", fmt.Sprintf("must be ONCE, HOURLY, DAILY, WEEKLY or MONTHLY, got %q", *sc.OccurrenceType))
	}
}

func validateCreateNotification(v *ValidationErrors, n *WASNotification) {
	if n == nil {
		v.add("notification", "required (at least active false)")
		return
	}
	if d := n.Delay; d != nil && (d.Nb < MinNotifyDelayDays || d.Nb > MaxNotifyDelayDays || d.Scale != NotifyDelayScale) {
		v.add("notification.delay", fmt.Sprintf("must be %d to %d %s, got %d %q", MinNotifyDelayDays, MaxNotifyDelayDays, NotifyDelayScale, d.Nb, d.Scale))
	}
	if m := n.Message; m != nil {
		if pr := FreeTextProblem(string(*m), true); pr != "" {
			v.add("notification.message", pr)
		}
	}
	emails := n.Recipients.Emails()
	for _, a := range emails {
		if !ValidEmail(a) {
			v.add("notification.recipients", fmt.Sprintf(`"%s" is not a valid e-mail address`, a))
		}
	}
	if Deref(n.Active) {
		if len(emails) == 0 {
			v.add("notification.recipients", "an active notification needs at least one address")
		}
		if n.Delay == nil {
			v.add("notification.delay", "an active notification needs a delay")
		}
	}
}

// NewCreateRequest wraps a whole schedule for create.
func NewCreateRequest(s WasScanSchedule) ServiceRequest {
	return ServiceRequest{Data: &RequestData{WasScanSchedule: &s}}
}

// DecodeWASCreate reads the body of a create as a user wrote it: a
// ServiceRequest in XML (<ServiceRequest><data><WasScanSchedule>…) or in
// its JSON form ({"ServiceRequest":{"data":{"WasScanSchedule":{…}}}}, read
// as the XML it stands for, as DecodeResponseJSON does). The document must
// fit the request schema (CheckRequestXML, data only). The error is one
// line in qsched's words.
func DecodeWASCreate(b []byte) (WasScanSchedule, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if len(t) == 0 {
		return WasScanSchedule{}, errors.New("empty: expected a ServiceRequest in XML or JSON")
	}
	switch t[0] {
	case '<':
	case '{':
		if !json.Valid(t) {
			var raw json.RawMessage
			var se *json.SyntaxError
			if err := json.Unmarshal(t, &raw); errors.As(err, &se) {
				return WasScanSchedule{}, fmt.Errorf("not valid JSON (near byte %d)", se.Offset)
			}
			return WasScanSchedule{}, errors.New("not valid JSON (it ends early)")
		}
		toks, err := jsonAsXML(t, "ServiceRequest", true)
		if err != nil {
			return WasScanSchedule{}, fmt.Errorf("not a JSON ServiceRequest: %s", oneLine(err.Error()))
		}
		var buf bytes.Buffer
		enc := xml.NewEncoder(&buf)
		for _, tok := range toks {
			if err := enc.EncodeToken(tok); err != nil {
				return WasScanSchedule{}, errors.New("not a JSON ServiceRequest: a value cannot be carried in XML")
			}
		}
		if err := enc.Flush(); err != nil {
			return WasScanSchedule{}, errors.New("not a JSON ServiceRequest: a value cannot be carried in XML")
		}
		t = buf.Bytes()
	default:
		return WasScanSchedule{}, errors.New("neither XML nor JSON: expected <ServiceRequest> or {\"ServiceRequest\":…}")
	}
	if line, ok := wellFormed(t); !ok {
		return WasScanSchedule{}, fmt.Errorf("not well-formed XML (line %d)", line)
	}
	if err := CheckRequestXML(t, RequestParts{Data: true}); err != nil {
		return WasScanSchedule{}, errors.New(oneLine(err.Error()))
	}
	r, err := DecodeRequest(t)
	if err != nil {
		return WasScanSchedule{}, errors.New("not a ServiceRequest: a value does not fit its element")
	}
	if r.Data == nil || r.Data.WasScanSchedule == nil {
		return WasScanSchedule{}, errors.New("no <data><WasScanSchedule> in the ServiceRequest")
	}
	return *r.Data.WasScanSchedule, nil
}

// wellFormed reads b as XML to the end; when it is not well-formed it
// returns the line of the first error.
func wellFormed(b []byte) (int, bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return 0, true
		}
		if err != nil {
			line, _ := d.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
			}
			return line, false
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

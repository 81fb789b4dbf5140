package sim

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/qsched/qsched/model"
)

var weekDays = []string{"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"}

// checkCreate validates a create request: name, type, a target, a profile
// (U17) and complete scheduling.
func (s *Server) checkCreate(w *model.WasScanSchedule) string {
	switch {
	case w.Name == nil:
		return "name is required."
	case w.Type == nil:
		return "type is required (VULNERABILITY or DISCOVERY)."
	case w.Target == nil || (w.Target.WebApp == nil && w.Target.WebApps == nil && w.Target.Tags == nil):
		return "target/webApp/id, target/webApps or target/tags is required."
	case w.Profile == nil || w.Profile.ID == nil && w.Profile.Name == nil:
		return "profile is required."
	case w.Scheduling == nil || w.Scheduling.StartDate == nil || w.Scheduling.TimeZone == nil || w.Scheduling.OccurrenceType == nil:
		return "scheduling/startDate, scheduling/timeZone/code and scheduling/occurrenceType are required."
	}
	if t := w.Target.WebApp; t != nil {
		if a := s.was.webApps[t.ID]; a == nil || a.deleted {
			return fmt.Sprintf("WebApp with id %d was not found or is not in your scope.", t.ID)
		}
	}
	if p := w.Profile; p.ID != nil {
		if _, ok := s.was.profile[*p.ID]; !ok {
			return fmt.Sprintf("OptionProfile with id %d was not found.", *p.ID)
		}
	} else {
		// The create sample selects the profile by name.
		name := strings.TrimSpace(string(*p.Name))
		for id, n := range s.was.profile {
			if n == name {
				w.Profile = &model.WASRef{ID: model.Ptr(id)}
			}
		}
		if w.Profile.ID == nil {
			return fmt.Sprintf("OptionProfile named %q was not found.", name)
		}
	}
	if w.Target.ScannerAppliance == nil {
		return "target/scannerAppliance/type is required (EXTERNAL, INTERNAL or scannerTags)."
	}
	if w.Notification == nil {
		return "notification is required (at least <notification><active>false</active></notification>)."
	}
	if start, err := time.Parse(model.WASTimeLayout, *w.Scheduling.StartDate); err == nil && start.Before(s.opts.Now().Truncate(time.Minute)) {
		// As the service answers (§15.3, Van-1337/AutoEASM).
		return "Start Time cannot be before current time."
	}
	var base model.WasScanSchedule
	if msg := s.merge(&base, *w); msg != "" {
		return msg
	}
	if n := base.Notification; n != nil && n.Active != nil && *n.Active {
		if len(n.Recipients.Emails()) == 0 || n.Delay == nil {
			return "notification: an active notification needs recipients/set/EmailAddress and delay/nb, delay/scale."
		}
	}
	*w = base // stored as merged: read shapes, normalised monthly
	return ""
}

var cancelOptions = []string{"DEFAULT", "SPECIFIC"}

// checkTarget validates a (partial) target: the web apps and tags it
// names exist, the tag options, the scanner and the cancel option.
func (s *Server) checkTarget(t model.WASTarget) string {
	if t.WebApps != nil {
		apps := append(append([]model.WASWebApp(nil), t.WebApps.Set...), t.WebApps.List...)
		if len(apps) == 0 {
			return "target/webApps/set needs at least one WebApp/id."
		}
		for _, w := range apps {
			if a := s.was.webApps[w.ID]; a == nil || a.deleted {
				return fmt.Sprintf("WebApp with id %d was not found or is not in your scope.", w.ID)
			}
		}
	}
	if tg := t.Tags; tg != nil {
		if tg.Included == nil {
			return "target/tags/included is required for a tag target."
		}
		for _, sel := range []struct {
			where string
			s     *model.WASTagSelection
		}{{"included", tg.Included}, {"excluded", tg.Excluded}} {
			if sel.s == nil {
				continue
			}
			if !slices.Contains([]string{"ALL", "ANY"}, strings.TrimSpace(sel.s.Option)) {
				return fmt.Sprintf("target/tags/%s/option must be ALL or ANY, got %q.", sel.where, sel.s.Option)
			}
			if len(sel.s.TagList.Tags()) == 0 {
				return fmt.Sprintf("target/tags/%s/tagList/set needs at least one Tag/id.", sel.where)
			}
			for _, tag := range sel.s.TagList.Tags() {
				if knownTag(tag.ID) == nil {
					return fmt.Sprintf("Tag with id %d was not found.", tag.ID)
				}
			}
		}
	}
	if sa := t.ScannerAppliance; sa != nil {
		switch strings.TrimSpace(sa.Type) {
		case "EXTERNAL":
		case "INTERNAL":
			if sa.FriendlyName == nil || strings.TrimSpace(string(*sa.FriendlyName)) == "" {
				return "target/scannerAppliance/friendlyName is required when type is INTERNAL."
			}
		case "scannerTags":
			if len(t.ScannerTags.Tags()) == 0 {
				return "target/scannerTags/set/Tag/id is required when scannerAppliance/type is scannerTags."
			}
		default:
			return fmt.Sprintf("target/scannerAppliance/type must be EXTERNAL, INTERNAL or scannerTags, got %q.", sa.Type)
		}
	}
	if c := t.CancelOption; c != nil && !slices.Contains(cancelOptions, strings.TrimSpace(*c)) {
		return fmt.Sprintf("target/cancelOption must be DEFAULT or SPECIFIC, got %q.", *c)
	}
	return ""
}

func knownTag(id int64) *model.WASTag {
	for i := range tags {
		if tags[i].ID == id {
			return &tags[i]
		}
	}
	return nil
}

// merge applies a partial schedule to dst: only the elements given change;
// recipients follow the QList rules (set replaces, add, remove). It
// returns a problem message, or "".
func (s *Server) merge(dst *model.WasScanSchedule, src model.WasScanSchedule) string {
	if src.Name != nil {
		n := strings.TrimSpace(string(*src.Name))
		if n == "" || utf8.RuneCountInString(n) > model.MaxTitleLen {
			return fmt.Sprintf("name must be 1 to %d characters.", model.MaxTitleLen)
		}
		dst.Name = src.Name
	}
	if src.Type != nil {
		if *src.Type != model.WASVulnerability && *src.Type != model.WASDiscovery {
			return fmt.Sprintf("type must be VULNERABILITY or DISCOVERY, got %q.", *src.Type)
		}
		dst.Type = src.Type
	}
	set := func(d **bool, v *bool) {
		if v != nil {
			*d = v
		}
	}
	set(&dst.Active, src.Active)
	set(&dst.SendMail, src.SendMail)
	set(&dst.SendOneMail, src.SendOneMail)
	set(&dst.ProgressiveScanning, src.ProgressiveScanning)
	if v := src.SendMailFromAddressOption; v != nil {
		if *v != "QUALYS_SUPPORT" && *v != "OWNER" {
			return fmt.Sprintf("sendMailFromAddressOption must be QUALYS_SUPPORT or OWNER, got %q.", *v)
		}
		dst.SendMailFromAddressOption = v
	}
	if src.Target != nil {
		if src.Target.WebApp != nil {
			if a := s.was.webApps[src.Target.WebApp.ID]; a == nil || a.deleted {
				return fmt.Sprintf("WebApp with id %d was not found or is not in your scope.", src.Target.WebApp.ID)
			}
		}
		if msg := s.checkTarget(*src.Target); msg != "" {
			return msg
		}
		t := model.WASTarget{}
		if dst.Target != nil {
			t = *dst.Target
		}
		mergeTarget(&t, *src.Target)
		dst.Target = &t
	}
	for _, p := range []struct{ d, v **model.WASRef }{{&dst.Profile, &src.Profile}, {&dst.Proxy, &src.Proxy}, {&dst.DNSOverride, &src.DNSOverride}} {
		if *p.v != nil {
			*p.d = *p.v
		}
	}
	if src.Scheduling != nil {
		if msg := mergeScheduling(dst, *src.Scheduling); msg != "" {
			return msg
		}
	}
	if src.Notification != nil {
		return mergeNotification(dst, *src.Notification)
	}
	return ""
}

func mergeTarget(t *model.WASTarget, src model.WASTarget) {
	if src.WebApp != nil {
		t.WebApp, t.WebApps, t.Tags = src.WebApp, nil, nil
	}
	if src.WebApps != nil {
		t.WebApp, t.WebApps = nil, &model.WASWebAppList{List: append(src.WebApps.List, src.WebApps.Set...)}
	}
	if src.Tags != nil {
		// Stored as read: tagList/list (set on write).
		tg := model.WASTargetTags{}
		for _, p := range []struct{ d, v **model.WASTagSelection }{{&tg.Included, &src.Tags.Included}, {&tg.Excluded, &src.Tags.Excluded}} {
			if *p.v != nil {
				*p.d = &model.WASTagSelection{Option: strings.TrimSpace((*p.v).Option), TagList: &model.WASTagSet{List: (*p.v).TagList.Tags()}}
			}
		}
		t.Tags = &tg
		if src.WebApps == nil {
			t.WebApp = nil
		}
	}
	if src.WebAppAuthRecord != nil {
		t.WebAppAuthRecord = src.WebAppAuthRecord
	}
	if src.ScannerAppliance != nil {
		t.ScannerAppliance = src.ScannerAppliance
	}
	if src.ScannerTags != nil {
		t.ScannerTags = &model.WASTagSet{List: src.ScannerTags.Tags()}
	}
	if src.CancelOption != nil {
		t.CancelOption = src.CancelOption
	}
	if src.RandomizeScan != nil {
		t.RandomizeScan = src.RandomizeScan
	}
}

func mergeScheduling(dst *model.WasScanSchedule, src model.WASScheduling) string {
	sc := model.WASScheduling{}
	if dst.Scheduling != nil {
		sc = *dst.Scheduling
	}
	if src.StartDate != nil {
		if _, err := time.Parse(model.WASTimeLayout, *src.StartDate); err != nil {
			return fmt.Sprintf("scheduling/startDate must be YYYY-MM-DDTHH:MM:SSZ, got %q.", *src.StartDate)
		}
		sc.StartDate = src.StartDate
	}
	if src.TimeZone != nil {
		if _, err := time.LoadLocation(src.TimeZone.Code); err != nil || src.TimeZone.Code == "" || src.TimeZone.Code == "Local" {
			return fmt.Sprintf("scheduling/timeZone/code %q is not a known time zone.", src.TimeZone.Code)
		}
		sc.TimeZone = &model.WASTimeZone{Code: src.TimeZone.Code}
	}
	if src.OccurrenceType != nil {
		switch *src.OccurrenceType {
		case model.OccurrenceOnce, model.OccurrenceHourly, model.OccurrenceDaily, model.OccurrenceWeekly, model.OccurrenceMonthly:
		default:
			return fmt.Sprintf("scheduling/occurrenceType must be ONCE, HOURLY, DAILY, WEEKLY or MONTHLY, got %q.", *src.OccurrenceType)
		}
		sc.OccurrenceType = src.OccurrenceType
		sc.Occurrence = nil
	}
	if src.Occurrence != nil {
		sc.Occurrence = src.Occurrence
	}
	if src.CancelAfterNHours != nil {
		if *src.CancelAfterNHours < 1 || *src.CancelAfterNHours > 24*7 {
			return "scheduling/cancelAfterNHours must be between 1 and 168."
		}
		sc.CancelAfterNHours = src.CancelAfterNHours
	}
	if sc.OccurrenceType != nil {
		occ := sc.Occurrence
		if msg := occurrenceMatches(*sc.OccurrenceType, occ); msg != "" {
			return msg
		}
		switch *sc.OccurrenceType {
		case model.OccurrenceHourly:
			// U37-like: 1–23 (a day or more is DAILY), as for CAR.
			if occ == nil || occ.Hourly == nil || occ.Hourly.EveryNHours < 1 || occ.Hourly.EveryNHours > 23 {
				return "scheduling/occurrence/hourlyOccurrence/everyNHours must be between 1 and 23 for HOURLY."
			}
			if c := occ.Hourly.OccurrenceCount; c != nil && *c < 1 {
				return "scheduling/occurrence/hourlyOccurrence/occurrenceCount must be 1 or more."
			}
		case model.OccurrenceDaily:
			if occ == nil || occ.Daily == nil || occ.Daily.EveryNDays < 1 || occ.Daily.EveryNDays > 365 {
				return "scheduling/occurrence/dailyOccurrence/everyNDays must be between 1 and 365 for DAILY."
			}
			if c := occ.Daily.OccurrenceCount; c != nil && *c < 1 {
				return "scheduling/occurrence/dailyOccurrence/occurrenceCount must be 1 or more."
			}
		case model.OccurrenceWeekly:
			if occ == nil || occ.Weekly == nil || occ.Weekly.EveryNWeeks < 1 || len(occ.Weekly.OnDays) == 0 {
				return "scheduling/occurrence/weeklyOccurrence needs everyNWeeks >= 1 and at least one onDays/WeekDay for WEEKLY."
			}
			if c := occ.Weekly.OccurrenceCount; c != nil && *c < 1 {
				return "scheduling/occurrence/weeklyOccurrence/occurrenceCount must be 1 or more."
			}
			for _, d := range occ.Weekly.OnDays {
				if !slices.Contains(weekDays, strings.TrimSpace(d)) {
					return fmt.Sprintf("WeekDay must be one of %s, got %q.", strings.Join(weekDays, ", "), d)
				}
			}
		case model.OccurrenceMonthly:
			if occ == nil || occ.Monthly == nil {
				return "scheduling/occurrence/monthlyOccurrence is required for MONTHLY."
			}
			m, err := parseMonthly(occ.Monthly.InnerXML)
			if err != nil {
				return "scheduling/occurrence/" + err.Error()
			}
			o := *occ
			o.Monthly = &model.WASMonthly{InnerXML: m.inner()}
			sc.Occurrence = &o
		}
	}
	dst.Scheduling = &sc
	return ""
}

// occurrenceMatches refuses an occurrence holding another type's element
// (an HOURLY schedule with a dailyOccurrence, a ONCE one with any): what
// would the service run?
func occurrenceMatches(typ string, occ *model.WASOccurrence) string {
	if occ == nil {
		return ""
	}
	for _, o := range []struct {
		typ, el string
		set     bool
	}{
		{model.OccurrenceHourly, "hourlyOccurrence", occ.Hourly != nil},
		{model.OccurrenceDaily, "dailyOccurrence", occ.Daily != nil},
		{model.OccurrenceWeekly, "weeklyOccurrence", occ.Weekly != nil},
		{model.OccurrenceMonthly, "monthlyOccurrence", occ.Monthly != nil},
	} {
		if o.set && o.typ != typ {
			return fmt.Sprintf("scheduling/occurrence/%s does not go with occurrenceType %s.", o.el, typ)
		}
	}
	return ""
}

func mergeNotification(dst *model.WasScanSchedule, src model.WASNotification) string {
	n := model.WASNotification{}
	if dst.Notification != nil {
		n = *dst.Notification
	}
	if src.Active != nil {
		n.Active = src.Active
	}
	if src.Reschedule != nil {
		n.Reschedule = src.Reschedule
	}
	if d := src.Delay; d != nil {
		// U6: only DAY is known.
		if d.Nb < model.MinNotifyDelayDays || d.Nb > model.MaxNotifyDelayDays || strings.TrimSpace(d.Scale) != model.NotifyDelayScale {
			return fmt.Sprintf("notification/delay needs nb between %d and %d and scale %s, got %d %q.", model.MinNotifyDelayDays, model.MaxNotifyDelayDays, model.NotifyDelayScale, d.Nb, d.Scale)
		}
		n.Delay = &model.WASDelay{Nb: d.Nb, Scale: model.NotifyDelayScale}
	}
	if src.Message != nil {
		n.Message = src.Message
	}
	if r := src.Recipients; r != nil {
		current := n.Recipients.Emails()
		for _, part := range []*model.WASEmails{r.Set, r.Add, r.Remove} {
			if part == nil {
				continue
			}
			for _, a := range part.Addresses {
				if !model.WellFormedEmail(string(a)) {
					return fmt.Sprintf("notification/recipients: %q is not a valid e-mail address.", string(a))
				}
			}
		}
		if r.List != nil {
			return "notification/recipients: use set, add or remove; list is read-only."
		}
		if r.Set != nil {
			current = emailStrings(r.Set)
		}
		if r.Add != nil {
			for _, a := range emailStrings(r.Add) {
				if !slices.Contains(current, a) {
					current = append(current, a)
				}
			}
		}
		if r.Remove != nil {
			rm := emailStrings(r.Remove)
			current = slices.DeleteFunc(current, func(a string) bool { return slices.Contains(rm, a) })
		}
		stored := model.SetRecipients(current)
		n.Recipients = &model.WASRecipients{List: stored.Set}
	}
	dst.Notification = &n
	return ""
}

func emailStrings(e *model.WASEmails) []string {
	out := make([]string, len(e.Addresses))
	for i, a := range e.Addresses {
		out[i] = string(a)
	}
	return out
}

// initialNext is the first launch at or after now for a new or
// re-activated schedule, from its start date and recurrence.
func initialNext(w model.WasScanSchedule, now time.Time) *time.Time {
	return nextLaunch(w, now)
}

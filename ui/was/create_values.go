package was

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// The create form's values and the schedule they make: pure, so the
// whole mapping (defaults, clone, every occurrence type, problems) is
// tested without a terminal.

// Target kinds.
const (
	targetApp  = "webApp"  // one web app, picked from a search
	targetApps = "webApps" // several web apps by id (Multi-Scan), optionally with tags
	targetTags = "tags"    // web apps by tag
)

// Monthly kinds (§15.3).
const (
	monthlyByDay   = "day"   // day N of the month
	monthlyByOrder = "order" // the Nth weekday of the month
)

// createValues are the create form's values, bound to its huh fields.
// Text read from the server is held in its visible form (visible) and
// turned back with fromVisible, as in the update form.
type createValues struct {
	Name   string
	Type   string
	Active bool

	TargetKind   string
	AppQuery     string // the web app search's text
	AppID        string // the picked web app's id
	AppIDs       string // several web apps: ids, comma- or space-separated
	TagsOption   string // ALL or ANY
	TagIDs       string
	ExTagsOption string
	ExTagIDs     string // excluded tags (optional)

	ProfileID     string
	Scanner       string // EXTERNAL, INTERNAL or scannerTags
	ScannerName   string // friendlyName of an INTERNAL scanner
	ScannerTagIDs string
	CancelOption  string // DEFAULT or SPECIFIC
	CancelAfter   string // hours; "" for none

	Occurrence                 string
	StartDate, StartTime, Zone string
	EveryNHours                string
	EveryNDays, EveryNWeeks    string
	WeekDays                   []string
	MonthlyKind, DayNb         string
	DayOrder, MonthWeekDay     string
	EveryNMonths               string
	EndCount                   string // every recurring type: "" never ends
	Notify, Reschedule         bool
	Delay, Recipients, Message string
	SendMail, SendOneMail      bool
}

// equal reports whether two value sets are the same (a form left as it
// opened has nothing to lose).
func (v createValues) equal(o createValues) bool {
	a, b := v, o
	a.WeekDays, b.WeekDays = nil, nil
	return reflect.DeepEqual(a, b) && slices.Equal(v.WeekDays, o.WeekDays)
}

// createSource is the schedule a clone copies (nil for a new schedule).
type createSource struct {
	ID   int64
	Name string // as read (raw)
	// Base is the source as a create body (model.WASForCreate): it carries
	// the settings the form does not show (proxy, DNS override,
	// authentication record, randomised scan, sender option, progressive
	// scanning), which the clone keeps.
	Base model.WasScanSchedule
	// Start is the source's start in its zone, for the form's hint; Past
	// says it has passed, so a new one must be set.
	Start string
	Past  bool
	// App and Profile name what the source targets, so the pickers show
	// them before (or without) a search.
	App, Profile option
	// Notes say what could not be carried over as read.
	Notes []string
}

// option is a picker entry: a value (an id) and its label (display-safe).
type option struct{ Value, Label string }

// newValues are the defaults of a new schedule: a vulnerability scan of
// one web app from outside, weekly on the next day's weekday at 02:00 UTC
// starting tomorrow, no notification (nor its delay: an active one needs
// one, and the field says so).
func newValues(now time.Time) createValues {
	tomorrow := now.UTC().AddDate(0, 0, 1)
	return createValues{
		Type: model.WASVulnerability, Active: true,
		TargetKind: targetApp, TagsOption: "ANY", ExTagsOption: "ANY",
		Scanner: "EXTERNAL", CancelOption: "DEFAULT",
		Occurrence: model.OccurrenceWeekly,
		StartDate:  tomorrow.Format(model.DateLayout), StartTime: "02:00", Zone: "UTC",
		EveryNHours: "1", EveryNDays: "1", EveryNWeeks: "1", WeekDays: []string{model.WeekDays[tomorrow.Weekday()]},
		MonthlyKind: monthlyByDay, DayNb: strconv.Itoa(tomorrow.Day()), DayOrder: "FIRST",
		MonthWeekDay: model.WeekDays[tomorrow.Weekday()], EveryNMonths: "1",
	}
}

// cloneValues fills the form from a schedule read with get: every setting
// the form shows, under the name "<name> (copy)" (model.CloneName, as the
// script builder's clone; the name must differ from the original's). A
// start that has passed is left empty: the service refuses a start in the
// past.
func cloneValues(s model.WasScanSchedule, now time.Time) (createValues, *createSource) {
	v := newValues(now)
	src := &createSource{ID: s.IDValue(), Name: s.NameValue(), Base: model.WASForCreate(s, s.NameValue())}
	v.Name = visible(model.CloneName(s.NameValue()))
	if t := s.TypeValue(); t != "" {
		v.Type = t
	}
	v.Active = s.IsActive()
	if t := s.Target; t != nil {
		switch {
		case t.WebApp != nil:
			v.TargetKind, v.AppID = targetApp, strconv.FormatInt(t.WebApp.ID, 10)
			name := ""
			if t.WebApp.Name != nil {
				name = string(*t.WebApp.Name)
			}
			src.App = appOption(t.WebApp.ID, name, "")
		case len(t.WebApps.Apps()) > 0:
			v.TargetKind = targetApps
			var ids []string
			for _, a := range t.WebApps.Apps() {
				ids = append(ids, strconv.FormatInt(a.ID, 10))
			}
			v.AppIDs = strings.Join(ids, ", ")
		case t.Tags != nil:
			v.TargetKind = targetTags
		}
		if tg := t.Tags; tg != nil {
			if in := tg.Included; in != nil {
				v.TagsOption, v.TagIDs = optionOr(in.Option), tagIDs(in.TagList.Tags())
			}
			if ex := tg.Excluded; ex != nil {
				v.ExTagsOption, v.ExTagIDs = optionOr(ex.Option), tagIDs(ex.TagList.Tags())
			}
		}
		if sa := t.ScannerAppliance; sa != nil {
			v.Scanner = strings.TrimSpace(sa.Type)
			if sa.FriendlyName != nil {
				v.ScannerName = visible(string(*sa.FriendlyName))
			}
		}
		v.ScannerTagIDs = tagIDs(t.ScannerTags.Tags())
		if c := t.CancelOption; c != nil {
			v.CancelOption = strings.TrimSpace(*c)
		}
	}
	if p := s.Profile; p != nil && p.ID != nil {
		v.ProfileID = strconv.FormatInt(*p.ID, 10)
		name := ""
		if p.Name != nil {
			name = string(*p.Name)
		}
		src.Profile = profileOption(*p.ID, name)
	}
	if sc := s.Scheduling; sc != nil {
		cloneScheduling(&v, src, sc, now)
	}
	if n := s.Notification; n != nil {
		v.Notify, v.Reschedule = model.Deref(n.Active), model.Deref(n.Reschedule)
		if n.Delay != nil {
			v.Delay = fmt.Sprintf("%dd", n.Delay.Nb)
		}
		rs := n.Recipients.Emails()
		for i, r := range rs {
			rs[i] = visible(r)
		}
		v.Recipients = strings.Join(rs, "\n")
		v.Message = visibleLines(string(model.Deref(n.Message)))
	}
	v.SendMail, v.SendOneMail = model.Deref(s.SendMail), model.Deref(s.SendOneMail)
	return v, src
}

func cloneScheduling(v *createValues, src *createSource, sc *model.WASScheduling, now time.Time) {
	if sc.TimeZone != nil && sc.TimeZone.Code != "" {
		v.Zone = visible(sc.TimeZone.Code)
	}
	if sc.CancelAfterNHours != nil {
		v.CancelAfter = strconv.Itoa(*sc.CancelAfterNHours)
	}
	if sc.StartDate != nil {
		if st, err := time.Parse(model.WASTimeLayout, *sc.StartDate); err == nil {
			loc := time.UTC
			if l, err := time.LoadLocation(v.Zone); err == nil && v.Zone != "Local" {
				loc = l
			}
			ls := st.In(loc)
			src.Start = ls.Format("2006-01-02 15:04 MST")
			v.StartDate, v.StartTime = ls.Format(model.DateLayout), ls.Format("15:04")
			if ls.Second() != 0 {
				v.StartTime = ls.Format("15:04:05")
			}
			if st.Before(now) {
				v.StartDate, src.Past = "", true
			}
		}
	}
	v.Occurrence = model.Deref(sc.OccurrenceType)
	o := sc.Occurrence
	if o == nil {
		return
	}
	if h := o.Hourly; h != nil {
		v.EveryNHours = strconv.Itoa(h.EveryNHours)
		if c := h.OccurrenceCount; c != nil {
			v.EndCount = strconv.Itoa(*c)
		}
	}
	if d := o.Daily; d != nil {
		v.EveryNDays = strconv.Itoa(d.EveryNDays)
		if c := d.OccurrenceCount; c != nil {
			v.EndCount = strconv.Itoa(*c)
		}
	}
	if w := o.Weekly; w != nil {
		v.EveryNWeeks = strconv.Itoa(w.EveryNWeeks)
		v.WeekDays = nil
		for _, d := range model.WeekDays { // in the picker's order
			if slices.Contains(w.OnDays, d) {
				v.WeekDays = append(v.WeekDays, d)
			}
		}
		if c := w.OccurrenceCount; c != nil {
			v.EndCount = strconv.Itoa(*c)
		}
	}
	if mo := o.Monthly; mo != nil {
		r, err := model.ParseWASMonthly(mo.InnerXML)
		if err != nil {
			src.Notes = append(src.Notes, "The monthly recurrence could not be read ("+safe.Line(err.Error(), 0)+"): set it again.")
			return
		}
		v.EveryNMonths = strconv.Itoa(r.EveryNMonths)
		if r.DayNb > 0 {
			v.MonthlyKind, v.DayNb = monthlyByDay, strconv.Itoa(r.DayNb)
		} else {
			v.MonthlyKind, v.DayOrder, v.MonthWeekDay = monthlyByOrder, r.DayOrder, r.WeekDay
		}
		if r.OccurrenceCount != nil {
			v.EndCount = strconv.Itoa(*r.OccurrenceCount)
		}
	}
}

func optionOr(o string) string {
	if o = strings.TrimSpace(o); o == "ALL" {
		return o
	}
	return "ANY"
}

func tagIDs(ts []model.WASTag) string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = strconv.FormatInt(t.ID, 10)
	}
	return strings.Join(ids, ", ")
}

// appOption is a web app's picker entry: name, URL and id (display-safe).
func appOption(id int64, name, url string) option {
	label := present.OrNone(safe.Line(name, 36))
	if url != "" {
		label += " · " + safe.Line(url, 30)
	}
	return option{strconv.FormatInt(id, 10), fmt.Sprintf("%s (%d)", label, id)}
}

// profileOption is an option profile's picker entry.
func profileOption(id int64, name string) option {
	return option{strconv.FormatInt(id, 10), fmt.Sprintf("%s (%d)", present.OrNone(safe.Line(name, 50)), id)}
}

// createFieldOf maps the element paths of model.ValidateWASCreate's
// problems to the form's field keys, longest prefix first.
var createFieldOf = []struct{ prefix, key string }{
	{"name", "name"}, {"type", "type"},
	{"target.webApp", "app"}, {"target.webApps", "appIds"},
	{"target.tags.included.option", "tagsOption"}, {"target.tags.included", "tagIds"},
	{"target.tags.excluded.option", "exTagsOption"}, {"target.tags.excluded", "exTagIds"},
	{"target.scannerAppliance.friendlyName", "scannerName"}, {"target.scannerAppliance", "scanner"},
	{"target.scannerTags", "scannerTags"}, {"target.cancelOption", "cancelOption"}, {"target", "targetKind"},
	{"profile", "profile"},
	{"scheduling.startDate", "startDate"}, {"scheduling.timeZone", "zone"},
	{"scheduling.cancelAfterNHours", "cancelAfter"}, {"scheduling.occurrenceType", "occurrence"},
	{"scheduling.occurrence.hourlyOccurrence.occurrenceCount", "endCount"},
	{"scheduling.occurrence.hourlyOccurrence", "everyNHours"},
	{"scheduling.occurrence.dailyOccurrence.occurrenceCount", "endCount"},
	{"scheduling.occurrence.dailyOccurrence", "everyNDays"},
	{"scheduling.occurrence.weeklyOccurrence.everyNWeeks", "everyNWeeks"},
	{"scheduling.occurrence.weeklyOccurrence.onDays", "weekDays"},
	{"scheduling.occurrence.weeklyOccurrence.occurrenceCount", "endCount"},
	{"scheduling.occurrence.monthlyOccurrence", "monthlyKind"},
	{"scheduling.occurrence", "occurrence"},
	{"notification.delay", "delay"}, {"notification.recipients", "recipients"}, {"notification.message", "message"}, {"notification", "notify"},
}

func createFieldKey(path string) string {
	for _, f := range createFieldOf {
		if path == f.prefix || strings.HasPrefix(path, f.prefix+".") {
			return f.key
		}
	}
	return path
}

// schedule builds the create body from the values: only the chosen
// target kind's and occurrence type's fields are used, whatever the
// hidden groups still hold (huh keeps their values). It returns every
// problem, keyed by form field: the values' own (a number that is not
// one, a start in the past, a clone's unchanged name) and
// model.ValidateWASCreate's.
func (v createValues) schedule(src *createSource, now time.Time) (model.WasScanSchedule, model.ValidationErrors) {
	var probs model.ValidationErrors
	add := func(key, problem string) { probs = append(probs, model.FieldError{Field: key, Problem: problem}) }
	num := func(key, text string, min int) *int {
		t := strings.TrimSpace(text)
		n, err := strconv.Atoi(t)
		switch {
		case t == "":
			add(key, "required")
			return nil
		case err != nil:
			add(key, fmt.Sprintf("%q is not a whole number", safe.Line(t, 20)))
			return nil
		case n < min:
			add(key, fmt.Sprintf("must be %d or more", min))
			return nil
		}
		return &n
	}
	ids := func(key, text string, required bool) []int64 {
		var out []int64
		for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' }) {
			n, err := strconv.ParseInt(f, 10, 64)
			if err != nil || n <= 0 {
				add(key, fmt.Sprintf("%q is not an id (a positive number)", safe.Line(f, 20)))
				return nil
			}
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
		if len(out) == 0 && required {
			add(key, "give at least one id")
		}
		return out
	}

	var s model.WasScanSchedule
	if src != nil {
		s = model.WASForCreate(src.Base, "") // a fresh copy: the base is never changed
	}
	name := strings.TrimSpace(fromVisible(v.Name))
	s.Name = model.TextPtr(name)
	if src != nil && strings.EqualFold(name, strings.TrimSpace(src.Name)) {
		add("name", fmt.Sprintf("must differ from the name of schedule %d", src.ID))
	}
	s.Type = model.Ptr(v.Type)
	s.Active = model.Ptr(v.Active)

	// Target: the kind chosen; the source's authentication record and
	// randomise setting stay.
	t := &model.WASTarget{}
	if s.Target != nil {
		t.WebAppAuthRecord, t.RandomizeScan = s.Target.WebAppAuthRecord, s.Target.RandomizeScan
	}
	tagSel := func(idsKey, opt, text string, required bool) *model.WASTagSelection {
		list := ids(idsKey, text, required)
		if len(list) == 0 {
			return nil
		}
		set := &model.WASTagSet{}
		for _, id := range list {
			set.Set = append(set.Set, model.WASTag{ID: id})
		}
		return &model.WASTagSelection{Option: opt, TagList: set}
	}
	switch v.TargetKind {
	case targetApp:
		if id, err := strconv.ParseInt(v.AppID, 10, 64); err == nil && id > 0 {
			t.WebApp = &model.WASWebApp{ID: id}
		} else {
			add("app", "pick a web app (search by name above)")
		}
	case targetApps, targetTags:
		if v.TargetKind == targetApps {
			if list := ids("appIds", v.AppIDs, true); len(list) > 0 {
				t.WebApps = &model.WASWebAppList{}
				for _, id := range list {
					t.WebApps.Set = append(t.WebApps.Set, model.WASWebApp{ID: id})
				}
			}
		}
		in := tagSel("tagIds", v.TagsOption, v.TagIDs, v.TargetKind == targetTags)
		ex := tagSel("exTagIds", v.ExTagsOption, v.ExTagIDs, false)
		if in != nil || ex != nil {
			t.Tags = &model.WASTargetTags{Included: in, Excluded: ex}
		}
	default:
		add("targetKind", "choose a web app, several web apps or tags")
	}
	t.ScannerAppliance = &model.WASScanner{Type: v.Scanner}
	switch v.Scanner {
	case "INTERNAL":
		if n := strings.TrimSpace(fromVisible(v.ScannerName)); n != "" {
			t.ScannerAppliance.FriendlyName = model.TextPtr(n)
		}
	case "scannerTags":
		if list := ids("scannerTags", v.ScannerTagIDs, true); len(list) > 0 {
			t.ScannerTags = &model.WASTagSet{}
			for _, id := range list {
				t.ScannerTags.Set = append(t.ScannerTags.Set, model.WASTag{ID: id})
			}
		}
	}
	t.CancelOption = model.Ptr(v.CancelOption)
	s.Target = t

	s.Profile = nil
	if id, err := strconv.ParseInt(v.ProfileID, 10, 64); err == nil && id > 0 {
		s.Profile = &model.WASRef{ID: &id}
	} else {
		add("profile", "pick an option profile")
	}

	s.Scheduling = v.scheduling(src, now, add, num)

	n := &model.WASNotification{Active: model.Ptr(v.Notify), Reschedule: model.Ptr(v.Reschedule)}
	if d := strings.TrimSpace(v.Delay); d != "" {
		if dl, err := model.ParseNotifyDelay(d); err != nil {
			add("delay", err.Error())
		} else {
			n.Delay = &dl
		}
	}
	if rs := model.ParseRecipients(fromVisible(v.Recipients)); len(rs) > 0 {
		n.Recipients = model.SetRecipients(rs)
	}
	if msg := fromVisibleLong(v.Message); strings.TrimSpace(msg) != "" {
		n.Message = model.TextPtr(msg)
	}
	s.Notification = n
	s.SendMail, s.SendOneMail = model.Ptr(v.SendMail), model.Ptr(v.SendOneMail)

	// The model's problems, less those a value's own problem already
	// explains (an unreadable number leaves its element out).
	own := map[string]bool{}
	for _, p := range probs {
		own[p.Field] = true
	}
	for _, e := range model.ValidateWASCreate(s) {
		key := createFieldKey(e.Field)
		if !slices.ContainsFunc(explainedBy(key), func(k string) bool { return own[k] }) {
			add(key, e.Problem)
		}
	}
	return s, probs
}

// longText is the size from which fromVisibleLong remembers its result.
const longText = 4096

// unescaped remembers the last long text turned back from its visible
// form: the body is rebuilt on every key, and a message may be megabytes
// long (the simulator stores what it is sent).
var unescaped struct {
	sync.Mutex
	in, out string
}

// fromVisibleLong is fromVisible, remembered for one long text.
func fromVisibleLong(s string) string {
	if len(s) < longText {
		return fromVisible(s)
	}
	unescaped.Lock()
	defer unescaped.Unlock()
	if s != unescaped.in {
		unescaped.in, unescaped.out = s, fromVisible(s)
	}
	return unescaped.out
}

// explainedBy lists the fields whose own problem explains a model problem
// about key.
func explainedBy(key string) []string {
	switch key {
	case "targetKind":
		return []string{"targetKind", "app", "appIds", "tagIds", "exTagIds"}
	case "startDate":
		return []string{"startDate", "startTime", "zone"}
	case "monthlyKind":
		return []string{"monthlyKind", "dayNb", "everyNMonths", "endCount"}
	}
	return []string{key}
}

// scheduling builds the scheduling block of the chosen occurrence type.
func (v createValues) scheduling(src *createSource, now time.Time, add func(key, problem string), num func(key, text string, min int) *int) *model.WASScheduling {
	sc := &model.WASScheduling{OccurrenceType: model.Ptr(v.Occurrence), TimeZone: &model.WASTimeZone{Code: strings.TrimSpace(fromVisible(v.Zone))}}
	zoneOK := true
	if z := sc.TimeZone.Code; z == "" || z == "Local" {
		add("zone", "required: an IANA time zone such as Europe/Berlin")
		zoneOK = false
	} else if _, err := time.LoadLocation(z); err != nil {
		add("zone", fmt.Sprintf("%q is not a known time zone (use an IANA name such as Europe/Berlin)", safe.Line(z, 40)))
		zoneOK = false
	}
	date, clockText := strings.TrimSpace(v.StartDate), strings.TrimSpace(v.StartTime)
	dateOK, timeOK := true, true
	if _, err := time.Parse(model.DateLayout, date); err != nil {
		dateOK = false
		switch {
		case date == "" && src != nil && src.Past:
			add("startDate", "required: the original start, "+safe.Line(src.Start, 30)+", has passed; the service refuses a past start")
		case date == "":
			add("startDate", "required, as YYYY-MM-DD")
		default:
			add("startDate", fmt.Sprintf("%q is not a date as YYYY-MM-DD", safe.Line(date, 20)))
		}
	}
	if _, err := time.Parse("15:04", clockText); err != nil {
		if _, err := time.Parse("15:04:05", clockText); err != nil {
			timeOK = false
			add("startTime", fmt.Sprintf("%q is not a time as HH:MM (24 h)", safe.Line(clockText, 20)))
		}
	}
	if dateOK && timeOK && zoneOK {
		if st, err := model.WASStart(date, clockText, sc.TimeZone.Code); err == nil {
			sc.StartDate = model.Ptr(st.Format(model.WASTimeLayout))
			if st.Before(now) {
				add("startDate", "is in the past: the service refuses a start before the current time")
			}
		}
	}
	if c := strings.TrimSpace(v.CancelAfter); c != "" {
		if n := num("cancelAfter", c, 1); n != nil {
			sc.CancelAfterNHours = n
		}
	}
	count := func() *int {
		if strings.TrimSpace(v.EndCount) == "" {
			return nil
		}
		return num("endCount", v.EndCount, 1)
	}
	switch v.Occurrence {
	case model.OccurrenceOnce:
	case model.OccurrenceHourly:
		c := count()
		if n := num("everyNHours", v.EveryNHours, 1); n != nil {
			sc.Occurrence = &model.WASOccurrence{Hourly: &model.WASHourly{EveryNHours: *n, OccurrenceCount: c}}
		}
	case model.OccurrenceDaily:
		c := count()
		if n := num("everyNDays", v.EveryNDays, 1); n != nil {
			sc.Occurrence = &model.WASOccurrence{Daily: &model.WASDaily{EveryNDays: *n, OccurrenceCount: c}}
		}
	case model.OccurrenceWeekly:
		w := &model.WASWeekly{OnDays: slices.Clone(v.WeekDays), OccurrenceCount: count()}
		if n := num("everyNWeeks", v.EveryNWeeks, 1); n != nil {
			w.EveryNWeeks = *n
		}
		sc.Occurrence = &model.WASOccurrence{Weekly: w}
	case model.OccurrenceMonthly:
		r := model.WASMonthlyRule{OccurrenceCount: count()}
		every := num("everyNMonths", v.EveryNMonths, 1)
		if every != nil {
			r.EveryNMonths = *every
		}
		if v.MonthlyKind == monthlyByOrder {
			r.DayOrder, r.WeekDay = v.DayOrder, v.MonthWeekDay
		} else if n := num("dayNb", v.DayNb, 1); n != nil {
			r.DayNb = *n
		} else {
			return sc
		}
		if every == nil {
			return sc
		}
		if err := r.Check(); err != nil {
			key := "monthlyKind"
			switch {
			case strings.Contains(err.Error(), "dayNb"):
				key = "dayNb"
			case strings.Contains(err.Error(), "everyNMonths"):
				key = "everyNMonths"
			}
			add(key, strings.TrimPrefix(err.Error(), "monthlyOccurrence: "))
			return sc
		}
		sc.Occurrence = &model.WASOccurrence{Monthly: &model.WASMonthly{InnerXML: r.InnerXML()}}
	}
	return sc
}

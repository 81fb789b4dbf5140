package present

import (
	"fmt"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// Field is one labelled value of a detail view. Value is safe to show
// (ui/safe) and on one line.
type Field struct {
	Section string // "" for the first block, else e.g. "Scheduling"
	Label   string
	Value   string
}

// Sections of WASDetails, in order after the first block.
const (
	SectionScheduling   = "Scheduling"
	SectionTarget       = "Target"
	SectionNotification = "Notification"
	SectionLastScan     = "Last scan"
)

// WASDetails lists every field of a schedule, as the get endpoint returns
// it, in sections; every date-time is shown in loc, the display zone (nil:
// UTC), and now words the next launch ("in 3 h").
func WASDetails(s model.WasScanSchedule, loc *time.Location, now time.Time) []Field {
	loc = orUTC(loc)
	at := func(v string) string { return WASTime(v, loc) }
	f := fields{}
	f.add("ID", fmt.Sprint(s.IDValue()))
	f.add("Name", safe.Text(s.NameValue()))
	f.add("Type", safe.Text(s.TypeValue()))
	f.add("Active", YesNo(s.IsActive()))
	f.add("Invalid", YesNo(s.IsInvalid()))
	f.add("Multi-Scan", YesNo(model.Deref(s.Multi)))
	if o := s.Owner; o != nil {
		f.add("Owner", fmt.Sprintf("%s (%s, id %d)", safe.Text(strings.TrimSpace(o.FirstName+" "+o.LastName)), safe.Text(o.Username), o.ID))
	}
	f.addOpt("Created", s.CreatedDate, at)
	f.addOpt("Updated", s.UpdatedDate, at)
	f.add("Launched", Plural(model.Deref(s.LaunchedCount), "time"))
	f.addRef("Option profile", s.Profile)
	f.addRef("Proxy", s.Proxy)
	f.addRef("DNS override", s.DNSOverride)
	f.addBool("Progressive scan", s.ProgressiveScanning)

	f.section = SectionScheduling
	next := "none"
	if t, ok := s.NextLaunch(); ok {
		next = model.DescribeRun(t.In(loc), now)
	}
	f.add("Next launch", next)
	if sc := s.Scheduling; sc != nil {
		f.addOpt("Occurrence", sc.OccurrenceType, safe.Text)
		f.addOpt("Start", sc.StartDate, at)
		if sc.TimeZone != nil {
			f.add("Time zone", safe.Text(sc.TimeZone.Code))
		}
		f.add("Recurrence", recurrence(sc.Occurrence))
		if h := sc.CancelAfterNHours; h != nil {
			f.add("Cancel after", Duration(time.Duration(*h)*time.Hour))
		}
	}

	f.section = SectionTarget
	if t := s.Target; t != nil {
		f.target(t)
	}

	f.section = SectionNotification
	f.notification(s.Notification)
	f.add("Send mail", YesNo(model.Deref(s.SendMail)))
	f.add("Send one mail", YesNo(model.Deref(s.SendOneMail)))
	f.addOpt("Mail from", s.SendMailFromAddressOption, safe.Text)

	if l := s.LastScan; l != nil {
		f.section = SectionLastScan
		f.add("Scan", fmt.Sprintf("%s (id %d)", safe.Text(string(model.Deref(l.Name))), l.ID))
		f.addOpt("Launched", l.LaunchedDate, at)
		f.addOpt("Status", l.Status, safe.Text)
		if l.Summary != nil {
			f.add("Results", safe.Text(l.Summary.ResultsStatus))
		}
	}
	return f.list
}

type fields struct {
	section string
	list    []Field
}

func (f *fields) add(label, value string) {
	if value != "" {
		f.list = append(f.list, Field{f.section, label, value})
	}
}

func (f *fields) addOpt(label string, v *string, show func(string) string) {
	if v != nil {
		f.add(label, show(*v))
	}
}

func (f *fields) addBool(label string, v *bool) {
	if v != nil {
		f.add(label, YesNo(*v))
	}
}

func (f *fields) addRef(label string, r *model.WASRef) {
	switch {
	case r == nil:
	case r.ID == nil:
		f.add(label, safe.Text(string(model.Deref(r.Name))))
	default:
		f.add(label, strings.TrimSpace(fmt.Sprintf("%s (id %d)", safe.Text(string(model.Deref(r.Name))), *r.ID)))
	}
}

func (f *fields) target(t *model.WASTarget) {
	if a := t.WebApp; a != nil {
		f.add("Web app", webApp(*a))
	}
	if l := t.WebApps; l != nil {
		apps := l.Apps()
		for _, a := range apps {
			f.add("Web app", webApp(a))
		}
		f.counted("Web app count", l.QListCount, len(apps))
	}
	if tg := t.Tags; tg != nil {
		f.tags("Tags included", "Included count", tg.Included)
		f.tags("Tags excluded", "Excluded count", tg.Excluded)
	}
	if ar := t.WebAppAuthRecord; ar != nil {
		switch {
		case model.Deref(ar.IsDefault):
			f.add("Auth record", "default")
		case ar.ID != nil:
			f.add("Auth record", fmt.Sprintf("id %d", *ar.ID))
		}
	}
	if sa := t.ScannerAppliance; sa != nil {
		f.add("Scanner", safe.Text(strings.TrimSpace(sa.Type+" "+string(model.Deref(sa.FriendlyName)))))
	}
	if st := t.ScannerTags.Tags(); len(st) > 0 {
		f.add("Scanner tags", tagNames(st))
	}
	if t.ScannerTags != nil {
		f.counted("Scanner tag count", t.ScannerTags.QListCount, len(t.ScannerTags.Tags()))
	}
	f.addOpt("Cancel option", t.CancelOption, safe.Text)
	f.addBool("Randomize scan", t.RandomizeScan)
}

// tags adds a tag selection: "ANY of prod (id 5), web (id 6)".
func (f *fields) tags(label, countLabel string, sel *model.WASTagSelection) {
	if sel == nil {
		return
	}
	ts := sel.TagList.Tags()
	names := OrNone(tagNames(ts))
	if sel.Option != "" {
		names = safe.Text(sel.Option) + " of " + names
	}
	f.add(label, names)
	if sel.TagList != nil {
		f.counted(countLabel, sel.TagList.QListCount, len(ts))
	}
}

// counted notes a QList whose count disagrees with the items it lists:
// the items are shown, and the server's count beside them, so that a
// short list is not taken for the whole.
func (f *fields) counted(label string, c model.QListCount, listed int) {
	if n, ok := c.Counted(); ok && n != listed {
		f.add(label, fmt.Sprintf("%s by the server, %s listed", Count(n), Count(listed)))
	}
}

func (f *fields) notification(n *model.WASNotification) {
	if n == nil {
		n = &model.WASNotification{}
	}
	f.add("Notify", YesNo(model.Deref(n.Active)))
	f.add("Reschedule", YesNo(model.Deref(n.Reschedule)))
	if d := n.Delay; d != nil {
		f.add("Notify before", delay(*d))
	}
	rs := n.Recipients.Emails()
	if len(rs) == 0 {
		f.add("Recipients", "none")
	}
	for _, r := range rs {
		f.add("Recipient", safe.Text(r))
	}
	if n.Recipients != nil {
		f.counted("Recipient count", n.Recipients.QListCount, len(rs))
	}
	if n.Message != nil {
		f.add("Message", safe.Text(string(*n.Message)))
	}
}

func webApp(a model.WASWebApp) string {
	s := named(a.Name, a.ID)
	if a.URL != nil {
		s += " " + safe.Text(string(*a.URL))
	}
	return s
}

func tagNames(ts []model.WASTag) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = named(t.Name, t.ID)
	}
	return strings.Join(names, ", ")
}

// named shows an object as "name (id 5)", or "id 5" when the server sent
// no name.
func named(name *model.Text, id int64) string {
	if n := safe.Text(string(model.Deref(name))); n != "" {
		return fmt.Sprintf("%s (id %d)", n, id)
	}
	return fmt.Sprintf("id %d", id)
}

func delay(d model.WASDelay) string {
	if d.Scale == "DAY" {
		return Duration(time.Duration(d.Nb) * 24 * time.Hour)
	}
	return safe.Text(d.String())
}

func recurrence(o *model.WASOccurrence) string {
	switch {
	case o == nil:
		return ""
	case o.Hourly != nil:
		s := "every " + Plural(o.Hourly.EveryNHours, "hour")
		if c := o.Hourly.OccurrenceCount; c != nil {
			s += ", " + Plural(*c, "time")
		}
		return s
	case o.Daily != nil:
		s := "every " + Plural(o.Daily.EveryNDays, "day")
		if c := o.Daily.OccurrenceCount; c != nil {
			s += ", " + Plural(*c, "time")
		}
		return s
	case o.Weekly != nil:
		s := "every " + Plural(o.Weekly.EveryNWeeks, "week") + " on " + safe.Text(strings.Join(o.Weekly.OnDays, ", "))
		if c := o.Weekly.OccurrenceCount; c != nil {
			s += ", " + Plural(*c, "time")
		}
		return s
	case o.Monthly != nil:
		return "monthly, as stored: " + safe.Text(strings.Join(strings.Fields(o.Monthly.InnerXML), " ")) // U2: opaque
	}
	return ""
}

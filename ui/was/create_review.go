package was

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// PreviewLaunches is how many next launches the review lists.
const PreviewLaunches = 10

// review is the review's content: what the schedule is, its problems,
// its next launches and the exact request, built by the function that
// sends it. Every value is shown through ui/safe.
func (f *createForm) review() string {
	f.recheck()
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	for _, l := range f.summary() {
		line("%s", l)
	}
	if f.src != nil {
		for _, n := range f.src.Notes {
			line("! %s", n)
		}
	}
	if len(f.problems) > 0 {
		line("")
		line("Fix these before sending (b goes back to the form):")
		for _, p := range f.problems {
			line("  ✗ %s: %s", createTitle(p.Field), safe.Line(p.Problem, 0))
		}
	}
	line("")
	line("Next %d launches (%s):", PreviewLaunches, safe.Line(zoneOf(f.out), 0))
	for _, l := range f.launchLines() {
		line("  %s", l)
	}
	line("")
	req, err := client.NewWASCreateRequest(f.out)
	if err != nil {
		line("The request cannot be built until the problems above are fixed.")
		return b.String()
	}
	lines := strings.Split(strings.TrimRight(string(req.Body()), "\n"), "\n")
	head, tail := lines, []string(nil)
	if len(lines) > maxBodyLines {
		head, tail = lines[:maxBodyLines-bodyTailLines], lines[len(lines)-bodyTailLines:]
		line("%s %s — exactly this body (%s of its lines are not shown; they are sent as read and typed):",
			req.Method(), req.Path(), present.Count(len(lines)-len(head)-len(tail)))
	} else {
		line("%s %s — exactly this body:", req.Method(), req.Path())
	}
	show := func(ls []string) {
		for _, l := range ls {
			t := strings.TrimLeft(l, " ")
			line("%s%s", l[:len(l)-len(t)], safe.Line(t, 0))
		}
	}
	show(head)
	if tail != nil {
		line("  … %s lines not shown …", present.Count(len(lines)-len(head)-len(tail)))
		show(tail)
	}
	return b.String()
}

// A body longer than maxBodyLines (a message of thousands of lines) is
// shown as its first lines and its last bodyTailLines, with the count of
// those left out: the review stays usable, and what is left out is said.
const (
	maxBodyLines  = 400
	bodyTailLines = 30
)

func zoneOf(s model.WasScanSchedule) string {
	if sc := s.Scheduling; sc != nil && sc.TimeZone != nil {
		return sc.TimeZone.Code
	}
	return ""
}

// launchLines are the next launches as "Thu 2026-04-02 02:00 CEST (in 2 d
// 16 h)", or why there are none.
func (f *createForm) launchLines() []string {
	now := f.now()
	runs, err := model.WASNextLaunches(f.out.Scheduling, now, PreviewLaunches)
	switch {
	case err != nil:
		return []string{"cannot compute: " + safe.Line(err.Error(), 0)}
	case len(runs) == 0:
		return []string{"none: the schedule does not launch again"}
	}
	out := make([]string, len(runs))
	for i, t := range runs {
		out[i] = model.DescribeRun(t, now)
	}
	if c := occurrenceCount(f.out.Scheduling); c != nil && len(runs) < PreviewLaunches {
		out = append(out, "then none: the schedule ends after "+present.Plural(*c, "launch"))
	}
	return out
}

// occurrenceCount is the end condition of a recurring schedule, or nil.
func occurrenceCount(sc *model.WASScheduling) *int {
	if sc == nil || sc.Occurrence == nil {
		return nil
	}
	switch o := sc.Occurrence; {
	case o.Hourly != nil:
		return o.Hourly.OccurrenceCount
	case o.Daily != nil:
		return o.Daily.OccurrenceCount
	case o.Weekly != nil:
		return o.Weekly.OccurrenceCount
	case o.Monthly != nil:
		if r, err := model.ParseWASMonthly(o.Monthly.InnerXML); err == nil {
			return r.OccurrenceCount
		}
	}
	return nil
}

// summary describes the schedule in a few display-safe lines.
func (f *createForm) summary() []string {
	s, v := f.out, f.v
	active := "inactive after creation"
	if v.Active {
		active = "active after creation"
	}
	lines := []string{
		"Name: " + present.OrNone(shown(v.Name, 0)),
		safe.Line(v.Type, 0) + " scan · " + active,
		"Target: " + f.targetText(),
		"Option profile: " + f.profileText(),
		"Scanner: " + f.scannerText() + " · cancel option " + f.cancelText(),
		"When: " + f.whenText(),
		"Notification: " + f.notificationText(),
		fmt.Sprintf("Mail after the scan: %s · one mail per scan: %s", present.YesNo(v.SendMail), present.YesNo(v.SendOneMail)),
	}
	if f.src != nil {
		l := fmt.Sprintf("Copy of WAS schedule %d (%s)", f.src.ID, safe.Line(f.src.Name, 40))
		if kept := keptSettings(s); kept != "" {
			l += "; kept as read: " + kept
		}
		lines = append(lines, l)
	}
	return lines
}

// keptSettings names the settings a clone keeps that the form does not
// show.
func keptSettings(s model.WasScanSchedule) string {
	var out []string
	ref := func(name string, r *model.WASRef) {
		if r != nil && r.ID != nil {
			out = append(out, fmt.Sprintf("%s %d", name, *r.ID))
		}
	}
	ref("proxy", s.Proxy)
	ref("DNS override", s.DNSOverride)
	if t := s.Target; t != nil {
		if r := t.WebAppAuthRecord; r != nil {
			switch {
			case r.ID != nil:
				out = append(out, fmt.Sprintf("auth record %d", *r.ID))
			case model.Deref(r.IsDefault):
				out = append(out, "default auth record")
			}
		}
		if t.RandomizeScan != nil {
			out = append(out, "randomize scan "+present.YesNo(*t.RandomizeScan))
		}
	}
	if o := s.SendMailFromAddressOption; o != nil {
		out = append(out, "mail from "+safe.Line(*o, 20))
	}
	if p := s.ProgressiveScanning; p != nil {
		out = append(out, "progressive scanning "+present.YesNo(*p))
	}
	return strings.Join(out, ", ")
}

func (f *createForm) targetText() string {
	t := f.out.Target
	if t == nil {
		return "none"
	}
	var parts []string
	if t.WebApp != nil {
		label := strconv.FormatInt(t.WebApp.ID, 10)
		if o, ok := f.appsSeen[label]; ok {
			label = o.Label
		}
		parts = append(parts, "web app "+label)
	}
	if apps := t.WebApps.Apps(); len(apps) > 0 {
		ids := make([]int64, len(apps))
		for i, a := range apps {
			ids[i] = a.ID
		}
		parts = append(parts, "web apps "+present.IDs(ids))
	}
	if tg := t.Tags; tg != nil {
		if tg.Included != nil {
			parts = append(parts, fmt.Sprintf("tagged %s of %s", strings.ToLower(tg.Included.Option), f.tagNames(tg.Included.TagList.Tags())))
		}
		if tg.Excluded != nil {
			parts = append(parts, fmt.Sprintf("not tagged %s of %s", strings.ToLower(tg.Excluded.Option), f.tagNames(tg.Excluded.TagList.Tags())))
		}
	}
	return present.OrNone(strings.Join(parts, "; "))
}

func (f *createForm) tagNames(ts []model.WASTag) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = strconv.FormatInt(t.ID, 10)
		if n, ok := f.knownTags[t.ID]; ok {
			out[i] += " " + n
		}
	}
	return strings.Join(out, ", ")
}

func (f *createForm) profileText() string {
	for _, o := range f.profiles {
		if o.Value == f.v.ProfileID {
			return o.Label
		}
	}
	return present.OrNone(safe.Line(f.v.ProfileID, 20))
}

func (f *createForm) scannerText() string {
	switch sa := f.out.Target.ScannerAppliance; {
	case sa == nil:
		return "none"
	case sa.Type == "INTERNAL":
		return "INTERNAL " + present.OrNone(shown(f.v.ScannerName, 30))
	case sa.Type == "scannerTags":
		return "by tags " + f.tagNames(f.out.Target.ScannerTags.Tags())
	default:
		return safe.Line(sa.Type, 20)
	}
}

func (f *createForm) cancelText() string {
	s := safe.Line(model.Deref(f.out.Target.CancelOption), 20)
	if sc := f.out.Scheduling; sc != nil && sc.CancelAfterNHours != nil {
		s += fmt.Sprintf(", after %d h", *sc.CancelAfterNHours)
	}
	return s
}

// whenText is the recurrence in words, from the start in the zone.
func (f *createForm) whenText() string {
	v := f.v
	var what string
	switch v.Occurrence {
	case model.OccurrenceOnce:
		what = "once"
	case model.OccurrenceHourly:
		what = "every " + plural(v.EveryNHours, "hour")
	case model.OccurrenceDaily:
		what = "every " + plural(v.EveryNDays, "day")
	case model.OccurrenceWeekly:
		days := make([]string, len(v.WeekDays))
		for i, d := range v.WeekDays {
			days[i] = weekDayLabels[d][:3]
		}
		what = "every " + plural(v.EveryNWeeks, "week") + " on " + present.OrNone(strings.Join(days, ", "))
	case model.OccurrenceMonthly:
		if v.MonthlyKind == monthlyByOrder {
			what = fmt.Sprintf("the %s %s of every %s", strings.ToLower(v.DayOrder), weekDayLabels[v.MonthWeekDay], plural(v.EveryNMonths, "month"))
		} else {
			what = fmt.Sprintf("day %s of every %s", safe.Line(strings.TrimSpace(v.DayNb), 4), plural(v.EveryNMonths, "month"))
		}
	}
	from := safe.Line(strings.TrimSpace(v.StartDate)+" "+strings.TrimSpace(v.StartTime), 30)
	if strings.TrimSpace(v.StartDate) == "" {
		from = "a date to set, at " + safe.Line(strings.TrimSpace(v.StartTime), 10)
	}
	if sc := f.out.Scheduling; sc != nil && sc.StartDate != nil {
		if st, err := time.Parse(model.WASTimeLayout, *sc.StartDate); err == nil {
			if loc, err := time.LoadLocation(sc.TimeZone.Code); err == nil {
				from = st.In(loc).Format("2006-01-02 15:04 MST")
			}
		}
	}
	s := fmt.Sprintf("%s from %s (%s)", what, from, present.OrNone(shown(v.Zone, 40)))
	if v.Occurrence != model.OccurrenceOnce && strings.TrimSpace(v.EndCount) != "" {
		if k, err := strconv.Atoi(strings.TrimSpace(v.EndCount)); err == nil {
			s += ", ending after " + present.Plural(k, "launch") // "1 launch", not "launch"
		} else {
			s += ", ending after " + safe.Line(strings.TrimSpace(v.EndCount), 6) + " launches"
		}
	}
	return s
}

// plural words a count typed as text ("2 weeks", "1 week", "x weeks").
func plural(n, word string) string {
	n = strings.TrimSpace(n)
	if k, err := strconv.Atoi(n); err == nil {
		if k == 1 {
			return word
		}
		return present.Plural(k, word)
	}
	return safe.Line(n, 6) + " " + word + "s"
}

func (f *createForm) notificationText() string {
	n := f.out.Notification
	if n == nil || !model.Deref(n.Active) {
		return "off"
	}
	s := "on"
	if n.Delay != nil {
		s += fmt.Sprintf(", %s before", present.Plural(n.Delay.Nb, "day"))
	}
	if rs := n.Recipients.Emails(); len(rs) > 0 {
		shownRs := make([]string, len(rs))
		for i, r := range rs {
			shownRs[i] = safe.Line(r, 0)
		}
		s += ", to " + present.List(shownRs)
	}
	if model.Deref(n.Reschedule) {
		s += ", also on reschedule"
	}
	return s
}

// blocked says why s cannot send now ("" when it can).
func (f *createForm) blocked() string {
	f.recheck()
	switch n := len(f.problems); {
	case n == 1:
		return "Not sent: 1 problem remains; b goes back to the form to fix it."
	case n > 1:
		return fmt.Sprintf("Not sent: %d problems remain; b goes back to the form to fix them.", n)
	}
	if _, err := client.NewWASCreateRequest(f.out); err != nil {
		return "Not sent: " + safe.Line(err.Error(), 0)
	}
	return ""
}

// confirmSpec is the typed confirmation before the create.
func (f *createForm) confirmSpec(platform string) confirm.Spec {
	s := f.summary()
	lines := []string{s[1], s[2], s[5]}
	if l := f.launchLines(); len(l) > 0 {
		lines = append(lines, "First launch: "+l[0])
	}
	if platform != "" {
		lines = append(lines, "Platform: "+safe.Line(platform, 0))
	}
	lines = append(lines, "A create cannot be undone from here; it is never retried.")
	return confirm.Spec{
		Title: fmt.Sprintf("Create the WAS schedule %q?", shown(f.v.Name, 50)),
		Lines: lines,
		Verb:  "create it",
	}
}

// discardSpec asks before esc drops what was typed.
func (f *createForm) discardSpec() confirm.Spec {
	what := "this new WAS schedule"
	if f.src != nil {
		what = fmt.Sprintf("this copy of WAS schedule %d", f.src.ID)
	}
	return confirm.Spec{
		Title: "Discard " + what + "?",
		Lines: []string{"Name: " + present.OrNone(shown(f.v.Name, 0)), "Nothing has been sent."},
		Verb:  "discard it",
	}
}

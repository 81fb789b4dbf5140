package was

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/safe"
)

// createForm is the create form (n) and the clone form (c): the shared
// editor over createValues, the pickers' search results, and the
// schedule the values make.
type createForm struct {
	src   *createSource // the schedule cloned; nil for a new one
	srcID int64         // the clone's source, while it loads

	initial createValues  // as the form opened
	v       *createValues // bound to the huh fields
	hints   []hint
	now     func() time.Time

	out      model.WasScanSchedule // what s sends
	problems model.ValidationErrors

	// Web app picker: the last search's results (every app seen stays
	// known, so a pick survives a new search), what was searched, and
	// how it went.
	apps      []option
	appsSeen  map[string]option
	appsQuery string // the search in flight or done
	appsState string // "searching…", "18 found", an error
	appPick   *huh.Select[string]
	knownTags map[int64]string // tags seen on web apps, for the tag hints

	profiles      []option
	profilesState string
	profilePick   *huh.Select[string]

	focus string // the focused field's key after the last message
	// visited are the fields the focus has left; showAll shows every
	// field's problems (once reviewed). As in the script builder, a
	// field's problems show once the user has left it, or at the review,
	// not before anything was typed.
	visited map[string]bool
	showAll bool

	editorState // the editor (nil while the source loads) and its discard question
}

func newCreateForm(src *createSource, v createValues, now func() time.Time) *createForm {
	f := &createForm{src: src, initial: v, now: now, appsSeen: map[string]option{}, knownTags: map[int64]string{},
		visited: map[string]bool{}}
	f.v = &v
	if src != nil {
		for _, o := range []option{src.App, src.Profile} {
			if o.Value != "" {
				f.appsSeen[o.Value] = o
			}
		}
		if src.Profile.Value != "" {
			f.profiles = []option{src.Profile}
		}
	}
	return f
}

// createFields are the form's field keys, in order, and their titles
// (the heading and the review name fields by these).
var createFields = []struct{ key, title string }{
	{"name", "Name"}, {"type", "Scan type"}, {"active", "Active after creation"},
	{"targetKind", "Target"},
	{"appQuery", "Search web apps"}, {"app", "Web app"},
	{"appIds", "Web app ids"},
	{"tagsOption", "Included tags: match"}, {"tagIds", "Included tag ids"},
	{"exTagsOption", "Excluded tags: match"}, {"exTagIds", "Excluded tag ids"},
	{"profile", "Option profile"}, {"scanner", "Scanner appliance"},
	{"cancelOption", "Cancel option"}, {"cancelAfter", "Cancel after N hours"},
	{"scannerName", "Internal scanner name"}, {"scannerTags", "Scanner tag ids"},
	{"occurrence", "Occurs"}, {"startDate", "Start date"}, {"startTime", "Start time"}, {"zone", "Time zone"},
	{"everyNHours", "Every N hours"}, {"everyNDays", "Every N days"},
	{"everyNWeeks", "Every N weeks"}, {"weekDays", "On days"},
	{"monthlyKind", "Monthly on"}, {"everyNMonths", "Every N months"},
	{"dayNb", "Day of the month"}, {"dayOrder", "Which"}, {"monthWeekDay", "Weekday"},
	{"endCount", "End after N launches"},
	{"notify", "Notification active"}, {"reschedule", "Notify on reschedule"}, {"delay", "Notify delay"},
	{"recipients", "Recipients"}, {"message", "Message"},
	{"sendMail", "Send mail when scan completes"}, {"sendOneMail", "Send one mail per scan"},
}

func createTitle(key string) string {
	for _, f := range createFields {
		if f.key == key {
			return f.title
		}
	}
	return key
}

var weekDayLabels = map[string]string{
	"SUNDAY": "Sunday", "MONDAY": "Monday", "TUESDAY": "Tuesday", "WEDNESDAY": "Wednesday",
	"THURSDAY": "Thursday", "FRIDAY": "Friday", "SATURDAY": "Saturday",
}

func weekDayOptions() []huh.Option[string] {
	out := make([]huh.Option[string], len(model.WeekDays))
	for i, d := range model.WeekDays {
		out[i] = huh.NewOption(weekDayLabels[d], d)
	}
	return out
}

// build binds a huh form to f.v. As in the update form no field has a
// validator (charmbracelet/huh#650): each field's description shows its
// problems as the user types (describe, from the event loop), and the
// review refuses to send while any remain. Each target kind, scanner
// type, occurrence type and monthly kind has its own group, hidden unless
// chosen, after the group that chooses it (huh re-evaluates visibility
// only between groups); the body is built from the final choices only.
func (f *createForm) build() *huh.Form {
	f.hints = f.hints[:0]
	v := f.v
	hinted := func(key, text string, set func(string)) {
		f.hints = append(f.hints, hint{key, text, set})
	}
	in := func(key, hintText string, val *string) *huh.Input {
		fd := huh.NewInput().Key(key).Title(createTitle(key)).Description(hintText).Value(val)
		hinted(key, hintText, func(s string) { fd.Description(s) })
		return fd
	}
	text := func(key, hintText string, lines int, val *string) *huh.Text {
		fd := form.Text().Key(key).Title(createTitle(key)).Lines(lines).Description(hintText).Value(val)
		hinted(key, hintText, func(s string) { fd.Description(s) })
		return fd
	}
	pick := func(key, hintText string, val *string, opts ...huh.Option[string]) *huh.Select[string] {
		fd := huh.NewSelect[string]().Key(key).Title(createTitle(key)).Description(hintText).Options(opts...).Value(val)
		hinted(key, hintText, func(s string) { fd.Description(s) })
		return fd
	}
	yesNo := func(key string, val *bool) *huh.Confirm {
		fd := huh.NewConfirm().Key(key).Title(createTitle(key)).Affirmative("yes").Negative("no").Value(val)
		hinted(key, "", func(s string) { fd.Description(s) })
		return fd
	}
	hideUnless := func(ok func() bool) func() bool { return func() bool { return !ok() } }
	kind := func(k ...string) func() bool { return func() bool { return slices.Contains(k, v.TargetKind) } }
	occurs := func(o ...string) func() bool { return func() bool { return slices.Contains(o, v.Occurrence) } }
	monthly := func(k string) func() bool {
		return func() bool { return v.Occurrence == model.OccurrenceMonthly && v.MonthlyKind == k }
	}

	days := huh.NewMultiSelect[string]().Key("weekDays").Title(createTitle("weekDays")).Options(weekDayOptions()...).Value(&v.WeekDays).Height(9).Description("space toggles a day")
	hinted("weekDays", "space toggles a day", func(s string) { days.Description(s) })
	f.appPick = pick("app", "↑/↓ picks; the list is the last search's", &v.AppID, f.appOptions()...).Height(8)
	f.profilePick = pick("profile", "from the platform", &v.ProfileID, f.profileOptions()...).Height(5)

	hf := huh.NewForm(
		huh.NewGroup(
			in("name", fmt.Sprintf("1 to %d characters", model.MaxTitleLen), &v.Name),
			pick("type", "", &v.Type, huh.NewOption("Vulnerability", model.WASVulnerability), huh.NewOption("Discovery", model.WASDiscovery)),
			yesNo("active", &v.Active),
		).Title("Schedule"),
		huh.NewGroup(
			pick("targetKind", "", &v.TargetKind,
				huh.NewOption("One web app", targetApp), huh.NewOption("Several web apps (ids)", targetApps),
				huh.NewOption("Web apps by tag", targetTags)),
		).Title("Target"),
		huh.NewGroup(
			in("appQuery", "name contains; enter searches the platform", &v.AppQuery),
			f.appPick,
		).Title("Target: web app").WithHideFunc(hideUnless(kind(targetApp))),
		huh.NewGroup(
			in("appIds", "ids, comma-separated", &v.AppIDs),
		).Title("Target: web apps").WithHideFunc(hideUnless(kind(targetApps))),
		huh.NewGroup(
			pick("tagsOption", "", &v.TagsOption, huh.NewOption("any of the tags", "ANY"), huh.NewOption("all of the tags", "ALL")).Inline(true),
			in("tagIds", "tag ids, comma-separated", &v.TagIDs),
			pick("exTagsOption", "", &v.ExTagsOption, huh.NewOption("any of the tags", "ANY"), huh.NewOption("all of the tags", "ALL")).Inline(true),
			in("exTagIds", "optional", &v.ExTagIDs),
		).Title("Target: tags").WithHideFunc(hideUnless(kind(targetApps, targetTags))),
		huh.NewGroup(
			f.profilePick,
			pick("scanner", "", &v.Scanner, huh.NewOption("External", "EXTERNAL"), huh.NewOption("Internal", "INTERNAL"),
				huh.NewOption("Scanner tags", "scannerTags")).Inline(true),
			pick("cancelOption", "DEFAULT: the web app's own setting if it has one", &v.CancelOption,
				huh.NewOption("Default", "DEFAULT"), huh.NewOption("Specific", "SPECIFIC")).Inline(true),
			in("cancelAfter", fmt.Sprintf("1 to %d; blank: never", model.MaxCancelAfterNHours), &v.CancelAfter),
		).Title("Scan"),
		huh.NewGroup(
			in("scannerName", "the appliance's friendly name", &v.ScannerName),
		).Title("Scan: internal scanner").WithHideFunc(func() bool { return v.Scanner != "INTERNAL" }),
		huh.NewGroup(
			in("scannerTags", "tag ids, comma-separated", &v.ScannerTagIDs),
		).Title("Scan: scanner tags").WithHideFunc(func() bool { return v.Scanner != "scannerTags" }),
		huh.NewGroup(
			pick("occurrence", "", &v.Occurrence, huh.NewOption("Once", model.OccurrenceOnce), huh.NewOption("Hourly", model.OccurrenceHourly),
				huh.NewOption("Daily", model.OccurrenceDaily),
				huh.NewOption("Weekly", model.OccurrenceWeekly), huh.NewOption("Monthly", model.OccurrenceMonthly)).Inline(true),
			in("startDate", "YYYY-MM-DD, in the time zone below", &v.StartDate),
			in("startTime", "HH:MM, 24 h", &v.StartTime),
			in("zone", "IANA name, e.g. Europe/Berlin", &v.Zone),
		).Title("When"),
		huh.NewGroup(
			in("everyNHours", fmt.Sprintf("1 to %d, in elapsed time from the start (a DST change moves the clock, not the interval)", model.MaxEveryNHours), &v.EveryNHours),
		).Title("When: hourly").WithHideFunc(hideUnless(occurs(model.OccurrenceHourly))),
		huh.NewGroup(
			in("everyNDays", "1 to 365", &v.EveryNDays),
		).Title("When: daily").WithHideFunc(hideUnless(occurs(model.OccurrenceDaily))),
		huh.NewGroup(
			in("everyNWeeks", "weeks run Sunday to Saturday", &v.EveryNWeeks),
			days,
		).Title("When: weekly").WithHideFunc(hideUnless(occurs(model.OccurrenceWeekly))),
		huh.NewGroup(
			pick("monthlyKind", "", &v.MonthlyKind, huh.NewOption("a day of the month", monthlyByDay),
				huh.NewOption("the Nth weekday", monthlyByOrder)).Inline(true),
			in("everyNMonths", fmt.Sprintf("1 to %d", model.MaxEveryNMonths), &v.EveryNMonths),
		).Title("When: monthly").WithHideFunc(hideUnless(occurs(model.OccurrenceMonthly))),
		huh.NewGroup(
			in("dayNb", "1 to 31; short months run on their last day", &v.DayNb),
		).Title("When: monthly, by day").WithHideFunc(hideUnless(monthly(monthlyByDay))),
		huh.NewGroup(
			pick("dayOrder", "", &v.DayOrder, huh.NewOption("first", "FIRST"), huh.NewOption("second", "SECOND"),
				huh.NewOption("third", "THIRD"), huh.NewOption("fourth", "FOURTH"), huh.NewOption("last", "LAST")).Inline(true),
			pick("monthWeekDay", "", &v.MonthWeekDay, weekDayOptions()...).Inline(true),
		).Title("When: monthly, by weekday").WithHideFunc(hideUnless(monthly(monthlyByOrder))),
		huh.NewGroup(
			in("endCount", "blank: never ends", &v.EndCount),
		).Title("When: end").WithHideFunc(hideUnless(occurs(model.OccurrenceHourly, model.OccurrenceDaily, model.OccurrenceWeekly, model.OccurrenceMonthly))),
		huh.NewGroup(
			yesNo("notify", &v.Notify),
			yesNo("reschedule", &v.Reschedule),
			in("delay", fmt.Sprintf("days before the scan, %d to %d, e.g. 4d", model.MinNotifyDelayDays, model.MaxNotifyDelayDays), &v.Delay),
		).Title("Notification"),
		huh.NewGroup(
			text("recipients", "one per line or comma-separated", 3, &v.Recipients),
			text("message", "alt+enter starts a new line", 2, &v.Message),
		).Title("Notification: recipients and message"),
		huh.NewGroup(
			yesNo("sendMail", &v.SendMail),
			yesNo("sendOneMail", &v.SendOneMail),
		).Title("Mail after the scan"),
	)
	f.describe()
	return hf
}

// appOptions are the web app picker's entries: the current pick at the
// top (a search never changes the pick by itself: a clone keeps its web
// app until another is chosen), then the last search's results. A new
// schedule starts with no pick.
func (f *createForm) appOptions() []huh.Option[string] {
	var out []huh.Option[string]
	cur, picked := f.appsSeen[f.v.AppID]
	switch {
	case picked:
		out = append(out, huh.NewOption(cur.Label, cur.Value))
	case len(f.apps) > 0:
		out = append(out, huh.NewOption("none picked yet: ↓ picks from the list", ""))
	}
	for _, o := range f.apps {
		if !picked || o.Value != cur.Value {
			out = append(out, huh.NewOption(o.Label, o.Value))
		}
	}
	if len(f.apps) == 0 {
		label := "no web app matches: change the search"
		if f.appsState == "" || f.appsState == searching {
			label = "searching…"
		}
		out = append(out, huh.NewOption(label, ""))
	}
	return out
}

// profileOptions are the option profile picker's entries.
func (f *createForm) profileOptions() []huh.Option[string] {
	if len(f.profiles) == 0 {
		label := "loading option profiles…"
		if f.profilesState != "" && f.profilesState != searching {
			label = "none: " + f.profilesState
		}
		return []huh.Option[string]{huh.NewOption(label, "")}
	}
	out := make([]huh.Option[string], len(f.profiles))
	for i, o := range f.profiles {
		out[i] = huh.NewOption(o.Label, o.Value)
	}
	return out
}

const searching = "searching…"

// recheck rebuilds the body and its problems from the values.
func (f *createForm) recheck() {
	f.out, f.problems = f.v.schedule(f.src, f.now())
}

// describe shows each field's problems beside it, or its hint.
func (f *createForm) describe() {
	f.recheck()
	for _, h := range f.hints {
		text := h.text
		switch h.key {
		case "appQuery":
			if f.appsState != "" {
				text += " · " + f.appsState
			}
		case "tagIds", "exTagIds", "scannerTags":
			if known := f.tagHint(); known != "" {
				text += "; known: " + known
			}
		case "startDate":
			if f.src != nil && f.src.Start != "" {
				text += " (the original: " + safe.Line(f.src.Start, 0) + ")"
			}
		}
		if p := f.fieldProblems(h.key); p != "" && (f.showAll || f.visited[h.key]) {
			text = "✗ " + p
		}
		h.set(text)
	}
}

// track follows the focus after a message: it returns the field the
// focus left ("" for none) and marks it visited, showing its problems
// from now on.
func (f *createForm) track() string {
	now, prev := f.focused(), f.focus
	f.focus = now
	if prev == now || prev == "" {
		return ""
	}
	if !f.visited[prev] {
		f.visited[prev] = true
		f.describe()
		f.redraw()
	}
	return prev
}

// firstProblem is the first field, in form order, with a problem ("" for
// none), and the field keys: b from the review reopens the form there
// (form.Spec.Reopen), as the script builder does.
func (f *createForm) firstProblem() (string, []string) {
	f.recheck()
	keys := make([]string, len(createFields))
	first := ""
	for i, c := range createFields {
		keys[i] = c.key
		if first == "" && f.fieldProblems(c.key) != "" {
			first = c.key
		}
	}
	return first, keys
}

// reviewed shows every field's problems from now on: the review lists
// them all, and b goes back to the form to fix them.
func (f *createForm) reviewed() tea.Cmd {
	f.showAll = true
	f.describe()
	return nil
}

// tagHint names a few tags seen on the platform's web apps.
func (f *createForm) tagHint() string {
	ids := make([]int64, 0, len(f.knownTags))
	for id := range f.knownTags {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []string
	for i, id := range ids {
		if i == 4 {
			out = append(out, "…")
			break
		}
		out = append(out, fmt.Sprintf("%d %s", id, f.knownTags[id]))
	}
	return strings.Join(out, ", ")
}

// fieldProblems are the problems of one field, on one line.
func (f *createForm) fieldProblems(key string) string {
	var out []string
	for _, e := range f.problems {
		if e.Field == key {
			out = append(out, safe.Line(e.Problem, 0))
		}
	}
	return strings.Join(out, "; ")
}

// changed reports input that a close would lose.
func (f *createForm) changed() bool { return f.v != nil && !f.v.equal(f.initial) }

// focused is the key of the field with the focus, or "".
func (f *createForm) focused() string {
	if f.ed == nil || f.ed.Stage() != form.Editing {
		return ""
	}
	if fd := f.ed.Form().GetFocusedField(); fd != nil {
		return fd.GetKey()
	}
	return ""
}

// title is the form's heading: new or copy, and where the user is.
func (f *createForm) title() string {
	t := "New WAS schedule"
	if f.src != nil || f.srcID != 0 {
		id := f.srcID
		if f.src != nil {
			id = f.src.ID
		}
		t = "Copy of WAS schedule " + strconv.FormatInt(id, 10)
	}
	return t
}

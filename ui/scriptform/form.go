package scriptform

import (
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/present"
)

// described is a field whose description shows its hint, and whose
// label line also shows its problems while it has any. hint is read each
// time (the pickers' fields name what was picked, or why the script
// search is not offered).
//
// The problems share the label's line: huh scrolls a group taller than
// its area by lines, not by fields, so the top field may lose its first
// lines; a problem on a line of its own then stood without its label
// ("✗ is required" with no "Title").
type described struct {
	key      string // the field's key, for "visited"
	title    string // the field's label
	retitle  func(string)
	set      func(string)
	hint     func() string
	prefixes []string
	picker   bool // the hint says how to pick: shown under a problem too
}

// hints are the builder's live texts for the fields that have a picker.
type hints struct {
	script  func() string // the script id's hint (the search, or why not)
	targets func(field string) string
}

// reloads re-read a field from the draft after a picker wrote it (huh
// reads its value only when it is bound).
type reloads map[string]func()

// buildForm binds a huh form to d. Nothing in it blocks navigation: huh
// also validates on the Prev key (charmbracelet/huh#650), so the
// fields carry no validators; each field's description shows its problems
// as the user types (set from Update, never from huh's *Func callbacks,
// which run in commands on other goroutines), and the review refuses to
// submit while any remain.
// Each recurrence has its own group, hidden unless its type is chosen, and
// the type select sits in an earlier group (visibility is re-evaluated
// only between groups).
// The script and the targets are text fields that also open a picker
// (ctrl+f, see pickers.go): typed text stays the source of truth.
func buildForm(d *Draft, h hints, sk *seek) (*huh.Form, []described, reloads) {
	var descs []described
	rl := reloads{}
	fixed := func(s string) func() string { return func() string { return s } }
	in := func(key, title, hint string, v *string, prefixes ...string) *huh.Input {
		f := huh.NewInput().Key(key).Title(title).Value(v).Description(hint)
		descs = append(descs, described{key: key, title: title, retitle: func(s string) { f.Title(s) },
			set: func(s string) { f.Description(s) }, hint: fixed(hint), prefixes: prefixes})
		rl[key] = func() { f.Value(v) }
		return f
	}
	text := func(key, title string, hint func() string, lines int, v *string, prefixes ...string) *huh.Text {
		f := form.Text().Key(key).Title(title).Lines(lines).Value(v).Description(hint())
		_, pick := pickKinds[key]
		descs = append(descs, described{key: key, title: title, retitle: func(s string) { f.Title(s) },
			set: func(s string) { f.Description(s) }, hint: hint, prefixes: prefixes, picker: pick})
		rl[key] = func() { f.Value(v) }
		return f
	}
	target := func(key string) func() string { return func() string { return h.targets(key) } }
	scriptID := huh.NewInput().Key("scriptId").Title("Script id").Value(&d.ScriptID).Description(h.script())
	descs = append(descs, described{key: "scriptId", title: "Script id", retitle: func(s string) { scriptID.Title(s) },
		set: func(s string) { scriptID.Description(s) }, hint: h.script, prefixes: []string{"scripts[0].id"}, picker: true})
	rl["scriptId"] = func() { scriptID.Value(&d.ScriptID) }
	typeOpts := []huh.Option[string]{
		huh.NewOption("One-time", string(model.OneTime)), huh.NewOption("Hourly", string(model.Hourly)),
		huh.NewOption("Daily", string(model.Daily)), huh.NewOption("Weekly", string(model.Weekly)),
		huh.NewOption("Monthly", string(model.Monthly)),
	}
	days := huh.NewMultiSelect[string]().Key("days").Title("Days of the week").Options(huh.NewOptions(weekdays...)...).Value(&d.Days).Height(9).Description("space toggles a day")
	descs = append(descs, described{key: "days", title: "Days of the week", retitle: func(s string) { days.Title(s) },
		set: func(s string) { days.Description(s) }, hint: fixed("space toggles a day"), prefixes: []string{"daysOfWeek"}})
	is := func(t model.ScheduleType) func() bool { return func() bool { return d.Type != string(t) } }

	groups := []formGroup{
		{"Basics", nil, []huh.Field{
			in("title", "Title", "unique among your schedules", &d.Title, "title"),
			huh.NewInput().Key("description").Title("Description").Value(&d.Description),
			yesNo().Key("activate").Title("Activate now?").Value(&d.Activate),
			in("userId", "User id (UUID, optional)", "the Qualys user the schedule belongs to; empty sends none", &d.UserID, "user"),
			huh.NewInput().Key("userName").Title("User name").Value(&d.UserName),
		}},
		{"Targets: script", nil, []huh.Field{
			scriptID,
			in("scriptTitle", "Script title", "as the platform names it (the search fills it)", &d.ScriptTitle, "scripts[0].title"),
			text("params", "Parameters", fixed("key=value, one per line (optional)"), 3, &d.Params, "scripts[0].params"),
		}},
		{"Targets: assets", nil, []huh.Field{
			text("assets", "Assets", target("assets"), 3, &d.Assets, "assets"),
			text("assetTags", "Asset tags", target("assetTags"), 2, &d.AssetTags, "assetTags"),
			text("excluded", "Excluded assets", target("excluded"), 2, &d.Excluded, "excludedAssets"),
			yesNo().Key("allTags").Title("Require all tags?").Value(&d.AllTags),
		}},
		{"When", nil, []huh.Field{
			huh.NewSelect[string]().Key("type").Title("Schedule type").Options(typeOpts...).Value(&d.Type).Height(6),
		}},
		{"When: hourly", is(model.Hourly), []huh.Field{
			in("hourlyInterval", "Every N hours", fmt.Sprintf("%d to %d", model.MinHourlyInterval, model.MaxHourlyInterval), &d.HourlyInterval, "hourlyInterval"),
		}},
		{"When: weekly", is(model.Weekly), []huh.Field{days}},
		{"When: monthly", is(model.Monthly), []huh.Field{
			in("dayOfMonth", "Day of the month", "1 to 31; short months run on their last day", &d.DayOfMonth, "recurrenceDate"),
			in("everyNMonths", "Every N months", "1 = every month", &d.EveryNMonths, "recurrenceMonth"),
		}},
		{"When: start", nil, []huh.Field{
			in("startDate", "Start date (UTC)", "YYYY-MM-DD", &d.StartDate, "startDate"),
			in("startTime", "Start time (UTC)", "HH:MM or HH:MM:SS, read as UTC", &d.StartTime, "startTime"),
		}},
		{"When: end", func() bool { return d.Type == string(model.OneTime) }, []huh.Field{
			in("endDate", "End date (UTC)", fmt.Sprintf("YYYY-MM-DD, on or after the start (new schedules: %d days after it)", DefaultRunDays), &d.EndDate, "endDate"),
		}},
		{"Options", nil, []huh.Field{
			yesNo().Key("reboot").Title("Reboot after the script runs?").Value(&d.Reboot),
			yesNo().Key("bypass").Title("Bypass the execution policy?").Value(&d.Bypass),
			yesNo().Key("shareFim").Title("Share results with FIM?").Value(&d.ShareFIM),
		}},
		{"Options: reboot", func() bool { return !d.Reboot }, []huh.Field{
			in("rebootDelay", "Reboot delay", "10 minutes to 48 hours", &d.RebootDelay, "rebootDelayInSeconds", "rebootDelayTimeUnit"),
			huh.NewSelect[string]().Key("rebootUnit").Title("Unit").Value(&d.RebootUnit).
				Options(huh.NewOption("minutes", "MINUTES"), huh.NewOption("hours", "HOURS"), huh.NewOption("seconds", "SECONDS")),
		}},
	}
	var hg []*huh.Group
	var order []string
	for i, g := range groups {
		for _, f := range g.fields {
			order = append(order, f.GetKey())
			sk.groupOf[f.GetKey()] = i
		}
		hide := func() bool { return sk.hides(i) || (g.hide != nil && g.hide()) }
		hg = append(hg, huh.NewGroup(g.fields...).Title(g.title).Description(groupNotes[g.title]).WithHideFunc(hide))
	}
	sk.order = order
	return huh.NewForm(hg...).WithShowHelp(false), descs, rl
}

// groupNotes are facts a group states under its title instead of asking:
// the API documents one monthly kind (the draft's MonthlyKind, sent as
// monthlyScheduleType), so there is nothing to choose.
var groupNotes = map[string]string{
	"When: monthly": "Runs on a day of the month (the only monthly kind the API offers).",
}

// yesNo is a toggle that reads "yes"/"no" as everywhere else in the app
// (present.YesNo; the WAS forms' toggles too), not huh's "Yes"/"No".
func yesNo() *huh.Confirm {
	return huh.NewConfirm().Affirmative(present.YesNo(true)).Negative(present.YesNo(false))
}

// formGroup is one page of the form: hide, when set, hides it unless its
// recurrence (or option) is chosen.
type formGroup struct {
	title  string
	hide   func() bool
	fields []huh.Field
}

// fieldProblems renders the problems of v whose field starts with one of
// prefixes, on one line.
func fieldProblems(v model.ValidationErrors, prefixes ...string) string {
	var out []string
	for _, e := range v {
		for _, p := range prefixes {
			if e.Field == p || strings.HasPrefix(e.Field, p+".") || strings.HasPrefix(e.Field, p+"[") {
				out = append(out, e.Problem)
				break
			}
		}
	}
	return strings.Join(out, "; ")
}

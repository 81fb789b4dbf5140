package scripts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

// The builder's clock: schedules start the next day, 2030-05-02, which the
// simulator (on the real clock) accepts as a future date.
var builderNow = time.Date(2030, 5, 1, 9, 0, 0, 0, time.UTC)

const (
	userID = "ddf20f3a-cfd3-4fd1-8a11-0c9e1f2a3b4c"
	asset  = "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81 44496319"
)

// flow drives the app through the shared harness. Every focus move of
// the form is awaited (apptest counts them in the window title) before
// the next key goes out: huh moves the focus through commands.
type flow struct {
	*apptest.Flow
	t    *testing.T
	env  *uitest.Env
	step int
}

func newFlow(t *testing.T, env *uitest.Env) *flow {
	t.Helper()
	if env == nil {
		env = uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 1}, nil)
	}
	af := apptest.New(t, apptest.Options{Env: env, Clock: uitest.NewClock(builderNow, 0), Width: 100, Height: 40,
		Routes: func(r app.Routes) app.Routes {
			return r.With(common.ScriptsScreen, func(c common.Common) common.Screen {
				return scripts.New(c, scripts.Options{User: "demo"})
			})
		}})
	f := &flow{Flow: af, t: t, env: env}
	f.Wait("Press")
	return f
}

// moved waits for the next focus move.
func (f *flow) moved() {
	f.t.Helper()
	f.step++
	f.WaitStep(f.step)
}

// field types text (after clearing the field when asked) and goes on.
func (f *flow) field(text string, clear bool) {
	f.t.Helper()
	if clear {
		f.TM.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	}
	if text != "" {
		f.Type(text)
	}
	f.Keys("enter")
	f.moved()
}

// open starts the builder, on the title.
func (f *flow) open() {
	f.t.Helper()
	f.Keys("n")
	f.moved()
}

// basicsAndTargets fills the first groups: title, user, script, one asset.
func (f *flow) basicsAndTargets(title string) {
	f.t.Helper()
	f.field(title, false)                 // title
	f.field("", false)                    // description
	f.field("", false)                    // activate: yes
	f.field(userID, false)                // user id
	f.field("", false)                    // user name: demo
	f.field("226213", false)              // script id, typed
	f.field("Sample script title", false) // script title
	f.field("", false)                    // parameters
	f.field(asset, false)                 // assets
	f.field("", false)                    // asset tags
	f.field("", false)                    // excluded
	f.field("", false)                    // all tags: no
}

// chooseType picks the schedule type (down presses from One-time).
func (f *flow) chooseType(downs int) {
	f.t.Helper()
	for range downs {
		f.Keys("down")
	}
	f.Keys("enter")
	f.moved()
}

// options leaves reboot, bypass and FIM off; the form then completes and
// the review opens.
func (f *flow) options() {
	f.t.Helper()
	for range 3 {
		f.Keys("enter")
		f.moved()
	}
}

// submit asks for the confirmation and answers y after its grace period.
func (f *flow) submit() {
	f.t.Helper()
	f.Keys("s")
	f.moved()
	f.Confirm()
	f.step += 2 // sending, then created
	f.WaitStep(f.step)
}

// finish goes back to the list, waits for the reloaded list to show the
// new schedule's type, quits and compares the final view.
func (f *flow) finish(typ string) {
	f.t.Helper()
	f.Keys("enter")
	f.Wait(typ)
	f.RequireGolden()
}

// compact removes the insignificant whitespace of a stored body (the client
// sends indented JSON); everything else is compared byte for byte: keys,
// their order, number and string forms.
func compact(t *testing.T, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatalf("stored body is not JSON: %v\n%s", err, raw)
	}
	return b.String()
}

const bodyHead = `{"activate":true,"assetTags":[],"assets":[{"UUId":"2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81","id":44496319}],"description":"","excludedAssets":[],"scripts":[{"id":226213,"title":"Sample script title"}],`

func bodyUser(title string) string {
	return `"title":"` + title + `","user":{"id":"` + userID + `","name":"demo"},`
}

// TestE2E builds one schedule of each type through the form; the
// simulator stores exactly the expected body, and the list shows it.
func TestE2E(t *testing.T) {
	for _, c := range []struct {
		name, typ string
		downs     int
		when      func(f *flow) // the type's own fields, start and end
		body      string
	}{
		{"OneTime", "ONE_TIME", 0, func(f *flow) {
			f.field("", false) // start date: 2030-05-02
			f.field("03:30", true)
		}, `"endDate":"2030-05-02","startDate":"2030-05-02","startTime":"03:30:00","scheduleType":"ONE_TIME"}`},
		{"Hourly", "HOURLY", 1, func(f *flow) {
			f.field("6", true) // every 6 hours
			f.field("", false) // start date
			f.field("", false) // start time 02:00
			f.field("2030-05-03", true)
		}, `"endDate":"2030-05-03","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"HOURLY","hourlyInterval":6}`},
		{"Daily", "DAILY", 2, func(f *flow) {
			f.field("", false)
			f.field("", false)
			f.field("2030-05-10", true)
		}, `"endDate":"2030-05-10","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"DAILY"}`},
		{"Weekly", "WEEKLY", 3, func(f *flow) {
			f.Keys("space", "down", "down", "space", "enter") // Monday and Wednesday
			f.moved()
			f.field("", false)
			f.field("", false)
			f.field("2030-06-30", true)
		}, `"endDate":"2030-06-30","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"WEEKLY","daysOfWeek":[1,3]}`},
		{"Monthly", "MONTHLY", 4, func(f *flow) {
			f.field("15", true) // day of the month
			f.field("2", true)  // every 2 months (the one kind is stated, not asked)
			f.field("", false)
			f.field("", false)
			f.field("2030-12-31", true)
		}, `"endDate":"2030-12-31","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"MONTHLY","recurrenceDate":15,"recurrenceMonth":2,"monthlyScheduleType":"MONTHLY_DATE_OF_MONTH_JOB"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFlow(t, nil)
			title := "E2E " + c.name
			f.open()
			f.basicsAndTargets(title)
			f.chooseType(c.downs)
			c.when(f)
			f.options()
			f.submit()
			recs := f.env.Sim.CARSchedules()
			if len(recs) != 1 {
				t.Fatalf("%d schedules stored, want 1", len(recs))
			}
			if got, want := compact(t, recs[0].Raw), bodyHead+bodyUser(title)+c.body; got != want {
				t.Fatalf("stored\n%s\nwant\n%s", got, want)
			}
			f.finish(c.typ)
		})
	}
}

// TestE2EDuplicateTitle: the title is free when the review checks it, but
// someone takes it before the submit. The server's refusal brings the user
// back to the title, with its message and every other input kept.
func TestE2EDuplicateTitle(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 1}, nil)
	f := newFlow(t, env)
	f.open()
	f.basicsAndTargets("Taken title")
	f.chooseType(2) // daily
	f.field("", false)
	f.field("", false)
	f.field("2030-05-10", true)
	f.options()
	f.Keys("s")
	f.moved() // the confirmation

	// Meanwhile someone else creates a schedule with the same title.
	other := `{"activate":false,"assetTags":[],"assets":[{"UUId":"7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f","id":49526617}],"description":"","excludedAssets":[],"scripts":[{"id":226213,"title":"Sample script title"}],"title":"TAKEN TITLE","user":{"id":"","name":""},"endDate":"2030-05-09","startDate":"2030-05-09","startTime":"01:00:00","scheduleType":"ONE_TIME"}`
	otherSched, err := model.DecodeScriptSchedule([]byte(other))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.Client.Scripts.CreateSchedule(context.Background(), otherSched); err != nil {
		t.Fatal(err)
	}
	f.Confirm()
	f.step += 2 // sending, then the form again on the title
	f.Wait(fmt.Sprintf("[step %d]", f.step), "exists:")

	// A new title; every other field is as it was: enter through them.
	f.field("Fresh title", true)
	for range 18 { // the last one reaches the review
		f.Keys("enter")
		f.moved()
	}
	f.submit()
	recs := env.Sim.CARSchedules()
	if len(recs) != 2 {
		t.Fatalf("%d schedules stored, want 2", len(recs))
	}
	want := bodyHead + bodyUser("Fresh title") + `"endDate":"2030-05-10","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"DAILY"}`
	if got := compact(t, recs[1].Raw); got != want {
		t.Fatalf("stored\n%s\nwant\n%s", got, want)
	}
	f.finish("DAILY")
}

// pick opens the picker of the focused field (ctrl+f), waits for its first
// answer, searches text (pasted: one change, one search) and waits for
// that answer. Each answer the picker takes is a focus step (the window
// title's count).
func (f *flow) pick(text string) {
	f.t.Helper()
	f.Keys("ctrl+f")
	// The picker opens, then its opening search answers: two steps,
	// maybe within one frame, so only the second is awaited.
	f.step += 2
	f.WaitStep(f.step)
	f.TM.Send(tea.PasteMsg{Content: text})
	f.moved() // the answer for text
}

// TestE2EPickers builds a weekly schedule without typing an id: the
// script, two agents searched by host name and one tag come from the
// simulator's searches, and the simulator stores their {UUId, id} pairs.
func TestE2EPickers(t *testing.T) {
	f := newFlow(t, nil)
	buildByPicking(f, "Picked weekly")
	f.finish("WEEKLY")
}

// buildByPicking builds a weekly schedule (Monday and Wednesday) in the
// builder without typing an id: the script, web-01 and web-02 are searched
// by name, the "Web servers" tag by its name; it submits it and checks
// that the simulator stores the right {UUId, id} pairs. It returns the
// new schedule's id.
func buildByPicking(f *flow, title string) string {
	t, env := f.t, f.env
	t.Helper()
	ctx := context.Background()
	web02, err := env.Client.Assets.All(ctx, model.AssetQuery{Name: "web-02.example.com"})
	if err != nil || len(web02) != 1 {
		t.Fatalf("web-02: %v %v", web02, err)
	}
	tags, err := env.Client.Scripts.Tags(ctx, "Web servers")
	if err != nil || len(tags) == 0 || tags[0].Name != "Web servers" {
		t.Fatalf("tags: %v %v", tags, err)
	}

	f.open()
	f.field(title, false)
	f.field("", false)     // description
	f.field("", false)     // activate: yes
	f.field(userID, false) // user id
	f.field("", false)     // user name: demo
	f.pick("patches")      // script: "Collect installed patches" is the one row
	f.Keys("enter")        // single-select: picks it, back on the script id
	f.moved()
	f.field("", false) // script id, filled
	f.field("", false) // script title, filled
	f.field("", false) // parameters
	for _, host := range []string{"web-01", "web-02"} {
		f.pick(host)
		f.Keys("down", "space", "enter") // the first row, then back on the field
		f.moved()
	}
	f.field("", false) // assets
	f.pick("Web servers")
	f.Keys("down", "space", "enter")
	f.moved()
	f.field("", false)                                // asset tags
	f.field("", false)                                // excluded
	f.field("", false)                                // all tags: no
	f.chooseType(3)                                   // weekly
	f.Keys("space", "down", "down", "space", "enter") // Monday and Wednesday
	f.moved()
	f.field("", false)
	f.field("", false)
	f.field("2030-06-30", true)
	f.options()
	// (the review names the picked hosts: TestAgentPickerAddsLinesAndKeepsTypedOnes)
	f.submit()

	recs := env.Sim.CARSchedules()
	if len(recs) != 1 {
		t.Fatalf("%d schedules stored, want 1", len(recs))
	}
	s, err := model.DecodeScriptSchedule(recs[0].Raw)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Asset{{UUId: "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81", ID: "44496319"}, web02[0].CARAsset()}
	if fmt.Sprint(s.Assets) != fmt.Sprint(want) {
		t.Fatalf("assets %+v, want %+v", s.Assets, want)
	}
	if tag := tags[0].Ref(); len(s.AssetTags) != 1 || s.AssetTags[0] != tag {
		t.Fatalf("asset tags %+v, want %+v", s.AssetTags, tag)
	}
	if sc := s.Scripts; len(sc) != 1 || sc[0].ID != "226301" || sc[0].Title != "Collect installed patches" {
		t.Fatalf("script %+v", sc)
	}
	if fmt.Sprint(s.DaysOfWeek) != "[1 3]" || s.ScheduleType != model.Weekly {
		t.Fatalf("%s on %v", s.ScheduleType, s.DaysOfWeek)
	}
	return recs[0].ID
}

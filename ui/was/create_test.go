package was

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/uitest"
)

const createEndpoint = "POST /qps/rest/3.0/create/was/wasscanschedule"

// createFocus is the key of the create form's focused field.
func createFocus(t *testing.T, m *Model) string {
	t.Helper()
	if m.create == nil || m.create.ed == nil || m.create.ed.Stage() != form.Editing {
		t.Fatalf("the create form is not editing (mode %d, note %q)", m.mode, m.note)
	}
	return m.create.focused()
}

func (r *rig) review() string {
	r.t.Helper()
	r.press("ctrl+s")
	if r.m.create.ed.Stage() != form.Reviewing {
		r.t.Fatalf("not reviewing: stage %d", r.m.create.ed.Stage())
	}
	return r.m.create.review()
}

// n opens the form with both pickers filled from the platform; the web
// app search runs when the search field is left; the review shows the
// next ten launches and the exact body; after the typed confirmation the
// simulator holds the schedule and its row is in the list.
func TestCreateNewSchedule(t *testing.T) {
	t.Parallel()
	r := newRig(t, 30, false, Options{})
	r.keys("n")
	f := r.m.create
	if r.m.mode != modeCreate || f == nil || createFocus(t, r.m) != "name" {
		t.Fatalf("mode %d", r.m.mode)
	}
	if len(f.apps) != 18 || len(f.profiles) != 3 || f.v.ProfileID != "610001" || f.v.AppID != "" {
		t.Fatalf("pickers: %d apps, %d profiles, profile %q, app %q", len(f.apps), len(f.profiles), f.v.ProfileID, f.v.AppID)
	}
	if n := r.env.Sim.Stats().Requests["POST /qps/rest/3.0/search/was/webapp"]; n != 1 {
		t.Fatalf("%d web app searches", n)
	}
	r.typeText("Nightly – docs")
	for _, want := range []string{"type", "active", "targetKind", "appQuery"} {
		r.press("tab")
		if got := createFocus(t, r.m); got != want {
			t.Fatalf("focus on %q, want %q", got, want)
		}
	}
	r.typeText("docs")
	r.press("tab") // leaving the search field searches
	if createFocus(t, r.m) != "app" || len(f.apps) != 1 || f.v.AppID != "" || !strings.Contains(f.appsState, "1 web app found") {
		t.Fatalf("after the search: focus %q, apps %v, pick %q, %q", createFocus(t, r.m), f.apps, f.v.AppID, f.appsState)
	}
	r.press("down")
	if f.v.AppID != "2900171" {
		t.Fatalf("after the search: focus %q, apps %v, pick %q, %q", createFocus(t, r.m), f.apps, f.v.AppID, f.appsState)
	}
	if n := r.env.Sim.Stats().Requests["POST /qps/rest/3.0/search/was/webapp"]; n != 2 {
		t.Fatalf("%d web app searches", n)
	}
	f.v.Occurrence, f.v.EveryNDays, f.v.StartTime, f.v.Zone = model.OccurrenceDaily, "2", "23:30", "Asia/Kolkata"
	text := r.review()
	for _, want := range []string{"Name: Nightly – docs", "Target: web app Docs portal · https://docs.example.com/ (2900171)",
		"When: every 2 days from 2026-03-31 23:30 IST (Asia/Kolkata)", "Next 10 launches (Asia/Kolkata):",
		"Tue 2026-03-31 23:30 IST (in 1 d 8 h)", "Sat 2026-04-18 23:30 IST",
		"POST /qps/rest/3.0/create/was/wasscanschedule — exactly this body:", "<dailyOccurrence>", "<everyNDays>2</everyNDays>"} {
		if !strings.Contains(text, want) {
			t.Errorf("review lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, " IST (in "); n != 10 {
		t.Errorf("%d launches listed", n)
	}
	r.press("s")
	if f.ed.Stage() != form.Confirming {
		t.Fatalf("no confirmation: %q", f.ed.View())
	}
	r.clk.Advance(2 * time.Second)
	r.press("y")
	if r.m.mode != modeList || r.m.create != nil || !strings.HasPrefix(r.m.note, "Created WAS schedule ") || r.m.noteBad {
		t.Fatalf("after the create: mode %d, note %q", r.m.mode, r.m.note)
	}
	all := r.env.Sim.WASSchedules()
	s := all[len(all)-1]
	if s.NameValue() != "Nightly – docs" || s.Target.WebApp.ID != 2900171 || *s.Scheduling.StartDate != "2026-03-31T18:00:00Z" ||
		s.Scheduling.Occurrence.Daily.EveryNDays != 2 || *s.Profile.ID != 610001 {
		t.Fatalf("stored %+v", s)
	}
	if _, ok := r.m.index[s.IDValue()]; !ok || !strings.Contains(r.m.note, "(Nightly – docs)") {
		t.Fatalf("no row for %d; note %q", s.IDValue(), r.m.note)
	}
}

// An HOURLY schedule with an end, through the form: HOURLY is offered,
// its own group asks for the interval and the end group for the count
// (no daily, weekly or monthly field on the way); the review lists the
// launches in elapsed time across the end of summer time (Berlin,
// 2026-10-25 01:00 UTC), then says it ends; the simulator stores the
// request and agrees on the next launch; a clone keeps both.
func TestCreateHourlySchedule(t *testing.T) {
	t.Parallel()
	r := newRig(t, 30, false, Options{})
	r.keys("n")
	f := r.m.create
	r.typeText("Hourly – shop")
	for range 30 {
		focus := createFocus(t, r.m)
		if focus == "occurrence" {
			break
		}
		if focus == "app" && f.v.AppID == "" {
			r.press("down") // the first web app found
		}
		r.press("tab")
	}
	r.press("left")
	r.press("left") // Weekly → Daily → Hourly
	if f.v.Occurrence != model.OccurrenceHourly {
		t.Fatalf("occurrence %q after two lefts from Weekly", f.v.Occurrence)
	}
	set := func(want, text string) {
		t.Helper()
		r.press("tab")
		if got := createFocus(t, r.m); got != want {
			t.Fatalf("focus on %q, want %q", got, want)
		}
		if text != "" {
			r.press("ctrl+u")
			r.typeText(text)
		}
	}
	set("startDate", "2026-10-24")
	set("startTime", "22:00")
	set("zone", "Europe/Berlin")
	set("everyNHours", "5")
	set("endCount", "4")
	set("notify", "")
	text := r.review()
	for _, want := range []string{"When: every 5 hours from 2026-10-24 22:00 CEST (Europe/Berlin), ending after 4 launches",
		"Sat 2026-10-24 22:00 CEST", "Sun 2026-10-25 02:00 CET", "Sun 2026-10-25 07:00 CET", "Sun 2026-10-25 12:00 CET",
		"then none: the schedule ends after 4 launches",
		"<occurrenceType>HOURLY</occurrenceType>", "<hourlyOccurrence>", "<everyNHours>5</everyNHours>", "<occurrenceCount>4</occurrenceCount>"} {
		if !strings.Contains(text, want) {
			t.Errorf("review lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, " (in "); n != 4 {
		t.Errorf("%d launches listed:\n%s", n, text)
	}
	r.press("s")
	r.clk.Advance(2 * time.Second)
	r.press("y")
	if r.m.mode != modeList || !strings.HasPrefix(r.m.note, "Created WAS schedule ") || r.m.noteBad || strings.Contains(r.m.note, "differs") {
		t.Fatalf("after the create: mode %d, note %q", r.m.mode, r.m.note)
	}
	all := r.env.Sim.WASSchedules()
	s := all[len(all)-1]
	h := s.Scheduling.Occurrence.Hourly
	if s.NameValue() != "Hourly – shop" || model.Deref(s.Scheduling.OccurrenceType) != model.OccurrenceHourly || h == nil || h.EveryNHours != 5 ||
		model.Deref(h.OccurrenceCount) != 4 || *s.Scheduling.StartDate != "2026-10-24T20:00:00Z" || model.Deref(s.NextLaunchDate) != "2026-10-24T20:00:00Z" {
		t.Fatalf("stored %+v %+v next %v", s.Scheduling, h, model.Deref(s.NextLaunchDate))
	}
	// Cloned, it keeps the interval and the count.
	v, _ := cloneValues(s, uitest.Epoch())
	if v.Occurrence != model.OccurrenceHourly || v.EveryNHours != "5" || v.EndCount != "4" {
		t.Fatalf("clone values %+v", v)
	}
}

// A create whose answer never comes is reported as unknown, with the
// advice to search for the name, never as failed; the list reloads.
func TestCreateOutcomeUnknown(t *testing.T) {
	t.Parallel()
	r := newRig(t, 10, false, Options{})
	r.keys("n")
	f := r.m.create
	f.v.Name, f.v.AppID = "Maybe made", "2900101"
	r.review()
	r.env.Sim.AddFault(sim.Fault{Endpoint: createEndpoint, Status: 504})
	r.press("s")
	r.confirm2()
	if r.m.mode != modeList || !r.m.noteBad || !strings.Contains(r.m.note, "outcome unknown") ||
		!strings.Contains(r.m.note, "most likely not created") || !strings.Contains(r.m.note, "Not sent again") || strings.Contains(strings.ToLower(r.m.note), "fail") {
		t.Fatalf("note %q", r.m.note)
	}
	if n := r.env.Sim.Stats().Requests[createEndpoint]; n != 1 {
		t.Fatalf("create sent %d times", n)
	}
}

// The server stores the create and the connection drops before its
// answer: the name is searched for, the operator is told the schedule
// exists (created once, not sent again) and its row is in the list.
func TestCreateFoundAfterLostAnswer(t *testing.T) {
	t.Parallel()
	r := newRig(t, 10, false, Options{})
	before := len(r.env.Sim.WASSchedules())
	r.keys("n")
	f := r.m.create
	f.v.Name, f.v.AppID = "Stored, answer lost", "2900101"
	r.review()
	r.env.Sim.AddFault(sim.Fault{Endpoint: createEndpoint, Kind: sim.CommitDrop})
	r.press("s")
	r.confirm2()
	all := r.env.Sim.WASSchedules()
	if len(all) != before+1 || r.env.Sim.Stats().Requests[createEndpoint] != 1 {
		t.Fatalf("%d schedules stored (had %d), %d creates sent", len(all), before, r.env.Sim.Stats().Requests[createEndpoint])
	}
	id := all[len(all)-1].IDValue()
	if r.m.mode != modeList || r.m.noteBad || !strings.Contains(r.m.note, "a search found the new schedule (id "+strconv.FormatInt(id, 10)+")") {
		t.Fatalf("mode %d, note %q", r.m.mode, r.m.note)
	}
	if _, ok := r.m.index[id]; !ok {
		t.Fatalf("no row for %d", id)
	}
}

// A refused create goes back to the review with every value and the
// server's words; nothing is stored.
func TestCreateRefusedKeepsTheReview(t *testing.T) {
	t.Parallel()
	r := newRig(t, 10, false, Options{})
	before := len(r.env.Sim.WASSchedules())
	r.keys("n")
	f := r.m.create
	f.v.Name, f.v.AppID = "Refused", "2900101"
	r.review()
	r.env.Sim.AddFault(sim.Fault{Endpoint: createEndpoint, Status: 400, Calls: []int{1}})
	r.press("s")
	r.confirm2()
	if r.m.mode != modeCreate || f.ed.Stage() != form.Reviewing || !strings.Contains(plainView(r.m), "Create refused") ||
		f.v.Name != "Refused" || len(r.env.Sim.WASSchedules()) != before {
		t.Fatalf("mode %d, view:\n%s", r.m.mode, plainView(r.m))
	}
	// Sent again, on purpose, it is created.
	r.press("s")
	r.confirm2()
	if len(r.env.Sim.WASSchedules()) != before+1 || r.m.mode != modeList {
		t.Fatalf("resend: %d schedules, note %q", len(r.env.Sim.WASSchedules()), r.m.note)
	}
}

// confirm2 answers the editor's confirmation after its grace period.
func (r *rig) confirm2() {
	r.t.Helper()
	if r.m.create == nil || r.m.create.ed.Stage() != form.Confirming {
		r.t.Fatal("no create confirmation open")
	}
	r.clk.Advance(2 * time.Second)
	r.press("y")
}

// c copies the row under the cursor: read with get, every setting in
// the form, named "… (copy)" (the same name is refused), a passed start
// left to set anew. The start's problem shows once the field is left, or
// at the review, not before.
func TestCloneRowUnderTheCursor(t *testing.T) {
	t.Parallel()
	r := newRig(t, 30, false, Options{})
	src := r.m.cursorRow()
	r.keys("c")
	f := r.m.create
	if f == nil || f.src == nil || f.src.ID != src.id || r.env.Sim.Stats().Requests["GET /qps/rest/3.0/get/was/wasscanschedule/{id}"] != 1 {
		t.Fatalf("clone form %+v", f)
	}
	if f.v.Name != src.name+" (copy)" || !f.src.Past || f.v.StartDate != "" {
		t.Fatalf("values %+v", f.v)
	}
	f.recheck()
	if got := problemFields(f.problems); !slices.Equal(got, []string{"startDate"}) {
		t.Fatalf("problems %v", f.problems)
	}
	if v := plainView(r.m); !strings.Contains(v, "Copy of WAS schedule "+strconv.FormatInt(src.id, 10)) || strings.Contains(v, "✗") {
		t.Fatalf("view:\n%s", v)
	}
	r.press("ctrl+u") // the original's name: refused once the field is left
	r.press(paste(f.src.Name))
	if v := plainView(r.m); strings.Contains(v, "✗") {
		t.Fatalf("a problem shows in the field being typed:\n%s", v)
	}
	r.press("tab")
	if v := plainView(r.m); !strings.Contains(v, "✗ must differ from the name") {
		t.Fatalf("the problem of the field left does not show:\n%s", v)
	}
	text := r.review()
	if !strings.Contains(text, "✗ Name: must differ") || !strings.Contains(text, "✗ Start date: required: the original start, 20") {
		t.Fatalf("review:\n%s", text)
	}
	r.press("s")
	if f.ed.Stage() != form.Reviewing || !strings.Contains(plainView(r.m), "problems remain") {
		t.Fatalf("sent with problems:\n%s", plainView(r.m))
	}
	r.press("b")
	f.v.Name, f.v.StartDate = "Copy of "+f.v.Name, "2026-04-10"
	r.review()
	r.press("s")
	r.confirm2()
	all := r.env.Sim.WASSchedules()
	got := all[len(all)-1]
	orig, _ := r.env.Sim.WASSchedule(src.id)
	if got.NameValue() != "Copy of "+orig.NameValue() || model.Deref(got.Type) != model.Deref(orig.Type) ||
		got.OccurrenceValue() != orig.OccurrenceValue() || got.Scheduling.TimeZone.Code != orig.Scheduling.TimeZone.Code {
		t.Fatalf("clone %+v of %+v", got, orig)
	}
}

// Read-only sessions: n and c answer "read-only: …" and open nothing.
func TestCreateAndCloneAreWritesInReadOnly(t *testing.T) {
	t.Parallel()
	r := newRig(t, 10, true, Options{})
	for _, k := range []string{"n", "c"} {
		r.keys(k)
		if r.m.mode != modeList || !strings.HasPrefix(r.m.note, "read-only: ") {
			t.Fatalf("%s: mode %d, note %q", k, r.m.mode, r.m.note)
		}
	}
	for _, b := range r.m.ShortHelp() {
		if b.Enabled() && (b.Help().Key == "n" || b.Help().Key == "c") {
			t.Fatalf("read-only help offers %q", b.Help().Key)
		}
	}
}

// Every stage of the form fits 80×24, with the pickers' server text
// shown safely.
func TestCreateFormFits80x24(t *testing.T) {
	t.Parallel()
	r := newRig(t, 30, false, Options{})
	r.m.SetSize(80, 24)
	r.keys("c")
	f := r.m.create
	seen := map[string]bool{}
	check := func() {
		t.Helper()
		v := r.m.View()
		uitest.RequireFits(t, v, 80, 24)
		seen[createFocus(t, r.m)] = true
	}
	f.v.Occurrence, f.v.MonthlyKind, f.v.Scanner = model.OccurrenceMonthly, monthlyByOrder, "INTERNAL"
	r.run(f.ed.ToForm()) // the fields read the values anew, on the first problem
	for range 60 {
		if r.m.create.focused() == "name" {
			break
		}
		r.press("shift+tab")
	}
	check()
	for i := range 60 {
		if i == 59 {
			t.Fatalf("the form never ended: focus %q", r.m.create.focused())
		}
		k := "tab"
		if r.m.create.focused() == "sendOneMail" {
			k = "enter" // the last field submits on enter only (huh)
		}
		r.press(k)
		if r.m.create.ed.Stage() != form.Editing {
			break
		}
		check()
	}
	if !seen["app"] || !seen["dayOrder"] || !seen["scannerName"] || !seen["recipients"] || !seen["sendOneMail"] {
		t.Fatalf("fields visited: %v", seen)
	}
	if r.m.create.ed.Stage() != form.Reviewing {
		t.Fatalf("finishing the last field did not open the review: stage %d, focus %q\n%s", r.m.create.ed.Stage(), r.m.create.focused(), plainView(r.m))
	}
	for range 10 {
		uitest.RequireFits(t, r.m.View(), 80, 24)
		r.press("pgdown")
	}
}

// A body of thousands of lines (a long message) is reviewed as its start
// and its end, saying how many lines are left out; the body sent is whole.
func TestCreateReviewOfAHugeBody(t *testing.T) {
	t.Parallel()
	now := uitest.Epoch()
	v := newValues(now)
	v.Name, v.AppID, v.ProfileID = "Long", "2900101", "610001"
	v.Message = strings.Repeat("line\n", 5000) + "the end"
	f := newCreateForm(nil, v, func() time.Time { return now })
	text := f.review()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if !strings.Contains(text, "lines are not shown; they are sent as read and typed") || !strings.Contains(text, "lines not shown …") ||
		!strings.HasSuffix(text, "</ServiceRequest>\n") || !strings.Contains(text, "the end]]>") || len(lines) > 500 {
		t.Fatalf("%d lines:\n%s", len(lines), text)
	}
	if n := strings.Count(string(model.Deref(f.out.Notification.Message)), "\n"); n != 5000 {
		t.Fatalf("the message sent has %d lines", n)
	}
}

// A new schedule's form shows no problem before anything was typed: the
// empty name's shows once the field is left (as in the script builder),
// and every problem shows after the review.
func TestNewFormShowsAProblemOnceTheFieldIsLeft(t *testing.T) {
	t.Parallel()
	r := newRig(t, 5, false, Options{})
	m := r.m
	m.SetSize(80, 24)
	r.keys("n")
	f := m.create
	f.recheck()
	if got := problemFields(f.problems); !slices.Contains(got, "name") {
		t.Fatalf("an empty name has no problem: %v", got)
	}
	if v := plainView(m); strings.Contains(v, "✗") {
		t.Fatalf("a problem shows before any field was left:\n%s", v)
	}
	r.press("tab")
	if v := plainView(m); !strings.Contains(v, "✗ must be 1 to 256 characters") {
		t.Fatalf("the name's problem does not show once it was left:\n%s", v)
	}
	if f.visited["type"] {
		t.Fatal("the field with the focus counts as visited")
	}
}

// b from the create review goes to the first field with a problem (the
// web app not picked yet, in a group shown by the target kind), then,
// once the name is emptied, to the name.
func TestCreateBackGoesToTheFirstProblem(t *testing.T) {
	t.Parallel()
	r := newRig(t, 5, false, Options{})
	m := r.m
	r.keys("n")
	f := m.create
	r.press(paste("Nightly"))
	r.review()
	r.press("b")
	if got := createFocus(t, m); got != "app" {
		t.Fatalf("b went to %q, want the web app (problems %v)", got, f.problems)
	}
	r.press("down") // the key typed next reaches the picker
	if f.v.AppID == "" {
		t.Fatal("no web app picked")
	}
	f.v.Name = ""
	r.review()
	r.press("b")
	if got := createFocus(t, m); got != "name" {
		t.Fatalf("b went to %q, want the name (problems %v)", got, f.problems)
	}
}

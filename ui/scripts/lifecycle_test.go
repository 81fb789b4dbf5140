package scripts_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

// listed builds a screen at 80×24 over the simulator with three
// schedules: two weekly (one inactive), one daily.
func listed(t *testing.T) (*scripts.Screen, *uitest.Env, *uitest.Clock) {
	t.Helper()
	clk := uitest.NewClock(builderNow, 0)
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2, Now: clk.Now, TokenTTL: 1000 * time.Hour}, nil)
	targets := agents(t, env)
	a := weekly("Alpha weekly", targets)
	a.StartDate = "2030-05-06" // later than Bravo's first run
	b := weekly("Bravo weekly", targets)
	b.Activate = false
	c := weekly("Charlie daily", targets)
	c.ScheduleType, c.DaysOfWeek, c.StartDate = model.Daily, nil, "2030-05-02"
	for _, s := range []model.ScriptSchedule{a, b, c} {
		create(t, env, s)
	}
	s := scripts.New(common.New(env.Client, false, clk.Now), scripts.Options{User: "demo"})
	s.SetSize(80, 24)
	run(t, s, s.Init())
	return s, env, clk
}

func press(t *testing.T, s *scripts.Screen, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := s.Update(uitest.Key(k))
		run(t, s, cmd)
	}
}

func view(t *testing.T, s *scripts.Screen) string {
	t.Helper()
	v := s.View()
	uitest.RequireFits(t, v, 80, 24)
	return ansi.Strip(v)
}

// rows are the titles shown, top to bottom.
func rows(t *testing.T, s *scripts.Screen) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(view(t, s), "\n") {
		for _, title := range []string{"Alpha weekly", "Bravo weekly", "Charlie daily"} {
			if strings.HasPrefix(strings.TrimLeft(l, " ●"), title) {
				out = append(out, title)
			}
		}
	}
	return out
}

// The filter matches words in the title and type; active and inactive
// match the state. s sorts by next run, inactive (none) last.
func TestFilterAndSortByNextRun(t *testing.T) {
	s, _, _ := listed(t)
	if got := strings.Join(rows(t, s), ","); got != "Alpha weekly,Bravo weekly,Charlie daily" {
		t.Fatalf("rows %s", got)
	}
	press(t, s, "/")
	for _, c := range []struct{ query, want string }{
		{"weekly", "Alpha weekly,Bravo weekly"},
		{"weekly inactive", "Bravo weekly"},
		{"daily active", "Charlie daily"},
		{"active", "Alpha weekly,Charlie daily"},
		{"WEEK alpha", "Alpha weekly"},
	} {
		_, cmd := s.Update(uitest.Key("ctrl+u"))
		run(t, s, cmd)
		for _, r := range c.query {
			_, cmd := s.Update(uitest.Key(string(r)))
			run(t, s, cmd)
		}
		if got := strings.Join(rows(t, s), ","); got != c.want {
			t.Fatalf("%q shows %s, want %s", c.query, got, c.want)
		}
	}
	press(t, s, "esc") // clears the filter
	press(t, s, "s")
	if got := strings.Join(rows(t, s), ","); got != "Charlie daily,Alpha weekly,Bravo weekly" {
		t.Fatalf("sorted by next run: %s", got)
	}
	if !strings.Contains(view(t, s), "sorted by next run") {
		t.Fatal("the sort is not said")
	}
}

// Marks survive the filter; the bulk confirmation lists every marked
// schedule (hidden ones too), names the platform and the unconfirmed
// endpoint; the result is given per schedule.
func TestBulkDeactivateOverMarks(t *testing.T) {
	s, env, clk := listed(t)
	press(t, s, "space", "down", "space") // Alpha and Charlie (the cursor moved to Bravo after the first)
	press(t, s, "/")
	for _, r := range "alpha" {
		press(t, s, string(r))
	}
	press(t, s, "enter", "d")
	v := view(t, s)
	for _, want := range []string{"Deactivate 2 script schedules?", "Platform: 127.0.0.1:", "· user demo", "not confirmed by Qualys documentation", "Alpha weekly", "Charlie daily", "1 of them hidden by the filter", "Type y to deactivate"} {
		if !strings.Contains(v, want) {
			t.Fatalf("confirmation lacks %q:\n%s", want, v)
		}
	}
	clk.Advance(time.Second)
	press(t, s, "y")
	v = view(t, s)
	for _, want := range []string{"Deactivated 2 of 2 schedules.", "Alpha weekly: ✓ deactivated", "Charlie daily: ✓ deactivated"} {
		if !strings.Contains(v, want) {
			t.Fatalf("result lacks %q:\n%s", want, v)
		}
	}
	for _, r := range env.Sim.CARSchedules() {
		if r.Schedule.Activate {
			t.Fatalf("%s active %v", r.Schedule.Title, r.Schedule.Activate)
		}
	}
}

// A delete whose answer is lost is not called failed: the schedule is read
// again and the result says what the server holds; the other delete goes
// through.
func TestDeleteUnknownOutcomeIsReadAgain(t *testing.T) {
	s, env, clk := listed(t)
	press(t, s, "space", "space") // Alpha, Bravo
	press(t, s, "X")
	v := view(t, s)
	if !strings.Contains(v, "Delete 2 script schedules?") || !strings.Contains(v, "DELETE /sm/v1/scheduler/{id}") || !strings.Contains(v, "not confirmed by Qualys documentation") {
		t.Fatalf("confirmation:\n%s", v)
	}
	env.Sim.AddFault(sim.Fault{Endpoint: "DELETE /sm/v1/scheduler/{id}", Calls: []int{1}, Status: http.StatusGatewayTimeout})
	clk.Advance(time.Second)
	press(t, s, "y")
	v = view(t, s)
	for _, want := range []string{"Deleted 1 of 2 schedules.", "Alpha weekly: ✗ not deleted (answer lost; read again: active)", "Bravo weekly: ✓ deleted", "1 marked"} {
		if !strings.Contains(v, want) {
			t.Fatalf("result lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "failed") {
		t.Fatalf("an unknown outcome was called failed:\n%s", v)
	}
	if n := len(env.Sim.CARSchedules()); n != 2 {
		t.Fatalf("%d schedules left, want 2", n)
	}
}

// Details at 80×24: targets named, the next runs, no runs yet; esc goes
// back to the list.
func TestDetailsNameTargetsAndFit(t *testing.T) {
	s, _, _ := listed(t)
	press(t, s, "enter")
	v := view(t, s)
	for _, want := range []string{"Script schedule Alpha weekly", "web-01.example.com", "(id 44496319,"} {
		if !strings.Contains(v, want) {
			t.Fatalf("details lack %q:\n%s", want, v)
		}
	}
	for range 3 {
		press(t, s, "pgdown")
	}
	v = view(t, s)
	for _, want := range []string{"Mon 2030-05-06 02:00 UTC", "Recent runs: none yet"} {
		if !strings.Contains(v, want) {
			t.Fatalf("details lack %q:\n%s", want, v)
		}
	}
	press(t, s, "esc")
	if v := view(t, s); !strings.Contains(v, "Charlie daily") {
		t.Fatalf("not back on the list:\n%s", v)
	}
}

// Read-only: the write keys answer "read-only" and send nothing.
func TestReadOnlyLifecycleKeys(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2}, nil)
	create(t, env, weekly("Alpha weekly", agents(t, env)))
	s := scripts.New(common.New(env.Client, true, uitest.NewClock(builderNow, 0).Now), scripts.Options{User: "demo"})
	s.SetSize(80, 24)
	run(t, s, s.Init())
	for k, what := range map[string]string{"e": "edit", "c": "clone", "+": "activate", "d": "deactivate", "X": "delete"} {
		press(t, s, k)
		if v := view(t, s); !strings.Contains(v, "read-only: "+what+" is not") {
			t.Fatalf("%s:\n%s", k, v)
		}
	}
	if r := env.Sim.CARSchedules(); len(r) != 1 || !r[0].Schedule.Activate {
		t.Fatal("a read-only key changed the platform")
	}
}

// esc on an edit with changes asks before dropping them (no draft keeps
// an edit); n goes back to the form with the change kept.
func TestEscAsksBeforeDiscardingAnEdit(t *testing.T) {
	s, env, clk := listed(t)
	keys(s, "e")
	if v := view(t, s); !strings.Contains(v, "Edit script schedule") {
		t.Fatalf("not editing:\n%s", v)
	}
	leave(t, s) // no change yet: leaves at once
	if v := view(t, s); !strings.Contains(v, "Charlie daily") {
		t.Fatalf("esc without changes did not leave:\n%s", v)
	}
	keys(s, "e", "!", "esc")
	if v := view(t, s); !strings.Contains(v, `Discard your changes to "Alpha weekly"?`) {
		t.Fatalf("no question:\n%s", v)
	}
	clk.Advance(time.Second)
	keys(s, "n")
	if v := view(t, s); !strings.Contains(v, "Alpha weekly!") {
		t.Fatalf("the change was lost:\n%s", v)
	}
	keys(s, "esc")
	clk.Advance(time.Second)
	keys(s, "y")
	if v := view(t, s); !strings.Contains(v, "Discarded: nothing was sent.") {
		t.Fatalf("not discarded:\n%s", v)
	}
	if env.Sim.CARSchedules()[0].Schedule.Title != "Alpha weekly" {
		t.Fatal("something was sent")
	}
}

// keys sends keys without running their commands (the builder's cursor
// blinks for ever).
func keys(s *scripts.Screen, ks ...string) {
	for _, k := range ks {
		s.Update(uitest.Key(k))
	}
}

// leave presses esc in the builder and delivers only its closing message.
func leave(t *testing.T, s *scripts.Screen) {
	t.Helper()
	run(t, s, func() tea.Msg { _, c := s.Update(uitest.Key("esc")); return execFirst(t, c) })
}

// A delete that was made but whose answer is lost reads as done once the schedule is
// read again and not found.
func TestDeleteCommittedButUnansweredIsDone(t *testing.T) {
	s, env, clk := listed(t)
	env.Sim.AddFault(sim.Fault{Kind: sim.CommitDrop, Endpoint: "DELETE /sm/v1/scheduler/{id}", Calls: []int{1}})
	press(t, s, "X")
	clk.Advance(time.Second)
	press(t, s, "y")
	v := view(t, s)
	if want := "Alpha weekly: ✓ deleted (answer lost; read again: not found)"; !strings.Contains(v, want) || !strings.Contains(v, "Deleted 1 of 1 schedule.") {
		t.Fatalf("result lacks %q:\n%s", want, v)
	}
	if n := len(env.Sim.CARSchedules()); n != 2 {
		t.Fatalf("%d schedules left, want 2", n)
	}
}

// A delete whose answer was lost and whose re-read fails too stays
// unknown: its row is marked ?, not ! (failed), and the status line's
// legend says what ? means.
func TestUnknownOutcomeIsMarkedUnknown(t *testing.T) {
	s, env, clk := listed(t)
	press(t, s, "space") // Alpha
	press(t, s, "X")
	env.Sim.AddFault(sim.Fault{Endpoint: "DELETE /sm/v1/scheduler/{id}", Calls: []int{1}, Status: http.StatusGatewayTimeout})
	env.Sim.AddFault(sim.Fault{Endpoint: "GET /sm/v1/scheduler/{id}", Calls: []int{1}, Status: http.StatusBadRequest})
	clk.Advance(time.Second)
	press(t, s, "y")
	v := view(t, s)
	if !strings.Contains(v, "Alpha weekly: ? outcome unknown (answer lost); read again: could not be read") {
		t.Fatalf("result:\n%s", v)
	}
	if !strings.Contains(v, "? Alpha weekly") || strings.Contains(v, "! Alpha weekly") {
		t.Fatalf("the row is not marked unknown:\n%s", v)
	}
	if st := s.Status(); !strings.Contains(st, "? outcome unknown") || strings.Contains(st, "failed") {
		t.Fatalf("status %q", st)
	}
}

// S reverses the sort, as on the WAS list, and says so; the cursor stays
// on its schedule.
func TestSortDirection(t *testing.T) {
	s, _, _ := listed(t)
	press(t, s, "s", "s") // by title
	v := view(t, s)
	if a, c := strings.Index(v, "Alpha weekly"), strings.Index(v, "Charlie daily"); a < 0 || c < a {
		t.Fatalf("by title:\n%s", v)
	}
	press(t, s, "S")
	v = view(t, s)
	if a, c := strings.Index(v, "Alpha weekly"), strings.Index(v, "Charlie daily"); c < 0 || a < c || !strings.Contains(v, "sorted by title, descending") {
		t.Fatalf("S did not reverse the order:\n%s", v)
	}
	if !strings.Contains(v, "row 3/3") { // the cursor stayed on Alpha
		t.Fatalf("the cursor left its schedule:\n%s", v)
	}
}

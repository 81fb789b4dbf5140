package was_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
)

// flow runs the whole app against the simulator on the WAS screen, with
// a still clock the test advances past confirmation grace periods.
type flow struct {
	t   *testing.T
	env *uitest.Env
	clk *uitest.Clock
	tm  *teatest.TestModel
	af  *apptest.Flow
}

func newFlow(t *testing.T, schedules int) *flow {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: schedules, Seed: 1}, func(c *client.Config) {
		c.Now = uitest.NewClock(uitest.Epoch(), 7*time.Millisecond).Now
	})
	af := apptest.New(t, apptest.Options{Env: env, Start: common.WASScreen, Width: 120, Height: 30})
	return &flow{t: t, env: env, clk: af.Clock, tm: af.TM, af: af}
}

// wait blocks until every token has appeared in the output since the
// last wait (see apptest.Flow.Wait).
func (f *flow) wait(tokens ...string) {
	f.t.Helper()
	f.af.Wait(tokens...)
}

func (f *flow) key(k tea.KeyPressMsg) { f.tm.Send(k) }

func (f *flow) ctrl(c rune) { f.tm.Send(tea.KeyPressMsg{Code: c, Mod: tea.ModCtrl}) }

// confirm answers the open confirmation after its grace period.
func (f *flow) confirm() { f.af.Confirm() }

func (f *flow) finish() {
	f.t.Helper()
	f.af.RequireGolden()
}

func active(env *uitest.Env) []int64 {
	var out []int64
	for _, s := range env.Sim.WASSchedules() {
		if !s.IsActive() {
			out = append(out, s.IDValue())
		}
	}
	return out
}

// (a) Mark three rows and deactivate them: exactly those three become
// inactive on the server.
func TestE2EDeactivateThree(t *testing.T) {
	f := newFlow(t, 40)
	inactiveBefore := active(f.env)
	f.wait("700504", "700506")
	// Each mark draws a new "●"; the status bar ends at "3 selected".
	f.key(uitest.Key("space"))
	f.wait("●", "1 selected")
	f.key(uitest.Key("space"))
	f.wait("●")
	f.key(uitest.Key("space"))
	f.wait("●")
	f.tm.Type("d")
	f.wait("WAS schedules?", "(default:")
	f.confirm()
	f.wait("in 1 request.")
	got := active(f.env)
	want := slices.Sorted(slices.Values(append(inactiveBefore, 1688, 700504, 700506)))
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Fatalf("inactive on the server %v, want %v", got, want)
	}
	f.finish()
}

// (b) Build the server filter name CONTAINS Schedule with f, then D: one
// request with that filter deactivates every match.
func TestE2EDeactivateByFilter(t *testing.T) {
	f := newFlow(t, 40)
	f.wait("700504", "700506")
	f.tm.Type("f")
	f.wait("Server-side")
	f.key(uitest.Key("down")) // name; the builder takes keys in order
	f.key(uitest.Key("enter"))
	f.wait("CONTAINS")
	f.key(uitest.Key("enter"))
	f.wait("Value")
	// The entry takes keys synchronously, in order: no wait is needed
	// (and the renderer may draw the word in pieces).
	f.tm.Type("Schedule")
	f.key(uitest.Key("enter"))
	// The filtered list loaded before D ("refreshed" shows only once a
	// load is done; the builder hid the list's earlier one): a load still
	// running would end after the clock moves at the confirmation and draw
	// the time the last wait looks for.
	f.wait("CONTAINS", "Schedule", "refreshed")
	f.tm.Type("D")
	f.wait("(default:")
	f.confirm()
	// The reload after the action ends with the new refresh time (the
	// clock moved 1 s at the confirmation): every call is done then.
	f.wait("09:15:01")
	var matches int
	for _, s := range f.env.Sim.WASSchedules() {
		if strings.Contains(s.NameValue(), "Schedule") {
			matches++
			if s.IsActive() {
				t.Errorf("%d matches the filter but is active", s.IDValue())
			}
		}
	}
	if matches == 0 {
		t.Fatal("no schedule matches")
	}
	if n := f.env.Sim.Stats().Requests["POST /qps/rest/3.0/deactivate/was/wasscanschedule"]; n != 1 {
		t.Fatalf("%d deactivate requests, want 1", n)
	}
	f.finish()
}

// (c) Update schedule 1688's notification as in seed 002's first sample,
// through the huh form; the simulator stores exactly that. huh moves the
// focus through commands, so after each move the flow waits for the new
// field's title in the form's heading before the next key (each token is
// one whose every cell differs from the previous title's, as the
// cell-diff renderer writes only changed cells).
func TestE2EUpdateNotification(t *testing.T) {
	f := newFlow(t, 40)
	f.wait("700504", "700506")
	f.tm.Type("u")
	f.wait("(1/8)")
	f.key(uitest.Key("tab"))
	f.wait("otification")
	f.tm.Type("y") // notification active: yes, and on to the next field
	f.wait("reschedule")
	f.key(uitest.Key("tab"))
	f.wait("delay")
	f.ctrl('u')
	f.tm.Type("4d")
	f.key(uitest.Key("tab"))
	f.wait("pients")
	for range 3 { // empty the list, whatever its length
		f.ctrl('u')
		f.key(uitest.Key("backspace"))
	}
	f.tm.Type("alice.ops@example.com, bob.secops@example.com")
	f.key(tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}) // one per line works too
	f.tm.Type("carol.soc@example.com")
	f.key(uitest.Key("tab"))
	f.wait("ssag")
	f.ctrl('u')
	f.tm.Type("The schedule notification message")
	f.ctrl('s')
	f.wait("exactly", "carol.soc@example.com")
	f.key(uitest.Key("pgdown")) // the review scrolls to the end of the body
	f.wait("</ServiceRequest>")
	f.tm.Type("s")
	f.wait("(default:")
	f.confirm()
	f.wait("Saved")
	s, _ := f.env.Sim.WASSchedule(1688)
	n := s.Notification
	if n == nil || n.Active == nil || !*n.Active || n.Delay == nil || n.Delay.Nb != 4 || n.Delay.Scale != "DAY" ||
		n.Message == nil || string(*n.Message) != "The schedule notification message" ||
		!slices.Equal(n.Recipients.Emails(), []string{"alice.ops@example.com", "bob.secops@example.com", "carol.soc@example.com"}) {
		t.Fatalf("stored notification %+v", n)
	}
	if got := f.env.Sim.Stats().Requests["POST /qps/rest/3.0/update/was/wasscanschedule/{id}"]; got != 1 {
		t.Fatalf("%d update requests, want 1", got)
	}
	f.finish()
}

package scriptform

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

// drive runs cmd as the runtime would: each command on its own
// goroutine (batches and sequences opened; a sequence's commands run one
// after another), each message handed to the builder and its command run
// too, until want holds. Cursor blinks are dropped, so the commands end.
func drive(t *testing.T, m *Model, cmd tea.Cmd, want func() bool) {
	t.Helper()
	msgs := make(chan tea.Msg, 64)
	done := make(chan struct{})
	defer close(done)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if cmds, ok := common.SequenceCmds(msg); ok {
				for _, c := range cmds { // in order: each message before the next runs
					if c != nil {
						select {
						case msgs <- c():
						case <-done:
							return
						}
					}
				}
				return
			}
			select {
			case msgs <- msg:
			case <-done:
			}
		}()
	}
	run(cmd)
	deadline := time.After(time.Minute)
	for !want() {
		select {
		case msg := <-msgs:
			switch msg := msg.(type) {
			case nil, cursor.BlinkMsg:
			case task.StartedMsg: // as the root's manager runs a task
				run(task.NewManager(context.Background(), nil).Start(msg))
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			case common.ScreenMsg:
				run(m.Update(msg.Msg))
			default:
				run(m.Update(msg))
			}
		case <-deadline:
			t.Fatalf("still waiting; the focus is on %q", focused(m))
		}
	}
}

func on(m *Model, key string) func() bool { return func() bool { return focused(m) == key } }

func focused(m *Model) string {
	if f := m.ed.Form().GetFocusedField(); f != nil {
		return f.GetKey()
	}
	return ""
}

// A draft with a problem opens on the field that has it; b from the
// review goes back to the first field with a problem (in form order),
// and shift+tab still reaches the fields before it.
func TestFormOpensOnTheFirstProblem(t *testing.T) {
	d := validWeekly()
	d.EndDate = "2030-04-01" // before the start
	m := newModel(t, d, Options{})
	drive(t, m, m.Init(), on(m, "endDate"))
	if v := plain(m); !strings.Contains(v, "End date") || !strings.Contains(v, "✗ 2030-04-01 is before Start date 2030-05-02") ||
		!strings.Contains(v, "YYYY-MM-DD, on or after the start") {
		t.Fatalf("the problem, named by labels, and the hint are not in sight:\n%s", v)
	}
	// The group before, entered at its first field (it was skipped).
	drive(t, m, m.Update(uitest.Key("shift+tab")), on(m, "startDate"))

	// Two problems: the one earlier in the form wins.
	d.ScriptTitle = ""
	m = newModel(t, d, Options{})
	drive(t, m, m.Init(), on(m, "scriptTitle"))
	review(m)
	if m.ed.Stage() != form.Reviewing {
		t.Fatal("no review")
	}
	drive(t, m, m.Update(uitest.Key("b")), on(m, "scriptTitle"))
}

// A valid draft, and a new empty one, open on the first field.
func TestFormWithoutProblemsOpensOnTheTitle(t *testing.T) {
	for _, d := range []Draft{validWeekly(), NewDraft(testNow, "demo")} {
		m := newModel(t, d, Options{})
		cmd := m.Init()
		if got := focused(m); got != "title" || m.seek.active {
			t.Fatalf("opened on %q, seeking %v", got, m.seek.active)
		}
		drive(t, m, cmd, func() bool { return true })
	}
}

// The review names each problem by the form's label, not the API's field.
func TestReviewNamesProblemsByTheirLabel(t *testing.T) {
	d := validWeekly()
	d.EndDate = "2030-04-01"
	m := newModel(t, d, Options{})
	review(m)
	v := plain(m)
	if !strings.Contains(v, "✗ End date: ") || strings.Contains(v, "✗ endDate") {
		t.Fatalf("the review names the API field:\n%s", v)
	}
}

// A title already taken on the platform shows beside the title field as
// soon as the field is left, not only at the review; a new title clears it.
func TestDuplicateTitleShowsWhenTheFieldIsLeft(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 1}, nil)
	taken := validWeekly()
	s, errs := taken.Schedule()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s.StartDate, s.EndDate = "2026-05-02", model.Ptr("2026-06-30")
	id, err := env.Client.Scripts.CreateSchedule(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	testClock = uitest.NewClock(testNow, 0)
	c := common.New(env.Client, false, testClock.Now)
	c.Zone = berlin
	m := New(c, Options{}, NewDraft(testNow, "demo"))
	m.SetSize(100, 40)
	_ = m.Init()
	for _, r := range "Patch window" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if strings.Contains(plain(m), "exists") {
		t.Fatal("checked before the field was left")
	}
	leave := m.Update(uitest.Key("enter"))
	drive(t, m, leave, func() bool { return strings.Contains(plain(m), "a schedule with this title exists (id "+id+")") })
	if v := plain(m); !strings.Contains(v, "✗ Title: a schedule with this title exists") {
		t.Fatalf("not on the title's line:\n%s", v)
	}
	// Back to the title, another one: the problem goes.
	drive(t, m, m.Update(uitest.Key("shift+tab")), on(m, "title"))
	drive(t, m, m.Update(tea.KeyPressMsg{Code: '2', Text: "2"}), func() bool { return !strings.Contains(plain(m), "exists (id") })
	if m.Draft().Title != "Patch window2" {
		t.Fatalf("title %q", m.Draft().Title)
	}
}

package scripts_test

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

func newScreen(t *testing.T, readOnly bool, drafts *scriptform.DraftStore) (*scripts.Screen, *uitest.Env) {
	t.Helper()
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2}, nil)
	c := common.New(env.Client, readOnly, uitest.NewClock(builderNow, 0).Now)
	s := scripts.New(c, scripts.Options{Drafts: drafts, User: "demo"})
	s.SetSize(80, 24)
	return s, env
}

// run feeds a command's messages back into the screen, starting tasks the
// way the root's Manager does (synchronously here).
func run(t *testing.T, s *scripts.Screen, cmd tea.Cmd) {
	t.Helper()
	for _, msg := range uitest.Exec(t, cmd) {
		switch m := msg.(type) {
		case task.StartedMsg:
			run(t, s, task.NewManager(context.Background(), nil).Start(m))
		case common.ScreenMsg:
			_, next := s.Update(m.Msg)
			run(t, s, next)
		default:
			_, next := s.Update(m)
			run(t, s, next)
		}
	}
}

func TestListShowsSchedulesWithNextRun(t *testing.T) {
	s, env := newScreen(t, false, nil)
	body := `{"activate":true,"assetTags":[],"assets":[{"UUId":"2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81","id":44496319}],"description":"","excludedAssets":[],"scripts":[{"id":226213,"title":"Sample script title"}],"title":"Nightly \u001b[31mred","user":{"id":"","name":""},"endDate":"2030-06-30","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"DAILY"}`
	sched, err := model.DecodeScriptSchedule([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	env.Sim.PlantCARSchedule(sched) // qsched would not send the title: another tool wrote it
	run(t, s, s.Init())
	v := s.View()
	uitest.RequireFits(t, v, 80, 24)
	if !strings.Contains(ansi.Strip(v), `Nightly \u001b[`) || !strings.Contains(v, "NEXT RUN UTC") || !strings.Contains(v, "Thu 05-02 02:00 (in 17 h)") || strings.Contains(v, "\x1b[31m") {
		t.Fatalf("list:\n%s", v)
	}
	if s.Status() != "1 schedule" {
		t.Fatalf("status %q", s.Status())
	}
}

func TestSavedDraftIsOfferedAndRestored(t *testing.T) {
	st := &scriptform.DraftStore{Dir: t.TempDir()}
	d := scriptform.NewDraft(builderNow, "demo")
	d.Title, d.Type, d.Days = "Half done", "WEEKLY", []string{"Friday"}
	if err := st.Save("one", d); err != nil {
		t.Fatal(err)
	}
	s, clk := draftScreen(t, st)
	if v := ansi.Strip(s.View()); !strings.Contains(v, `A draft is saved ("Half done"`) {
		t.Fatalf("draft not offered:\n%s", v)
	}
	_, cmd := s.Update(uitest.Key("o"))
	_ = cmd // the form's focus and blink commands
	if !s.Dirty() || !s.CapturesInput() || !strings.Contains(ansi.Strip(s.View()), "Half done") {
		t.Fatalf("draft not restored:\n%s", s.View())
	}
	// esc leaves the builder; the draft stays on offer; x asks before it
	// discards it (n keeps it).
	run(t, s, func() tea.Msg { _, c := s.Update(uitest.Key("esc")); return execFirst(t, c) })
	if s.CapturesInput() || !strings.Contains(ansi.Strip(s.View()), "A draft is saved") {
		t.Fatalf("after esc:\n%s", s.View())
	}
	s.Update(uitest.Key("x"))
	if v := ansi.Strip(s.View()); !strings.Contains(v, `Discard the saved draft "Half done"?`) {
		t.Fatalf("x did not ask:\n%s", v)
	}
	clk.Advance(time.Second) // the confirmation's grace period
	s.Update(uitest.Key("n"))
	if _, ok, _ := st.Load("one"); !ok || !strings.Contains(ansi.Strip(s.View()), "A draft is saved") {
		t.Fatalf("n discarded the draft:\n%s", ansi.Strip(s.View()))
	}
	s.Update(uitest.Key("x"))
	clk.Advance(time.Second) // the confirmation's grace period
	_, cmd = s.Update(uitest.Key("y"))
	uitest.Exec(t, cmd)
	if _, ok, _ := st.Load("one"); ok || strings.Contains(s.View(), "A draft is saved") || !strings.Contains(s.View(), `Draft "Half done" discarded.`) {
		t.Fatalf("y did not discard the draft:\n%s", s.View())
	}
}

// execFirst runs cmd and returns its ScreenMsg for the screen, if any.
func execFirst(t *testing.T, cmd tea.Cmd) tea.Msg {
	for _, m := range uitest.Exec(t, cmd) {
		if sm, ok := m.(common.ScreenMsg); ok {
			if _, closed := sm.Msg.(scriptform.ClosedMsg); closed {
				return sm
			}
		}
	}
	return nil
}

func TestReadOnlyCannotOpenTheBuilder(t *testing.T) {
	s, _ := newScreen(t, true, nil)
	s.Update(uitest.Key("n"))
	if s.CapturesInput() || s.Dirty() {
		t.Fatal("n opened the builder in read-only mode")
	}
	// The key answers instead of doing nothing, and the empty list does
	// not offer the write.
	v := ansi.Strip(s.View())
	if !strings.Contains(v, "read-only: new schedule is not available") || strings.Contains(v, "Press n") {
		t.Fatalf("read-only view:\n%s", v)
	}
	for _, b := range s.ShortHelp() {
		if b.Help().Key == "n" && b.Enabled() {
			t.Fatal("n is offered in read-only mode")
		}
	}
}

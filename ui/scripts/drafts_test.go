package scripts_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

// A new schedule started while a draft is saved is kept as a second
// draft, not over the first; o then lists both, x discards the one under
// the cursor after asking, and enter opens the other.
func TestSeveralDraftsAreKeptAndListed(t *testing.T) {
	st := &scriptform.DraftStore{Dir: t.TempDir(), Now: func() time.Time { return builderNow }}
	first := scriptform.NewDraft(builderNow, "demo")
	first.Title = "First patch window"
	if err := st.Save(st.NewID(), first); err != nil {
		t.Fatal(err)
	}
	s, clk := draftScreen(t, st)

	// n: a second draft, typed and left with esc.
	run(t, s, func() tea.Msg { _, c := s.Update(uitest.Key("n")); return execFirst(t, c) })
	for _, r := range "Second" {
		run(t, s, func() tea.Msg { _, c := s.Update(uitest.Key(string(r))); return execFirst(t, c) })
	}
	clk.Advance(time.Minute)
	run(t, s, func() tea.Msg { _, c := s.Update(uitest.Key("esc")); return execFirst(t, c) })
	v := ansi.Strip(s.View())
	if !strings.Contains(v, `2 drafts are saved, the newest "Second"`) || !strings.Contains(v, "o lists them") {
		t.Fatalf("two drafts not offered:\n%s", v)
	}
	if list, err := st.List(); err != nil || len(list) != 2 {
		t.Fatalf("store holds %d drafts (%v)", len(list), err)
	}

	// o lists them, newest first, each with what still blocks sending.
	s.Update(uitest.Key("o"))
	v = ansi.Strip(s.View())
	uitest.RequireFits(t, s.View(), 80, 24)
	second, firstAt := strings.Index(v, "Second"), strings.Index(v, "First patch window")
	if s.Focus() != "drafts" || second < 0 || firstAt < second || !strings.Contains(v, "2 saved drafts") || !strings.Contains(v, "problem") {
		t.Fatalf("drafts list (focus %q):\n%s", s.Focus(), v)
	}

	// x on "Second" asks; y discards it and the list stays open on the
	// other one, saying which was discarded.
	s.Update(uitest.Key("x"))
	if v := ansi.Strip(s.View()); !strings.Contains(v, `Discard the saved draft "Second"?`) {
		t.Fatalf("x did not ask:\n%s", v)
	}
	clk.Advance(time.Second) // the confirmation's grace period
	_, cmd := s.Update(uitest.Key("y"))
	uitest.Exec(t, cmd)
	if list, _ := st.List(); len(list) != 1 || list[0].Draft.Title != first.Title {
		t.Fatalf("after discarding Second the store holds %+v", list)
	}
	if v := ansi.Strip(s.View()); s.Focus() != "drafts" || strings.Count(v, "Second") != 1 || !strings.Contains(v, `Draft "Second" discarded.`) || !strings.Contains(v, "1 saved draft") {
		t.Fatalf("after the discard (focus %q):\n%s", s.Focus(), v)
	}

	// enter opens the one left in the builder.
	_, cmd = s.Update(uitest.Key("enter"))
	_ = cmd // the form's focus and blink commands
	if !s.Dirty() || !strings.Contains(ansi.Strip(s.View()), "First patch window") {
		t.Fatalf("enter did not open the draft:\n%s", s.View())
	}
}

// esc closes the list of drafts; the drafts stay.
func TestDraftsListEscGoesBack(t *testing.T) {
	st := &scriptform.DraftStore{Dir: t.TempDir()}
	for _, title := range []string{"One", "Two"} {
		d := scriptform.NewDraft(builderNow, "demo")
		d.Title = title
		if err := st.Save(st.NewID(), d); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := newScreenWith(t, st)
	s.Update(uitest.Key("o"))
	if s.Focus() != "drafts" {
		t.Fatalf("o did not list the drafts: focus %q", s.Focus())
	}
	s.Update(uitest.Key("esc"))
	if v := ansi.Strip(s.View()); s.Focus() != "" || !strings.Contains(v, "2 drafts are saved") {
		t.Fatalf("esc (focus %q):\n%s", s.Focus(), v)
	}
}

// draftScreen is the list at 80×24, loaded, with the drafts of st, on a
// clock the test moves.
func draftScreen(t *testing.T, st *scriptform.DraftStore) (*scripts.Screen, *uitest.Clock) {
	t.Helper()
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2}, nil)
	clk := uitest.NewClock(builderNow, 0)
	s := scripts.New(common.New(env.Client, false, clk.Now), scripts.Options{Drafts: st, User: "demo"})
	s.SetSize(80, 24)
	run(t, s, s.Init())
	return s, clk
}

func newScreenWith(t *testing.T, st *scriptform.DraftStore) (*scripts.Screen, *uitest.Env) {
	t.Helper()
	s, env := newScreen(t, false, st)
	run(t, s, s.Init())
	return s, env
}

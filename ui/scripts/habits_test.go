package scripts_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

func send(t *testing.T, s *scripts.Screen, msg tea.Msg) {
	t.Helper()
	_, cmd := s.Update(msg)
	run(t, s, cmd)
}

func typeIn(t *testing.T, s *scripts.Screen, text string) {
	t.Helper()
	for _, r := range text {
		press(t, s, string(r))
	}
}

// esc backs out one level at a time: the range, "marked only", then the
// local filter.
func TestEscBacksOutOneLevel(t *testing.T) {
	s, _, _ := listed(t)
	press(t, s, "/")
	typeIn(t, s, "weekly")
	press(t, s, "enter", "space", "M", "v")
	if st := s.Status(); !strings.Contains(st, "marking a range") || !strings.Contains(st, "marked only") {
		t.Fatalf("status %q", st)
	}
	if got := strings.Join(rows(t, s), ","); got != "Alpha weekly" {
		t.Fatalf("marked only shows %s", got)
	}
	press(t, s, "esc")
	if st := s.Status(); strings.Contains(st, "marking a range") || !strings.Contains(st, "marked only") {
		t.Fatalf("first esc: status %q", st)
	}
	press(t, s, "esc")
	if got := strings.Join(rows(t, s), ","); got != "Alpha weekly,Bravo weekly" {
		t.Fatalf("second esc shows %s, want the filtered rows", got)
	}
	press(t, s, "esc")
	if got := strings.Join(rows(t, s), ","); got != "Alpha weekly,Bravo weekly,Charlie daily" || !strings.Contains(s.Status(), "1 marked") {
		t.Fatalf("third esc shows %s (status %q)", got, s.Status())
	}
}

// q (through the app's common.OverlayCloser) closes the details instead of
// quitting; with nothing open it does nothing here.
func TestQClosesDetails(t *testing.T) {
	s, _, _ := listed(t)
	if _, ok := s.CloseOverlay(); ok {
		t.Fatal("CloseOverlay reported an overlay on the bare list")
	}
	press(t, s, "enter")
	if s.Focus() != "details" {
		t.Fatalf("enter: focus %q", s.Focus())
	}
	if _, ok := s.CloseOverlay(); !ok || s.Focus() != "" {
		t.Fatalf("q did not close the details: focus %q", s.Focus())
	}
}

// U clears every mark, hidden ones included; v marks a range, shift+↓
// marks as it moves; M shows only the marked rows; rows show their
// markers and the status explains them.
func TestMarks(t *testing.T) {
	s, _, _ := listed(t)
	press(t, s, "space", "space", "/")
	typeIn(t, s, "daily")
	press(t, s, "enter")
	if !strings.Contains(view(t, s), "2 marked (2 hidden by the filter)") {
		t.Fatalf("hidden marks not said:\n%s", view(t, s))
	}
	press(t, s, "U")
	if strings.Contains(s.Status(), "marked") || !strings.Contains(view(t, s), "Unmarked 2 schedules") {
		t.Fatalf("U: status %q\n%s", s.Status(), view(t, s))
	}
	press(t, s, "esc", "g", "v", "down", "down")
	if !strings.Contains(s.Status(), "3 marked · ● marked") {
		t.Fatalf("range: status %q", s.Status())
	}
	press(t, s, "up")
	if !strings.Contains(s.Status(), "2 marked") {
		t.Fatalf("range moved back: status %q", s.Status())
	}
	press(t, s, "v", "U", "g")
	send(t, s, tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift})
	if !strings.Contains(s.Status(), "2 marked") {
		t.Fatalf("shift+↓: status %q", s.Status())
	}
	press(t, s, "M")
	if got := strings.Join(rows(t, s), ","); got != "Alpha weekly,Bravo weekly" {
		t.Fatalf("marked only shows %s", got)
	}
	if n := strings.Count(view(t, s), "● "); n != 2 {
		t.Fatalf("%d marker glyphs, want 2:\n%s", n, view(t, s))
	}
}

// Titles sort naturally, ignoring case (s: next run, then title, then as
// loaded); the cursor stays on the same schedule.
func TestNaturalTitleSortKeepsCursor(t *testing.T) {
	clk := uitest.NewClock(builderNow, 0)
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2, Now: clk.Now, TokenTTL: 1000 * time.Hour}, nil)
	targets := agents(t, env)
	for _, title := range []string{"scan 10", "Scan 2", "scan 1"} {
		create(t, env, weekly(title, targets))
	}
	s := scripts.New(common.New(env.Client, false, clk.Now), scripts.Options{User: "demo"})
	s.SetSize(80, 24)
	run(t, s, s.Init())
	order := func() string {
		var out []string
		for _, l := range strings.Split(view(t, s), "\n") {
			l = strings.TrimLeft(l, " ●")
			if strings.HasPrefix(strings.ToLower(l), "scan ") {
				out = append(out, strings.Join(strings.Fields(l)[:2], " "))
			}
		}
		return strings.Join(out, ",")
	}
	if got := order(); got != "scan 10,Scan 2,scan 1" {
		t.Fatalf("load order %s", got)
	}
	press(t, s, "down", "down") // "scan 1", last as loaded
	press(t, s, "s", "s")
	if got := order(); got != "scan 1,Scan 2,scan 10" || !strings.Contains(view(t, s), "sorted by title") {
		t.Fatalf("title order %s:\n%s", got, view(t, s))
	}
	if !strings.Contains(view(t, s), "row 1/3") {
		t.Fatalf("the cursor did not follow scan 1 to the top:\n%s", view(t, s))
	}
}

// The confirmation says how many targets are already in the requested
// state.
func TestConfirmationSaysAlreadyInState(t *testing.T) {
	s, _, clk := listed(t)
	press(t, s, "a", "+")
	if v := view(t, s); !strings.Contains(v, "2 of 3 are already active") {
		t.Fatalf("activate confirmation:\n%s", v)
	}
	clk.Advance(time.Second)
	press(t, s, "n", "d")
	if v := view(t, s); !strings.Contains(v, "1 of 3 is already inactive") {
		t.Fatalf("deactivate confirmation:\n%s", v)
	}
}

// q on the builder's review (which takes no text) leaves it as esc does,
// instead of quitting.
func TestQLeavesBuilderReview(t *testing.T) {
	s, _, _ := listed(t)
	press(t, s, "n")
	if !s.CapturesInput() {
		t.Fatal("the builder's first field does not take text")
	}
	press(t, s, "ctrl+s")
	if s.CapturesInput() {
		t.Fatalf("the review takes text (focus %q)", s.Focus())
	}
	cmd, ok := s.CloseOverlay()
	run(t, s, cmd)
	if !ok || s.Focus() != "" {
		t.Fatalf("q left the builder open: focus %q", s.Focus())
	}
}

package common_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

func TestReadOnlyDisablesEveryWriteBinding(t *testing.T) {
	for _, ro := range []bool{false, true} {
		k := common.DefaultKeyMap(ro)
		if len(k.WriteBindings()) == 0 {
			t.Fatal("no write bindings")
		}
		for _, b := range k.WriteBindings() {
			if b.Enabled() == ro {
				t.Errorf("read-only=%v: %q enabled=%v", ro, b.Help().Desc, b.Enabled())
			}
			if got := key.Matches(uitest.Key(b.Keys()[0]), *b); got == ro {
				t.Errorf("read-only=%v: %q matches=%v", ro, b.Help().Desc, got)
			}
		}
		for _, b := range append(k.GlobalBindings(), k.NavBindings()...) {
			if !b.Enabled() {
				t.Errorf("read-only=%v disabled a read binding %q", ro, b.Help().Desc)
			}
		}
	}
}

func TestTruncateMiddle(t *testing.T) {
	got := common.TruncateMiddle("/qps/rest/3.0/count/was/wasscanschedule", 20)
	if lipgloss.Width(got) != 20 || !strings.HasPrefix(got, "/qps/rest") || !strings.HasSuffix(got, "nschedule") {
		t.Fatalf("TruncateMiddle = %q", got)
	}
	if got := common.TruncateMiddle("short", 20); got != "short" {
		t.Fatalf("short text changed: %q", got)
	}
}

func TestFitAndSpread(t *testing.T) {
	styled := lipgloss.NewStyle().Bold(true).Render(strings.Repeat("w", 30))
	out := common.Fit(styled+"\nb\nc\nd", 10, 3)
	uitest.RequireFits(t, out, 10, 3)
	if lines := strings.Split(out, "\n"); len(lines) != 3 || lines[2] != "c" {
		t.Fatalf("Fit = %q", out)
	}
	if out := common.Fit("a", 10, 3); strings.Count(out, "\n") != 2 {
		t.Fatalf("Fit does not pad: %q", out)
	}
	s := common.Spread(strings.Repeat("left ", 20), "RIGHT", 30)
	if lipgloss.Width(s) != 30 || !strings.HasSuffix(s, "RIGHT") {
		t.Fatalf("Spread = %q", s)
	}
}

// Wrap keeps batches and sequences runnable: bubbletea runs them only at
// top level, so each inner command is wrapped instead of the whole.
func TestWrapKeepsBatchesAndSequences(t *testing.T) {
	one := func() tea.Msg { return "one" }
	two := func() tea.Msg { return "two" }
	b, ok := common.Wrap(common.WASScreen, tea.Batch(one, two))().(tea.BatchMsg)
	if !ok || len(b) != 2 {
		t.Fatalf("batch not kept: %#v", b)
	}
	if m := b[1]().(common.ScreenMsg); m.To != common.WASScreen || m.Msg != "two" {
		t.Fatalf("inner command not wrapped: %#v", m)
	}
	seq := common.Wrap(common.WASScreen, tea.Sequence(one, two))()
	if _, isScreen := seq.(common.ScreenMsg); isScreen {
		t.Fatal("a sequence was hidden inside a ScreenMsg, where bubbletea never runs it")
	}
	if m := common.Wrap(common.WASScreen, one)().(common.ScreenMsg); m.Msg != "one" {
		t.Fatalf("plain message %#v", m)
	}
}

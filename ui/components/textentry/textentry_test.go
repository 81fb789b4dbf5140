package textentry_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/uitest"
)

// Typing changes the value; a text longer than the width scrolls
// sideways, so the end being typed stays visible and nothing wraps.
func TestTypingAndHorizontalScroll(t *testing.T) {
	e := textentry.New("/", "")
	e.SetWidth(12)
	if changed, _ := e.Update(uitest.Key("up")); changed {
		t.Fatal("a movement key changed the value")
	}
	long := "nightly-vulnerability-scan-end"
	for _, r := range long {
		if changed, _ := e.Update(tea.KeyPressMsg{Code: r, Text: string(r)}); !changed {
			t.Fatalf("typing %q changed nothing", r)
		}
	}
	if e.Value() != long {
		t.Fatalf("value %q", e.Value())
	}
	v := ansi.Strip(e.View())
	if w := ansi.StringWidth(v); w > 12 || strings.Contains(v, "\n") || !strings.Contains(v, "end") {
		t.Fatalf("view %q (%d cells): want the end visible within 12 cells", v, w)
	}
	e.Update(uitest.Key("backspace"))
	if e.Value() != long[:len(long)-1] {
		t.Fatalf("backspace left %q", e.Value())
	}
}

// The view is the same frame after frame (no blinking cursor), which
// keeps goldens and waits stable.
func TestStaticCursor(t *testing.T) {
	e := textentry.New("> ", "abc")
	a := e.View()
	for range 3 {
		e.Update(nil)
	}
	if b := e.View(); a != b {
		t.Fatalf("the view changed without input: %q then %q", a, b)
	}
}

// A masked entry keeps the text but never shows it.
func TestMaskedShowsNoText(t *testing.T) {
	e := textentry.New("Password: ", "")
	e.Mask()
	e.SetWidth(40)
	e.Update(tea.PasteMsg{Content: "hunter2"})
	if e.Value() != "hunter2" || !e.Masked() {
		t.Fatalf("value %q, masked %v", e.Value(), e.Masked())
	}
	v := ansi.Strip(e.View())
	if strings.Contains(v, "hunter") || !strings.Contains(v, "•••••••") {
		t.Fatalf("masked view %q", v)
	}
}

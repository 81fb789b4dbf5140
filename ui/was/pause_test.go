package was

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// p with auto-refresh off says so instead of doing nothing.
func TestPauseWithAutoRefreshOffSaysSo(t *testing.T) {
	r := newRig(t, 3, false, Options{})
	r.keys("p")
	if v := ansi.Strip(r.m.View()); !strings.Contains(v, "auto-refresh is off") {
		t.Fatalf("p said nothing:\n%s", v)
	}
	if r.m.paused {
		t.Fatal("p paused an auto-refresh that is off")
	}
}

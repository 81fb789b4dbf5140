package scripts_test

import (
	"strings"
	"testing"
	"time"
)

// A write's per-schedule result lines belong to it as its notice does:
// moving the cursor keeps them, the next action's key (s sorts) clears
// them with the notice.
func TestResultLinesGoWithTheNextAction(t *testing.T) {
	s, _, clk := listed(t)
	press(t, s, "space", "down", "space", "d")
	clk.Advance(time.Second)
	press(t, s, "y")
	lines := []string{"Deactivated 2 of 2 schedules.", ": ✓ deactivated"}
	press(t, s, "down")
	v := view(t, s)
	for _, want := range lines {
		if !strings.Contains(v, want) {
			t.Fatalf("a cursor move dropped %q:\n%s", want, v)
		}
	}
	press(t, s, "s")
	v = view(t, s)
	for _, gone := range lines {
		if strings.Contains(v, gone) {
			t.Fatalf("%q is still shown after s:\n%s", gone, v)
		}
	}
}

package confirm_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/uitest"
)

func open(clk *uitest.Clock, lines int) *confirm.Model {
	c := common.New(nil, false, clk.Now)
	s := confirm.Spec{Title: "Deactivate 3 WAS schedules?", Verb: "deactivate"}
	for i := range lines {
		s.Lines = append(s.Lines, fmt.Sprintf("line %d", i))
	}
	return confirm.New(c, s)
}

// Keys within the grace period are dropped, y among them; after it only
// y accepts, n/esc/enter/q cancel and anything else is ignored.
func TestGraceThenOnlyYAccepts(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	d := open(clk, 2)
	clk.Advance(confirm.Grace - time.Millisecond)
	if a := d.Update(uitest.Key("y")); a != confirm.None {
		t.Fatalf("y within the grace period gave %v", a)
	}
	clk.Advance(time.Millisecond)
	for _, k := range []string{"space", "x", "Y", "1"} {
		if a := d.Update(uitest.Key(k)); a != confirm.None {
			t.Fatalf("%s gave %v, want nothing", k, a)
		}
	}
	if a := d.Update(uitest.Key("y")); a != confirm.Accept {
		t.Fatalf("y gave %v", a)
	}
	for _, k := range []string{"n", "esc", "enter", "q"} {
		if a := d.Update(uitest.Key(k)); a != confirm.Cancel {
			t.Fatalf("%s gave %v, want Cancel", k, a)
		}
	}
}

// However many lines and however small the area, the prompt stays on
// screen and every line fits.
func TestPromptAlwaysVisible(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	for _, n := range []int{0, 3, 40} {
		for _, sz := range [][2]int{{80, 24}, {40, 8}, {20, 3}} {
			v := open(clk, n).View(sz[0], sz[1])
			uitest.RequireFits(t, v, sz[0], sz[1])
			lines := strings.Split(ansi.Strip(v), "\n")
			if !strings.HasPrefix(lines[len(lines)-1], "Type y to") {
				t.Fatalf("%d lines at %v: the prompt is not the last line:\n%s", n, sz, ansi.Strip(v))
			}
			if n == 40 && sz[1] == 24 && !strings.Contains(ansi.Strip(v), "more lines") {
				t.Fatalf("cut lines are not said:\n%s", ansi.Strip(v))
			}
		}
	}
}

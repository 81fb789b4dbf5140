package scroll_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
	"github.com/qsched/qsched/ui/uitest"
)

// The viewport answers the app's movement keys (j, pgdown) and soft-wraps
// long lines instead of cutting them.
func TestMovesWithTheAppKeysAndWraps(t *testing.T) {
	vp := scroll.New(common.New(nil, false, nil), 20, 5)
	var lines []string
	for i := range 30 {
		lines = append(lines, fmt.Sprintf("line %02d", i))
	}
	vp.SetContent(strings.Join(lines, "\n"))
	vp, _ = vp.Update(uitest.Key("j"))
	if vp.YOffset() != 1 {
		t.Fatalf("j: offset %d", vp.YOffset())
	}
	vp, _ = vp.Update(uitest.Key("pgdown"))
	if vp.YOffset() <= 1 {
		t.Fatalf("pgdown: offset %d", vp.YOffset())
	}
	vp.SetContent(strings.Repeat("x", 45))
	vp.GotoTop()
	if v := vp.View(); !strings.Contains(v, strings.Repeat("x", 20)) || strings.Count(v, "x") != 45 {
		t.Fatalf("long line not wrapped whole:\n%s", v)
	}
}

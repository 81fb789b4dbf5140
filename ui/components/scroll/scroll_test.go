package scroll_test

import (
	"fmt"
	"github.com/charmbracelet/x/ansi"
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

// Long lines break between words, never inside one that fits.
func TestSetTextWrapsAtWords(t *testing.T) {
	const text = "weekly on Mon, Wed at 02:00:00 from 2026-11-22 until 2026-12-22 · active"
	vp := scroll.New(common.New(nil, false, nil), 20, 8)
	scroll.SetText(&vp, text)
	got := ansi.Strip(vp.View())
	words := map[string]bool{}
	for _, w := range strings.Fields(text) {
		words[w] = true
	}
	for _, w := range strings.Fields(got) {
		if !words[w] {
			t.Fatalf("%q is not a word of the text: a word was cut\n%s", w, got)
		}
	}
}

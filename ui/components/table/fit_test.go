package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
)

// A cell that is not plain ASCII is measured once and drawn from the cache
// after: the same text, cut the same way; the cache stays bounded.
func TestFittedCellsAreCachedAndBounded(t *testing.T) {
	m := &Model{}
	cells := []struct {
		s      string
		w      int
		middle bool
		want   string
	}{
		{"Nightly scan – Shop", 10, false, "Nightly s…"},
		{"日本語のスキャン", 6, false, "日本…"},
		{"/a/long/path/to/file", 9, true, common.TruncateMiddle("/a/long/path/to/file", 9)},
		{"short – ok", 20, false, "short – ok          "},
	}
	for round := range 2 {
		for _, c := range cells {
			var b strings.Builder
			m.fit(&b, c.s, c.w, c.middle, false)
			got := b.String()
			if strings.TrimRight(got, " ") != strings.TrimRight(c.want, " ") || (ansi.StringWidth(got) != c.w && ansi.StringWidth(got) != c.w-1) {
				t.Fatalf("round %d: fit(%q, %d) = %q (%d cells), want %q", round, c.s, c.w, got, ansi.StringWidth(got), c.want)
			}
		}
	}
	if len(m.fits) != len(cells) {
		t.Fatalf("%d cells cached, want %d", len(m.fits), len(cells))
	}
	for i := range maxFits + 10 {
		var b strings.Builder
		m.fit(&b, fmt.Sprintf("cell – %d", i), 8, false, true)
	}
	if len(m.fits) > maxFits {
		t.Fatalf("cache grew to %d", len(m.fits))
	}
}

package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/safe"
)

// table is an aligned text table. Every cell goes through safe.Line: much
// of it is server text. When the output is a terminal of known width, the flex
// columns are truncated with an ellipsis so that no line wraps.
type table struct {
	header []string
	rows   [][]string
	flex   []int // columns that shrink, first to give way first
}

const (
	colGap      = 2
	minFlexCols = 8
)

func (t *table) add(cells ...string) {
	for i, c := range cells {
		cells[i] = safe.Line(c, 0)
	}
	t.rows = append(t.rows, cells)
}

func (t *table) render(w io.Writer, width int) error {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	if width > 0 {
		total := colGap * (len(widths) - 1)
		for _, cw := range widths {
			total += cw
		}
		for _, f := range t.flex {
			if over := total - width; over > 0 {
				cut := min(over, max(0, widths[f]-minFlexCols))
				widths[f] -= cut
				total -= cut
			}
		}
	}
	var b strings.Builder
	line := func(r []string) {
		b.Reset()
		for i, c := range r {
			if ansi.StringWidth(c) > widths[i] {
				c = ansi.Truncate(c, widths[i], "…")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+colGap))
			}
		}
		l := strings.TrimRight(b.String(), " ")
		if width > 0 && ansi.StringWidth(l) > width {
			l = ansi.Truncate(l, width, "…") // the fixed columns alone are too wide
		}
		fmt.Fprintln(w, l)
	}
	line(t.header)
	for _, r := range t.rows {
		line(r)
	}
	return nil
}

// writeJSON prints v as the one JSON document of a command; every
// control, bidi and zero-width character is written as a \u escape.
func writeJSON(w io.Writer, v any) error { return safe.WriteJSON(w, v) }

package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// table is an aligned text table. Every cell goes through safe.Line: much
// of it is server text. When the output is a terminal of known width, the flex
// columns are truncated with an ellipsis so that no line wraps.
//
// When shrinking the flex columns is not enough, the columns in drop are
// left out, first to go first, until the table fits (an 80-column
// terminal shows every table without wrapping); only then is a line cut.
// CSV (writeCSV) always has every column, uncut.
type table struct {
	header []string
	rows   [][]string
	raw    [][]string // the cells as given, for CSV
	flex   []int      // columns that shrink, first to give way first
	drop   []int      // columns left out on a narrow terminal, first to go first
	// none is the line printed instead of a lone header when there are no
	// rows, e.g. "No script schedules." ("": the header alone).
	none string
}

const (
	colGap      = 2
	minFlexCols = 8
)

func (t *table) add(cells ...string) {
	t.raw = append(t.raw, slices.Clone(cells))
	for i, c := range cells {
		cells[i] = safe.Line(c, 0)
	}
	t.rows = append(t.rows, cells)
}

// writeCSV writes the table as CSV: every column, nothing cut, each cell
// through present.CSVCell.
func (t *table) writeCSV(w io.Writer) error { return present.WriteCSV(w, t.header, t.raw) }

// write prints the table in the format (present.FormatCSV, else text).
func (t *table) write(w io.Writer, format string, width int) error {
	if format == present.FormatCSV {
		return t.writeCSV(w)
	}
	return t.render(w, width)
}

func (t *table) render(w io.Writer, width int) error {
	if len(t.rows) == 0 && t.none != "" {
		_, err := fmt.Fprintln(w, t.none)
		return err
	}
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	shown := make([]bool, len(widths))
	for i := range shown {
		shown[i] = true
	}
	if width > 0 {
		t.fit(widths, shown, width)
	}
	last := len(shown) - 1
	for last > 0 && !shown[last] {
		last--
	}
	var b strings.Builder
	line := func(r []string) {
		b.Reset()
		for i, c := range r {
			if !shown[i] {
				continue
			}
			if ansi.StringWidth(c) > widths[i] {
				c = ansi.Truncate(c, widths[i], "…")
			}
			b.WriteString(c)
			if i < last {
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

// fit narrows widths to width: the flex columns shrink (down to
// minFlexCols), then the drop columns are left out one by one, each time
// giving the flex columns back what they may take.
func (t *table) fit(widths []int, shown []bool, width int) {
	natural := slices.Clone(widths)
	for _, d := range append([]int{-1}, t.drop...) {
		if d >= 0 {
			shown[d] = false
		}
		copy(widths, natural)
		total := -colGap
		for i, cw := range widths {
			if shown[i] {
				total += cw + colGap
			}
		}
		for _, f := range t.flex {
			if over := total - width; over > 0 && shown[f] {
				cut := min(over, max(0, widths[f]-minFlexCols))
				widths[f] -= cut
				total -= cut
			}
		}
		if total <= width {
			return
		}
	}
}

// writeJSON prints v as the one JSON document of a command; every
// control, bidi and zero-width character is written as a \u escape.
func writeJSON(w io.Writer, v any) error { return safe.WriteJSON(w, v) }

// sayWait tells stderr that a command waits before sending a call again,
// how long and why (a rate limit, a server failure, a network error), so
// that a command that seems stuck is known to be waiting.
func (a *cli) sayWait(w client.RetryWait) {
	if a.stderr != nil {
		waitMu.Lock() // calls in flight may wait at once
		defer waitMu.Unlock()
		fmt.Fprintln(a.stderr, "qsched: "+safe.Text(w.String()))
	}
}

var waitMu sync.Mutex

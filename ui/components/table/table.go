// Package table is the one list table of qsched (gh-dash's shared table):
// columns with a minimum width and a priority, a cursor, marks, a sort
// indicator and the row position, rendering only the rows on screen.
//
// The table does not hold rows. It asks a Rows source for the cells of
// the visible rows only, so a list of 100,000 schedules costs no more to
// draw than a list of 30. Cells must already be display-safe (ui/safe):
// the table measures and cuts them, it does not clean them.
//
// Narrow terminals: columns are dropped lowest priority first until the
// rest fit; the flexible column (the name) takes whatever is left. Nothing
// wraps: every line is at most the table's width.
package table

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
)

// Column describes one column.
type Column struct {
	Title string
	// Width is the column's minimum width in cells (content is cut with
	// "…" beyond it).
	Width int
	// Flex columns share the width that fixed columns leave, in
	// proportion to Flex (0: fixed width).
	Flex int
	// Priority decides which columns stay on a narrow terminal: the
	// lowest priorities are dropped first (ties: the rightmost first).
	Priority int
	// Middle cuts long content in the middle instead of at the end (paths).
	Middle bool
}

// ZoneTitled returns cols with column i's title naming the display zone
// its times are shown in, as it reads now ("NEXT RUN CEST").
func ZoneTitled(c common.Common, cols []Column, i int) []Column {
	cols = slices.Clone(cols)
	cols[i].Title += " " + c.Now().In(c.Loc()).Format("MST")
	return cols
}

// Rows supplies the rows. Cells is called for visible rows only and
// returns the row's cells in column order.
type Rows interface {
	Len() int
	Cells(i int) []string
}

// Styles are the table's styles (from common.Styles).
type Styles struct {
	Header, Cursor lipgloss.Style
}

// KeyMap are the movement keys the table answers (from common.KeyMap).
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// Model is a table. Use it through a pointer; the zero value is not
// ready: build it with New.
type Model struct {
	cols   []Column
	rows   Rows
	styles Styles
	keys   KeyMap

	// Mark returns the one-cell glyph of row i's mark column (" " for
	// none); nil means the table has no mark column.
	Mark func(i int) string
	// RowStyle styles row i when ok (failed calls, marked rows); the
	// cursor's style wins.
	RowStyle func(i int) (s lipgloss.Style, ok bool)

	width, height  int
	cursor, offset int
	sortCol        int
	sortDesc       bool

	lay     []int // width per column (0: dropped) for layoutW
	layoutW int
	used    int // cells the laid-out columns take, mark column included

	fits map[fitKey]fitted // cells that are not plain ASCII, fitted (fitCell)
}

// fitKey is a cell fitted to a column's width; fitted is the result.
type fitKey struct {
	s      string
	w      int
	middle bool
}

type fitted struct {
	s string
	w int
}

// maxFits bounds the fitted-cell cache: a few screens of cells. It is
// emptied when full, so scrolling through 100,000 rows cannot grow it.
const maxFits = 4096

// New returns a table with the given columns.
func New(cols []Column, st Styles, km KeyMap) *Model {
	return &Model{cols: cols, styles: st, keys: km, rows: empty{}, sortCol: -1, layoutW: -1}
}

// For returns a table with the app's styles and movement keys.
func For(c common.Common, cols []Column) *Model {
	l := c.Keys.List
	return New(cols, Styles{Header: c.Styles.Table.Header, Cursor: c.Styles.Table.Cursor},
		KeyMap{Up: l.Up, Down: l.Down, PageUp: l.PageUp, PageDown: l.PageDown, Top: l.Top, Bottom: l.Bottom})
}

type empty struct{}

func (empty) Len() int           { return 0 }
func (empty) Cells(int) []string { return nil }

// SetRows replaces the row source and keeps the cursor in range.
func (m *Model) SetRows(r Rows) {
	if r == nil {
		r = empty{}
	}
	m.rows = r
	m.clamp()
}

// SetSize sets the area: width cells, height lines including the header.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.clamp()
}

// Height is the number of lines View renders (SetSize's h).
func (m *Model) Height() int { return m.height }

// SetSort shows the sort indicator on column col (-1: none).
func (m *Model) SetSort(col int, desc bool) { m.sortCol, m.sortDesc = col, desc }

// Len is the number of rows.
func (m *Model) Len() int { return m.rows.Len() }

// Cursor is the index of the row under the cursor (0 when empty).
func (m *Model) Cursor() int { return m.cursor }

// SetCursor moves the cursor to row i, scrolling it into view.
func (m *Model) SetCursor(i int) {
	m.cursor = i
	m.clamp()
}

// Move moves the cursor by d rows.
func (m *Model) Move(d int) { m.SetCursor(m.cursor + d) }

// Offset is the first visible row.
func (m *Model) Offset() int { return m.offset }

// PageRows is how many rows fit under the header.
func (m *Model) PageRows() int { return max(m.height-1, 0) }

// Position is the row position, "n/N" ("0/0" when empty).
func (m *Model) Position() string {
	n := m.rows.Len()
	if n == 0 {
		return "0/0"
	}
	return present.Count(m.cursor+1) + "/" + present.Count(n) // "1/3,000", as the counts beside it
}

// IsNav reports whether msg is one of the movement keys.
func (m *Model) IsNav(msg tea.KeyPressMsg) bool {
	k := m.keys
	return key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom)
}

// Update moves the cursor for the movement keys and reports whether the
// key was one of them.
func (m *Model) Update(msg tea.KeyPressMsg) bool {
	page := max(m.PageRows()-1, 1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.Move(-1)
	case key.Matches(msg, m.keys.Down):
		m.Move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.Move(-page)
	case key.Matches(msg, m.keys.PageDown):
		m.Move(page)
	case key.Matches(msg, m.keys.Top):
		m.SetCursor(0)
	case key.Matches(msg, m.keys.Bottom):
		m.SetCursor(m.rows.Len() - 1)
	default:
		return false
	}
	return true
}

// clamp keeps the cursor on a row and that row on screen.
func (m *Model) clamp() {
	n := m.rows.Len()
	m.cursor = max(min(m.cursor, n-1), 0)
	h := max(m.PageRows(), 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, n-h), 0)
}

// View renders the header and the visible rows: at most height lines,
// each at most width cells.
func (m *Model) View() string {
	if m.height <= 0 || m.width <= 0 {
		return ""
	}
	widths := m.layout()
	var b strings.Builder
	titles := make([]string, len(m.cols))
	for i, c := range m.cols {
		titles[i] = c.Title
		if i == m.sortCol {
			titles[i] += sortArrow(m.sortDesc)
		}
	}
	b.WriteString(m.styles.Header.Render(m.line(widths, titles, " ", false)))
	end := min(m.offset+m.PageRows(), m.rows.Len())
	for i := m.offset; i < end; i++ {
		b.WriteByte('\n')
		glyph := " "
		if m.Mark != nil {
			glyph = m.Mark(i)
		}
		line := m.line(widths, m.rows.Cells(i), glyph, i == m.cursor)
		switch {
		case i == m.cursor:
			line = m.styles.Cursor.Render(line)
		case m.RowStyle != nil:
			if s, ok := m.RowStyle(i); ok {
				line = s.Render(line)
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

func sortArrow(desc bool) string {
	if desc {
		return " ↓"
	}
	return " ↑"
}

// markWidth is the mark column: a glyph and a space.
const markWidth = 2

// line lays cells out in the column widths; glyph fills the mark column.
// With full the line is padded to the whole width (the cursor's bar).
func (m *Model) line(widths []int, cells []string, glyph string, full bool) string {
	var b strings.Builder
	b.Grow(m.width)
	if m.Mark != nil {
		b.WriteString(glyph)
		b.WriteByte(' ')
	}
	last := lastShown(widths)
	for i, w := range widths {
		if w == 0 {
			continue
		}
		var s string
		if i < len(cells) {
			s = cells[i]
		}
		m.fit(&b, s, w, m.cols[i].Middle, i == last && !full)
		if i != last {
			b.WriteByte(' ')
		}
	}
	if full && m.used < m.width {
		b.WriteString(strings.Repeat(" ", m.width-m.used))
	}
	if m.used > m.width { // tinier than the mark column and one cell
		return ansi.Truncate(b.String(), m.width, "")
	}
	return b.String()
}

func lastShown(widths []int) int {
	for i := len(widths) - 1; i >= 0; i-- {
		if widths[i] > 0 {
			return i
		}
	}
	return -1
}

// fit writes s cut or padded to exactly w cells (the last column is not
// padded). A cell that is not plain ASCII is measured (and cut) once and
// kept in m.fits: grapheme widths were most of a frame, and the same
// cells are drawn frame after frame.
func (m *Model) fit(b *strings.Builder, s string, w int, middle, last bool) {
	var f fitted
	if isPlain(s) && len(s) <= w {
		f = fitted{s, len(s)}
	} else {
		k := fitKey{s, w, middle}
		var ok bool
		if f, ok = m.fits[k]; !ok {
			f = fitCell(s, w, middle)
			if m.fits == nil || len(m.fits) >= maxFits {
				m.fits = make(map[fitKey]fitted, maxFits/4)
			}
			m.fits[k] = f
		}
	}
	b.WriteString(f.s)
	if !last && f.w < w {
		b.WriteString(strings.Repeat(" ", w-f.w))
	}
}

// fitCell cuts s to at most w cells and says how wide the result is.
func fitCell(s string, w int, middle bool) fitted {
	sw := cellWidth(s)
	if sw > w {
		if middle {
			s = common.TruncateMiddle(s, w)
		} else {
			s = ansi.Truncate(s, w, "…")
		}
		sw = cellWidth(s)
	}
	return fitted{s, sw}
}

// isPlain reports whether s is printable ASCII, one cell per byte.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			return false
		}
	}
	return true
}

// cellWidth is the display width of s, without the grapheme analysis for
// plain ASCII (the common case, and the hot path of every frame).
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// layout returns each column's width for the current width (0 for a
// dropped column), cached per width.
func (m *Model) layout() []int {
	if m.layoutW == m.width && m.lay != nil {
		return m.lay
	}
	m.lay, m.layoutW = Layout(m.cols, m.width-m.markCells()), m.width
	m.used = m.markCells()
	k := 0
	for _, w := range m.lay {
		if w > 0 {
			m.used += w
			k++
		}
	}
	m.used += max(k-1, 0)
	return m.lay
}

func (m *Model) markCells() int {
	if m.Mark != nil {
		return markWidth
	}
	return 0
}

// Layout fits cols into width cells (one space between columns): the
// lowest-priority columns are dropped until the minimum widths fit, then
// flexible columns share what is left. A result of 0 drops the column.
func Layout(cols []Column, width int) []int {
	widths := make([]int, len(cols))
	shown := make([]bool, len(cols))
	for i := range cols {
		shown[i] = true
	}
	need := func() int {
		n, k := 0, 0
		for i, c := range cols {
			if shown[i] {
				n += c.Width
				k++
			}
		}
		return n + max(k-1, 0)
	}
	for need() > width {
		drop := -1
		for i, c := range cols {
			if shown[i] && (drop < 0 || c.Priority <= cols[drop].Priority) {
				drop = i
			}
		}
		if drop < 0 || countTrue(shown) == 1 {
			break // one column left: it is cut to the width
		}
		shown[drop] = false
	}
	slack := max(width-need(), 0)
	flex := 0
	for i, c := range cols {
		if shown[i] {
			widths[i] = c.Width
			flex += c.Flex
		}
	}
	if flex > 0 {
		given := 0
		lastFlex := -1
		for i, c := range cols {
			if shown[i] && c.Flex > 0 {
				add := slack * c.Flex / flex
				widths[i] += add
				given += add
				lastFlex = i
			}
		}
		widths[lastFlex] += slack - given
	}
	if countTrue(shown) == 1 {
		for i := range widths {
			if shown[i] {
				widths[i] = min(widths[i], max(width, 0))
			}
		}
	}
	return widths
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

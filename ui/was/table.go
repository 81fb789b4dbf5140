package was

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// column is a sortable column of the list.
type column int

const (
	colID column = iota
	colName
	colType
	colWebApp
	colOcc
	colNext
	colActive
	colInvalid
	numColumns
)

var columnNames = [...]string{"id", "name", "type", "web app", "occurrence", "next launch", "active", "invalid"}

func (c column) String() string { return columnNames[c] }

// sortSpec is the list order.
type sortSpec struct {
	col  column
	desc bool
}

func (s sortSpec) String() string {
	arrow := "↑"
	if s.desc {
		arrow = "↓"
	}
	return s.col.String() + " " + arrow
}

// compareRows orders two rows by the column, then by id so the order is
// total and stable across runs.
func compareRows(a, b *row, col column) int {
	var c int
	switch col {
	case colName:
		c = strings.Compare(a.name, b.name)
	case colType:
		c = strings.Compare(a.typ, b.typ)
	case colWebApp:
		c = strings.Compare(a.webApp, b.webApp)
	case colOcc:
		c = strings.Compare(a.occ, b.occ)
	case colNext:
		// Schedules without a next launch sort last.
		switch {
		case a.next == "" && b.next != "":
			c = 1
		case a.next != "" && b.next == "":
			c = -1
		default:
			c = strings.Compare(a.next, b.next)
		}
	case colActive:
		c = cmpBool(a.active, b.active)
	case colInvalid:
		c = cmpBool(a.invalid, b.invalid)
	}
	if c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// computeView returns the indices of rows that match query (a
// case-insensitive substring of id, name, web app, type or occurrence),
// in the order of s. It only reads rows, which are immutable, so it runs
// inside a command on a snapshot.
func computeView(rows []*row, query string, s sortSpec) []int {
	q := strings.ToLower(strings.TrimSpace(query))
	out := make([]int, 0, len(rows))
	for i, r := range rows {
		if q == "" || strings.Contains(r.lower, q) {
			out = append(out, i)
		}
	}
	if s.col == colID && !s.desc && isSortedByID(rows) {
		return out
	}
	slices.SortStableFunc(out, func(a, b int) int {
		c := compareRows(rows[a], rows[b], s.col)
		if s.desc {
			return -c
		}
		return c
	})
	return out
}

func isSortedByID(rows []*row) bool {
	return slices.IsSortedFunc(rows, func(a, b *row) int { return cmp.Compare(a.id, b.id) })
}

// layout holds the column widths for one terminal width.
type layout struct {
	id, name, typ, app, occ, next, active, invalid int
}

// Fixed widths; name and web app share the rest, name getting 60 %.
const (
	wMark    = 2
	wID      = 10
	wType    = 5
	wOcc     = 8
	wNext    = 17
	wActive  = 4
	wInvalid = 4
)

func newLayout(width int) layout {
	l := layout{id: wID, typ: wType, occ: wOcc, next: wNext, active: wActive, invalid: wInvalid}
	rest := width - wMark - wID - wType - wOcc - wNext - wActive - wInvalid
	if rest < 16 {
		rest = 16
	}
	l.name = rest * 6 / 10
	l.app = rest - l.name
	return l
}

// typeLabel shortens the scan type for the narrow column.
func typeLabel(t string) string {
	switch t {
	case "VULNERABILITY":
		return "VULN"
	case "DISCOVERY":
		return "DISC"
	}
	return t
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// cell pads or cuts s to exactly w cells, plus a separating space.
func cell(b *strings.Builder, s string, w int) {
	if w <= 0 {
		return
	}
	sw := ansi.StringWidth(s)
	if sw > w-1 {
		s = ansi.Truncate(s, w-1, "…")
		sw = ansi.StringWidth(s)
	}
	b.WriteString(s)
	b.WriteString(strings.Repeat(" ", w-sw))
}

// headerLine is the column titles.
func (l layout) headerLine() string {
	var b strings.Builder
	b.WriteString("  ")
	for _, c := range []struct {
		s string
		w int
	}{{"ID", l.id}, {"NAME", l.name}, {"TYPE", l.typ}, {"WEB APP", l.app}, {"OCCUR.", l.occ}, {"NEXT LAUNCH UTC", l.next}, {"ACT", l.active}, {"INV", l.invalid}} {
		cell(&b, c.s, c.w)
	}
	return b.String()
}

// rowLine renders one row; markGlyph is "●", "!" (marked, last action
// failed) or " ".
func (l layout) rowLine(r *row, markGlyph string) string {
	var b strings.Builder
	b.WriteString(markGlyph)
	b.WriteByte(' ')
	cell(&b, strconv.FormatInt(r.id, 10), l.id)
	cell(&b, r.name, l.name)
	cell(&b, typeLabel(r.typ), l.typ)
	cell(&b, r.webApp, l.app)
	cell(&b, r.occ, l.occ)
	next := r.next
	if next == "" {
		next = "—"
	}
	cell(&b, next, l.next)
	cell(&b, yesNo(r.active), l.active)
	cell(&b, yesNo(r.invalid), l.invalid)
	return strings.TrimRight(b.String(), " ")
}

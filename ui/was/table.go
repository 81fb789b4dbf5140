package was

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/present"
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
// total and stable across runs. Text columns sort naturally, ignoring
// case ("scan 2" before "scan 10": model.CompareNatural).
func compareRows(a, b *row, col column) int {
	var c int
	switch col {
	case colName:
		c = model.CompareNatural(a.name, b.name)
	case colType:
		c = model.CompareNatural(a.typ, b.typ)
	case colWebApp:
		c = model.CompareNatural(a.webApp, b.webApp)
	case colOcc:
		c = model.CompareNatural(a.occ, b.occ)
	case colNext:
		// Schedules without a next launch sort last.
		switch {
		case a.next == 0 && b.next != 0:
			c = 1
		case a.next != 0 && b.next == 0:
			c = -1
		default:
			c = cmp.Compare(a.next, b.next)
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

// computeView returns the indices of rows that match query (every
// space-separated term a case-insensitive substring of id, name, web
// app, type or occurrence) and, when only is not nil, are in it (the
// marked rows), in the order of s. It only reads rows, which are
// immutable, and only, which it is given a copy of, so it runs inside a
// command on a snapshot.
func computeView(rows []*row, query string, s sortSpec, only map[int64]bool) []int {
	terms := strings.Fields(strings.ToLower(query))
	out := make([]int, 0, len(rows))
	for i, r := range rows {
		if (only == nil || only[r.id]) && matchAll(r.lower, terms) {
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

// matchAll reports whether every term is in hay.
func matchAll(hay string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(hay, t) {
			return false
		}
	}
	return true
}

func isSortedByID(rows []*row) bool {
	return slices.IsSortedFunc(rows, func(a, b *row) int { return cmp.Compare(a.id, b.id) })
}

// columns of the list, in the order of the column constants (so a sort
// column is also a table column). On a narrow terminal the invalid flag,
// the type and the occurrence go first; the name takes the slack, shared
// 3:2 with the web app.
var columns = []table.Column{
	colID:      {Title: "ID", Width: 10, Priority: 9},
	colName:    {Title: "NAME", Width: 24, Flex: 3, Priority: 10},
	colType:    {Title: "TYPE", Width: 5, Priority: 3},
	colWebApp:  {Title: "WEB APP", Width: 10, Flex: 2, Priority: 6},
	colOcc:     {Title: "OCCUR.", Width: 8, Priority: 4},
	colNext:    {Title: "NEXT LAUNCH", Width: 16, Priority: 7}, // + the zone: table.ZoneTitled
	colActive:  {Title: "ACT", Width: 3, Priority: 8},
	colInvalid: {Title: "INV", Width: 3, Priority: 2},
}

// viewRows feeds the table from the filtered, sorted view.
type viewRows struct{ m *Model }

func (v viewRows) Len() int { return len(v.m.view) }

func (v viewRows) Cells(i int) []string {
	r := v.m.vrows[v.m.view[i]]
	next := "—"
	if r.next != 0 {
		next = time.Unix(r.next, 0).In(v.m.Loc()).Format("2006-01-02 15:04")
	}
	return []string{strconv.FormatInt(r.id, 10), r.name, typeLabel(r.typ), r.webApp, r.occ, next, present.YesNo(r.active), present.YesNo(r.invalid)}
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

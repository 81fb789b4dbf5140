package table_test

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/uitest"
)

// rows is a Rows source that counts which rows were asked for.
type rows struct {
	n     int
	asked map[int]bool
}

func (r *rows) Len() int { return r.n }
func (r *rows) Cells(i int) []string {
	r.asked[i] = true
	return []string{fmt.Sprint(i), fmt.Sprintf("schedule number %d with a long name", i), "WEEKLY", "2026-03-30 09:15"}
}

var cols = []table.Column{
	{Title: "ID", Width: 6, Priority: 9},
	{Title: "NAME", Width: 10, Flex: 1, Priority: 10},
	{Title: "OCCUR.", Width: 8, Priority: 1},
	{Title: "NEXT", Width: 16, Priority: 5},
}

func keys() table.KeyMap {
	b := func(k string) key.Binding { return key.NewBinding(key.WithKeys(k)) }
	return table.KeyMap{Up: b("up"), Down: b("down"), PageUp: b("pgup"), PageDown: b("pgdown"), Top: b("home"), Bottom: b("end")}
}

func newTable(n, w, h int) (*table.Model, *rows) {
	r := &rows{n: n, asked: map[int]bool{}}
	t := table.New(cols, table.Styles{Cursor: lipgloss.NewStyle().Reverse(true)}, keys())
	t.SetRows(r)
	t.SetSize(w, h)
	return t, r
}

func TestLayoutDropsLowestPriorityFirstAndNameTakesTheSlack(t *testing.T) {
	// 6+10+8+16 plus 3 separators = 43.
	if got := table.Layout(cols, 60); got[1] != 10+17 || got[2] != 8 {
		t.Fatalf("wide layout %v: the name should take the 17 spare cells", got)
	}
	got := table.Layout(cols, 40)
	if got[2] != 0 || got[0] == 0 || got[3] == 0 || got[1] < 10 {
		t.Fatalf("40 cells: %v, want OCCUR. (priority 1) dropped first", got)
	}
	got = table.Layout(cols, 20)
	if got[2] != 0 || got[3] != 0 || got[0] == 0 || got[1] == 0 {
		t.Fatalf("20 cells: %v, want NEXT dropped next", got)
	}
	got = table.Layout(cols, 5)
	if got[1] != 5 || got[0]+got[2]+got[3] != 0 {
		t.Fatalf("5 cells: %v, want only the name, cut to 5", got)
	}
}

func TestEveryLineFitsAtEveryWidth(t *testing.T) {
	for w := 1; w <= 90; w++ {
		tb, _ := newTable(50, w, 8)
		tb.Mark = func(i int) string { return "●" }
		tb.SetSort(1, true)
		v := tb.View()
		uitest.RequireFits(t, v, w, 8)
		if t.Failed() {
			t.Fatalf("width %d:\n%s", w, v)
		}
	}
}

func TestOnlyVisibleRowsAreRendered(t *testing.T) {
	tb, r := newTable(100000, 80, 11)
	tb.SetCursor(5000)
	_ = tb.View()
	if len(r.asked) != 10 {
		t.Fatalf("asked for %d rows, want the 10 on screen", len(r.asked))
	}
	for i := range r.asked {
		if i < tb.Offset() || i >= tb.Offset()+10 || 5000 < tb.Offset() || 5000 >= tb.Offset()+10 {
			t.Fatalf("row %d asked, offset %d: the cursor row must be on screen", i, tb.Offset())
		}
	}
}

func TestCursorKeysScrollAndClamp(t *testing.T) {
	tb, _ := newTable(25, 80, 6) // 5 rows on screen
	for _, c := range []struct {
		key              string
		cursor, position string
	}{
		{"down", "1", "2/25"}, {"pgdown", "5", "6/25"}, {"end", "24", "25/25"},
		{"down", "24", "25/25"}, {"home", "0", "1/25"}, {"up", "0", "1/25"},
	} {
		if !tb.Update(uitest.Key(c.key)) {
			t.Fatalf("%s not handled", c.key)
		}
		if got := fmt.Sprint(tb.Cursor()); got != c.cursor || tb.Position() != c.position {
			t.Fatalf("after %s: cursor %s position %s, want %s %s", c.key, got, tb.Position(), c.cursor, c.position)
		}
		if tb.Cursor() < tb.Offset() || tb.Cursor() >= tb.Offset()+tb.PageRows() {
			t.Fatalf("after %s the cursor %d is off screen (offset %d)", c.key, tb.Cursor(), tb.Offset())
		}
	}
	if tb.Update(uitest.Key("x")) {
		t.Fatal("x is not a movement key")
	}
	tb.SetRows(&rows{n: 3, asked: map[int]bool{}})
	tb.SetCursor(10)
	if tb.Cursor() != 2 {
		t.Fatalf("cursor %d after shrinking to 3 rows", tb.Cursor())
	}
	tb.SetRows(nil)
	if tb.Position() != "0/0" || tb.Cursor() != 0 {
		t.Fatalf("empty table: %s %d", tb.Position(), tb.Cursor())
	}
}

func TestHeaderMarksAndSortIndicator(t *testing.T) {
	tb, _ := newTable(3, 80, 4)
	tb.Mark = func(i int) string {
		if i == 1 {
			return "●"
		}
		return " "
	}
	tb.SetSort(3, false)
	lines := strings.Split(tb.View(), "\n")
	if !strings.Contains(lines[0], "NEXT ↑") || !strings.HasPrefix(lines[0], "  ID") {
		t.Fatalf("header %q", lines[0])
	}
	if !strings.HasPrefix(lines[2], "● 1 ") || !strings.HasPrefix(lines[3], "  2 ") {
		t.Fatalf("rows %q", lines[1:])
	}
	tb.SetSort(3, true)
	if !strings.Contains(tb.View(), "NEXT ↓") {
		t.Fatal("descending sort not shown")
	}
}

func TestMiddleCutKeepsBothEnds(t *testing.T) {
	c := []table.Column{{Title: "PATH", Width: 20, Middle: true}}
	tb := table.New(c, table.Styles{}, keys())
	tb.SetRows(pathRows{"/qps/rest/3.0/search/was/wasscanschedule"})
	tb.SetSize(20, 2)
	l := strings.Split(tb.View(), "\n")[1]
	if !strings.HasPrefix(l, "/qps/rest") || !strings.HasSuffix(l, "nschedule") || !strings.Contains(l, "…") {
		t.Fatalf("middle cut %q", l)
	}
}

type pathRows []string

func (p pathRows) Len() int             { return len(p) }
func (p pathRows) Cells(i int) []string { return []string{p[i]} }

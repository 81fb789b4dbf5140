package was

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
)

var (
	shiftDown = tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}
	shiftUp   = tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}
)

func (r *rig) cursorID() int64 {
	r.t.Helper()
	row := r.m.cursorRow()
	if row == nil {
		r.t.Fatal("no row under the cursor")
	}
	return row.id
}

// esc backs out one level at a time: the range, then "marked only", then
// the local filter; then it does nothing.
func TestEscBacksOutOneLevel(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("/")
	r.typeText("weekly")
	r.keys("enter")
	filtered := len(m.view)
	if m.query != "weekly" || filtered == 0 || filtered == 40 {
		t.Fatalf("filter: query %q, %d shown", m.query, filtered)
	}
	r.keys("space", "space", "M", "v")
	if !m.markedOnly || m.rng == nil || len(m.view) != 2 {
		t.Fatalf("marked only %v, range %v, %d shown", m.markedOnly, m.rng != nil, len(m.view))
	}
	r.keys("esc")
	if m.rng != nil || !m.markedOnly || m.query == "" {
		t.Fatalf("first esc: range %v marked only %v query %q", m.rng != nil, m.markedOnly, m.query)
	}
	r.keys("esc")
	if m.markedOnly || m.query == "" || len(m.view) != filtered {
		t.Fatalf("second esc: marked only %v query %q, %d shown", m.markedOnly, m.query, len(m.view))
	}
	r.keys("esc")
	if m.query != "" || len(m.view) != 40 || m.sel.Len() != 2 {
		t.Fatalf("third esc: query %q, %d shown, %d marked", m.query, len(m.view), m.sel.Len())
	}
	r.keys("esc")
	if m.mode != modeList || len(m.view) != 40 || m.sel.Len() != 2 {
		t.Fatal("esc with nothing to back out of changed something")
	}
}

// q closes the details and the confirmation (overlays) instead of
// reaching the app as a quit: the details are an overlay the app closes
// (CloseOverlay, TestDetailsKeys); the confirmation captures input and
// answers q itself.
func TestQClosesOverlays(t *testing.T) {
	r := newRig(t, 10, false, Options{})
	m := r.m
	r.keys("enter")
	if m.mode != modeDetails {
		t.Fatalf("enter: mode %d", m.mode)
	}
	r.keys("q")
	if m.mode != modeList {
		t.Fatalf("q left the details open (mode %d)", m.mode)
	}
	r.keys("d")
	if m.mode != modeConfirm || !m.CapturesInput() {
		t.Fatalf("d: mode %d", m.mode)
	}
	r.clk.Advance(time.Second) // past the confirmation's grace period
	r.keys("q")
	if m.mode != modeList || !strings.Contains(m.note, "nothing was sent") {
		t.Fatalf("q on the confirmation: mode %d note %q", m.mode, m.note)
	}
}

// U clears every mark, those the filter hides included.
func TestUnmarkAllIncludesHiddenMarks(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("space", "space", "space")
	r.keys("/")
	r.typeText(m.vrows[m.view[10]].name)
	r.keys("enter")
	if m.hidden == 0 {
		t.Fatalf("no mark hidden by the filter (%d shown)", len(m.view))
	}
	if !strings.Contains(m.Status(), "hidden by filter") || !strings.Contains(m.Status(), "● marked") {
		t.Fatalf("status %q", m.Status())
	}
	r.keys("U")
	if m.sel.Len() != 0 || m.hidden != 0 || m.Status() != "" {
		t.Fatalf("U left %d marks (%d hidden), status %q", m.sel.Len(), m.hidden, m.Status())
	}
	if !strings.Contains(m.note, "Unmarked 3 schedules") {
		t.Fatalf("note %q", m.note)
	}
}

// v marks a range as the cursor moves (moving back unmarks what the range
// added, not what was marked before); shift+↓/↑ mark as they move.
func TestRangeMarking(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("down", "down", "down", "down", "down", "space") // a mark before the range: row 5
	before := m.vrows[m.view[5]].id
	r.keys("g", "v", "down", "down")
	if m.sel.Len() != 4 || !strings.Contains(m.Status(), "marking a range") {
		t.Fatalf("v + 2 down: %d marked (want 3 + 1 earlier), status %q", m.sel.Len(), m.Status())
	}
	r.keys("up")
	if m.sel.Len() != 3 || !m.sel.Has(before) {
		t.Fatalf("moving back: %d marked, earlier mark kept %v", m.sel.Len(), m.sel.Has(before))
	}
	r.keys("v", "down", "down")
	if m.sel.Len() != 3 {
		t.Fatalf("after the range ended moves marked rows: %d", m.sel.Len())
	}
	r.keys("U", "g")
	r.press(shiftDown, shiftDown)
	if m.sel.Len() != 3 || r.cursorID() != m.vrows[m.view[2]].id {
		t.Fatalf("shift+↓ twice: %d marked, cursor at %d", m.sel.Len(), m.table.Cursor())
	}
	r.press(shiftUp)
	if m.sel.Len() != 3 || m.table.Cursor() != 1 {
		t.Fatalf("shift+↑ marks, never unmarks: %d marked, cursor %d", m.sel.Len(), m.table.Cursor())
	}
}

// M shows only the marked rows, follows unmarking, and asks for marks
// when there are none.
func TestShowMarkedOnly(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("M")
	if m.markedOnly || !strings.Contains(m.note, "Nothing is marked") {
		t.Fatalf("M without marks: on %v note %q", m.markedOnly, m.note)
	}
	r.keys("space", "down", "down", "space", "space")
	want := m.sel.IDs()
	r.keys("M")
	if len(m.view) != 3 || !strings.Contains(m.titleText(), "3 shown of 40") {
		t.Fatalf("marked only shows %d rows (%s)", len(m.view), m.titleText())
	}
	for _, p := range m.view {
		if !want[m.vrows[p].id] {
			t.Fatalf("unmarked row %d shown", m.vrows[p].id)
		}
	}
	r.keys("g", "space")
	if len(m.view) != 2 {
		t.Fatalf("unmarking in marked-only left %d rows", len(m.view))
	}
	r.keys("M")
	if m.markedOnly || len(m.view) != 40 {
		t.Fatalf("M again: %d shown", len(m.view))
	}
}

// Names sort naturally and without regard to case; the cursor stays on
// the same schedule when the sort changes.
func TestNaturalSortKeepsCursor(t *testing.T) {
	rows := []*row{{id: 1, name: "scan 10"}, {id: 2, name: "Scan 2"}, {id: 3, name: "alpha"}, {id: 4, name: "scan 1"}}
	var got []string
	for _, i := range computeView(rows, "", sortSpec{col: colName}, nil) {
		got = append(got, rows[i].name)
	}
	if strings.Join(got, "|") != "alpha|scan 1|Scan 2|scan 10" {
		t.Fatalf("name order %q", got)
	}

	r := newRig(t, 40, false, Options{})
	m := r.m
	for range 7 {
		r.keys("down")
	}
	id := r.cursorID()
	r.keys("s") // by name
	if m.sort.col != colName || r.cursorID() != id {
		t.Fatalf("after s: sorted by %s, cursor on %d, want %d", m.sort.col, r.cursorID(), id)
	}
	r.keys("S")
	if r.cursorID() != id {
		t.Fatalf("after S: cursor on %d, want %d", r.cursorID(), id)
	}
}

// The local filter takes several terms; every one must match.
func TestMultiTermFilter(t *testing.T) {
	rows := []*row{
		{id: 1, lower: "1 weekly scan build dashboard"},
		{id: 2, lower: "2 weekly scan intranet"},
		{id: 3, lower: "3 monthly build dashboard"},
	}
	for q, want := range map[string]int{"weekly": 2, "weekly build": 1, "build  WEEKLY ": 1, "weekly monthly": 0, "": 3} {
		if got := len(computeView(rows, q, sortSpec{}, nil)); got != want {
			t.Errorf("%q matched %d, want %d", q, got, want)
		}
	}
}

// The bulk confirmation says how many targets are in the requested state
// already; activate by filter works as deactivate by filter does.
func TestAlreadyInStateAndActivateByFilter(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	var inactive int64
	for _, row := range m.rows {
		if !row.active {
			inactive = row.id
			break
		}
	}
	if inactive == 0 {
		t.Fatal("the seed has no inactive schedule")
	}
	// Mark two active rows and the inactive one.
	marked := 0
	for _, row := range m.rows {
		if row.active && marked < 2 {
			m.sel.Mark(target{row.id, row.name})
			marked++
		}
	}
	m.sel.Mark(target{inactive, "x"})
	r.keys("+")
	if v := m.View(); !strings.Contains(v, "2 of 3 are already active") {
		t.Fatalf("activate confirmation:\n%s", v)
	}
	r.clk.Advance(time.Second)
	r.keys("n", "d")
	if v := m.View(); !strings.Contains(v, "1 of 3 is already inactive") {
		t.Fatalf("deactivate confirmation:\n%s", v)
	}
	r.clk.Advance(time.Second)
	r.keys("n", "U")

	// Activate by filter: every inactive schedule.
	m.criteria = []model.Criterion{{Field: "active", Operator: model.OpEquals, Value: "false"}}
	r.run(m.reload(true))
	n := len(m.rows)
	if n == 0 {
		t.Fatal("no inactive schedule loaded")
	}
	r.keys("D")
	if v := m.View(); !strings.Contains(v, fmt.Sprintf("%d of %d are already inactive", n, n)) {
		t.Fatalf("deactivate by filter confirmation:\n%s", v)
	}
	r.clk.Advance(time.Second)
	r.keys("n", "=")
	if v := m.View(); !strings.Contains(v, "Activate every schedule matching the filter") || m.mode != modeConfirm {
		t.Fatalf("= did not open the by-filter confirmation (note %q):\n%s", m.note, v)
	}
	r.confirm()
	if !strings.Contains(m.note, "Activated") || !strings.Contains(m.note, "by filter") {
		t.Fatalf("note %q", m.note)
	}
	for _, s := range r.env.Sim.WASSchedules() {
		if !s.IsActive() {
			t.Fatalf("schedule %d still inactive on the server", s.IDValue())
		}
	}
}

package was

import (
	"fmt"
	"maps"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Selection holds the marks, keyed by schedule id. Marks survive local
// filter changes and sorting; a/A/i act on the rows shown only. The set
// that a bulk action sends is Targets(), and the confirmation lists the
// very same slice, so what is confirmed is what is acted on.
type Selection struct {
	marks map[int64]mark
}

type mark struct {
	name    string
	err     string // the last bulk action's problem with this id
	unknown bool   // err is an unknown outcome (sent, no answer), not a failure
}

// NewSelection returns an empty selection.
func NewSelection() *Selection { return &Selection{marks: map[int64]mark{}} }

// Len is the number of marks.
func (s *Selection) Len() int { return len(s.marks) }

// Has reports whether id is marked.
func (s *Selection) Has(id int64) bool { _, ok := s.marks[id]; return ok }

// Err is the last problem recorded for a marked id, "" for none.
func (s *Selection) Err(id int64) string { return s.marks[id].err }

// Unknown reports a marked id whose last action's outcome is unknown: it
// was sent and no answer came (not a failure).
func (s *Selection) Unknown(id int64) bool { return s.marks[id].unknown }

// Toggle marks or unmarks one schedule.
func (s *Selection) Toggle(t target) {
	if s.Has(t.ID) {
		delete(s.marks, t.ID)
		return
	}
	s.marks[t.ID] = mark{name: t.Name}
}

// MarkShown marks every shown row.
func (s *Selection) MarkShown(shown []target) {
	for _, t := range shown {
		s.Mark(t)
	}
}

// ClearShown unmarks every shown row; marks hidden by the filter stay.
func (s *Selection) ClearShown(shown []target) {
	for _, t := range shown {
		delete(s.marks, t.ID)
	}
}

// InvertShown flips the marks of the shown rows only.
func (s *Selection) InvertShown(shown []target) {
	for _, t := range shown {
		s.Toggle(t)
	}
}

// Clear removes every mark, those hidden by the filter too.
func (s *Selection) Clear() { clear(s.marks) }

// Clone is an independent copy (the marks before a range started).
func (s *Selection) Clone() *Selection { return &Selection{marks: maps.Clone(s.marks)} }

// Mark marks one schedule (a mark already there keeps its problem).
func (s *Selection) Mark(t target) {
	if !s.Has(t.ID) {
		s.marks[t.ID] = mark{name: t.Name}
	}
}

// IDs is the set of marked ids, a copy (the view's "marked only").
func (s *Selection) IDs() map[int64]bool {
	out := make(map[int64]bool, len(s.marks))
	for id := range s.marks {
		out[id] = true
	}
	return out
}

// Hidden counts the marks that isShown says are not on screen.
func (s *Selection) Hidden(isShown func(int64) bool) int {
	n := 0
	for id := range s.marks {
		if !isShown(id) {
			n++
		}
	}
	return n
}

// Targets returns the marked schedules in ascending id order.
func (s *Selection) Targets() []target {
	ids := slices.Sorted(maps.Keys(s.marks))
	out := make([]target, len(ids))
	for i, id := range ids {
		out[i] = target{ID: id, Name: s.marks[id].name}
	}
	return out
}

// Keep drops the marks whose id exists returns false for and reports how
// many were dropped (after a reload: schedules that no longer exist).
func (s *Selection) Keep(exists func(int64) bool) int {
	n := 0
	for id := range s.marks {
		if !exists(id) {
			delete(s.marks, id)
			n++
		}
	}
	return n
}

// Rename updates the name recorded for a marked id.
func (s *Selection) Rename(id int64, name string) {
	if m, ok := s.marks[id]; ok {
		m.name = name
		s.marks[id] = m
	}
}

// ApplyResult unmarks the ids the server affected and keeps the others
// marked with their problem, so the same key retries exactly those.
// Only ids that were sent are touched.
func (s *Selection) ApplyResult(r client.BulkResult) {
	for _, it := range r.Items {
		switch it.Status {
		case client.Done:
			delete(s.marks, it.ID)
		default:
			m, ok := s.marks[it.ID]
			if !ok {
				continue
			}
			m.err = it.Status.String()
			if it.Err != nil {
				m.err = safe.Text(it.Err.Error())
			}
			m.unknown = it.Status == client.Unknown
			s.marks[it.ID] = m
		}
	}
}

// Unmark removes one mark.
func (s *Selection) Unmark(id int64) { delete(s.marks, id) }

// SetErr records a problem for a marked id (ignored when not marked):
// its outcome is known.
func (s *Selection) SetErr(id int64, problem string) {
	if m, ok := s.marks[id]; ok {
		m.err, m.unknown = problem, false
		s.marks[id] = m
	}
}

// markRange is a range being marked (v): the marks before it started and
// the row it started on. Rows between the anchor and the cursor are
// marked on top of base, so moving back unmarks what the range added.
type markRange struct {
	anchor int64
	base   *Selection
}

// marksChanged recounts the hidden marks and, when only the marked rows
// are shown, refilters so the list follows the marks.
func (m *Model) marksChanged() tea.Cmd {
	m.recountHidden()
	if m.markedOnly {
		return m.refilter()
	}
	return nil
}

// unmarkAll clears every mark, those the filter hides included.
func (m *Model) unmarkAll() tea.Cmd {
	n := m.sel.Len()
	m.endRange()
	m.sel.Clear()
	m.setNote(fmt.Sprintf("Unmarked %s (hidden ones included).", present.Plural(n, "schedule")), false)
	return m.marksChanged()
}

// toggleRange starts a range on the row under the cursor (marking it), or
// ends the one being marked.
func (m *Model) toggleRange() {
	if m.rng != nil {
		m.endRange()
		m.setNote("Range ended; the marks stay.", false)
		return
	}
	r := m.cursorRow()
	if r == nil {
		return
	}
	m.rng = &markRange{anchor: r.id, base: m.sel.Clone()}
	m.extendRange()
	m.setNote(fmt.Sprintf("Marking a range: move to extend it; %s or %s ends it.", m.Keys.List.MarkRange.Help().Key, m.Keys.Global.Back.Help().Key), false)
}

func (m *Model) endRange() { m.rng = nil }

// extendRange marks the rows from the range's anchor to the cursor on
// top of the marks the range started with.
func (m *Model) extendRange() {
	if m.rng == nil {
		return
	}
	from := -1
	for i, p := range m.view {
		if m.vrows[p].id == m.rng.anchor {
			from = i
			break
		}
	}
	if from < 0 { // the anchor left the view
		m.endRange()
		return
	}
	to := m.table.Cursor()
	if from > to {
		from, to = to, from
	}
	m.sel = m.rng.base.Clone()
	for i := from; i <= to && i < len(m.view); i++ {
		r := m.vrows[m.view[i]]
		m.sel.Mark(target{r.id, r.name})
	}
	m.recountHidden()
}

// markMove marks the row under the cursor, moves by d and marks the row
// it lands on (shift+↑/↓).
func (m *Model) markMove(d int) tea.Cmd {
	r := m.cursorRow()
	if r == nil {
		return nil
	}
	m.sel.Mark(target{r.id, r.name})
	m.table.Move(d)
	if r := m.cursorRow(); r != nil {
		m.sel.Mark(target{r.id, r.name})
	}
	m.extendRange()
	return m.marksChanged()
}

// toggleMarkedOnly shows only the marked rows, or every row again.
func (m *Model) toggleMarkedOnly() tea.Cmd {
	if !m.markedOnly && m.sel.Len() == 0 {
		m.setNote("Nothing is marked: mark rows with space, v or shift+↑/↓ first.", true)
		return nil
	}
	m.endRange()
	m.markedOnly = !m.markedOnly
	if m.markedOnly {
		m.setNote(fmt.Sprintf("Showing only the marked rows: %s again or %s shows every row.", m.Keys.List.MarkedOnly.Help().Key, m.Keys.Global.Back.Help().Key), false)
	} else {
		m.setNote("Showing every row again.", false)
	}
	return m.refilter()
}

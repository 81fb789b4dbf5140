package was

import (
	"maps"
	"slices"

	"github.com/qsched/qsched/client"
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
	name string
	err  string // the last bulk action's problem with this id
}

// NewSelection returns an empty selection.
func NewSelection() *Selection { return &Selection{marks: map[int64]mark{}} }

// Len is the number of marks.
func (s *Selection) Len() int { return len(s.marks) }

// Has reports whether id is marked.
func (s *Selection) Has(id int64) bool { _, ok := s.marks[id]; return ok }

// Err is the last problem recorded for a marked id, "" for none.
func (s *Selection) Err(id int64) string { return s.marks[id].err }

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
		if !s.Has(t.ID) {
			s.marks[t.ID] = mark{name: t.Name}
		}
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

// Clear removes every mark.
func (s *Selection) Clear() { clear(s.marks) }

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
			s.marks[it.ID] = m
		}
	}
}

// Unmark removes one mark.
func (s *Selection) Unmark(id int64) { delete(s.marks, id) }

// SetErr records a problem for a marked id (ignored when not marked).
func (s *Selection) SetErr(id int64, problem string) {
	if m, ok := s.marks[id]; ok {
		m.err = problem
		s.marks[id] = m
	}
}

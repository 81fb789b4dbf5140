package scripts

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

// matches reports whether a schedule passes the local filter: every word
// must match. "active" and "inactive" match the state exactly; any other
// word is looked for (any case) in the title and the type.
func matches(it model.CARSearchItem, query string) bool {
	hay := strings.ToLower(it.Schedule.Title + " " + string(it.Schedule.ScheduleType))
	for _, w := range strings.Fields(strings.ToLower(query)) {
		switch w {
		case "active", "inactive":
			if (w == "active") != it.Schedule.Activate {
				return false
			}
		default:
			if !strings.Contains(hay, w) {
				return false
			}
		}
	}
	return true
}

// sortOrder is the list's order, s cycles through them.
type sortOrder int

const (
	sortLoaded  sortOrder = iota // as the server listed them
	sortNextRun                  // soonest first, none last
	sortTitle                    // natural, case-insensitive (model.CompareNatural)
	numSortOrders
)

// refresh recomputes the rows shown (filter, "marked only", then the
// sort), keeping the cursor on the same schedule.
func (s *Screen) refresh() { s.refreshKeeping(s.cursorID()) }

// cursorID is the id of the schedule under the cursor, "" when none.
func (s *Screen) cursorID() string {
	if it := s.cursorItem(); it != nil {
		return it.ID
	}
	return ""
}

// refreshKeeping recomputes the rows shown with the cursor on schedule
// keep (a load replaces the items the old view pointed into).
func (s *Screen) refreshKeeping(keep string) {
	s.view = s.view[:0]
	for i, it := range s.items {
		if _, marked := s.marks[it.ID]; (marked || !s.markedOnly) && matches(it, s.query) {
			s.view = append(s.view, i)
		}
	}
	// S reverses the order; schedules without a next run stay last.
	dir := 1
	if s.sortDesc {
		dir = -1
	}
	switch s.sortBy {
	case sortTitle:
		slices.SortStableFunc(s.view, func(a, b int) int {
			return dir * model.CompareNatural(s.items[a].Schedule.Title, s.items[b].Schedule.Title)
		})
		s.table.SetSort(colTitle, s.sortDesc)
	case sortNextRun:
		slices.SortStableFunc(s.view, func(a, b int) int {
			ta, tb := s.next[a], s.next[b]
			switch {
			case ta.IsZero() && tb.IsZero():
				return 0
			case ta.IsZero():
				return 1
			case tb.IsZero():
				return -1
			}
			return dir * cmp.Compare(ta.UnixNano(), tb.UnixNano())
		})
		s.table.SetSort(colNext, s.sortDesc)
	default:
		if s.sortDesc {
			slices.Reverse(s.view)
		}
		s.table.SetSort(-1, false)
	}
	s.table.SetRows(listRows{s})
	for i, p := range s.view {
		if s.items[p].ID == keep {
			s.table.SetCursor(i)
			break
		}
	}
}

// cursorItem is the schedule under the cursor, nil when none is shown.
func (s *Screen) cursorItem() *model.CARSearchItem {
	c := s.table.Cursor()
	if c < 0 || c >= len(s.view) {
		return nil
	}
	return &s.items[s.view[c]]
}

// typeFilter edits the local filter: each key refilters; enter keeps it,
// esc clears it.
func (s *Screen) typeFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.c.Keys.Form.Choose):
		s.mode, s.filterIn = modeList, nil
		return nil
	case key.Matches(msg, s.c.Keys.Global.Back):
		s.mode, s.filterIn, s.query = modeList, nil, ""
		s.refresh()
		return nil
	}
	changed, cmd := s.filterIn.Update(msg)
	if changed {
		s.query = s.filterIn.Value()
		s.refresh()
	}
	return cmd
}

// filterLine says what the filter and the marks are.
func (s *Screen) filterLine() string {
	var parts []string
	if s.query != "" || s.mode == modeFilter {
		parts = append(parts, "filter: "+present.OrNone(s.query)+" ("+present.Count(len(s.view))+" shown)")
	}
	switch s.sortBy {
	case sortNextRun:
		parts = append(parts, "sorted by next run")
	case sortTitle:
		parts = append(parts, "sorted by title")
	case sortLoaded:
		if s.sortDesc {
			parts = append(parts, "in reverse of the loaded order")
		}
	}
	if s.sortDesc && s.sortBy != sortLoaded {
		parts[len(parts)-1] += ", descending"
	}
	if s.markedOnly {
		parts = append(parts, "marked only")
	}
	if n := len(s.marks); n > 0 {
		p := present.Count(n) + " marked"
		if h := s.hiddenMarks(); h > 0 {
			p += " (" + present.Count(h) + " hidden by the filter)"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " · ")
}

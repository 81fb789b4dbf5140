package scripts

import (
	"fmt"
	"maps"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
)

// markRange is a range being marked (v): the marks before it started and
// the schedule it started on. The rows between the anchor and the cursor
// are marked on top of base, so moving back unmarks what it added.
type markRange struct {
	anchor string
	base   map[string]string
}

// markKey handles the mark keys; ok is false for any other key.
func (s *Screen) markKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k := s.c.Keys.List
	switch {
	case key.Matches(msg, k.Mark):
		s.rng = nil
		if it := s.cursorItem(); it != nil {
			if _, on := s.marks[it.ID]; on {
				s.unmark(it.ID)
			} else {
				s.marks[it.ID] = it.Schedule.Title
			}
			s.table.Move(1)
		}
	case key.Matches(msg, k.MarkShown, k.UnmarkShown, k.InvertShown):
		s.rng = nil
		for _, i := range s.view {
			it := s.items[i]
			_, on := s.marks[it.ID]
			switch {
			case key.Matches(msg, k.MarkShown) || key.Matches(msg, k.InvertShown) && !on:
				s.marks[it.ID] = it.Schedule.Title
			default:
				s.unmark(it.ID)
			}
		}
	case key.Matches(msg, k.UnmarkAll):
		n := len(s.marks)
		s.rng = nil
		clear(s.marks)
		clear(s.markOutcome)
		s.notice = fmt.Sprintf("Unmarked %s (hidden ones included).", present.Plural(n, "schedule"))
	case key.Matches(msg, k.MarkRange):
		s.toggleRange()
		return nil, true
	case key.Matches(msg, k.MarkUp, k.MarkDown):
		d := 1
		if key.Matches(msg, k.MarkUp) {
			d = -1
		}
		s.markCursor()
		s.table.Move(d)
		s.markCursor()
		s.extendRange()
	case key.Matches(msg, k.MarkedOnly):
		if !s.markedOnly && len(s.marks) == 0 {
			s.notice = "Nothing is marked: mark rows with space, v or shift+↑/↓ first."
			return nil, true
		}
		s.rng = nil
		s.markedOnly = !s.markedOnly
		s.notice = "Showing every row again."
		if s.markedOnly {
			s.notice = fmt.Sprintf("Showing only the marked rows: %s again or %s shows every row.", k.MarkedOnly.Help().Key, s.c.Keys.Global.Back.Help().Key)
		}
	default:
		return nil, false
	}
	if s.markedOnly {
		s.refresh()
	}
	return nil, true
}

func (s *Screen) unmark(id string) {
	delete(s.marks, id)
	delete(s.markOutcome, id)
}

func (s *Screen) markCursor() {
	if it := s.cursorItem(); it != nil {
		s.marks[it.ID] = it.Schedule.Title
	}
}

// toggleRange starts a range on the row under the cursor, or ends it.
func (s *Screen) toggleRange() {
	if s.rng != nil {
		s.rng = nil
		s.notice = "Range ended; the marks stay."
		return
	}
	it := s.cursorItem()
	if it == nil {
		return
	}
	s.rng = &markRange{anchor: it.ID, base: maps.Clone(s.marks)}
	s.extendRange()
	s.notice = fmt.Sprintf("Marking a range: move to extend it; %s or %s ends it.", s.c.Keys.List.MarkRange.Help().Key, s.c.Keys.Global.Back.Help().Key)
}

// extendRange marks the rows from the anchor to the cursor on top of the
// marks the range started with.
func (s *Screen) extendRange() {
	if s.rng == nil {
		return
	}
	from := -1
	for i, p := range s.view {
		if s.items[p].ID == s.rng.anchor {
			from = i
			break
		}
	}
	if from < 0 {
		s.rng = nil
		return
	}
	to := s.table.Cursor()
	if from > to {
		from, to = to, from
	}
	s.marks = maps.Clone(s.rng.base)
	for i := from; i <= to && i < len(s.view); i++ {
		it := s.items[s.view[i]]
		s.marks[it.ID] = it.Schedule.Title
	}
}

// backOut is esc on the list, one level at a time: a range being marked,
// then "marked only", then the local filter.
func (s *Screen) backOut() {
	switch {
	case s.rng != nil:
		s.rng = nil
		s.notice = "Range ended; the marks stay."
	case s.markedOnly:
		s.markedOnly = false
		s.notice = "Showing every row again."
		s.refresh()
	case s.query != "":
		s.query = ""
		s.notice = "Filter cleared."
		s.refresh()
	}
}

// backHelp is esc with what it backs out of on the list, when something
// is there to back out of (the footer shows it first).
func (s *Screen) backHelp() (key.Binding, bool) {
	b := s.c.Keys.Global.Back
	switch {
	case s.rng != nil:
		b.SetHelp(b.Help().Key, "end range")
	case s.markedOnly:
		b.SetHelp(b.Help().Key, "show all")
	case s.query != "":
		b.SetHelp(b.Help().Key, "clear filter")
	default:
		return b, false
	}
	return b, true
}

// markGlyph is row i's marker.
func (s *Screen) markGlyph(i int) string {
	if i >= len(s.view) {
		return " "
	}
	id := s.items[s.view[i]].ID
	if _, ok := s.marks[id]; !ok {
		return " "
	}
	if g, ok := s.markOutcome[id]; ok {
		return g
	}
	return common.GlyphMarked
}

// rowStyle colours row i: marked, else inactive (an active row keeps the
// default colour).
func (s *Screen) rowStyle(i int) (lipgloss.Style, bool) {
	if i >= len(s.view) {
		return lipgloss.Style{}, false
	}
	it := s.items[s.view[i]]
	st := s.c.Styles.Row
	if _, ok := s.marks[it.ID]; ok {
		return st.Marked, true
	}
	if !it.Schedule.Activate {
		return st.Inactive, true
	}
	return lipgloss.Style{}, false
}

// markerLegend says what the markers shown mean.
func (s *Screen) markerLegend() string {
	var failed, unknown bool
	for id := range s.marks {
		g := s.markOutcome[id]
		failed = failed || g == common.GlyphFailed
		unknown = unknown || g == common.GlyphUnknown
	}
	l := common.GlyphMarked + " marked"
	if failed {
		l += ", " + common.GlyphFailed + " last action failed"
	}
	if unknown {
		l += ", " + common.GlyphUnknown + " outcome unknown"
	}
	return l
}

// Legend explains the row markers and colours, for help.
func (s *Screen) Legend() string {
	return "Rows: " + common.GlyphMarked + " marked · " + common.GlyphFailed + " marked, last action failed · " +
		common.GlyphUnknown + " marked, outcome unknown · dim: inactive"
}

// alreadyIn counts the targets already in the requested state.
func (s *Screen) alreadyIn(active bool, ts []target) int {
	want := map[string]bool{}
	for _, t := range ts {
		want[t.ID] = true
	}
	n := 0
	for _, it := range s.items {
		if want[it.ID] && it.Schedule.Activate == active {
			n++
		}
	}
	return n
}

var _ common.OverlayCloser = (*Screen)(nil)

// CloseOverlay implements common.OverlayCloser: q closes the details, or
// leaves the builder's review as esc does (keeping a draft, or asking
// before discarding), instead of quitting.
func (s *Screen) CloseOverlay() (tea.Cmd, bool) {
	switch {
	case s.builder != nil:
		_, cmd := s.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
		return cmd, true
	case s.mode == modeDetails:
		var back common.ScreenID
		if s.details != nil {
			back = s.details.returnTo
		}
		s.details, s.mode = nil, modeList
		return common.Return(back), true
	case s.mode == modeDrafts:
		s.closeDrafts()
		return nil, true
	}
	return nil, false
}

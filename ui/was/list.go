package was

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/components/textentry"
)

// listKey handles keys on the list itself.
func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys.List
	if m.table.Update(msg) {
		m.extendRange()
		return nil
	}
	if cmd, ok := m.copyKey(msg); ok {
		return cmd
	}
	// A message belongs to the action that made it: the next action's
	// key clears it (moving the cursor does not; a write's progress is
	// not a message).
	m.setNote("", false)
	switch {
	case key.Matches(msg, m.Keys.Global.Back):
		return m.backOut()
	case key.Matches(msg, k.Mark):
		m.endRange()
		if r := m.cursorRow(); r != nil {
			m.sel.Toggle(target{r.id, r.name})
			m.table.Move(1)
			return m.marksChanged()
		}
	case key.Matches(msg, k.MarkShown):
		m.endRange()
		m.sel.MarkShown(m.shownTargets())
		return m.marksChanged()
	case key.Matches(msg, k.UnmarkShown):
		m.endRange()
		m.sel.ClearShown(m.shownTargets())
		return m.marksChanged()
	case key.Matches(msg, k.InvertShown):
		m.endRange()
		m.sel.InvertShown(m.shownTargets())
		return m.marksChanged()
	case key.Matches(msg, k.UnmarkAll):
		return m.unmarkAll()
	case key.Matches(msg, k.MarkRange):
		m.toggleRange()
	case key.Matches(msg, k.MarkUp):
		return m.markMove(-1)
	case key.Matches(msg, k.MarkDown):
		return m.markMove(1)
	case key.Matches(msg, k.MarkedOnly):
		return m.toggleMarkedOnly()

	case key.Matches(msg, k.Filter):
		m.endRange()
		m.mode = modeTyping
		m.filterIn = textentry.New("/", m.query)
	case key.Matches(msg, k.ServerFilter):
		m.openBuilder()
	case key.Matches(msg, k.ClearServerFilter):
		if len(m.criteria) > 0 {
			m.criteria = nil
			return m.reload(true)
		}
	case key.Matches(msg, k.Sort):
		m.endRange()
		m.sort = sortSpec{col: (m.sort.col + 1) % numColumns}
		m.table.SetSort(int(m.sort.col), m.sort.desc)
		return m.refilter()
	case key.Matches(msg, k.SortDirection):
		m.endRange()
		m.sort.desc = !m.sort.desc
		m.table.SetSort(int(m.sort.col), m.sort.desc)
		return m.refilter()

	case key.Matches(msg, k.Details):
		return m.openDetails()
	case key.Matches(msg, k.Refresh):
		if m.writing != "" {
			m.setNote("wait for "+m.writing+" to finish before refreshing", true)
			return nil
		}
		return m.reload(false)
	case key.Matches(msg, k.Pause):
		if m.opts.AutoRefresh > 0 {
			m.paused = !m.paused
		} else {
			m.setNote("auto-refresh is off (qsched --auto-refresh 60s turns it on)", false)
		}

	case key.Matches(msg, k.Deactivate):
		return m.askBulk(false)
	case key.Matches(msg, k.Activate):
		return m.askBulk(true)
	case key.Matches(msg, k.DeactivateByFilter):
		return m.askByFilter(false)
	case key.Matches(msg, k.ActivateByFilter):
		return m.askByFilter(true)
	case key.Matches(msg, k.Update, k.Edit):
		return m.openForm()
	case key.Matches(msg, k.New):
		return m.openCreate()
	case key.Matches(msg, k.Clone):
		return m.openClone()
	case key.Matches(msg, k.Undo):
		return m.askUndo()
	default:
		if what, ok := m.Keys.ReadOnlyHit(msg); ok {
			m.setNote("read-only: "+what+" is not available in this session; nothing was sent.", true)
		}
	}
	return nil
}

// backOut is esc on the list, one level at a time: it ends a range being
// marked, else shows every row again after "marked only", else clears
// the local filter. Nothing else: esc never quits.
func (m *Model) backOut() tea.Cmd {
	switch {
	case m.rng != nil:
		m.endRange()
		m.setNote("Range ended; the marks stay.", false)
	case m.markedOnly:
		m.markedOnly = false
		m.setNote("Showing every row again.", false)
		return m.refilter()
	case m.query != "":
		m.query = ""
		m.setNote("Filter cleared.", false)
		return m.refilter()
	}
	return nil
}

// cursorRow is the row under the cursor, or nil.
func (m *Model) cursorRow() *row {
	if i := m.table.Cursor(); i < len(m.view) {
		return m.vrows[m.view[i]]
	}
	return nil
}

// shownTargets are the rows the current filter shows.
func (m *Model) shownTargets() []target {
	out := make([]target, len(m.view))
	for i, p := range m.view {
		r := m.vrows[p]
		out[i] = target{r.id, r.name}
	}
	return out
}

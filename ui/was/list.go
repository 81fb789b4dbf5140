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
		return nil
	}
	switch {
	case key.Matches(msg, k.Mark):
		if r := m.cursorRow(); r != nil {
			m.sel.Toggle(target{r.id, r.name})
			m.table.Move(1)
			m.recountHidden()
		}
	case key.Matches(msg, k.MarkShown):
		m.sel.MarkShown(m.shownTargets())
		m.recountHidden()
	case key.Matches(msg, k.UnmarkShown):
		m.sel.ClearShown(m.shownTargets())
		m.recountHidden()
	case key.Matches(msg, k.InvertShown):
		m.sel.InvertShown(m.shownTargets())
		m.recountHidden()

	case key.Matches(msg, k.Filter):
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
		m.sort = sortSpec{col: (m.sort.col + 1) % numColumns}
		m.table.SetSort(int(m.sort.col), m.sort.desc)
		return m.refilter()
	case key.Matches(msg, k.SortDirection):
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
		}

	case key.Matches(msg, k.Deactivate):
		return m.askBulk(false)
	case key.Matches(msg, k.Activate):
		return m.askBulk(true)
	case key.Matches(msg, k.DeactivateByFilter):
		return m.askByFilter()
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

package was

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listKey handles keys on the list itself.
func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys.List
	page := max(m.listHeight()-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-page)
	case key.Matches(msg, k.PageDown):
		m.move(page)
	case key.Matches(msg, k.Top):
		m.move(-len(m.view))
	case key.Matches(msg, k.Bottom):
		m.move(len(m.view))

	case key.Matches(msg, k.Mark):
		if r := m.cursorRow(); r != nil {
			m.sel.Toggle(target{r.id, r.name})
			m.move(1)
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
	case key.Matches(msg, k.ServerFilter):
		m.openBuilder()
	case key.Matches(msg, k.ClearServerFilter):
		if len(m.criteria) > 0 {
			m.criteria = nil
			return m.reload(true)
		}
	case key.Matches(msg, k.Sort):
		m.sort = sortSpec{col: (m.sort.col + 1) % numColumns}
		return m.refilter()
	case key.Matches(msg, k.SortDirection):
		m.sort.desc = !m.sort.desc
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
	case key.Matches(msg, k.Update):
		return m.openForm()
	}
	return nil
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clampCursor()
}

// clampCursor keeps the cursor on a row and the row in the window.
func (m *Model) clampCursor() {
	m.cursor = max(min(m.cursor, len(m.view)-1), 0)
	h := max(m.listHeight(), 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, len(m.view)-h), 0)
}

// cursorRow is the row under the cursor, or nil.
func (m *Model) cursorRow() *row {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return nil
	}
	return m.vrows[m.view[m.cursor]]
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

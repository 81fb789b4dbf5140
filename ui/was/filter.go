package was

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
)

// viewMsg carries a filtered and sorted view computed off the render
// path. Results of an older generation are dropped, so a late result can
// never replace what a newer query shows.
type viewMsg struct {
	gen   uint64
	rows  []*row // the snapshot the positions refer to
	view  []int
	shown map[int64]bool
}

// refilter computes the view for the current rows, query and sort in a
// command. The rows slice is passed with its length as capacity: later
// appends go elsewhere, and rows are never changed in place.
func (m *Model) refilter() tea.Cmd {
	m.viewGen++
	gen, rows, q, s := m.viewGen, m.rows[:len(m.rows):len(m.rows)], m.query, m.sort
	var only map[int64]bool
	if m.markedOnly {
		only = m.sel.IDs()
	}
	return common.Wrap(m.ID(), func() tea.Msg {
		v := computeView(rows, q, s, only)
		shown := make(map[int64]bool, len(v))
		for _, i := range v {
			shown[rows[i].id] = true
		}
		return viewMsg{gen: gen, rows: rows, view: v, shown: shown}
	})
}

// showRowsNow shows rows changed in place (same rows, same order: a
// write's result) at once, before the refilter that may reorder or hide
// them comes back; a view of another generation of rows is left alone.
func (m *Model) showRowsNow() {
	if len(m.vrows) != len(m.rows) {
		return
	}
	for i, r := range m.vrows {
		if r.id != m.rows[i].id {
			return
		}
	}
	m.vrows = m.rows
	m.table.SetRows(viewRows{m})
}

func (m *Model) onView(msg viewMsg) {
	if msg.gen != m.viewGen {
		return // a newer query or sort is on its way
	}
	var keep int64 = -1
	if r := m.cursorRow(); r != nil {
		keep = r.id
	}
	if m.goTo != 0 { // a row just created: the cursor goes to it
		keep, m.goTo = m.goTo, 0
	}
	m.view, m.vrows, m.shown = msg.view, msg.rows, msg.shown
	m.table.SetRows(viewRows{m})
	cursor := 0
	if keep >= 0 {
		for i, p := range m.view {
			if m.vrows[p].id == keep {
				cursor = i
				break
			}
		}
	}
	m.table.SetCursor(cursor)
	m.recountHidden()
}

// recountHidden caches how many marks the filter hides.
func (m *Model) recountHidden() {
	m.hidden = m.sel.Hidden(func(id int64) bool { return m.shown[id] })
}

// typeFilter edits the local filter: every change refilters; enter keeps
// the filter, esc clears it.
func (m *Model) typeFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.Keys.Form.Choose):
		m.mode, m.filterIn = modeList, nil
		return nil
	case key.Matches(msg, m.Keys.Global.Back):
		m.mode, m.filterIn = modeList, nil
		if m.query == "" {
			return nil
		}
		m.query = ""
		return m.refilter()
	}
	changed, cmd := m.filterIn.Update(msg)
	if !changed {
		return cmd
	}
	m.query = m.filterIn.Value()
	return tea.Batch(cmd, m.refilter())
}

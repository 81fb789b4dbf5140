package form

import (
	"slices"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// reopen takes a form just built and started (init is its Init command)
// to the field Spec.Reopen names, as enter pressed on each field before
// it would: huh's own moves, settled at once (settle), so that huh skips
// hidden groups as it does for the user. A move from the last field
// would finish the form: the seek stops there. A field it cannot reach
// (in a hidden group) leaves the form on its first field. It returns the
// commands to run.
func (m *Model) reopen(init tea.Cmd) tea.Cmd {
	key, order := m.spec.Reopen()
	if key == "" || !slices.Contains(order, key) {
		return init
	}
	last := order[len(order)-1]
	cmds := []tea.Cmd{init}
	for range order {
		f := m.form.GetFocusedField()
		if f == nil || f.GetKey() == key || f.GetKey() == last {
			break
		}
		cmds = append(cmds, m.update(huh.NextField()))
	}
	if f := m.form.GetFocusedField(); f == nil || f.GetKey() != key {
		m.form = m.build() // not reached: start again on the first field
		return m.form.Init()
	}
	return tea.Batch(cmds...)
}

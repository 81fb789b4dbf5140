package was

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
)

// openConfirm shows a typed confirmation; yes runs when it is accepted.
func (m *Model) openConfirm(s confirm.Spec, yes func() tea.Cmd) {
	m.dialog, m.onYes, m.mode = confirm.New(m.Common, s), yes, modeConfirm
}

// answer handles a key while the confirmation is shown.
func (m *Model) answer(msg tea.KeyPressMsg) tea.Cmd {
	switch m.dialog.Update(msg) {
	case confirm.Accept:
		yes := m.onYes
		m.dialog, m.onYes, m.mode = nil, nil, modeList
		return yes()
	case confirm.Cancel:
		m.dialog, m.onYes, m.mode = nil, nil, modeList
		m.setNote("Cancelled: nothing was sent.", false)
	}
	return nil
}

// targetLines lists the first five targets with ids, then "and N more".
func targetLines(ts []target) []string {
	const shown = 5
	var out []string
	for i, t := range ts {
		if i == shown {
			out = append(out, fmt.Sprintf("  and %s more", present.Count(len(ts)-shown)))
			break
		}
		out = append(out, fmt.Sprintf("  %-10d %s", t.ID, t.Name))
	}
	return out
}

package was

import (
	"context"
	"fmt"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
	"github.com/qsched/qsched/ui/task"
)

// focus answers common.FocusScheduleMsg (the Calendar's enter): the
// cursor goes to the schedule's row, the local filter cleared if it hid
// it, and its details open. A form or a confirmation in progress is left
// alone, with a note.
func (m *Model) focus(msg common.FocusScheduleMsg) tea.Cmd {
	id, err := strconv.ParseInt(msg.ID, 10, 64)
	if err != nil || m.Client == nil {
		return nil
	}
	switch m.mode {
	case modeList, modeTyping, modeDetails:
	default:
		m.setNote(fmt.Sprintf("WAS schedule %d was not opened: finish or leave what is open first.", id), true)
		return nil
	}
	m.mode, m.filterIn, m.details = modeList, nil, nil
	var cmds []tea.Cmd
	if _, ok := m.index[id]; ok {
		if !m.isShown(id) {
			m.query, m.markedOnly = "", false
		}
		m.goTo = id
		cmds = append(cmds, m.refilter())
	} else {
		m.setNote(fmt.Sprintf("WAS schedule %d is not in the list loaded (a server filter, or created since): its details are shown.", id), false)
	}
	m.details, m.mode = &details{id: id, loading: true, vp: scroll.New(m.Common, m.Width, m.Height-1), returnTo: msg.Return}, modeDetails
	w := m.Client.WAS
	cmds = append(cmds, task.Run(m.ID(), m.fetch.Next(), fmt.Sprintf("Getting WAS schedule %d", id), func(ctx context.Context) (detailsResult, error) {
		s, err := w.Get(ctx, id)
		return detailsResult{s}, err
	}))
	return tea.Batch(cmds...)
}

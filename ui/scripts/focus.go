package scripts

import (
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/safe"
)

// focus answers common.FocusScheduleMsg (the Calendar's enter): the
// cursor goes to the schedule's row, the filter cleared if it hid it,
// and its details open. The builder or a confirmation in progress is left
// alone, with a notice.
func (s *Screen) focus(msg common.FocusScheduleMsg) tea.Cmd {
	id := safe.Line(msg.ID, 0)
	if s.builder != nil || s.mode == modeConfirm {
		s.notice = "Script schedule " + id + " was not opened: finish or leave what is open first."
		return nil
	}
	s.mode, s.filterIn, s.details = modeList, nil, nil
	at := slices.IndexFunc(s.items, func(it model.CARSearchItem) bool { return it.ID == msg.ID })
	if at < 0 {
		s.notice = "Script schedule " + id + " is not in the list: r reloads it."
		return nil
	}
	if !slices.Contains(s.view, at) {
		s.query = ""
	}
	s.refreshKeeping(msg.ID)
	cmd := s.openDetails()
	if s.details != nil {
		s.details.returnTo = msg.Return
	}
	return cmd
}

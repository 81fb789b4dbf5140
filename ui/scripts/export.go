package scripts

import (
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/export"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// openExport opens the prompt for the file the schedules shown go to (E).
func (s *Screen) openExport() tea.Cmd {
	if len(s.view) == 0 {
		s.notice = "Nothing to export: no schedule is shown."
		return nil
	}
	s.export = export.NewPrompt("scripts", s.c.Now())
	return nil
}

// exportKey answers the prompt: enter writes the schedules shown now, in
// the order shown, esc closes it.
func (s *Screen) exportKey(msg tea.KeyPressMsg) tea.Cmd {
	ans, cmd := s.export.Update(msg, s.c.Keys)
	switch ans {
	case export.Accepted:
		path := s.export.Path()
		s.export = nil
		s.notice = "Exporting…"
		return common.Wrap(s.ID(), export.Write(path, s.exportTable()))
	case export.Cancelled:
		s.export = nil
	}
	return cmd
}

// onExported shows where the export went. The note is made safe when
// shown, so it gets the values back (Note made them safe).
func (s *Screen) onExported(msg export.DoneMsg) { s.notice = safe.Unescape(msg.Note()) }

// exportTable is the schedules shown, filtered and sorted, as
// present.ScriptScheduleRecord (the form of `scripts schedule list
// --json`), next runs in the display zone.
func (s *Screen) exportTable() export.Table {
	recs := make([]present.ScriptScheduleRecord, len(s.view))
	rows := make([][]string, len(s.view))
	for i, p := range s.view {
		recs[i] = present.ScriptScheduleRecordOf(s.items[p], s.next[p])
		rows[i] = recs[i].Cells()
	}
	return export.Table{Header: present.ScriptScheduleHeader, Rows: rows, JSON: recs}
}

package was

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/export"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// openExport opens the prompt for the file the rows shown go to (E).
func (m *Model) openExport() tea.Cmd {
	if len(m.view) == 0 {
		m.setNote("nothing to export: no row is shown", true)
		return nil
	}
	m.export = export.NewPrompt("was", m.Now())
	return nil
}

// exportKey answers the prompt: enter writes the rows shown now, in the
// order shown, esc closes it.
func (m *Model) exportKey(msg tea.KeyPressMsg) tea.Cmd {
	ans, cmd := m.export.Update(msg, m.Keys)
	switch ans {
	case export.Accepted:
		path := m.export.Path()
		m.export = nil
		m.setNote("exporting…", false)
		return common.Wrap(m.ID(), export.Write(path, m.exportTable()))
	case export.Cancelled:
		m.export = nil
	}
	return cmd
}

func (m *Model) onExported(msg export.DoneMsg) { m.setNote(msg.Note(), msg.Err != nil) }

// exportTable is the rows shown, filtered and sorted, as present.WASRecord
// (the form of `was list --json`). Rows hold text made safe; it is read
// back (safe.Unescape) so that the file holds the values and the writers
// escape them once. The owner is not a column of the list but is
// exported, as `was list --json` gives it.
func (m *Model) exportTable() export.Table {
	recs := make([]present.WASRecord, len(m.view))
	rows := make([][]string, len(m.view))
	for i, p := range m.view {
		r := m.vrows[p]
		rec := present.WASRecord{ID: r.id, Name: safe.Unescape(r.name), Type: safe.Unescape(r.typ), Active: r.active,
			Invalid: r.invalid, WebApp: safe.Unescape(r.webApp), Occurrence: safe.Unescape(r.occ),
			Owner: safe.Unescape(r.owner)}
		if r.next != 0 {
			rec.NextLaunch = present.RFC3339(time.Unix(r.next, 0).In(m.Loc()))
		}
		recs[i], rows[i] = rec, rec.Cells()
	}
	return export.Table{Header: present.WASHeader, Rows: rows, JSON: recs}
}

package was

import (
	"charm.land/bubbles/v2/key"
	"github.com/qsched/qsched/ui/components/export"
)

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.Keys.List
	if m.export != nil {
		return export.Help(m.Keys)
	}
	switch m.mode {
	case modeList:
		// "n new" here: the footer is one line, and the full label
		// ("new schedule", shared with the script screen) would push the
		// write keys off it; help (?) shows the full label.
		newKey := k.New
		newKey.SetHelp(k.New.Help().Key, "new")
		b := []key.Binding{k.Mark, k.Filter, k.ServerFilter, k.Deactivate, k.Activate, k.Update, newKey, k.Clone, k.Details}
		if back, ok := m.backHelp(); ok {
			b = append([]key.Binding{back}, b...)
		}
		return b
	case modeConfirm:
		return m.dialog.Help()
	case modeDetails:
		return []key.Binding{m.Keys.Global.Back, k.Up, k.Down, k.PageDown, k.Update}
	case modeTyping:
		return []key.Binding{m.Keys.Form.Choose, m.Keys.Global.Back}
	case modeServerFilter:
		return []key.Binding{k.Up, k.Down, m.Keys.Form.Choose, m.Keys.Global.Back}
	case modeForm:
		return m.formHelp()
	case modeCreate:
		return m.createHelp()
	default:
		return nil
	}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.Keys.List
	if m.mode == modeForm && m.form != nil && m.form.ed != nil {
		d := m.Keys.Dialog
		return [][]key.Binding{m.form.ed.FieldHelp(), m.Keys.FormBindings(), m.Keys.ReviewBindings(), {d.Confirm, d.Cancel}}
	}
	if m.mode == modeCreate && m.create != nil && m.create.ed != nil {
		d := m.Keys.Dialog
		return [][]key.Binding{m.create.ed.FieldHelp(), m.Keys.FormBindings(), m.Keys.ReviewBindings(), {d.Confirm, d.Cancel}}
	}
	return [][]key.Binding{
		m.Keys.NavBindings(),
		{k.Mark, k.MarkShown, k.UnmarkShown, k.InvertShown, k.UnmarkAll},
		{k.MarkRange, k.MarkUp, k.MarkDown, k.MarkedOnly},
		// Columns of at most four: with the marker legend on two lines,
		// help still lists every key at 80×24.
		{k.Filter, k.ServerFilter, k.ClearServerFilter, k.Sort},
		{k.Details, k.Refresh, k.Pause, k.Undo},
		append(m.Keys.CopyBindings(), k.SortDirection),
		{k.Deactivate, k.Activate, k.DeactivateByFilter, k.ActivateByFilter},
		{k.Update, k.Edit, k.New, k.Clone},
	}
}

// backHelp is esc with what it backs out of on the list, when something
// is there to back out of (the footer shows it first).
func (m *Model) backHelp() (key.Binding, bool) {
	b := m.Keys.Global.Back
	switch {
	case m.rng != nil:
		b.SetHelp(b.Help().Key, "end range")
	case m.markedOnly:
		b.SetHelp(b.Help().Key, "show all")
	case m.query != "":
		b.SetHelp(b.Help().Key, "clear filter")
	default:
		return b, false
	}
	return b, true
}

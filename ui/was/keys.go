package was

import (
	"charm.land/bubbles/v2/key"
)

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.Keys.List
	switch m.mode {
	case modeList:
		// "n new" here: the footer is one line, and the full label
		// ("new schedule", shared with the script screen) would push the
		// write keys off it; help (?) shows the full label.
		newKey := k.New
		newKey.SetHelp(k.New.Help().Key, "new")
		return []key.Binding{k.Mark, k.Filter, k.ServerFilter, k.Deactivate, k.Activate, k.Update, newKey, k.Clone, k.Details}
	case modeConfirm:
		return m.dialog.Help()
	case modeDetails:
		return []key.Binding{m.Keys.Global.Back, k.Up, k.Down, k.PageDown}
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
		{k.Mark, k.MarkShown, k.UnmarkShown, k.InvertShown},
		{k.Filter, k.ServerFilter, k.ClearServerFilter, k.Sort, k.SortDirection},
		{k.Details, k.Refresh, k.Pause},
		{k.Deactivate, k.Activate, k.DeactivateByFilter, k.Update, k.New, k.Clone, k.Undo},
	}
}

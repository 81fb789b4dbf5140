package was

import (
	"charm.land/bubbles/v2/key"
)

// keyMap holds the WAS screen's own read keys. Movement, refresh, filter
// and mark come from common.KeyMap, and so do the write keys (d, e, D, u),
// which read-only mode disables there.
type keyMap struct {
	MarkShown, ClearShown, Invert key.Binding
	ServerFilter, ClearServer     key.Binding
	Sort, SortDir                 key.Binding
	Details, Pause                key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		MarkShown:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "mark shown")),
		ClearShown:   key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "unmark shown")),
		Invert:       key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "invert shown")),
		ServerFilter: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "server filter")),
		ClearServer:  key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "clear server filter")),
		Sort:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort column")),
		SortDir:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "sort direction")),
		Details:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Pause:        key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause auto-refresh")),
	}
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.Keys
	switch m.mode {
	case modeList:
		return []key.Binding{k.Mark, k.Filter, m.keys.ServerFilter, k.Deactivate, k.WASActivate, k.WASUpdate, m.keys.Details}
	default:
		return nil
	}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.Keys
	return [][]key.Binding{
		k.NavBindings(),
		{k.Mark, m.keys.MarkShown, m.keys.ClearShown, m.keys.Invert},
		{k.Filter, m.keys.ServerFilter, m.keys.ClearServer, m.keys.Sort, m.keys.SortDir},
		{m.keys.Details, k.Refresh, m.keys.Pause},
		{k.Deactivate, k.WASActivate, k.WASDeactivateByFilter, k.WASUpdate},
	}
}

package app

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// fullMessageKey answers a key while the status bar's message is open
// whole (the ! key): esc, !, q or enter close it, the list keys scroll it.
func (m *Model) fullMessageKey(msg tea.KeyPressMsg) {
	g := m.Keys.Global
	if key.Matches(msg, g.Back, g.FullMessage, g.Quit, m.Keys.List.Details) {
		m.status.Collapse()
		return
	}
	m.status.ScrollFull(msg)
}

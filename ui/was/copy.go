package was

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// copyKey answers y and Y on the list: the id or the name of the row
// under the cursor goes to the clipboard with OSC 52 (the terminal must
// allow it), and the note says what was copied. The name is copied as
// the list shows it (ui/safe), never with raw control characters.
func (m *Model) copyKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.Keys.List
	var what, text string
	r := m.cursorRow()
	switch {
	case key.Matches(msg, k.CopyID):
		if r != nil {
			what, text = "id", strconv.FormatInt(r.id, 10)
		}
	case key.Matches(msg, k.CopyName):
		if r != nil {
			what, text = "name", r.name
		}
	case key.Matches(msg, k.Export):
		return m.openExport(), true
	default:
		return nil, false
	}
	if r == nil {
		m.setNote("nothing to copy: no row under the cursor", true)
		return nil, true
	}
	m.setNote("copied "+what+" "+quoteNote(text)+" to the clipboard (OSC 52)", false)
	return tea.SetClipboard(text), true
}

// quoteNote is a copied value as the note shows it.
func quoteNote(s string) string {
	return "“" + ansi.Truncate(s, 60, "…") + "”"
}

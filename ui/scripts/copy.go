package scripts

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/safe"
)

// copyKey answers y, Y and E on the list: the id or the title of the
// schedule under the cursor goes to the clipboard with OSC 52 (the
// terminal must allow it) and the notice says what was copied; E opens
// the export. The title is copied as the list shows it (ui/safe), never
// with raw control characters.
func (s *Screen) copyKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.Keys.List
	var what, text string
	it := s.cursorItem()
	switch {
	case key.Matches(msg, k.CopyID):
		if it != nil {
			what, text = "id", it.ID
		}
	case key.Matches(msg, k.CopyName):
		if it != nil {
			what, text = "title", it.Schedule.Title
		}
	case key.Matches(msg, k.Export):
		return s.openExport(), true
	default:
		return nil, false
	}
	if it == nil {
		s.notice = "Nothing to copy: no schedule under the cursor."
		return nil, true
	}
	text = safe.Line(text, 0)
	// The notice is made safe when shown: give it the value, not text.
	s.notice = "Copied " + what + " “" + ansi.Truncate(safe.Unescape(text), 60, "…") + "” to the clipboard (OSC 52)."
	return tea.SetClipboard(text), true
}

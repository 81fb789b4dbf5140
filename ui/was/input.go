package was

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editLine applies a key to a one-line value whose cursor is at the end:
// printable text is appended, backspace deletes a character, ctrl+w a
// word, ctrl+u the whole line. A hand-made input renders the same frame
// every time (no blinking cursor), which keeps goldens stable.
func editLine(v string, msg tea.KeyPressMsg) string {
	switch msg.String() {
	case "backspace":
		if r := []rune(v); len(r) > 0 {
			return string(r[:len(r)-1])
		}
		return v
	case "ctrl+u":
		return ""
	case "ctrl+w":
		t := strings.TrimRight(v, " ")
		if i := strings.LastIndex(t, " "); i >= 0 {
			return t[:i+1]
		}
		return ""
	}
	if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
		return v + strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, msg.Text)
	}
	return v
}

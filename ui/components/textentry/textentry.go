// Package textentry is the one-line text entry of qsched, on bubbles
// textinput: it scrolls horizontally when the text is wider than its
// width, and its cursor does not blink, so frames (and golden files) are
// stable.
package textentry

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Model is a focused one-line entry.
type Model struct {
	in textinput.Model
}

// New returns an entry with prompt, focused, holding value.
func New(prompt, value string) *Model {
	in := textinput.New()
	in.Prompt = prompt
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.SetVirtualCursor(true)
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	return &Model{in: in}
}

// Mask hides what is typed (a password): each character shows as •.
// Value still returns the text; the caller clears it (SetValue("")) as
// soon as it has used it.
func (m *Model) Mask() {
	m.in.EchoMode = textinput.EchoPassword
	m.in.EchoCharacter = '•'
}

// Masked reports whether the entry hides what is typed.
func (m *Model) Masked() bool { return m.in.EchoMode == textinput.EchoPassword }

// Focus and Blur move the cursor into and out of the entry; a blurred
// entry ignores keys.
func (m *Model) Focus() { m.in.Focus() }
func (m *Model) Blur()  { m.in.Blur() }

// SetWidth sets the width in cells, prompt included.
func (m *Model) SetWidth(w int) {
	m.in.SetWidth(max(w-len([]rune(m.in.Prompt))-1, 1))
}

// Value is the text typed.
func (m *Model) Value() string { return m.in.Value() }

// SetValue replaces the text, cursor at the end.
func (m *Model) SetValue(s string) {
	m.in.SetValue(s)
	m.in.CursorEnd()
}

// Update applies a message (keys, paste) and reports whether the value
// changed.
func (m *Model) Update(msg tea.Msg) (changed bool, cmd tea.Cmd) {
	before := m.in.Value()
	m.in, cmd = m.in.Update(msg)
	return m.in.Value() != before, cmd
}

// View renders the entry on one line.
func (m *Model) View() string { return m.in.View() }

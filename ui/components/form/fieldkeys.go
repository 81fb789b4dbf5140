package form

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// FieldTakes reports whether the focused field answers kp itself right
// now, so that the editor must not read it as one of its own keys. huh
// keeps a select's filter state inside the field, but enables the
// bindings that answer it only while they apply: esc ends an open `/`
// filter (SetFilter), then clears the filter left in place
// (ClearFilter); with neither, esc is the editor's again and leaves.
func (m *Model) FieldTakes(kp tea.KeyPressMsg) bool {
	if m.stage != Editing {
		return false
	}
	f := m.form.GetFocusedField()
	if f == nil {
		return false
	}
	for _, b := range f.KeyBinds() {
		if b.Enabled() && key.Matches(kp, b) {
			return true
		}
	}
	return false
}

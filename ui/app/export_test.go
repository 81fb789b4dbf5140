package app

import tea "charm.land/bubbletea/v2"

// CountdownTickMsg exposes the countdown tick to the external tests.
func CountdownTickMsg() tea.Msg { return countdownTickMsg{} }

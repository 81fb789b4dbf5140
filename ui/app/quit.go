package app

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// requestQuit quits at once unless a screen holds unsaved input or a write
// in flight; then it asks, and only a typed "y" quits (see answerQuit).
func (m *Model) requestQuit() tea.Cmd {
	if len(m.dirtyScreens()) == 0 {
		return m.quit()
	}
	m.confirmQuit = true
	return nil
}

// answerQuit handles the key pressed while the quit question is shown:
// "y" quits; any other key, Enter included, keeps the app running.
func (m *Model) answerQuit(msg tea.KeyPressMsg) tea.Cmd {
	m.confirmQuit = false
	if key.Matches(msg, m.Keys.Dialog.Confirm) {
		return m.quit()
	}
	return nil
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.tasks.CancelAll()
	return tea.Quit
}

func (m *Model) dirtyScreens() []string {
	var out []string
	for _, t := range m.tabs {
		if m.screens[t.ID].Dirty() {
			out = append(out, m.screens[t.ID].Title())
		}
	}
	return out
}

func (m *Model) quitQuestion() string {
	return "Quit? " + strings.Join(m.dirtyScreens(), ", ") + " has unsaved input or a write in progress. y quits, any other key stays [y/N]"
}

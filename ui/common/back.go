package common

import tea "charm.land/bubbletea/v2"

// LeaveScreenMsg asks the app to show the screen shown before the active
// one: esc on a screen with nothing left to close (the API log).
type LeaveScreenMsg struct{}

// Leave is the command of LeaveScreenMsg.
func Leave() tea.Msg { return LeaveScreenMsg{} }

// ReturnMsg asks the app to show screen To again: the details another
// screen opened (FocusScheduleMsg.Return) were closed.
type ReturnMsg struct{ To ScreenID }

// Return is the command of ReturnMsg, nil for no screen.
func Return(to ScreenID) tea.Cmd {
	if to == "" {
		return nil
	}
	return func() tea.Msg { return ReturnMsg{to} }
}

// OverlayCloser is a screen that shows an overlay (details, a review)
// while it does not capture input: q closes that overlay instead of
// quitting. ok is false when nothing was open.
type OverlayCloser interface {
	CloseOverlay() (cmd tea.Cmd, ok bool)
}

// Legender is a screen whose rows carry markers or colours; full help
// shows its Legend under the keys.
type Legender interface {
	Legend() string
}

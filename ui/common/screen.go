package common

import (
	"reflect"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// ScreenID names a screen. Async results carry the id of the screen that
// started them so the root can route them there, even after the user has
// switched away (screens stay alive).
type ScreenID string

// The screens of the app.
const (
	ScriptsScreen  ScreenID = "scripts"
	WASScreen      ScreenID = "was"
	CalendarScreen ScreenID = "calendar"
	APILogScreen   ScreenID = "apilog"
)

// FocusScheduleMsg asks the app to show Screen (ScriptsScreen or
// WASScreen) with schedule ID under the cursor and its details open: the
// Calendar's enter. The screen says so when it cannot (a form open).
type FocusScheduleMsg struct {
	Screen ScreenID
	ID     string
	// Return is the screen that asked (the app sets it): closing the
	// details opened for it shows that screen again (Return).
	Return ScreenID
}

// Shower is a screen that wants to know when it is shown: the app calls
// Shown each time the screen becomes the active one (the Calendar loads
// then, not at start).
type Shower interface {
	Shown() tea.Cmd
}

// Screen is one full-body view of the app. Implementations are pointer
// types: SetSize mutates, and Update may return the receiver.
//
// Help: ShortHelp and FullHelp (help.KeyMap) return bindings taken from
// Common.Keys; the root adds the global ones. Disabled bindings (write
// actions in read-only mode) are left out automatically.
type Screen interface {
	help.KeyMap

	ID() ScreenID
	// Title is the tab label, e.g. "WAS schedules".
	Title() string
	// Init is called once, when the app starts.
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders exactly the area given to SetSize; the root truncates
	// anything wider or taller.
	View() string
	SetSize(width, height int)
	// Dirty reports unsaved input (a half-filled form) or a write still in
	// flight; quitting then asks for a typed "y".
	Dirty() bool
	// CapturesInput reports that the screen is taking text (a filter or a
	// form field): single-letter global keys (q, ?, 1, 2, @) and esc go to
	// the screen instead. ctrl+c still quits.
	CapturesInput() bool
	// Status is short text for the status bar, e.g. "3 selected"; "" for
	// none. It is rendered on one line and truncated.
	Status() string
}

// ScreenMsg routes a message to one screen, whichever is active. Screens
// wrap the messages of their own non-task commands (debounce ticks, form
// steps) with Wrap so that the result reaches them after a screen switch.
// Task results (task.DoneMsg) carry their owner already.
type ScreenMsg struct {
	To  ScreenID
	Msg tea.Msg
}

// Wrap makes cmd's message a ScreenMsg addressed to id. A batch or a
// sequence (bubbletea runs those only at top level, never inside a
// ScreenMsg) is kept a batch or a sequence, each of its commands wrapped.
func Wrap(id ScreenID, cmd tea.Cmd) tea.Cmd {
	return MapMsgs(cmd, func(msg tea.Msg) tea.Msg { return ScreenMsg{To: id, Msg: msg} })
}

// MapMsgs makes cmd's message f(msg). A batch or a sequence is kept a
// batch or a sequence (bubbletea runs those only at top level), f applied
// to the message of each of its commands; f never sees nil.
func MapMsgs(cmd tea.Cmd, f func(tea.Msg) tea.Msg) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if msg == nil {
			return nil
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			return tea.BatchMsg(mapAll(b, f))
		}
		if cmds, ok := SequenceCmds(msg); ok {
			return tea.Sequence(mapAll(cmds, f)...)()
		}
		return f(msg)
	}
}

func mapAll(cmds []tea.Cmd, f func(tea.Msg) tea.Msg) []tea.Cmd {
	out := make([]tea.Cmd, len(cmds))
	for i, c := range cmds {
		out[i] = MapMsgs(c, f)
	}
	return out
}

var cmdType = reflect.TypeFor[tea.Cmd]()

// SequenceCmds returns the commands of tea.Sequence's message, whose type
// bubbletea does not export.
func SequenceCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType || v.Type().Name() != "sequenceMsg" {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// ErrorMsg reports an error to the status bar (sanitized, one line).
type ErrorMsg struct{ Err error }

// Reloader is a screen that can load its data again, keeping what the
// operator set up (filters, marks): the app reloads its screens after the
// password was typed again.
type Reloader interface {
	Reload() tea.Cmd
}

// Resumer is a screen that must do more than reload when it is shown
// again after being put aside (a profile switch): every message it had in
// flight was dropped, timers included, so it reloads and re-arms them.
// Screens that are not Resumers are reloaded (Reloader).
type Resumer interface {
	Resume() tea.Cmd
}

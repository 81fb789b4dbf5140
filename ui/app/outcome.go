package app

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
)

// The status bar's message belongs to what made it, as a list screen's
// notice does (ui/scripts screen.go key): it goes when the user starts
// the next action (any key the screen gets but a move), and a task's
// error or cancellation also goes when a later task of the same kind
// succeeds (an r reload that loads clears the load's error).

// taskKind is a task's screen and line of work (its Line, else its
// title): an "r" reload is the same kind as the load that failed.
type taskKind struct {
	owner common.ScreenID
	kind  string
	msg   string // the message it left (another may have replaced it)
}

func kindOf(t task.Task) taskKind {
	k := t.Line
	if k == "" {
		k = t.Title
	}
	return taskKind{owner: t.Owner, kind: k}
}

// taskMessage shows a finished task's outcome in the status bar: an
// error in red; a cancellation the user asked for (esc) as information;
// nothing for one superseded by a newer task of its line. A success
// clears the message a task of the same kind left.
func (m *Model) taskMessage(t task.Task, err error, cancelled bool) {
	userCancelled := m.cancelled[t.ID]
	delete(m.cancelled, t.ID)
	switch {
	case err == nil:
		if f := m.msgFrom; f != nil && f.owner == t.Owner && f.kind == kindOf(t).kind && f.msg == m.status.Message() {
			m.clearMessage()
		}
	case cancelled:
		if userCancelled {
			m.status.SetInfo("Cancelled: " + t.Title)
			m.messageFrom(t)
		}
	default:
		m.status.SetError(err)
		m.messageFrom(t)
	}
}

// messageFrom notes that the status bar's message is t's outcome.
func (m *Model) messageFrom(t task.Task) {
	k := kindOf(t)
	k.msg = m.status.Message()
	m.msgFrom = &k
}

// cancelAll cancels every running task at the user's request (esc).
func (m *Model) cancelAll() tea.Cmd {
	if m.cancelled == nil {
		m.cancelled = map[task.ID]bool{}
	}
	for _, r := range m.tasks.Running() {
		m.cancelled[r.ID] = true
	}
	m.tasks.CancelAll()
	return m.status.SetTasks(m.tasks.Running())
}

// clearMessage removes the status bar's message.
func (m *Model) clearMessage() {
	m.status.SetError(nil)
	m.msgFrom = nil
}

// nextAction clears the status bar's message when key starts an action
// on the screen: every key but the list moves.
func (m *Model) nextAction(msg tea.KeyPressMsg) {
	if m.status.HasMessage() && !key.Matches(msg, m.Keys.NavBindings()...) {
		m.clearMessage()
	}
}

package app

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/task"
)

// countdownTickMsg redraws the rate-limit countdown once a second.
type countdownTickMsg struct{}

func countdownTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return countdownTickMsg{} })
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case setMsg:
		if msg.epoch != m.epoch {
			return m, nil // a message of screens replaced or put aside
		}
		return m.Update(msg.msg)

	case signInMsg:
		cmds = append(cmds, m.signedIn(msg))

	case profileMsg:
		cmds = append(cmds, m.profileOpened(msg))

	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)

	case tea.KeyPressMsg:
		cmds = append(cmds, m.handleKey(msg))

	case tea.PasteMsg:
		if m.login != nil {
			cmds = append(cmds, m.loginPaste(msg))
		} else {
			cmds = append(cmds, m.updateScreen(m.active, msg))
		}

	case task.StartedMsg:
		cmds = append(cmds, m.tasks.Start(msg), m.status.SetTasks(m.tasks.Running()))

	case task.Finished:
		cmds = append(cmds, m.finish(msg))

	case events.Msg:
		if m.status.Observe(msg) && !m.ticking {
			m.ticking = true
			cmds = append(cmds, countdownTick())
		}
		cmds = append(cmds, m.updateScreen(common.APILogScreen, msg))
		if m.events != nil {
			cmds = append(cmds, m.events.Listen()) // re-arm
		}

	case countdownTickMsg:
		m.ticking = false
		if m.status.Waiting() {
			m.ticking = true
			cmds = append(cmds, countdownTick())
		}

	case spinner.TickMsg:
		cmds = append(cmds, m.status.Update(msg))

	case common.ErrorMsg:
		m.status.SetError(msg.Err)
		m.msgFrom = nil

	case common.LeaveScreenMsg:
		cmds = append(cmds, m.leaveScreen())

	case common.ScreenMsg:
		cmds = append(cmds, m.updateScreen(msg.To, msg.Msg))

	case common.FocusScheduleMsg:
		cmds = append(cmds, m.focusSchedule(msg))

	case common.ReturnMsg:
		if _, ok := m.screens[msg.To]; ok {
			cmds = append(cmds, m.switchTo(msg.To))
		}

	default:
		// Anything else (internal messages of a screen's components) goes
		// to the active screen; screens that need a message after a switch
		// wrap their command with common.Wrap.
		cmds = append(cmds, m.updateScreen(m.active, msg))
	}
	m.status.SetScreenStatus(m.activeScreen().Status())
	return m, tea.Batch(cmds...)
}

// finish records a task's end and routes its result to the owner screen,
// active or not.
func (m *Model) finish(msg task.Finished) tea.Cmd {
	t, err := msg.TaskInfo(), msg.TaskErr()
	m.tasks.Finish(t)
	spin := m.status.SetTasks(m.tasks.Running())
	if m.tasks.Len() == 0 {
		m.status.ClearWaits()
	}
	if m.stale[uint64(t.ID)] {
		delete(m.stale, uint64(t.ID))
		delete(m.cancelled, t.ID)
		return spin
	}
	cancelled := err != nil && errors.Is(err, context.Canceled)
	m.taskMessage(t, err, cancelled)
	if err != nil && !cancelled {
		m.afterError(err)
	}
	return tea.Batch(spin, m.updateScreen(t.Owner, msg))
}

func (m *Model) resize(w, h int) {
	m.SetSize(w, h)
	m.header.SetSize(w, header.Height)
	m.status.SetSize(w, 1)
	m.help.SetWidth(w)
	m.sizeLogin()
	m.sizePicker()
	bh := m.bodyHeight()
	for _, s := range m.screens {
		s.SetSize(w, bh)
	}
}

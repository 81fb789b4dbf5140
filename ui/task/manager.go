package task

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Manager owns the contexts of running tasks. It lives in the root model
// and is not safe for concurrent use (the root's Update is single-threaded).
type Manager struct {
	base    context.Context
	now     func() time.Time
	running []entry
	lastID  ID
}

type entry struct {
	task       Task
	cancel     context.CancelFunc
	cancelling bool
}

// Running is a task the status bar shows.
type Running struct {
	Task
	// Cancelling is set once the task's context was cancelled and its
	// result has not arrived yet.
	Cancelling bool
}

// NewManager returns a manager whose task contexts derive from base.
func NewManager(base context.Context, now func() time.Time) *Manager {
	if base == nil {
		base = context.Background()
	}
	if now == nil {
		now = time.Now
	}
	return &Manager{base: base, now: now}
}

// Start registers the task of msg and returns the command that runs it.
func (m *Manager) Start(msg StartedMsg) tea.Cmd {
	ctx, cancel := context.WithCancel(m.base)
	t := msg.Task
	if t.Line != "" {
		for i, r := range m.running {
			if o := r.task; o.Owner == t.Owner && o.Line == t.Line && o.Gen < t.Gen {
				m.running[i].cancel() // superseded
				m.running[i].cancelling = true
			}
		}
	}
	m.lastID++
	t.ID = m.lastID
	t.Started = m.now()
	m.running = append(m.running, entry{task: t, cancel: cancel})
	run := msg.run
	return func() tea.Msg { return run(ctx, t) }
}

// Finish forgets a finished task and releases its context. It reports
// whether the task was known.
func (m *Manager) Finish(t Task) bool {
	i := slices.IndexFunc(m.running, func(r entry) bool { return r.task.ID == t.ID })
	if i < 0 {
		return false
	}
	m.running[i].cancel()
	m.running = slices.Delete(m.running, i, i+1)
	return true
}

// CancelAll cancels every running task; each still reports a DoneMsg
// (with a context error), which is when it leaves the list.
func (m *Manager) CancelAll() int {
	for i := range m.running {
		m.running[i].cancel()
		m.running[i].cancelling = true
	}
	return len(m.running)
}

// Running returns the running tasks, oldest first.
func (m *Manager) Running() []Running {
	out := make([]Running, len(m.running))
	for i, r := range m.running {
		out[i] = Running{Task: r.task, Cancelling: r.cancelling}
	}
	return out
}

// Len is the number of running tasks.
func (m *Manager) Len() int { return len(m.running) }

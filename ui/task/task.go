// Package task runs API calls as bubbletea commands with a cancellable
// context, and reports them to the status bar while they run.
//
// A screen starts work with Run (or a <verb><Noun>Cmd built on it):
//
//	type CountMsg = task.DoneMsg[int]
//
//	func (s *Screen) countSchedulesCmd() tea.Cmd {
//		return task.Run(s.ID(), s.gen.Next(), "Counting WAS schedules",
//			func(ctx context.Context) (int, error) { return s.c.Client.WAS.Count(ctx, nil) })
//	}
//
// The command yields a StartedMsg, which the root hands to its Manager: the
// Manager gives the task a context (cancelled by esc, or on quit), shows it
// as running, and runs fn. fn's result comes back as DoneMsg[T], which the
// root routes to the owner screen whichever screen is active. The screen
// compares the task's generation with its own (Gen.Current) and drops
// stale results on purpose.
package task

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
)

// ID identifies a task within its Manager (one per session); the Manager
// assigns it when the task starts.
type ID uint64

// Task describes a unit of async work.
type Task struct {
	ID    ID
	Owner common.ScreenID
	// Gen is the owner's generation when the task was started (see Gen).
	Gen uint64
	// Line, when set, names a line of work of the owner (a screen's list
	// load): a task started on the same line with a newer Gen supersedes
	// it, and the Manager cancels it (RunOn).
	Line  string
	Title string
	// Started is set by the Manager when the task begins.
	Started time.Time
}

// StartedMsg asks the root's Manager to start a task. Screens never handle
// it; the root does.
type StartedMsg struct {
	Task Task
	run  func(context.Context, Task) tea.Msg
}

// DoneMsg is the result of a task. Err wraps context.Canceled when the
// task was cancelled.
type DoneMsg[T any] struct {
	Task  Task
	Value T
	Err   error
}

// Finished is implemented by every DoneMsg, so the root can track and route
// results without knowing their value type.
type Finished interface {
	TaskInfo() Task
	TaskErr() error
}

// TaskInfo implements Finished.
func (m DoneMsg[T]) TaskInfo() Task { return m.Task }

// TaskErr implements Finished.
func (m DoneMsg[T]) TaskErr() error { return m.Err }

// Run returns a command that starts fn as a task owned by owner. gen is
// echoed in the result so the owner can tell stale results apart; pass 0
// when it does not matter. fn must honour ctx.
func Run[T any](owner common.ScreenID, gen uint64, title string, fn func(ctx context.Context) (T, error)) tea.Cmd {
	return RunOn(owner, "", gen, title, fn)
}

// RunOn is Run on a line of work: when it starts, the owner's tasks on the
// same line with an older gen are cancelled (a reload replaces the load
// before it, whose calls would otherwise go on, through rate-limit waits
// too, for results that are dropped).
func RunOn[T any](owner common.ScreenID, line string, gen uint64, title string, fn func(ctx context.Context) (T, error)) tea.Cmd {
	t := Task{Owner: owner, Gen: gen, Line: line, Title: title}
	return func() tea.Msg {
		return StartedMsg{Task: t, run: func(ctx context.Context, t Task) tea.Msg {
			v, err := fn(ctx)
			if err == nil && ctx.Err() != nil {
				// fn ignored the cancellation; its value is not wanted.
				err = ctx.Err()
			}
			return DoneMsg[T]{Task: t, Value: v, Err: err}
		}}
	}
}

// Gen counts a screen's (re)loads. Start each load with Next and keep only
// results for which Current is true: a result of an older load arriving
// late is dropped instead of overwriting newer data.
type Gen struct{ n uint64 }

// Next starts a new generation and returns it.
func (g *Gen) Next() uint64 { g.n++; return g.n }

// Current reports whether t belongs to the latest generation.
func (g Gen) Current(t Task) bool { return t.Gen == g.n }

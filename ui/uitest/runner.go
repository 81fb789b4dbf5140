package uitest

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
)

// Runner runs commands as bubbletea does, without a terminal: each in its
// own goroutine, a batch's commands side by side, a sequence's one after
// another; every message goes to Deliver, whose command runs next. The
// rigs of the screen tests and of the hostile-text test share it.
type Runner struct {
	T testing.TB
	// Deliver applies a message and returns the command it gives.
	Deliver func(tea.Msg) tea.Cmd
	// Extra, when set, brings messages from outside (API events); Run
	// also waits until it has been quiet for a moment.
	Extra <-chan tea.Msg
	// Limit fails the test when commands still run after it (default
	// 20 s): it turns a hang into a failure, it is not a wait.
	Limit time.Duration

	ch chan step
	n  int // commands (and sequences) running
}

// step is a message from a command; more is set for a message of a
// sequence that has further commands to run.
type step struct {
	msg  tea.Msg
	more bool
}

// Run starts cmd and delivers messages until no command is running.
func (r *Runner) Run(cmd tea.Cmd) {
	r.T.Helper()
	if r.ch == nil {
		r.ch = make(chan step, 256)
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 20 * time.Second
	}
	r.start(cmd)
	deadline := time.After(limit)
	for {
		var quiet <-chan time.Time
		if r.n == 0 {
			if r.Extra == nil {
				return
			}
			quiet = time.After(10 * time.Millisecond)
		}
		select {
		case s := <-r.ch:
			if !s.more {
				r.n--
			}
			r.handle(s.msg)
		case msg := <-r.Extra:
			r.handle(msg)
		case <-quiet:
			return
		case <-deadline:
			r.T.Fatalf("commands still running after %s", limit)
		}
	}
}

func (r *Runner) start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	r.n++
	go func() { r.ch <- step{msg: cmd()} }()
}

// handle runs a batch's or a sequence's commands, and gives any other
// message to Deliver.
func (r *Runner) handle(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range m {
			r.start(c)
		}
		return
	}
	if cmds, ok := common.SequenceCmds(msg); ok {
		r.n++
		go func() {
			for _, c := range cmds {
				if c != nil {
					r.ch <- step{msg: c(), more: true}
				}
			}
			r.ch <- step{} // the sequence has ended
		}()
		return
	}
	r.start(r.Deliver(msg))
}

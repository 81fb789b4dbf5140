package was

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

// rig drives a Model like the root does, without a terminal: commands run
// in goroutines, task starts go through a task.Manager, and every message
// is fed back until nothing is pending.
type rig struct {
	t   testing.TB
	m   *Model
	mgr *task.Manager
	clk *uitest.Clock
	env *uitest.Env
	run func(tea.Cmd) // runs a command and what follows, until nothing runs
}

func newRig(t testing.TB, schedules int, readOnly bool, o Options) *rig {
	t.Helper()
	env := uitest.NewEnv(t, sim.Options{WASSchedules: schedules, Seed: 1}, func(c *client.Config) { c.ReadOnly = false })
	clk := uitest.NewClock(uitest.Epoch(), 0)
	c := common.New(env.Client, readOnly, clk.Now)
	c.StaticSpinner = true
	c.SetSize(120, 30)
	if o.Platform == "" {
		o.Platform = "demo"
	}
	m := New(c, o)
	m.SetSize(120, 30)
	r := &rig{t: t, m: m, mgr: task.NewManager(context.Background(), clk.Now), clk: clk, env: env}
	runner := &uitest.Runner{T: t, Deliver: r.deliver, Limit: time.Minute}
	r.run = runner.Run
	r.run(m.Init())
	return r
}

// deliver gives a message to the screen as the root does: task starts go
// through the manager, results are routed back, wrapped messages are
// unwrapped.
func (r *rig) deliver(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case task.StartedMsg:
		return r.mgr.Start(msg)
	case task.Finished:
		r.mgr.Finish(msg.TaskInfo())
	case common.ScreenMsg:
		_, cmd := r.m.Update(msg.Msg)
		return cmd
	}
	_, cmd := r.m.Update(msg)
	return cmd
}

// keys presses each key and settles after each.
func (r *rig) keys(ks ...string) {
	r.t.Helper()
	for _, k := range ks {
		_, cmd := r.m.Update(uitest.Key(k))
		r.run(cmd)
	}
}

// typeText types s into whatever has the focus.
func (r *rig) typeText(s string) {
	r.t.Helper()
	for _, c := range s {
		_, cmd := r.m.Update(tea.KeyPressMsg{Code: c, Text: string(c)})
		r.run(cmd)
	}
}

// confirm answers an open confirmation with y after the grace period.
func (r *rig) confirm() {
	r.t.Helper()
	if r.m.mode != modeConfirm {
		r.t.Fatalf("no confirmation open (mode %d, note %q)", r.m.mode, r.m.note)
	}
	r.clk.Advance(time.Second)
	r.keys("y")
}

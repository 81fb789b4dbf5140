package task_test

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

func start(t *testing.T, cmd tea.Cmd) task.StartedMsg {
	t.Helper()
	msgs := uitest.Exec(t, cmd)
	if len(msgs) != 1 {
		t.Fatalf("Run's command gave %d messages, want 1", len(msgs))
	}
	s, ok := msgs[0].(task.StartedMsg)
	if !ok {
		t.Fatalf("Run's command gave %T, want task.StartedMsg", msgs[0])
	}
	return s
}

func TestRunReturnsTypedResultWithOwnerAndGen(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	mgr := task.NewManager(context.Background(), clk.Now)
	s := start(t, task.Run(common.WASScreen, 7, "Counting", func(context.Context) (int, error) { return 42, nil }))
	if s.Task.Owner != common.WASScreen || s.Task.Gen != 7 || s.Task.Title != "Counting" {
		t.Fatalf("started task %+v", s.Task)
	}
	run := mgr.Start(s)
	r := mgr.Running()
	if len(r) != 1 || r[0].ID == 0 || !r[0].Started.Equal(uitest.Epoch()) {
		t.Fatalf("running %+v", r)
	}
	msgs := uitest.Exec(t, run)
	done, ok := msgs[0].(task.DoneMsg[int])
	if !ok || done.Value != 42 || done.Err != nil || done.Task.ID != r[0].ID || done.Task.Owner != common.WASScreen || done.Task.Gen != 7 {
		t.Fatalf("result %#v", msgs[0])
	}
	var f task.Finished = done
	if !mgr.Finish(f.TaskInfo()) || mgr.Len() != 0 || mgr.Finish(f.TaskInfo()) {
		t.Fatal("Finish did not forget the task exactly once")
	}
}

// Ids belong to the manager (one per session): unique within it, and
// each session counts its own from 1.
func TestIDsArePerManager(t *testing.T) {
	fn := func(context.Context) (int, error) { return 0, nil }
	one, two := task.NewManager(context.Background(), nil), task.NewManager(context.Background(), nil)
	one.Start(start(t, task.Run(common.WASScreen, 0, "a", fn)))
	one.Start(start(t, task.Run(common.WASScreen, 0, "b", fn)))
	two.Start(start(t, task.Run(common.WASScreen, 0, "c", fn)))
	r1, r2 := one.Running(), two.Running()
	if len(r1) != 2 || r1[0].ID == r1[1].ID {
		t.Fatalf("one manager gave ids %+v", r1)
	}
	if len(r2) != 1 || r2[0].ID != 1 {
		t.Fatalf("a second manager's first task has id %+v, want 1", r2)
	}
}

func TestCancelAllCancelsTheContext(t *testing.T) {
	mgr := task.NewManager(context.Background(), nil)
	sawErr := make(chan error, 1)
	s := start(t, task.Run(common.WASScreen, 1, "slow", func(ctx context.Context) (string, error) {
		<-ctx.Done()
		sawErr <- ctx.Err()
		return "", ctx.Err()
	}))
	run := mgr.Start(s)
	res := make(chan tea.Msg, 1)
	go func() { res <- run() }()
	if n := mgr.CancelAll(); n != 1 || !mgr.Running()[0].Cancelling {
		t.Fatalf("CancelAll cancelled %d, running %+v", n, mgr.Running())
	}
	select {
	case err := <-sawErr:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("fn saw %v", err)
		}
	case <-time.After(time.Minute): // a hang, not a wait
		t.Fatal("fn never saw the cancellation")
	}
	done := (<-res).(task.DoneMsg[string])
	if !errors.Is(done.Err, context.Canceled) {
		t.Fatalf("result error %v", done.Err)
	}
}

// A function that ignores cancellation still reports it: its value is not
// wanted any more.
func TestCancelledResultCarriesContextError(t *testing.T) {
	mgr := task.NewManager(context.Background(), nil)
	release := make(chan struct{})
	s := start(t, task.Run(common.WASScreen, 1, "stubborn", func(ctx context.Context) (int, error) {
		<-release
		return 1, nil
	}))
	run := mgr.Start(s)
	res := make(chan tea.Msg, 1)
	go func() { res <- run() }()
	mgr.CancelAll()
	close(release)
	if done := (<-res).(task.DoneMsg[int]); !errors.Is(done.Err, context.Canceled) {
		t.Fatalf("result error %v", done.Err)
	}
}

func TestParentContextCancelsTasks(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	mgr := task.NewManager(parent, nil)
	run := mgr.Start(start(t, task.Run(common.APILogScreen, 0, "x", func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})))
	cancel()
	if done := uitest.Exec(t, run)[0].(task.DoneMsg[int]); !errors.Is(done.Err, context.Canceled) {
		t.Fatalf("result error %v", done.Err)
	}
}

func TestGenDropsStaleResults(t *testing.T) {
	var g task.Gen
	first := task.Task{Gen: g.Next()}
	second := task.Task{Gen: g.Next()}
	if g.Current(first) || !g.Current(second) {
		t.Fatalf("gen %+v: first current=%v second current=%v", g, g.Current(first), g.Current(second))
	}
}

// A task on a line supersedes the owner's older tasks on that line: they
// are cancelled (a reload replaces the load before it). Tasks of another
// line, another owner, or without a line run on.
func TestNewerTaskOnALineCancelsTheOlder(t *testing.T) {
	mgr := task.NewManager(context.Background(), nil)
	block := func(ctx context.Context) (string, error) { <-ctx.Done(); return "", ctx.Err() }
	old := mgr.Start(start(t, task.RunOn(common.WASScreen, "load", 1, "old load", block)))
	res := make(chan tea.Msg, 1)
	go func() { res <- old() }()
	mgr.Start(start(t, task.RunOn(common.WASScreen, "details", 1, "details", block)))
	mgr.Start(start(t, task.RunOn(common.ScriptsScreen, "load", 1, "scripts load", block)))
	mgr.Start(start(t, task.Run(common.WASScreen, 1, "no line", block)))
	mgr.Start(start(t, task.RunOn(common.WASScreen, "load", 2, "new load", block)))
	select {
	case msg := <-res:
		if done := msg.(task.DoneMsg[string]); !errors.Is(done.Err, context.Canceled) || done.Task.Gen != 1 {
			t.Fatalf("superseded: %+v", done)
		}
	case <-time.After(time.Minute): // a hang, not a wait
		t.Fatal("the older load was not cancelled")
	}
	var cancelling []string
	for _, r := range mgr.Running() {
		if r.Cancelling {
			cancelling = append(cancelling, r.Task.Title)
		}
	}
	if len(cancelling) != 1 || cancelling[0] != "old load" {
		t.Fatalf("cancelling %v", cancelling)
	}
	mgr.CancelAll()
}

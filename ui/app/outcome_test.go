package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/task"
)

// A task's error stays until a later task of the same kind succeeds:
// the reload that loads clears the load's error, another kind of task
// does not.
func TestErrorGoesWhenTheSameKindSucceeds(t *testing.T) {
	h := newHarness(t, false)
	fail := errors.New("count WAS schedules: HTTP 503")
	h.scripts.work = func(ctx context.Context) (string, error) { return "", fail }
	h.run(h.startTask())
	if !strings.Contains(h.plain(), "error: count WAS schedules") {
		t.Fatalf("error not shown:\n%s", h.plain())
	}
	// Another kind of task (a different title) succeeding keeps it.
	other := task.Run(h.scripts.id, 0, "Reading something else", func(ctx context.Context) (string, error) { return "ok", nil })
	h.run(h.send(uitest1(t, other)))
	if !strings.Contains(h.plain(), "error: count WAS schedules") {
		t.Fatalf("another kind's success cleared the error:\n%s", h.plain())
	}
	h.scripts.work = func(ctx context.Context) (string, error) { return "loaded", nil }
	h.run(h.startTask())
	if h.m.LastError() != "" || strings.Contains(h.plain(), "error:") {
		t.Fatalf("the same kind succeeded but the error stays:\n%s", h.plain())
	}
}

// The next action's key clears the status bar's message; moving the
// cursor does not.
func TestNextActionClearsTheMessage(t *testing.T) {
	h := newHarness(t, false)
	h.scripts.work = func(ctx context.Context) (string, error) { return "", errors.New("activate: boom") }
	h.run(h.startTask())
	h.keys("down", "j", "pgdown", "G")
	if !strings.Contains(h.plain(), "error: activate: boom") {
		t.Fatalf("a move cleared the error:\n%s", h.plain())
	}
	h.keys("r")
	if h.m.LastError() != "" || strings.Contains(h.plain(), "boom") {
		t.Fatalf("the next action left the error:\n%s", h.plain())
	}
	if got := strings.Join(h.scripts.keys, " "); !strings.HasSuffix(got, "r") {
		t.Fatalf("the key did not reach the screen: %v", got)
	}
}

// A load superseded by a newer one is cancelled without the user asking:
// nothing is said.
func TestSupersededTaskSaysNothing(t *testing.T) {
	h := newHarness(t, false)
	load := func(gen uint64) tea.Cmd {
		return task.RunOn(h.scripts.id, "load", gen, "Loading", func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		})
	}
	first := h.send(uitest1(t, load(1)))
	h.send(uitest1(t, task.RunOn(h.scripts.id, "load", 2, "Loading", func(ctx context.Context) (string, error) { return "ok", nil })))
	h.run(first)
	if strings.Contains(strings.ToLower(h.plain()), "cancelled") {
		t.Fatalf("a superseded load was reported cancelled:\n%s", h.plain())
	}
}

// uitest1 runs cmd, which must give exactly one message.
func uitest1(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	msg := cmd()
	if msg == nil {
		t.Fatal("no message")
	}
	return msg
}

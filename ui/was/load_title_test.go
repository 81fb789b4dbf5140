package was

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/task"
)

// The load's task title fits the status line at 80 columns beside the
// API budget (up to 50 cells with its endpoint), the spinner and a
// "(+n)" count: at most 22 cells, whatever was loaded so far.
func TestLoadTitleFitsTheStatusLineAt80(t *testing.T) {
	r := newRig(t, 3, false, Options{})
	m := r.m
	for _, n := range []int{0, 1000, 123456, 1234567} {
		m.load.loaded = n
		m.load.feed = make(chan fetched)
		msg, ok := m.loadPageCmd(1)().(task.StartedMsg)
		if !ok {
			t.Fatalf("loadPageCmd did not start a task")
		}
		title := msg.Task.Title
		if w := ansi.StringWidth(title); w > 22 {
			t.Errorf("%d loaded: title %q is %d cells; at most 22 fit beside the budget at 80 columns", n, title, w)
		}
	}
}

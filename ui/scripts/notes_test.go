package scripts_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/uitest"
)

// A message belongs to the action that made it: moving the cursor keeps
// it, the next action's key clears it.
func TestNoticeGoesWhenTheNextActionStarts(t *testing.T) {
	s, _ := newScreen(t, false, nil)
	run(t, s, s.Init())
	s.Update(uitest.Key("+")) // nothing to activate: says so
	const msg = "nothing"
	if v := strings.ToLower(ansi.Strip(s.View())); !strings.Contains(v, msg) {
		t.Fatalf("no message:\n%s", v)
	}
	s.Update(uitest.Key("down"))
	if v := strings.ToLower(ansi.Strip(s.View())); !strings.Contains(v, msg) {
		t.Fatalf("moving the cursor cleared the message:\n%s", v)
	}
	s.Update(uitest.Key("s"))
	if v := strings.ToLower(ansi.Strip(s.View())); strings.Contains(v, msg) {
		t.Fatalf("the old message stayed:\n%s", v)
	}
}

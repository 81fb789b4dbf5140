package form_test

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/uitest"
)

type editor struct {
	*form.Model
	name    string
	blocked string
	clk     *uitest.Clock
}

func newEditor(t *testing.T, readOnly bool) *editor {
	t.Helper()
	e := &editor{clk: uitest.NewClock(uitest.Epoch(), 0)}
	c := common.New(nil, readOnly, e.clk.Now)
	c.SetSize(80, 20)
	e.Model = form.New(c, form.Spec{
		Owner: common.WASScreen,
		Build: func() *huh.Form {
			return huh.NewForm(huh.NewGroup(huh.NewInput().Key("name").Title("Name").Value(&e.name)))
		},
		Review:  func() string { return "REVIEW OF " + e.name },
		Blocked: func() string { return e.blocked },
		Confirm: func() confirm.Spec { return confirm.Spec{Title: "Save " + e.name + "?", Verb: "save it"} },
	})
	e.Init()
	return e
}

func (e *editor) press(t *testing.T, k string) form.Action {
	t.Helper()
	a, _ := e.Update(uitest.Key(k))
	return a
}

func helpText(bs []key.Binding) string {
	var out []string
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(out, " · ")
}

// The editor's stages: ctrl+s reviews, s asks (refused with the reason
// while blocked), y after the grace period sends, a failed send comes
// back to the review with its note, b edits again, esc leaves.
func TestStagesAndActions(t *testing.T) {
	e := newEditor(t, false)
	if h := helpText(e.Help()); !strings.Contains(h, "ctrl+s review") || !strings.Contains(h, "esc leave") {
		t.Fatalf("form help: %s", h)
	}
	e.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if e.press(t, "ctrl+s"); e.Stage() != form.Reviewing || !strings.Contains(ansi.Strip(e.View()), "REVIEW OF x") {
		t.Fatalf("ctrl+s: stage %d\n%s", e.Stage(), e.View())
	}
	if h := helpText(e.Help()); !strings.Contains(h, "s submit") || !strings.Contains(h, "b edit") {
		t.Fatalf("review help: %s", h)
	}
	e.blocked = "Not sent: 1 problem to fix first."
	if e.press(t, "s"); e.Stage() != form.Reviewing || !strings.Contains(ansi.Strip(e.View()), "1 problem to fix first") {
		t.Fatalf("blocked s: stage %d\n%s", e.Stage(), e.View())
	}
	e.blocked = ""
	if e.press(t, "s"); e.Stage() != form.Confirming || !strings.Contains(ansi.Strip(e.View()), "Type y to save it") {
		t.Fatalf("s: stage %d\n%s", e.Stage(), e.View())
	}
	if a := e.press(t, "y"); a != form.None || e.Stage() != form.Confirming {
		t.Fatal("y within the grace period was taken")
	}
	e.clk.Advance(time.Second)
	if a := e.press(t, "y"); a != form.Send || e.Stage() != form.Sending {
		t.Fatalf("y: action %v stage %d", a, e.Stage())
	}
	if a := e.press(t, "esc"); a != form.None || e.Stage() != form.Sending {
		t.Fatal("a key while sending did something")
	}
	e.Sent("Update failed: no", true)
	if e.Stage() != form.Reviewing || !strings.Contains(ansi.Strip(e.View()), "Update failed: no") {
		t.Fatalf("after a failed send: stage %d\n%s", e.Stage(), e.View())
	}
	e.press(t, "b")
	if e.Stage() != form.Editing || e.name != "x" {
		t.Fatalf("b: stage %d, value %q", e.Stage(), e.name)
	}
	if a := e.press(t, "esc"); a != form.Leave {
		t.Fatalf("esc gave %v", a)
	}
}

// Read-only: the review is shown, submit is neither offered nor taken.
func TestReadOnlyReviewsWithoutSubmit(t *testing.T) {
	e := newEditor(t, true)
	e.press(t, "ctrl+s")
	if h := helpText(e.Help()); strings.Contains(h, "submit") {
		t.Fatalf("read-only review offers %s", h)
	}
	if e.press(t, "s"); e.Stage() != form.Reviewing {
		t.Fatalf("read-only s moved to stage %d", e.Stage())
	}
}

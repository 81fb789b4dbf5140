package form_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/uitest"
)

// b from the review reopens the form on the field Spec.Reopen names
// (the first with a problem), across groups, with the keys typed next
// reaching it; a field in a hidden group, or none, opens the first
// field; the last field is reached without finishing the form.
func TestBackFromTheReviewReopensOnTheNamedField(t *testing.T) {
	order := []string{"a", "b", "h", "c", "d"}
	for _, tc := range []struct{ key, want string }{
		{"c", "c"}, {"b", "b"}, {"d", "d"}, {"h", "a"}, {"", "a"}, {"nowhere", "a"},
	} {
		var vals [5]string
		c := common.New(nil, false, uitest.NewClock(uitest.Epoch(), 0).Now)
		c.SetSize(80, 20)
		in := func(i int) *huh.Input { return huh.NewInput().Key(order[i]).Title(order[i]).Value(&vals[i]) }
		m := form.New(c, form.Spec{
			Owner: common.WASScreen,
			Build: func() *huh.Form {
				return huh.NewForm(
					huh.NewGroup(in(0), in(1)),
					huh.NewGroup(in(2)).WithHideFunc(func() bool { return true }),
					huh.NewGroup(in(3)),
					huh.NewGroup(in(4)),
				)
			},
			Review:  func() string { return "review" },
			Blocked: func() string { return "" },
			Confirm: func() confirm.Spec { return confirm.Spec{} },
			Reopen:  func() (string, []string) { return tc.key, order },
		})
		m.Init()
		m.Update(uitest.Key("ctrl+s"))
		if m.Stage() != form.Reviewing {
			t.Fatalf("ctrl+s: stage %d", m.Stage())
		}
		m.Update(uitest.Key("b"))
		f := m.Form()
		if m.Stage() != form.Editing || f.State != huh.StateNormal || f.GetFocusedField().GetKey() != tc.want {
			t.Fatalf("Reopen %q: stage %d, state %d, focus on %q, want %q", tc.key, m.Stage(), f.State, f.GetFocusedField().GetKey(), tc.want)
		}
		m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		if got := vals[indexOf(order, tc.want)]; got != "x" {
			t.Fatalf("Reopen %q: the key typed next went elsewhere: %q", tc.key, vals)
		}
	}
}

func indexOf(s []string, k string) int {
	for i, v := range s {
		if v == k {
			return i
		}
	}
	return -1
}

package form_test

import (
	"testing"

	"charm.land/huh/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/uitest"
)

type filtering interface{ GetFiltering() bool }

// Esc in a select's `/` filter ends the filter, and clears the filter it
// left in place; only then does esc leave the editor. Both huh fields
// that filter (Select, MultiSelect) behave the same.
func TestEscClosesASelectFilterBeforeLeaving(t *testing.T) {
	opts := huh.NewOptions("weekly", "monthly", "daily")
	for name, field := range map[string]func() huh.Field{
		"select": func() huh.Field {
			var v string
			return huh.NewSelect[string]().Key("k").Title("Kind").Options(opts...).Value(&v)
		},
		"multiselect": func() huh.Field {
			var v []string
			return huh.NewMultiSelect[string]().Key("k").Title("Kinds").Options(opts...).Value(&v)
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := common.New(nil, false, uitest.NewClock(uitest.Epoch(), 0).Now)
			c.SetSize(80, 20)
			e := form.New(c, form.Spec{
				Owner:   common.ScriptsScreen,
				Build:   func() *huh.Form { return huh.NewForm(huh.NewGroup(field())) },
				Review:  func() string { return "" },
				Blocked: func() string { return "" },
				Confirm: func() confirm.Spec { return confirm.Spec{} },
			})
			e.Init()
			press := func(k string) form.Action { a, _ := e.Update(uitest.Key(k)); return a }
			open := func() bool { return e.Form().GetFocusedField().(filtering).GetFiltering() }
			press("/")
			press("w")
			if !open() {
				t.Fatal("/ did not open the filter")
			}
			if a := press("esc"); a != form.None || open() || e.Stage() != form.Editing {
				t.Fatalf("esc in the filter: action %v, filtering %v, stage %d", a, open(), e.Stage())
			}
			// The filter "w" is still applied: esc clears it, and stays.
			if a := press("esc"); a != form.None {
				t.Fatalf("esc on a filtered list: action %v", a)
			}
			if a := press("esc"); a != form.Leave {
				t.Fatalf("esc without a filter: action %v", a)
			}
		})
	}
}

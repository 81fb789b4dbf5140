package scriptform

import (
	"testing"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// tabTo moves the focus forward with tab until field has it.
func tabTo(t *testing.T, m *Model, field string) {
	t.Helper()
	for i := 0; focused(m) != field; i++ {
		if i == 40 {
			t.Fatalf("never reached %q (on %q)", field, focused(m))
		}
		from := focused(m)
		drive(t, m, m.Update(uitest.Key("tab")), func() bool { return focused(m) != from })
	}
}

// Esc in the schedule type's `/` filter closes the filter: the builder
// stays open, and a clone does not ask to discard its input.
func TestEscInASelectFilterStaysInTheBuilder(t *testing.T) {
	m := newModel(t, validWeekly(), Options{})
	drive(t, m, m.Init(), on(m, "title"))
	tabTo(t, m, "type")
	m.Update(uitest.Key("/"))
	m.Update(uitest.Key("w"))
	esc := uitest.Key("esc")
	if m.WouldDiscard(esc, true) {
		t.Fatal("esc in the filter would ask to discard the clone")
	}
	for _, msg := range uitest.Exec(t, m.Update(esc)) {
		if sm, ok := msg.(common.ScreenMsg); ok {
			if _, closed := sm.Msg.(ClosedMsg); closed {
				t.Fatal("esc in the filter closed the builder")
			}
		}
	}
	if focused(m) != "type" {
		t.Fatalf("the focus left the type: %q", focused(m))
	}
}

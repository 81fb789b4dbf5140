package was

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/ui/present"
)

// enter gets the schedule and shows scheduling, next launch, target,
// notification and recipients; esc goes back.
func TestDetailsShowEveryPart(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	id := m.cursorRow().id
	r.keys("enter")
	if m.details == nil || m.details.loading || m.details.err != "" {
		t.Fatalf("details %+v", m.details)
	}
	s, _ := r.env.Sim.WASSchedule(id)
	all := m.details.vp.GetContent()
	want := []string{"— Scheduling", "Next launch:", "Time zone:", "— Target", "Web app:", "— Notification", "Send one mail:", s.NameValue()}
	for _, e := range s.Notification.Recipients.Emails() {
		want = append(want, present.Line(present.Field{Label: "Recipient", Value: e}))
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("details lack %q:\n%s", w, all)
		}
	}
	r.keys("esc")
	if m.mode != modeList {
		t.Fatal("esc did not close details")
	}
}

// Details take no text: the app's keys work there (q closes them first),
// and u opens the update form of the schedule shown.
func TestDetailsKeys(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("enter")
	if m.CapturesInput() {
		t.Fatal("details capture input: tab, 1–3 and ? would type into nothing")
	}
	if _, closed := m.CloseOverlay(); !closed || m.mode != modeList {
		t.Fatalf("q did not close the details: mode %v", m.mode)
	}
	if _, closed := m.CloseOverlay(); closed {
		t.Fatal("q on the list has nothing to close")
	}
	r.keys("enter", "u")
	if m.mode != modeForm {
		t.Fatalf("u on details: mode %v, want the update form", m.mode)
	}
}

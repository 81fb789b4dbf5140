package was

import (
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
)

// Seed 002, first sample: notification on, 4 days, three recipients, a
// message. The partial holds only what changed, the review shows the
// exact XML and the diff, and the simulator stores it.
func TestUpdateNotificationAsSeed002(t *testing.T) {
	r := newRig(t, 5, false, Options{})
	m := r.m
	id := m.cursorRow().id
	r.keys("u")
	if m.form == nil || m.form.stage != formEditing {
		t.Fatalf("form not open: %+v", m.form)
	}
	f := m.form
	orig := f.fields
	// Walk to each field and set it.
	r.keys("tab") // notification active
	if !f.fields[fNotify].on {
		r.keys("space")
	}
	r.keys("tab", "tab") // delay
	r.keys("ctrl+u")
	r.typeText("4d")
	r.keys("tab")
	r.keys("ctrl+u")
	r.typeText("alice.ops@example.com, bob.secops@example.com, not-an-address")
	if p := f.problem(fRecipients); !strings.Contains(p, "not-an-address") {
		t.Fatalf("recipient problem %q", p)
	}
	// A problem never traps: moving works, review blocks the save.
	r.keys("up", "down", "ctrl+s")
	r.clk.Advance(1e9)
	r.keys("y")
	if f.stage != formReview {
		t.Fatal("saved despite an invalid recipient")
	}
	r.keys("esc")
	r.keys("ctrl+w", "backspace") // drop the bad address
	r.typeText(" carol.soc@example.com")
	r.keys("tab", "ctrl+u")
	r.typeText("The schedule notification message")
	r.keys("ctrl+s")
	p := f.partial()
	if p.Name != nil || p.SendMail != nil || p.SendOneMail != nil || p.Notification.Reschedule != nil {
		t.Fatalf("unchanged fields in the partial: %+v", p)
	}
	view := m.View()
	for _, want := range []string{"<recipients>", "alice.ops@example.com", "+ carol.soc@example.com", "<nb>4</nb>", "Type y to save"} {
		if !strings.Contains(view, want) {
			t.Fatalf("review lacks %q:\n%s", want, view)
		}
	}
	r.clk.Advance(1e9)
	r.keys("y")
	if m.mode != modeList || !strings.Contains(m.note, "Saved") {
		t.Fatalf("mode %d note %q", m.mode, m.note)
	}
	s, _ := r.env.Sim.WASSchedule(id)
	n := s.Notification
	want := []string{"alice.ops@example.com", "bob.secops@example.com", "carol.soc@example.com"}
	if !model.ValidEmail(want[2]) || !slices.Equal(n.Recipients.Emails(), want) || !*n.Active || n.Delay.Nb != 4 || n.Delay.Scale != "DAY" || string(*n.Message) != "The schedule notification message" {
		t.Fatalf("stored %+v / %v", n, n.Recipients.Emails())
	}
	if s.NameValue() != orig[fName].origText {
		t.Fatal("name changed")
	}
}

// esc leaves the form from any field, whatever its state.
func TestUpdateEscapeAlwaysWorks(t *testing.T) {
	r := newRig(t, 5, false, Options{})
	m := r.m
	r.keys("u", "ctrl+u", "tab", "tab", "tab", "ctrl+u")
	r.typeText("nonsense")
	if !m.Dirty() {
		t.Fatal("a changed form is not dirty")
	}
	r.keys("esc")
	if m.mode != modeList || m.form != nil || m.Dirty() {
		t.Fatal("esc did not leave the form")
	}
}

package was

import "testing"

// A message belongs to the action that made it: moving the cursor keeps
// it, the next action's key clears it.
func TestNoteGoesWhenTheNextActionStarts(t *testing.T) {
	r := newRig(t, 10, false, Options{})
	r.m.setNote("Deactivated 3 of 3 schedules in 1 request.", false)
	r.keys("down", "up")
	if r.m.note == "" {
		t.Fatal("moving the cursor cleared the message")
	}
	r.keys("S") // the next action: reverse the sort
	if r.m.note != "" {
		t.Fatalf("the old message stayed: %q", r.m.note)
	}
}

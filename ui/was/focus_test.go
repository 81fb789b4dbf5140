package was

import (
	"strconv"
	"strings"
	"testing"

	"github.com/qsched/qsched/ui/common"
)

// The Calendar's enter: the row comes under the cursor, the local filter
// that hid it is cleared, and the details open.
func TestFocusScheduleOpensItsDetails(t *testing.T) {
	r := newRig(t, 20, false, Options{})
	target := r.m.rows[len(r.m.rows)-1]
	r.keys("/")
	r.typeText("zzz-no-such-name")
	r.keys("enter")
	if r.m.isShown(target.id) {
		t.Fatal("the filter does not hide the row")
	}
	r.run(r.deliver(common.FocusScheduleMsg{Screen: common.WASScreen, ID: strconv.FormatInt(target.id, 10)}))
	if r.m.mode != modeDetails || r.m.details == nil || r.m.details.id != target.id || r.m.details.loading {
		t.Fatalf("details not open on %d: mode %v %+v", target.id, r.m.mode, r.m.details)
	}
	if r.m.query != "" || r.m.cursorRow() == nil || r.m.cursorRow().id != target.id {
		t.Fatalf("cursor not on %d (query %q)", target.id, r.m.query)
	}
	if v := r.m.View(); !strings.Contains(v, strconv.FormatInt(target.id, 10)) {
		t.Fatalf("details view:\n%s", v)
	}
}

// A confirmation in progress is not swept away.
func TestFocusScheduleWaitsForWhatIsOpen(t *testing.T) {
	r := newRig(t, 5, false, Options{})
	r.m.mode = modeConfirm
	id := r.m.rows[0].id
	r.run(r.deliver(common.FocusScheduleMsg{Screen: common.WASScreen, ID: strconv.FormatInt(id, 10)}))
	if r.m.mode != modeConfirm || r.m.details != nil || !strings.Contains(r.m.note, "was not opened") {
		t.Fatalf("mode %v, note %q", r.m.mode, r.m.note)
	}
}

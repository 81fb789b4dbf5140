package was

import (
	"testing"
	"time"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// A filter result from an older query arrives after a newer one: it is
// dropped, so the view always matches the query on screen.
func TestStaleFilterResultIsDropped(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("/")
	_, older := m.Update(uitest.Key("w"))
	_, newer := m.Update(uitest.Key("z")) // "wz" matches nothing
	newMsg := newer().(common.ScreenMsg).Msg
	oldMsg := older().(common.ScreenMsg).Msg
	m.Update(newMsg)
	m.Update(oldMsg) // late
	if len(m.view) != 0 {
		t.Fatalf("stale result replaced the view: %d rows for %q", len(m.view), m.query)
	}
	r.keys("esc")
	if m.query != "" || len(m.view) != 40 {
		t.Fatalf("esc left query %q and %d rows", m.query, len(m.view))
	}
}

// Sorting keeps the cursor on the same schedule; s cycles columns and S
// flips the direction.
func TestSortKeepsCursorRow(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("down", "down", "down")
	id := m.cursorRow().id
	r.keys("s") // name
	if m.sort.col != colName || m.cursorRow().id != id {
		t.Fatalf("sort %v, cursor on %d want %d", m.sort, m.cursorRow().id, id)
	}
	for i := 1; i < len(m.view); i++ {
		if compareRows(m.vrows[m.view[i-1]], m.vrows[m.view[i]], colName) > 0 {
			t.Fatal("not sorted by name")
		}
	}
	r.keys("S")
	if first, last := m.vrows[m.view[0]], m.vrows[m.view[len(m.view)-1]]; first.name < last.name {
		t.Fatal("S did not reverse")
	}
}

// Auto-refresh reloads on its tick unless paused with p, and never while
// a confirmation is open.
func TestAutoRefreshPause(t *testing.T) {
	r := newRig(t, 10, false, Options{})
	m := r.m
	m.opts.AutoRefresh = time.Minute // set after Init: the rig runs no timers
	searches := func() int { return r.env.Sim.Stats().Requests["POST /qps/rest/3.0/search/was/wasscanschedule"] }
	tick := func() { r.run(m.autoRefresh()) } // what each tick runs besides re-arming
	before := searches()
	tick()
	if searches() != before+1 {
		t.Fatalf("tick did not reload: %d → %d", before, searches())
	}
	r.keys("p")
	tick()
	if searches() != before+1 {
		t.Fatal("paused auto-refresh reloaded")
	}
	r.keys("p", "d")
	tick()
	if searches() != before+1 || m.mode != modeConfirm {
		t.Fatal("auto-refresh ran under a confirmation")
	}
}

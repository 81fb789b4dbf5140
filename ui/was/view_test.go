package was

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// Every mode fits 80×24 (and a small 40×10) with no line wider than the
// width.
func TestEveryModeFits(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	m.opts.AutoRefresh = time.Minute // shown in the title; no timer in the rig
	check := func(what string) {
		t.Helper()
		for _, sz := range [][2]int{{80, 24}, {40, 10}, {120, 30}} {
			m.SetSize(sz[0], sz[1])
			v := m.View()
			uitest.RequireFits(t, v, sz[0], sz[1])
			if t.Failed() {
				t.Fatalf("%s at %dx%d:\n%s", what, sz[0], sz[1], v)
			}
		}
		m.SetSize(120, 30)
	}
	check("list")
	r.keys("space", "/")
	r.typeText("weekly")
	check("typing")
	r.keys("enter", "f")
	check("builder fields")
	r.keys("down", "enter")
	check("builder operators")
	r.keys("enter")
	r.typeText("x")
	check("builder value")
	r.keys("esc", "esc", "esc", "d")
	check("confirm")
	r.clk.Advance(time.Second)
	r.keys("n", "enter")
	check("details")
	r.keys("esc", "u")
	check("form")
	r.keys("ctrl+s")
	check("review")
}

func syntheticRows(n int) []*row {
	apps := []string{"Shop frontend", "Payments API", "Customer portal"}
	rows := make([]*row, n)
	for i := range rows {
		id := int64(700000 + i)
		s := model.WasScanSchedule{
			ID:             &id,
			Name:           model.TextPtr(fmt.Sprintf("Nightly vulnerability scan %d", i)),
			Type:           model.Ptr(model.WASVulnerability),
			Active:         model.Ptr(i%7 != 0),
			NextLaunchDate: model.Ptr("2026-04-01T02:00:00Z"),
			Target:         &model.WASTarget{WebApp: &model.WASWebApp{ID: 1, Name: model.TextPtr(apps[i%3])}},
			Scheduling:     &model.WASScheduling{OccurrenceType: model.Ptr(model.OccurrenceDaily)},
		}
		rows[i] = newRow(s)
	}
	return rows
}

// BenchmarkView100k renders the list with 100,000 loaded rows, cursor in
// the middle: only the visible rows are drawn.
func BenchmarkView100k(b *testing.B) {
	c := common.New(nil, false, func() time.Time { return uitest.Epoch() })
	m := New(c, Options{})
	m.SetSize(120, 40)
	m.appendRows(syntheticRows(100_000))
	msg := m.refilter()().(common.ScreenMsg).Msg.(viewMsg)
	m.onView(msg)
	for range 100 {
		m.sel.Toggle(target{int64(700000 + 3*len(m.sel.marks)), ""})
	}
	m.table.Move(50_000)
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkFilter100k is the off-render-path filter and sort at 100,000.
func BenchmarkFilter100k(b *testing.B) {
	rows := syntheticRows(100_000)
	for b.Loop() {
		_ = computeView(rows, "scan 9", sortSpec{col: colName}, nil)
	}
}

// Read-only: a write key answers instead of doing nothing, and nothing is
// sent.
func TestReadOnlyWriteKeysAnswer(t *testing.T) {
	r := newRig(t, 40, true, Options{})
	before := r.env.Sim.Stats().Requests
	for _, k := range []string{"d", "+", "D", "=", "u", "e", "n", "c"} {
		r.keys(k)
		if r.m.mode != modeList || !strings.HasPrefix(r.m.note, "read-only: ") {
			t.Fatalf("%s in read-only: mode %d, note %q", k, r.m.mode, r.m.note)
		}
	}
	if after := r.env.Sim.Stats().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("requests went out: %v → %v", before, after)
	}
}

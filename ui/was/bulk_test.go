package was

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
)

const deactivateEP = "POST /qps/rest/3.0/deactivate/was/wasscanschedule"

// 2,500 marked schedules go out in three chunks; the second fails with a
// 500. The 1,500 of chunks 1 and 3 are deactivated and unmarked, the
// 1,000 of chunk 2 stay marked with the error and unchanged on the
// server; d then retries exactly those, in one request.
func TestBulkDeactivateWithFailedChunk(t *testing.T) {
	r := newRig(t, 2500, false, Options{})
	m := r.m
	if len(m.rows) != 2500 || m.load.total != 2500 {
		t.Fatalf("loaded %d of %d", len(m.rows), m.load.total)
	}
	before := map[int64]bool{}
	for _, s := range r.env.Sim.WASSchedules() {
		before[s.IDValue()] = s.IsActive()
	}
	r.env.Sim.AddFault(sim.Fault{Endpoint: deactivateEP, Calls: []int{2}, Status: 500})

	r.keys("a", "d")
	if !strings.Contains(m.dialog.Spec().Title, "2,500") || !strings.Contains(strings.Join(m.dialog.Spec().Lines, "\n"), "and 2,495 more") {
		t.Fatalf("dialog %q %v", m.dialog.Spec().Title, m.dialog.Spec().Lines)
	}
	targets := m.sel.Targets()
	r.confirm()

	failedChunk := map[int64]bool{}
	for _, tg := range targets[1000:2000] {
		failedChunk[tg.ID] = true
	}
	if got := r.env.Sim.Stats().Requests[deactivateEP]; got != 3 {
		t.Fatalf("%d deactivate requests, want 3", got)
	}
	if sel := m.Selected(); len(sel) != 1000 {
		t.Fatalf("%d still selected, want 1000", len(sel))
	}
	for _, id := range m.Selected() {
		if !failedChunk[id] {
			t.Fatalf("%d is still selected but was not in the failed chunk", id)
		}
		if m.sel.Err(id) == "" {
			t.Fatalf("%d has no error", id)
		}
	}
	for _, s := range r.env.Sim.WASSchedules() {
		id := s.IDValue()
		if failedChunk[id] && s.IsActive() != before[id] {
			t.Errorf("%d was in the failed chunk but changed", id)
		}
		if !failedChunk[id] && s.IsActive() {
			t.Errorf("%d should be inactive", id)
		}
		if r := m.rows[m.index[id]]; r.active != s.IsActive() {
			t.Errorf("row %d shows active=%v, server %v", id, r.active, s.IsActive())
		}
	}
	if !strings.Contains(m.note, "Deactivated 1,500 of 2,500") || !strings.Contains(m.note, "1,000 failed") {
		t.Fatalf("summary %q", m.note)
	}

	// Retry: exactly the 1,000, one request.
	r.keys("d")
	if !strings.Contains(m.dialog.Spec().Title, "1,000") {
		t.Fatalf("retry dialog %q", m.dialog.Spec().Title)
	}
	r.confirm()
	if got := r.env.Sim.Stats().Requests[deactivateEP]; got != 4 {
		t.Fatalf("%d deactivate requests after retry, want 4", got)
	}
	if m.sel.Len() != 0 || !strings.Contains(m.note, "Deactivated 1,000 of 1,000") {
		t.Fatalf("after retry: %d marks, note %q", m.sel.Len(), m.note)
	}
	for _, s := range r.env.Sim.WASSchedules() {
		if s.IsActive() {
			t.Fatalf("%d still active", s.IDValue())
		}
	}
}

// Keys within the grace period are dropped; enter and n mean No.
func TestConfirmationDefaultsToNo(t *testing.T) {
	r := newRig(t, 5, false, Options{})
	m := r.m
	r.keys("space", "d")
	r.keys("y") // still inside the 400 ms: dropped
	if m.mode != modeConfirm {
		t.Fatal("a key inside the grace period answered the dialog")
	}
	r.clk.Advance(500 * time.Millisecond)
	r.keys("enter")
	if m.mode != modeList || r.env.Sim.Stats().Requests[deactivateEP] != 0 {
		t.Fatal("enter did not cancel, or something was sent")
	}
	r.keys("d")
	r.clk.Advance(time.Second)
	r.keys("x", "n")
	if m.mode != modeList || r.env.Sim.Stats().Requests[deactivateEP] != 0 {
		t.Fatal("n did not cancel")
	}
}

// Read-only: d, e, D and u do nothing and are absent from help.
func TestReadOnlyHasNoWriteKeys(t *testing.T) {
	r := newRig(t, 5, true, Options{Criteria: []model.Criterion{{Field: "name", Operator: model.OpContains, Value: "a"}}})
	m := r.m
	r.keys("space")
	for _, k := range []string{"d", "+", "D", "u", "e"} {
		r.keys(k)
		if m.mode != modeList {
			t.Fatalf("%s opened mode %d in read-only", k, m.mode)
		}
	}
	for _, g := range m.FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				continue
			}
			for _, k := range b.Keys() {
				if k == "d" || k == "u" {
					return
				}
			}
		}
	}
	t.Fatal("write keys are not disabled in read-only help")
}

// D previews the count and first names, then sends one request with the
// filter and reloads.
func TestDeactivateByFilter(t *testing.T) {
	r := newRig(t, 300, false, Options{Criteria: []model.Criterion{{Field: "name", Operator: model.OpContains, Value: "Schedule"}}})
	m := r.m
	var matching int
	for _, s := range r.env.Sim.WASSchedules() {
		if strings.Contains(s.NameValue(), "Schedule") {
			matching++
		}
	}
	if len(m.rows) != matching || matching < 6 {
		t.Fatalf("loaded %d, %d match", len(m.rows), matching)
	}
	r.keys("D")
	body := strings.Join(m.dialog.Spec().Lines, "\n")
	if !strings.Contains(body, "reports "+itoa(matching)) || !strings.Contains(body, "name CONTAINS Schedule") || !strings.Contains(body, "and "+itoa(matching-5)+" more") {
		t.Fatalf("dialog:\n%s", body)
	}
	r.confirm()
	if got := r.env.Sim.Stats().Requests[deactivateEP]; got != 1 {
		t.Fatalf("%d requests, want 1", got)
	}
	for _, s := range r.env.Sim.WASSchedules() {
		if strings.Contains(s.NameValue(), "Schedule") == s.IsActive() && strings.Contains(s.NameValue(), "Schedule") {
			t.Fatalf("%d still active", s.IDValue())
		}
	}
	if !strings.Contains(m.note, "Deactivated "+present.Plural(matching, "schedule")+" by filter") {
		t.Fatalf("note %q", m.note)
	}
	for _, row := range m.rows {
		if row.active {
			t.Fatalf("row %d not reloaded", row.id)
		}
	}
}

// A bulk action whose answer was lost reports "outcome unknown", reads
// the ids again, and then shows what the server holds: rows changed on
// the server take the new state and lose their mark; the others stay
// marked, saying they did not change.
func TestUnknownOutcomeIsReadAgain(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	var ids []int64
	for _, row := range m.rows {
		if row.active {
			ids = append(ids, row.id)
		}
		if len(ids) == 3 {
			break
		}
	}
	for _, id := range ids {
		m.sel.Toggle(target{ID: id})
	}
	// The server applied the first two; the third request never arrived.
	if res := r.env.Client.WAS.SetActive(context.Background(), false, ids[:2], nil); len(res.Succeeded()) != 2 {
		t.Fatalf("setup: %+v", res)
	}
	lost := errors.New("connection reset")
	res := client.BulkResult{Active: false, Requests: 1}
	for _, id := range ids {
		res.Items = append(res.Items, client.BulkItem{ID: id, Status: client.Unknown, Err: lost})
	}
	m.writing = "Deactivating 3 WAS schedules"
	_, cmd := m.Update(bulkMsg{Value: bulkResult{res}})
	if !strings.Contains(m.note, "3 outcome unknown") || strings.Contains(m.note, "failed") {
		t.Fatalf("note before the re-read: %q", m.note)
	}
	// Unknown is not failed: its own marker, explained in the status line.
	for _, id := range ids {
		if g := glyphOf(t, m, id); g != common.GlyphUnknown {
			t.Fatalf("id %d: marker %q while its outcome is unknown", id, g)
		}
	}
	if st := m.Status(); !strings.Contains(st, "? outcome unknown") || strings.Contains(st, "failed") {
		t.Fatalf("status %q", st)
	}
	r.run(cmd)
	// The headline counts what the server holds once read again.
	if !strings.HasPrefix(m.note, "Deactivated 2 of 3 schedules in 1 request.") || !strings.Contains(m.note, "read again: 2 deactivated, 1 unchanged") {
		t.Fatalf("note after the re-read: %q", m.note)
	}
	if g := glyphOf(t, m, ids[2]); g != common.GlyphFailed {
		t.Fatalf("the unchanged id's marker %q", g)
	}
	for i, id := range ids {
		row := m.rows[m.index[id]]
		want := i == 2 // only the third is still active
		if row.active != want || m.sel.Has(id) != want {
			t.Fatalf("id %d: active %v marked %v, want %v", id, row.active, m.sel.Has(id), want)
		}
	}
	if !strings.Contains(m.sel.Err(ids[2]), "not changed") {
		t.Fatalf("the unchanged id says %q", m.sel.Err(ids[2]))
	}
}

// Rows an activation changed are read again: the next launch, which the
// server computes, shows without a refresh (it was "—" while inactive).
func TestActivatedRowsShowTheServersNextLaunch(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	var id int64
	for _, row := range m.rows {
		if !row.active && !row.invalid && row.next == 0 && row.occ != "ONCE" {
			id = row.id
			break
		}
	}
	if id == 0 {
		t.Fatal("no inactive recurring schedule in the seed")
	}
	m.sel.Toggle(target{ID: id})
	r.keys("+")
	r.confirm()
	row := m.rows[m.index[id]]
	srv, _ := r.env.Sim.WASSchedule(id)
	if !row.active || row.next == 0 || srv.NextLaunchDate == nil {
		t.Fatalf("row after activation: active %v next %d (server %v)", row.active, row.next, srv.NextLaunchDate)
	}
	shown := viewRows{m}.Cells(slices.Index(m.view, m.index[id]))[colNext]
	if want := present.WASTime(*srv.NextLaunchDate, m.Loc()); !strings.HasPrefix(want, shown) {
		t.Fatalf("row shows %q, the server holds %q", shown, want)
	}
}

// glyphOf is the mark column of id's row.
func glyphOf(t *testing.T, m *Model, id int64) string {
	t.Helper()
	for i, p := range m.view {
		if m.vrows[p].id == id {
			return m.markGlyph(i)
		}
	}
	t.Fatalf("id %d is not shown", id)
	return ""
}

// The walkthrough's lost answer: one activation sent, its answer lost,
// the re-read finds it active: the headline says "Activated 1 of 1",
// never "0 of 1" above "1 activated". When the re-read fails the row
// keeps the unknown marker, not the failure one.
func TestLostAnswerHeadlineCountsTheReRead(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	var id int64
	for _, row := range m.rows {
		if !row.active {
			id = row.id
			break
		}
	}
	m.sel.Toggle(target{ID: id})
	if res := r.env.Client.WAS.SetActive(context.Background(), true, []int64{id}, nil); len(res.Succeeded()) != 1 {
		t.Fatalf("setup: %+v", res)
	}
	res := client.BulkResult{Active: true, Requests: 1, Items: []client.BulkItem{{ID: id, Status: client.Unknown, Err: context.Canceled}}}
	m.writing = "Activating 1 WAS schedule"
	_, cmd := m.Update(bulkMsg{Value: bulkResult{res}})
	r.run(cmd)
	if !strings.HasPrefix(m.note, "Activated 1 of 1 schedule in 1 request.") || !strings.Contains(m.note, "read again: 1 activated, 0 unchanged") {
		t.Fatalf("note after the re-read: %q", m.note)
	}
	if m.sel.Has(id) || !m.rows[m.index[id]].active {
		t.Fatal("the row does not show what the server holds")
	}

	// The re-read fails: still unknown, still "?".
	m.sel.Toggle(target{ID: id})
	res.Active = false
	m.writing = "Deactivating 1 WAS schedule"
	m.Update(bulkMsg{Value: bulkResult{res}})
	m.Update(rereadMsg{Value: reread{active: false, ids: []int64{id}, unknown: true}, Err: errors.New("connection reset")})
	if !strings.Contains(m.note, "still unknown") || glyphOf(t, m, id) != common.GlyphUnknown {
		t.Fatalf("after a failed re-read: marker %q, note %q", glyphOf(t, m, id), m.note)
	}
	if l := m.Legend(); !strings.Contains(l, "? marked, outcome unknown") {
		t.Fatalf("help legend %q", l)
	}
}

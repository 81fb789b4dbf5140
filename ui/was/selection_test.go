package was

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/present"
)

func ts(ids ...int64) []target {
	out := make([]target, len(ids))
	for i, id := range ids {
		out[i] = target{id, "s" + string(rune('a'+i))}
	}
	return out
}

func ids(s *Selection) []int64 {
	var out []int64
	for _, t := range s.Targets() {
		out = append(out, t.ID)
	}
	return out
}

func TestSelectionActsOnShownRowsOnly(t *testing.T) {
	s := NewSelection()
	s.Toggle(target{1, "one"})
	s.Toggle(target{9, "nine"}) // will be hidden
	shown := ts(1, 2, 3)
	isShown := func(id int64) bool { return id <= 3 }

	s.MarkShown(shown)
	if got := ids(s); !slices.Equal(got, []int64{1, 2, 3, 9}) {
		t.Fatalf("after a: %v", got)
	}
	if h := s.Hidden(isShown); h != 1 {
		t.Fatalf("hidden = %d, want 1", h)
	}
	s.Toggle(target{2, ""})
	s.InvertShown(shown) // 1,3 off; 2 on; 9 untouched
	if got := ids(s); !slices.Equal(got, []int64{2, 9}) {
		t.Fatalf("after i: %v", got)
	}
	s.ClearShown(shown)
	if got := ids(s); !slices.Equal(got, []int64{9}) {
		t.Fatalf("after A: %v (the hidden mark must stay)", got)
	}
	if h := s.Hidden(isShown); h != 1 || s.Len() != 1 {
		t.Fatalf("hidden %d len %d", h, s.Len())
	}
}

func TestSelectionApplyResultKeepsProblemsMarked(t *testing.T) {
	s := NewSelection()
	s.MarkShown(ts(1, 2, 3, 4))
	s.ApplyResult(client.BulkResult{Items: []client.BulkItem{
		{ID: 1, Status: client.Done},
		{ID: 2, Status: client.Failed, Err: errString("boom\x1b[31m")},
		{ID: 3, Status: client.NotAffected},
		{ID: 7, Status: client.Failed}, // not marked: must not appear
	}})
	if got := ids(s); !slices.Equal(got, []int64{2, 3, 4}) {
		t.Fatalf("marks %v", got)
	}
	if e := s.Err(2); e != `boom\u001b[31m` {
		t.Fatalf("error of 2 = %q (sanitized)", e)
	}
	if e := s.Err(3); !strings.Contains(e, "not found") {
		t.Fatalf("error of 3 = %q", e)
	}
	if s.Err(4) != "" {
		t.Fatal("4 was not sent and has no problem")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// Under a local filter, the status bar counts hidden marks, a/A/i touch
// only shown rows, and the confirmation lists exactly the marked ids that
// d then sends — hidden ones included.
func TestSelectionUnderFilterMatchesConfirmAndAction(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	if len(m.view) != 40 {
		t.Fatalf("loaded %d rows", len(m.view))
	}
	// Mark the first two rows (ids 1688 and the next), then filter to
	// "schedule" names.
	first := []int64{m.vrows[m.view[0]].id, m.vrows[m.view[1]].id}
	r.keys("space", "space")
	r.keys("/")
	r.typeText("schedule")
	r.keys("enter")
	shown := m.shownTargets()
	if len(shown) == 0 || len(shown) == 40 {
		t.Fatalf("filter shows %d rows", len(shown))
	}
	hiddenMarks := 0
	for _, id := range first {
		if !m.isShown(id) {
			hiddenMarks++
		}
	}
	r.keys("a")
	want := len(shown) + hiddenMarks
	if got := m.Status(); !strings.HasPrefix(got, itoa(want)+" selected") || (hiddenMarks > 0 && !strings.Contains(got, itoa(hiddenMarks)+" hidden by filter")) {
		t.Fatalf("status %q, want %d selected, %d hidden", got, want, hiddenMarks)
	}
	r.keys("i")
	if m.sel.Len() != hiddenMarks {
		t.Fatalf("after i on shown rows: %d marks, want the %d hidden", m.sel.Len(), hiddenMarks)
	}
	r.keys("i", "A")
	if m.sel.Len() != hiddenMarks {
		t.Fatalf("after A: %d marks, want %d", m.sel.Len(), hiddenMarks)
	}
	r.keys("a")
	confirmed := m.sel.Targets()
	r.keys("d")
	if m.mode != modeConfirm {
		t.Fatalf("d did not ask: %q", m.note)
	}
	dialog := strings.Join(m.dialog.Spec().Lines, "\n")
	if !strings.Contains(m.dialog.Spec().Title, itoa(len(confirmed))+" WAS") || !strings.Contains(dialog, "Platform: demo") {
		t.Fatalf("dialog %q\n%s", m.dialog.Spec().Title, dialog)
	}
	if !strings.Contains(dialog, strconv.FormatInt(confirmed[0].ID, 10)) {
		t.Fatalf("dialog does not name the first id %d:\n%s", confirmed[0].ID, dialog)
	}
	before := map[int64]bool{}
	for _, s := range r.env.Sim.WASSchedules() {
		before[s.IDValue()] = s.IsActive()
	}
	r.confirm()
	want2 := map[int64]bool{}
	for _, c := range confirmed {
		want2[c.ID] = true
	}
	for _, s := range r.env.Sim.WASSchedules() {
		id := s.IDValue()
		switch {
		case want2[id] && s.IsActive():
			t.Errorf("%d confirmed but still active", id)
		case !want2[id] && s.IsActive() != before[id]:
			t.Errorf("%d changed but was not confirmed", id)
		}
	}
	if m.sel.Len() != 0 || m.Dirty() {
		t.Fatalf("after success: %d marks, dirty %v", m.sel.Len(), m.Dirty())
	}
}

func itoa(n int) string { return present.Count(n) }

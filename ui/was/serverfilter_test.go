package was

import (
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
)

// The builder offers only the operators of the field's type, validates
// the value for search, and reloads with the criterion; D refuses fields
// not documented for bulk actions.
func TestServerFilterBuilder(t *testing.T) {
	r := newRig(t, 40, false, Options{})
	m := r.m
	r.keys("f")
	for m.builder.fieldDef().Name != "active" {
		r.keys("down")
	}
	r.keys("enter")
	if got := m.builder.ops(); !slices.Equal(got, []model.Operator{model.OpEquals, model.OpNotEquals}) {
		t.Fatalf("boolean operators %v", got)
	}
	r.keys("enter")
	r.typeText("maybe")
	r.keys("enter")
	if m.mode != modeServerFilter || !strings.Contains(m.builder.err, "true or false") {
		t.Fatalf("invalid value accepted: mode %d err %q", m.mode, m.builder.err)
	}
	r.keys("ctrl+u")
	r.typeText("false")
	r.keys("enter")
	if m.mode != modeList || len(m.criteria) != 1 || m.criteria[0].String() != "active EQUALS false" {
		t.Fatalf("criteria %v", m.criteria)
	}
	for _, row := range m.rows {
		if row.active {
			t.Fatalf("reload kept active row %d", row.id)
		}
	}
	if !strings.Contains(m.View(), "Server filter: active EQUALS false") {
		t.Fatal("active filter not shown")
	}

	// A field not documented for bulk actions: D refuses, nothing is sent.
	r.keys("f")
	for m.builder.fieldDef().Name != "lastScan.status" {
		r.keys("down")
	}
	r.keys("enter", "enter")
	r.typeText("FINISHED")
	r.keys("enter", "D")
	if m.mode != modeList || !strings.Contains(m.note, "cannot be used") {
		t.Fatalf("D with lastScan.status: mode %d note %q", m.mode, m.note)
	}
	r.keys("F")
	if len(m.criteria) != 0 || len(m.rows) != 40 {
		t.Fatalf("F left %v and %d rows", m.criteria, len(m.rows))
	}
	r.keys("D")
	if !strings.Contains(m.note, "needs a server-side filter") {
		t.Fatalf("D without filter: %q", m.note)
	}
}

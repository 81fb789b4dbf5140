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
	// A boolean's value is picked from true and false, nothing is typed.
	r.keys("enter")
	if m.builder.value != nil || !strings.Contains(m.View(), "true") || !strings.Contains(m.View(), "false") {
		t.Fatalf("boolean value not offered as a pick:\n%s", m.View())
	}
	r.typeText("x") // not typed anywhere
	r.keys("down", "enter")
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

	// A typed value is validated for search.
	r.keys("f")
	for m.builder.step == 0 && m.builder.fieldDef().Name != "owner.id" || m.builder.list.Cursor() < m.builder.removes {
		r.keys("down")
	}
	r.keys("enter", "enter")
	r.typeText("maybe")
	r.keys("enter")
	if m.mode != modeServerFilter || m.builder.err == "" {
		t.Fatalf("invalid integer accepted: mode %d err %q", m.mode, m.builder.err)
	}
	r.keys("esc", "esc", "esc")
	if m.mode != modeList || len(m.criteria) != 1 {
		t.Fatalf("esc did not step out of the builder: mode %d criteria %v", m.mode, m.criteria)
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

// One criterion is removed from the builder's first list (its ✕ rows),
// the others stay; an empty result says how to clear the filter.
func TestServerFilterRemoveOne(t *testing.T) {
	r := newRig(t, 40, false, Options{Criteria: []model.Criterion{
		{Field: "active", Operator: model.OpEquals, Value: "false"},
		{Field: "name", Operator: model.OpContains, Value: "no such schedule anywhere"},
	}})
	m := r.m
	if len(m.rows) != 0 || !strings.Contains(m.View(), "F clears it, f removes one criterion") {
		t.Fatalf("empty result does not say how to clear the filter:\n%s", m.View())
	}
	r.keys("f")
	if v := m.View(); !strings.Contains(v, "✕ active EQUALS false") || !strings.Contains(v, "✕ name CONTAINS") {
		t.Fatalf("criteria in force not offered for removal:\n%s", v)
	}
	r.keys("down", "enter")
	if m.mode != modeList || len(m.criteria) != 1 || m.criteria[0].String() != "active EQUALS false" {
		t.Fatalf("after removing the second criterion: mode %d criteria %v", m.mode, m.criteria)
	}
	if len(m.rows) == 0 {
		t.Fatal("the list was not reloaded without the removed criterion")
	}
	for _, row := range m.rows {
		if row.active {
			t.Fatalf("the remaining criterion was not applied: %d is active", row.id)
		}
	}
	// q closes the builder instead of quitting.
	r.keys("f", "q")
	if m.mode != modeList || m.builder != nil {
		t.Fatalf("q left the builder open (mode %d)", m.mode)
	}
}

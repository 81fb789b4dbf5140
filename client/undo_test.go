package client_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// wasByState returns n ids of schedules in the given state, ascending.
func wasByState(t *testing.T, e *env, active bool, n int) []int64 {
	t.Helper()
	var out []int64
	for _, s := range e.sim.WASSchedules() {
		if s.IsActive() == active && len(out) < n {
			out = append(out, s.IDValue())
		}
	}
	if len(out) < n {
		t.Fatalf("only %d schedules with active=%v", len(out), active)
	}
	return out
}

func wasActive(t *testing.T, e *env, id int64) bool {
	t.Helper()
	s, ok := e.sim.WASSchedule(id)
	if !ok {
		t.Fatalf("%d is gone", id)
	}
	return s.IsActive()
}

func lastAction(t *testing.T, c *client.Client) client.LoggedAction {
	t.Helper()
	actions, err := c.AuditActions()
	if err != nil || len(actions) == 0 {
		t.Fatalf("actions %v: %v", actions, err)
	}
	return actions[len(actions)-1]
}

func strs(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

// A deactivate by id records every id's previous state; its undo sets
// back only the ids it changed, skips the one someone changed since, and
// is itself an audited, undoable activate naming the action undone.
func TestUndoByIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, _ := auditSetup(t, sim.Options{WASSchedules: 40}, path)
	ctx := context.Background()
	on := wasByState(t, e, true, 3)
	off := wasByState(t, e, false, 1)
	ids := append(slices.Clone(on), off...)
	if r := e.c.WAS.SetActive(ctx, false, ids, nil); len(r.Succeeded()) != 4 {
		t.Fatalf("deactivate: %+v", r)
	}
	a := lastAction(t, e.c)
	prev := a.Intent.Target.Previous
	for _, id := range on {
		if prev[strconv.FormatInt(id, 10)] != audit.StateActive {
			t.Fatalf("previous of %d: %v", id, prev)
		}
	}
	if prev[strconv.FormatInt(off[0], 10)] != audit.StateInactive {
		t.Fatalf("previous of %d: %v", off[0], prev)
	}

	// Someone activates on[1] again in the meantime.
	if r := e.c.WAS.SetActive(ctx, true, on[1:2], nil); len(r.Succeeded()) != 1 {
		t.Fatalf("activate: %+v", r)
	}
	p, err := e.c.ReadUndo(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	want := strs([]int64{on[0], on[2]})
	if p.Scripts || p.Set || !slices.Equal(p.Restore, want) {
		t.Fatalf("plan: %+v, want restore %v", p, want)
	}
	if len(p.Skipped) != 1 || p.Skipped[0].ID != strconv.FormatInt(on[1], 10) || !strings.Contains(p.Skipped[0].Why, "changed since") {
		t.Fatalf("skipped: %+v", p.Skipped)
	}
	before := e.sim.Stats().Requests["POST /qps/rest/3.0/activate/was/wasscanschedule"]
	res := e.c.Undo(ctx, p, nil)
	if res.Refused != nil || res.Done() != 2 {
		t.Fatalf("undo: %+v", res)
	}
	if n := e.sim.Stats().Requests["POST /qps/rest/3.0/activate/was/wasscanschedule"] - before; n != 1 {
		t.Fatalf("%d activate requests, want 1", n)
	}
	for _, id := range on {
		if !wasActive(t, e, id) {
			t.Fatalf("%d is not active after the undo", id)
		}
	}
	if wasActive(t, e, off[0]) {
		t.Fatalf("%d was inactive before the action and must stay so", off[0])
	}
	u := lastAction(t, e.c)
	if u.Intent.Action != client.AuditWASActivate || u.Intent.Target.UndoOf != a.ID || !slices.Equal(u.Intent.Target.IDs, want) {
		t.Fatalf("the undo's record: %+v", u.Intent.Target)
	}

	// The undo is undone the same way.
	p2, err := e.c.ReadUndo(ctx, u)
	if err != nil || !slices.Equal(p2.Restore, want) || !p2.Set {
		t.Fatalf("undo of the undo: %+v %v", p2, err)
	}
	if res := e.c.Undo(ctx, p2, nil); res.Done() != 2 || wasActive(t, e, on[0]) || wasActive(t, e, on[2]) || !wasActive(t, e, on[1]) {
		t.Fatalf("undo of the undo: %+v", res)
	}
}

// A by-filter action learns its matches and their states by a search
// before it is sent.
func TestUndoByFilter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, _ := auditSetup(t, sim.Options{WASSchedules: 40}, path)
	ctx := context.Background()
	on := wasByState(t, e, true, 2)
	off := wasByState(t, e, false, 1)
	ids := append(slices.Clone(on), off...)
	c, _ := model.ParseCriterion("id IN " + strings.Join(strs(ids), ","))
	got, err := e.c.WAS.SetActiveByFilter(ctx, false, []model.Criterion{c})
	if err != nil || len(got) != 3 {
		t.Fatalf("by filter: %v %v", got, err)
	}
	a := lastAction(t, e.c)
	if len(a.Intent.Target.Previous) != 3 || a.Intent.Target.Previous[strs(off)[0]] != audit.StateInactive {
		t.Fatalf("previous: %v", a.Intent.Target.Previous)
	}
	p, err := e.c.ReadUndo(ctx, a)
	if err != nil || !slices.Equal(p.Restore, strs(on)) || len(p.Skipped) != 0 {
		t.Fatalf("plan %+v %v", p, err)
	}
	if res := e.c.Undo(ctx, p, nil); res.Done() != 2 || !wasActive(t, e, on[0]) || !wasActive(t, e, on[1]) || wasActive(t, e, off[0]) {
		t.Fatalf("undo: %+v", res)
	}
}

// A script bulk is one audited action with previous states, and undoable.
func TestUndoScripts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e := setup(t, sim.Options{WASSchedules: -1}, func(c *client.Config) {
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "alice"}, Platform: "sim"}
	})
	ctx := context.Background()
	var ts []client.ScriptTarget
	for i, title := range []string{"undo one", "undo two", "undo three"} {
		s := seedSchedule(t, "000-weekly.json")
		s.Title, s.Activate = title, i < 2
		id, err := e.c.Scripts.CreateSchedule(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, client.ScriptTarget{ID: id, Title: title})
	}
	outs := e.c.Scripts.SetActive(ctx, false, ts)
	for _, o := range outs {
		if o.Err != nil {
			t.Fatalf("%s: %v", o.ID, o.Err)
		}
	}
	a := lastAction(t, e.c)
	if a.Intent.Action != client.AuditScriptsOff || len(a.Intent.Target.IDs) != 3 || len(a.Outcome.Results) != 3 ||
		a.Intent.Target.Previous[ts[0].ID] != audit.StateActive || a.Intent.Target.Previous[ts[2].ID] != audit.StateInactive {
		t.Fatalf("one action for the bulk: %+v %+v", a.Intent.Target, a.Outcome)
	}
	// Someone else deletes the second in the meantime.
	other, err := client.New(client.Config{APIURL: e.srv.URL, GatewayURL: e.srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Scripts.DeleteSchedule(ctx, ts[1].ID, ts[1].Title); err != nil {
		t.Fatal(err)
	}
	last, ok, err := e.c.LastUndoable(client.UndoScripts)
	if err != nil || !ok || last.ID != a.ID {
		t.Fatalf("last undoable %+v %v %v, want %s", last, ok, err, a.ID)
	}
	p, err := e.c.ReadUndo(ctx, last)
	if err != nil || !p.Scripts || !slices.Equal(p.Restore, []string{ts[0].ID}) || len(p.Skipped) != 1 || p.Skipped[0].ID != ts[1].ID || !strings.Contains(p.Skipped[0].Why, "not found") {
		t.Fatalf("plan %+v %v", p, err)
	}
	if res := e.c.Undo(ctx, p, nil); res.Done() != 1 {
		t.Fatalf("undo: %+v", res)
	}
	r0, _ := e.stored(t, ts[0].ID)
	r2, _ := e.stored(t, ts[2].ID)
	if !r0.Schedule.Activate || r2.Schedule.Activate {
		t.Fatalf("after the undo: %v %v", r0.Schedule.Activate, r2.Schedule.Activate)
	}
	if u := lastAction(t, e.c); u.Intent.Action != client.AuditScriptsOn || u.Intent.Target.UndoOf != a.ID {
		t.Fatalf("undo record %+v", u.Intent)
	}
}

// PlanUndo: pure. Records written before undo existed, deletes, updates
// and creates are refused in one line; unknown outcomes are decided by
// the re-read; failed ids are not undone.
func TestPlanUndo(t *testing.T) {
	intent := func(action string, tg audit.Target) *audit.Record {
		return &audit.Record{Kind: audit.KindIntent, ActionID: "a1", Action: action, Target: &tg}
	}
	outcome := func(status string, rs ...audit.Result) *audit.Record {
		return &audit.Record{Kind: audit.KindOutcome, ActionID: "a1", Status: status, Results: rs}
	}
	old := client.LoggedAction{ID: "a1", Intent: intent(client.AuditWASDeactivate, audit.Target{IDs: []string{"1"}}), Outcome: outcome(audit.StatusDone, audit.Result{ID: "1", Status: audit.StatusDone})}
	for _, a := range []client.LoggedAction{
		old,
		{ID: "a1", Intent: intent(client.AuditScriptsDelete, audit.Target{IDs: []string{"x"}})},
		{ID: "a1", Intent: intent(client.AuditWASUpdate, audit.Target{IDs: []string{"1"}})},
		{ID: "a1", Intent: intent(client.AuditWASCreate, audit.Target{Title: "t"})},
	} {
		_, err := client.PlanUndo(a, nil)
		var ce *client.CannotUndoError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "cannot be undone") || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%s: %v", a.Intent.Action, err)
		}
	}
	if _, err := client.PlanUndo(old, nil); !strings.Contains(err.Error(), "no previous state recorded") {
		t.Fatalf("old record: %v", err)
	}
	if _, err := client.PlanUndo(client.LoggedAction{ID: "a1", Intent: intent(client.AuditScriptsDelete, audit.Target{})}, nil); !strings.Contains(err.Error(), "a delete cannot be undone") {
		t.Fatalf("delete: %v", err)
	}

	prev := map[string]string{"1": "active", "2": "active", "3": "active", "4": "inactive", "5": "active"}
	a := client.LoggedAction{ID: "a1",
		Intent: intent(client.AuditWASDeactivate, audit.Target{IDs: []string{"1", "2", "3", "4", "5", "6"}, Previous: prev}),
		Outcome: outcome(audit.StatusPartial,
			audit.Result{ID: "1", Status: audit.StatusDone}, audit.Result{ID: "2", Status: audit.StatusUnknown},
			audit.Result{ID: "3", Status: audit.StatusFailed}, audit.Result{ID: "4", Status: audit.StatusDone},
			audit.Result{ID: "5", Status: audit.StatusDone}, audit.Result{ID: "6", Status: audit.StatusDone}),
	}
	now := map[string]string{"1": "inactive", "2": "inactive", "3": "active", "4": "inactive"} // 5 is gone
	p, err := client.PlanUndo(a, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Restore, []string{"1", "2"}) {
		t.Fatalf("restore %v", p.Restore)
	}
	if len(p.Skipped) != 2 || p.Skipped[0] != (client.UndoSkip{ID: "5", Why: "not found or not in your scope now"}) || p.Skipped[1] != (client.UndoSkip{ID: "6", Why: "no previous state recorded"}) {
		t.Fatalf("skipped %+v", p.Skipped)
	}
	// With no outcome line (a crash), every id is unknown: the re-read decides.
	a.Outcome = nil
	p, _ = client.PlanUndo(a, map[string]string{"1": "inactive", "2": "active", "3": "inactive"})
	if !slices.Equal(p.Restore, []string{"1", "3"}) || len(p.Skipped) != 3 {
		t.Fatalf("no outcome: %+v", p)
	}
}

// LastUndoable: the newest undoable action of this actor on this platform.
func TestLastUndoable(t *testing.T) {
	alice, bob := audit.Actor{OSUser: "alice"}, audit.Actor{OSUser: "bob"}
	mk := func(id, action string, who audit.Actor, platform string) []audit.Record {
		tg := audit.Target{IDs: []string{"1"}, Previous: map[string]string{"1": "active"}}
		return []audit.Record{
			{Kind: audit.KindIntent, ActionID: id, Action: action, Actor: who, Platform: platform, Target: &tg},
			{Kind: audit.KindOutcome, ActionID: id, Action: action, Actor: who, Platform: platform, Status: audit.StatusDone, Results: []audit.Result{{ID: "1", Status: audit.StatusDone}}},
		}
	}
	var recs []audit.Record
	recs = append(recs, mk("w1", client.AuditWASDeactivate, alice, "US1")...)
	recs = append(recs, mk("s1", client.AuditScriptsOff, alice, "US1")...)
	recs = append(recs, mk("w2", client.AuditWASDeactivate, bob, "US1")...)
	recs = append(recs, mk("w3", client.AuditWASDeactivate, alice, "EU1")...)
	nothing := mk("n1", client.AuditScriptsOff, alice, "US1")
	nothing[1].Results[0].Status = audit.StatusFailed // changed nothing: passed over
	recs = append(recs, nothing...)
	actions := client.GroupActions(recs)
	for _, c := range []struct {
		scope client.UndoScope
		want  string
	}{{client.UndoAny, "s1"}, {client.UndoWAS, "w1"}, {client.UndoScripts, "s1"}} {
		if a, ok := client.LastUndoable(actions, alice, "US1", c.scope); !ok || a.ID != c.want {
			t.Fatalf("scope %d: %s %v, want %s", c.scope, a.ID, ok, c.want)
		}
	}
	if _, ok := client.LastUndoable(actions, alice, "AU1", client.UndoAny); ok {
		t.Fatal("found an action on another platform")
	}
	// Newer actions that cannot be undone (an update, a create, a delete,
	// one with no previous state) are passed over to the newest
	// deactivate, and named, newest first.
	old := mk("o1", client.AuditWASActivate, alice, "US1")
	old[0].Target.Previous = nil // recorded before undo existed
	recs = append(recs, mk("u1", client.AuditWASUpdate, alice, "US1")...)
	recs = append(recs, mk("c1", client.AuditWASCreate, alice, "US1")...)
	recs = append(recs, old...)
	actions = client.GroupActions(recs)
	a, passed, ok := client.NewestUndoable(actions, alice, "US1", client.UndoWAS)
	if !ok || a.ID != "w1" || len(passed) != 3 || passed[0].ID != "o1" || passed[1].ID != "c1" || passed[2].ID != "u1" {
		t.Fatalf("after an update, a create and an old activate: %s %v, passed %d", a.ID, ok, len(passed))
	}
	if n := client.PassedOverNote(passed); n != "3 newer actions that cannot be undone (was.activate, was.create, was.update)" {
		t.Fatalf("note %q", n)
	}
	if n := client.PassedOverNote(nil); n != "" {
		t.Fatalf("note with none passed: %q", n)
	}
	if a, ok := client.LastUndoable(actions, alice, "US1", client.UndoAny); !ok || a.ID != "s1" {
		t.Fatalf("any scope after WAS writes: %s %v", a.ID, ok)
	}
	if a, _ := client.LastUndoable(actions, alice, "US1", client.UndoScripts); a.ID != "s1" {
		t.Fatalf("a WAS update is not the last script action: %s", a.ID)
	}
}

// Undo: setting back what a bulk activate or deactivate changed, from
// its audit records (package client/audit).
//
// An activate or deactivate records, in its intent line, the state each id
// had just before it was sent (Target.Previous). The ids it changed are
// those whose result is done (or unknown: a re-read decides) and whose
// previous state differs from the one it set. An undo reads those ids
// again; an id that no longer holds the state the action set (someone
// changed it since, or it is gone) is skipped and listed, the others are
// set back with the normal SetActive — itself an audited action, with
// Target.UndoOf naming the action undone, so an undo can be undone the
// same way. Creates, updates and deletes cannot be undone; "the last" undo
// passes over them to the newest activate or deactivate.

package client

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/qsched/qsched/client/audit"
)

// LoggedAction is one action of the audit log: its intent and outcome
// lines, either of which may be missing (a crash between them, or a log
// cut by hand).
type LoggedAction struct {
	ID      string
	Intent  *audit.Record
	Outcome *audit.Record
}

// First is the action's first line.
func (a LoggedAction) First() audit.Record {
	if a.Intent != nil {
		return *a.Intent
	}
	return *a.Outcome
}

// GroupActions groups the records of a log by action id, in the order of
// each action's first line.
func GroupActions(recs []audit.Record) []LoggedAction {
	var out []LoggedAction
	at := map[string]int{}
	for i := range recs {
		r := &recs[i]
		j, ok := at[r.ActionID]
		if !ok {
			j = len(out)
			at[r.ActionID] = j
			out = append(out, LoggedAction{ID: r.ActionID})
		}
		switch {
		case r.Kind == audit.KindIntent && out[j].Intent == nil:
			out[j].Intent = r
		case r.Kind == audit.KindOutcome:
			out[j].Outcome = r
		}
	}
	return out
}

// undoKind is what an undoable action set, and where.
type undoKind struct {
	scripts bool // script schedules, else WAS schedules
	set     bool // the state the action set: true for an activate
}

var undoKinds = map[string]undoKind{
	AuditWASActivate:   {false, true},
	AuditWASDeactivate: {false, false},
	AuditScriptsOn:     {true, true},
	AuditScriptsOff:    {true, false},
}

// notUndoable says in plain words why an action kind cannot be undone.
var notUndoable = map[string]string{
	AuditWASUpdate:     "an update cannot be undone",
	AuditScriptsUpdate: "an update cannot be undone",
	AuditScriptsDelete: "a delete cannot be undone",
	AuditWASCreate:     "a create cannot be undone (delete the new schedule instead)",
	AuditScriptsCreate: "a create cannot be undone (delete the new schedule instead)",
}

// CannotUndoError is why an action cannot be undone.
type CannotUndoError struct {
	ActionID, Action string
	Why              string
}

func (e *CannotUndoError) Error() string {
	return fmt.Sprintf("action %s (%s) cannot be undone: %s", e.ActionID, e.Action, e.Why)
}

// UndoSkip is an id an undo leaves alone, and why.
type UndoSkip struct{ ID, Why string }

// UndoPlan is what an undo will do: the ids it sets back and those it
// leaves alone.
type UndoPlan struct {
	Action LoggedAction
	// Scripts: script schedules, else WAS schedules.
	Scripts bool
	// Set is the state the action set; the undo sets !Set.
	Set bool
	// Restore are the ids to set back: the action changed them and they
	// still hold the state it set.
	Restore []string
	// Skipped are ids the action changed (or may have) that are left
	// alone, each with why.
	Skipped []UndoSkip
	// Names are the schedules' names or titles as read again (display).
	Names map[string]string
	// PassedOver are the newer actions that "undo the last" passed over
	// because they cannot be undone, newest first (NewestUndoable; set by
	// the caller that looked for the last).
	PassedOver []LoggedAction
}

// PassedOverNote names the newer actions "the last" passed over, e.g.
// "2 newer actions that cannot be undone (was.create, scripts.delete)",
// "" when none. The action names come from the audit file: show the note
// through ui/safe.
func PassedOverNote(passed []LoggedAction) string {
	if len(passed) == 0 {
		return ""
	}
	var kinds []string
	for _, p := range passed {
		if k := p.First().Action; !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	what := "action"
	if len(passed) > 1 {
		what = "actions"
	}
	return fmt.Sprintf("%d newer %s that cannot be undone (%s)", len(passed), what, strings.Join(kinds, ", "))
}

// Verb is the action being undone: "activate" or "deactivate".
func (p UndoPlan) Verb() string { return verb(p.Set) }

// What names the schedules: "WAS schedule" or "script schedule".
func (p UndoPlan) What() string {
	if p.Scripts {
		return "script schedule"
	}
	return "WAS schedule"
}

// undoCandidates are the ids a may have changed, in its target order, and
// those it did change but recorded no previous state for.
func undoCandidates(a LoggedAction, k undoKind) ([]string, []UndoSkip) {
	tg := a.Intent.Target
	result := map[string]string{}
	var order []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			order = append(order, id)
		}
	}
	for _, id := range tg.IDs {
		add(id)
	}
	if a.Outcome != nil {
		for _, r := range a.Outcome.Results {
			result[r.ID] = r.Status
			add(r.ID)
		}
	}
	prevIDs := make([]string, 0, len(tg.Previous))
	for id := range tg.Previous {
		prevIDs = append(prevIDs, id)
	}
	slices.SortFunc(prevIDs, compareIDs)
	for _, id := range prevIDs {
		add(id)
	}
	var cands []string
	var skipped []UndoSkip
	for _, id := range order {
		st, ok := result[id]
		switch {
		case ok:
		case a.Outcome == nil || a.Outcome.Status == audit.StatusUnknown:
			st = audit.StatusUnknown // no answer for it: a re-read decides
		default:
			st = audit.StatusFailed // the server did not list it: unchanged
		}
		if st == audit.StatusFailed {
			continue
		}
		prev, ok := tg.Previous[id]
		switch {
		case !ok:
			skipped = append(skipped, UndoSkip{id, "no previous state recorded"})
		case prev != audit.State(k.set):
			cands = append(cands, id)
		}
	}
	return cands, skipped
}

// compareIDs orders numeric ids by value, others as text.
func compareIDs(a, b string) int {
	x, errx := strconv.ParseInt(a, 10, 64)
	y, erry := strconv.ParseInt(b, 10, 64)
	if errx == nil && erry == nil {
		return int(min(max(x-y, -1), 1))
	}
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// CheckUndoable is nil when a can be undone, else a *CannotUndoError
// saying why in one line.
func CheckUndoable(a LoggedAction) error {
	_, _, err := undoable(a)
	return err
}

func undoable(a LoggedAction) (undoKind, []string, error) {
	name := a.First().Action
	fail := func(why string) (undoKind, []string, error) {
		return undoKind{}, nil, &CannotUndoError{ActionID: a.ID, Action: name, Why: why}
	}
	k, ok := undoKinds[name]
	switch {
	case !ok && notUndoable[name] != "":
		return fail(notUndoable[name])
	case !ok:
		return fail("only activate and deactivate can be undone")
	case a.Intent == nil || a.Intent.Target == nil:
		return fail("no intent recorded")
	case len(a.Intent.Target.Previous) == 0:
		return fail("no previous state recorded")
	}
	cands, skipped := undoCandidates(a, k)
	if len(cands) == 0 && len(skipped) == 0 {
		return fail("it changed nothing (every id already held that state, or failed)")
	}
	return k, cands, nil
}

// PlanUndo is the undo of a given what the server holds now: now maps
// each id read again to StateActive or StateInactive; an id missing from
// it is gone or out of scope. Pure: the reading is ReadUndo's.
func PlanUndo(a LoggedAction, now map[string]string) (UndoPlan, error) {
	k, cands, err := undoable(a)
	if err != nil {
		return UndoPlan{}, err
	}
	_, skipped := undoCandidates(a, k)
	p := UndoPlan{Action: a, Scripts: k.scripts, Set: k.set, Skipped: skipped}
	set := audit.State(k.set)
	for _, id := range cands {
		st, ok := now[id]
		switch {
		case !ok:
			p.Skipped = append(p.Skipped, UndoSkip{id, "not found or not in your scope now"})
		case st != set:
			p.Skipped = append(p.Skipped, UndoSkip{id, "now " + st + ": changed since"})
		default:
			p.Restore = append(p.Restore, id)
		}
	}
	slices.SortStableFunc(p.Skipped, func(x, y UndoSkip) int { return compareIDs(x.ID, y.ID) })
	return p, nil
}

// undoIDs are the ids PlanUndo will ask about.
func undoIDs(a LoggedAction) ([]string, undoKind, error) {
	k, cands, err := undoable(a)
	return cands, k, err
}

// UndoScope narrows LastUndoable to one kind of schedule.
type UndoScope int

// Scopes.
const (
	UndoAny UndoScope = iota
	UndoWAS
	UndoScripts
)

// inScope says whether an action's name belongs to scope.
func inScope(name string, scope UndoScope) bool {
	switch scope {
	case UndoWAS:
		return strings.HasPrefix(name, "was.")
	case UndoScripts:
		return strings.HasPrefix(name, "scripts.")
	}
	return true
}

// LastUndoable is what "undo the last" means (NewestUndoable without the
// actions passed over).
func LastUndoable(actions []LoggedAction, actor audit.Actor, platform string, scope UndoScope) (LoggedAction, bool) {
	a, _, ok := NewestUndoable(actions, actor, platform, scope)
	return a, ok
}

// NewestUndoable is the newest action in actions by actor on platform, in
// scope, that CheckUndoable accepts: the headless undo --last and the
// TUI's z both take it. Newer actions of that actor there that cannot be
// undone (creates, updates, deletes; activates that hold no previous state
// or changed nothing) are passed over, and returned in passed, newest
// first, for the caller to say so.
func NewestUndoable(actions []LoggedAction, actor audit.Actor, platform string, scope UndoScope) (a LoggedAction, passed []LoggedAction, ok bool) {
	for _, a := range slices.Backward(actions) {
		f := a.First()
		if f.Actor != actor || f.Platform != platform || !inScope(f.Action, scope) {
			continue
		}
		if CheckUndoable(a) == nil {
			return a, passed, true
		}
		passed = append(passed, a)
	}
	return LoggedAction{}, passed, false
}

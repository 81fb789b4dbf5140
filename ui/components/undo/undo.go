// Package undo is what z (undo the last activate or deactivate) is on
// every list: the last undoable action of this session's user on this
// platform, found in the audit log, is read again (client.ReadUndo) and
// set back (client.Undo) behind a typed confirmation that names the count
// and the action. Each screen adds only what it lists: its rows, its
// endpoint, how it shows the ids left alone.
package undo

import (
	"context"
	"fmt"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Found is the plan of the last undoable action; OK is false when there
// is none.
type Found struct {
	Plan client.UndoPlan
	OK   bool
}

// PlanMsg is the result of Find.
type PlanMsg = task.DoneMsg[Found]

// DoneMsg is the result of Send.
type DoneMsg = task.DoneMsg[client.UndoResult]

// Find returns the task that finds the last undoable action in scope and
// reads its ids again.
func Find(c *client.Client, scope client.UndoScope) func(context.Context) (Found, error) {
	return func(ctx context.Context) (Found, error) {
		a, passed, ok, err := c.NewestUndoable(scope)
		if err != nil || !ok {
			return Found{}, err
		}
		p, err := c.ReadUndo(ctx, a)
		p.PassedOver = passed
		return Found{Plan: p, OK: true}, err
	}
}

// Send returns the task that sets the plan's ids back (one audited action).
func Send(c *client.Client, p client.UndoPlan) func(context.Context) (client.UndoResult, error) {
	return func(ctx context.Context) (client.UndoResult, error) {
		return c.Undo(ctx, p, nil), nil
	}
}

// Unavailable is the note when msg brings no plan: the error that stopped
// the search, or a create, update or delete that cannot be undone (bad),
// or that there is nothing to undo. It is "" when msg brings a plan.
func Unavailable(msg PlanMsg) (note string, bad bool) {
	switch {
	case msg.Err != nil:
		return common.CannotUndoText(msg.Err), true
	case !msg.Value.OK:
		return "Nothing to undo: no activate or deactivate of yours on this platform in the audit log.", false
	}
	return "", false
}

// AllChanged says that every id of p has changed since (p.Restore is
// empty); the screen ends the sentence, with the ids left alone or not.
func AllChanged(p client.UndoPlan) string {
	return fmt.Sprintf("Nothing to undo: every schedule the last %s changed has changed since", p.Verb())
}

// Spec is the confirmation of p: its title names the count of what (e.g.
// "WAS schedule") and the action; its lines say where (platform), which
// action (at its time in loc), then body: what the screen lists.
func Spec(p client.UndoPlan, what, platform string, loc *time.Location, body ...string) confirm.Spec {
	f := p.Action.First()
	lines := []string{
		platform,
		fmt.Sprintf("Action %s: %s at %s.", safe.Line(p.Action.ID, 0), safe.Line(f.Action, 0), present.DateTime(f.Time.In(loc))),
	}
	if note := client.PassedOverNote(p.PassedOver); note != "" {
		lines = append(lines, "Passed over "+safe.Line(note, 0)+".")
	}
	lines = append(lines, body...)
	return confirm.Spec{
		Title: fmt.Sprintf("Undo %s of %s?", p.Verb(), present.Plural(len(p.Restore), what)),
		Lines: lines, Verb: "undo",
	}
}

// Again heads the list of what p sets back, e.g. "Activate 3 WAS
// schedules again".
func Again(p client.UndoPlan, what string) string {
	return fmt.Sprintf("%s %s again", present.Verb(!p.Set).Title().Base, present.Plural(len(p.Restore), what))
}

// Summary says what an undo did; when it was refused (nothing sent), why,
// and refused is true.
func Summary(r client.UndoResult) (s string, refused bool) {
	if r.Refused != nil {
		return "Undo: " + safe.Line(r.Refused.Error(), 0), true
	}
	p := r.Plan
	return fmt.Sprintf("Undid %s: %s %s of %s.", p.Verb(), present.Verb(!p.Set).Past, present.Count(r.Done()), present.Plural(len(r.Items), "schedule")), false
}

// Undo, the part that talks to the platform: reading the log, reading
// the ids again and setting them back (the plan itself is undo.go's).

package client

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/qsched/qsched/client/audit"
)

// AuditActions reads the client's audit log (none when the client audits
// nothing).
func (c *Client) AuditActions() ([]LoggedAction, error) {
	if c.cfg.Audit.Log == nil {
		return nil, errors.New("no audit log: nothing can be undone")
	}
	recs, err := audit.ReadFile(c.cfg.Audit.Log.Path())
	if err != nil {
		return nil, err
	}
	return GroupActions(recs), nil
}

// LastUndoable is the newest undoable action of this client's actor on
// its platform (false when there is none).
func (c *Client) LastUndoable(scope UndoScope) (LoggedAction, bool, error) {
	a, _, ok, err := c.NewestUndoable(scope)
	return a, ok, err
}

// NewestUndoable is LastUndoable with the newer actions it passed over
// (see the function NewestUndoable).
func (c *Client) NewestUndoable(scope UndoScope) (a LoggedAction, passed []LoggedAction, ok bool, err error) {
	actions, err := c.AuditActions()
	if err != nil {
		return LoggedAction{}, nil, false, err
	}
	a, passed, ok = NewestUndoable(actions, c.cfg.Audit.Actor, c.cfg.Audit.Platform, scope)
	return a, passed, ok, nil
}

// ReadUndo reads again the ids the action changed (reads only) and plans
// the undo.
func (c *Client) ReadUndo(ctx context.Context, a LoggedAction) (UndoPlan, error) {
	ids, k, err := undoIDs(a)
	if err != nil {
		return UndoPlan{}, err
	}
	now := map[string]string{}
	names := map[string]string{}
	if k.scripts {
		for _, id := range ids {
			it, err := c.Scripts.GetSchedule(ctx, id)
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				return UndoPlan{}, fmt.Errorf("reading script schedule %s again: %w", id, err)
			default:
				now[id], names[id] = audit.State(it.Schedule.Activate), it.Schedule.Title
			}
		}
	} else {
		list, err := c.WAS.ByIDs(ctx, wasIDs(ids))
		if err != nil {
			return UndoPlan{}, fmt.Errorf("reading the WAS schedules again: %w", err)
		}
		for id, s := range list {
			key := strconv.FormatInt(id, 10)
			now[key], names[key] = audit.State(s.IsActive()), s.NameValue()
		}
	}
	p, err := PlanUndo(a, now)
	p.Names = names
	return p, err
}

// wasIDs are the numeric ids among ids (a WAS id in the log is always
// one; anything else is skipped as not found).
func wasIDs(ids []string) []int64 {
	out := make([]int64, 0, len(ids))
	for _, s := range ids {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// UndoItem is what an undo did to one id.
type UndoItem struct {
	ID     string
	Status ItemStatus
	Err    error
	// Now is what the server holds after an unknown outcome, read again:
	// StateActive, StateInactive, "not found", or "" when the re-read
	// failed too.
	Now string
}

// UndoResult is the outcome of an undo.
type UndoResult struct {
	Plan  UndoPlan
	Items []UndoItem
	// Refused, when set, is why nothing was sent.
	Refused error
}

// Done counts the ids set back (answered, or read again after a lost
// answer and found in the state asked for).
func (r UndoResult) Done() int {
	n := 0
	for _, it := range r.Items {
		if it.Status == Done || (it.Status == Unknown && it.Now == audit.State(!r.Plan.Set)) {
			n++
		}
	}
	return n
}

// Undo sets the plan's Restore ids back to the state they had before the
// action, with the normal activate or deactivate (audited, with
// Target.UndoOf). Ids whose answer was lost are read again.
func (c *Client) Undo(ctx context.Context, p UndoPlan, progress func(done, total int)) UndoResult {
	res := UndoResult{Plan: p}
	if len(p.Restore) == 0 {
		return res
	}
	back := !p.Set
	var unknown []string
	if p.Scripts {
		ts := make([]ScriptTarget, len(p.Restore))
		for i, id := range p.Restore {
			ts[i] = ScriptTarget{ID: id, Title: p.Names[id]}
		}
		outs, refused := c.Scripts.setActive(ctx, back, ts, p.Action.ID)
		res.Refused = refused
		for _, o := range outs {
			it := UndoItem{ID: o.ID, Err: o.Err}
			var unk *UnknownOutcomeError
			switch {
			case o.Err == nil:
				it.Status = Done
			case errors.As(o.Err, &unk):
				it.Status = Unknown
				unknown = append(unknown, o.ID)
			case errors.Is(o.Err, ErrNotFound):
				it.Status = NotAffected
			default:
				it.Status = Failed
			}
			res.Items = append(res.Items, it)
		}
	} else {
		r := c.WAS.setActive(ctx, back, wasIDs(p.Restore), progress, p.Action.ID)
		res.Refused = r.Refused
		for _, bi := range r.Items {
			id := strconv.FormatInt(bi.ID, 10)
			res.Items = append(res.Items, UndoItem{ID: id, Status: bi.Status, Err: bi.Err})
			if bi.Status == Unknown {
				unknown = append(unknown, id)
			}
		}
	}
	if len(unknown) > 0 {
		c.rereadUndo(context.WithoutCancel(ctx), &res, unknown)
	}
	return res
}

// rereadUndo fills Now for the ids whose answer was lost.
func (c *Client) rereadUndo(ctx context.Context, res *UndoResult, ids []string) {
	now := map[string]string{}
	if res.Plan.Scripts {
		for _, id := range ids {
			it, err := c.Scripts.GetSchedule(ctx, id)
			switch {
			case errors.Is(err, ErrNotFound):
				now[id] = "not found"
			case err == nil:
				now[id] = audit.State(it.Schedule.Activate)
			}
		}
	} else if states, err := c.WAS.States(ctx, wasIDs(ids)); err == nil {
		for _, id := range ids {
			now[id] = "not found"
		}
		for id, on := range states {
			now[strconv.FormatInt(id, 10)] = audit.State(on)
		}
	}
	for i := range res.Items {
		if res.Items[i].Status == Unknown {
			res.Items[i].Now = now[res.Items[i].ID]
		}
	}
}

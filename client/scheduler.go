package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/model"
)

// The life of one script schedule after its creation: get, update,
// delete, activate and deactivate. Paths come from the endpoint table
// (carpaths.go); get, delete, activate and deactivate are guesses (U22).

// GetSchedule reads one schedule by id. The answer's body is read as a
// search item (model.CARSearchItem, U35).
func (s *Scripts) GetSchedule(ctx context.Context, id string) (model.CARSearchItem, error) {
	var out model.CARSearchItem
	req, err := newGatewayRequest("get script schedule", CARGet, id, nil, true, false)
	if err != nil {
		return out, err
	}
	body, err := s.Do(ctx, req)
	if err != nil {
		return out, err
	}
	if err := json.Unmarshal(body, &out); err != nil || out.ID == "" {
		return out, &Error{Op: req.op, Status: http.StatusOK, Message: "the response holds no schedule"}
	}
	return out, nil
}

// NewScriptScheduleUpdateRequest builds what UpdateSchedule sends: the
// whole schedule, in the shape search returns it (U23: the update page
// types startDate/startTime as integers and scheduleType as
// ONE_TIME|RECURRING, but the search shape is what qsched reads back, so it
// is what qsched sends; this is the one place that mapping lives).
func NewScriptScheduleUpdateRequest(id string, sched model.ScriptSchedule) (*Request, error) {
	r, err := newGatewayRequest("update script schedule", CARUpdate, id, sched, false, true)
	if err != nil {
		return nil, err
	}
	r.audit = auditInfo{action: AuditScriptsUpdate, target: audit.Target{IDs: []string{id}, Title: sched.Title}}
	return r, nil
}

// UpdateSchedule validates sched and, only if it is valid, replaces
// schedule id with it. It is never retried; when the outcome is unknown
// the error is an *UnknownOutcomeError.
func (s *Scripts) UpdateSchedule(ctx context.Context, id string, sched model.ScriptSchedule) error {
	if errs := sched.ValidateForSend(); len(errs) > 0 {
		return errs
	}
	req, err := NewScriptScheduleUpdateRequest(id, sched)
	if err != nil {
		return err
	}
	return s.write(ctx, req, id)
}

// NewScriptScheduleDeleteRequest builds what DeleteSchedule sends.
func NewScriptScheduleDeleteRequest(id, title string) (*Request, error) {
	r, err := newGatewayRequest("delete script schedule", CARDelete, id, nil, false, true)
	if err != nil {
		return nil, err
	}
	r.audit = auditInfo{action: AuditScriptsDelete, target: audit.Target{IDs: []string{id}, Title: title}}
	return r, nil
}

// DeleteSchedule deletes schedule id (title is for the audit record). It
// is never retried.
func (s *Scripts) DeleteSchedule(ctx context.Context, id, title string) error {
	req, err := NewScriptScheduleDeleteRequest(id, title)
	if err != nil {
		return err
	}
	return s.write(ctx, req, id)
}

// NewScriptScheduleActiveRequest builds what SetScheduleActive sends.
// Activate and deactivate are idempotent, so a rate-limited call is
// retried like a read.
func NewScriptScheduleActiveRequest(id, title string, on bool) (*Request, error) {
	op, name, action := CARDeactivate, "deactivate script schedule", AuditScriptsOff
	if on {
		op, name, action = CARActivate, "activate script schedule", AuditScriptsOn
	}
	r, err := newGatewayRequest(name, op, id, nil, true, true)
	if err != nil {
		return nil, err
	}
	r.audit = auditInfo{action: action, target: audit.Target{IDs: []string{id}, Title: title}}
	return r, nil
}

// SetScheduleActive activates (on) or deactivates schedule id.
func (s *Scripts) SetScheduleActive(ctx context.Context, id, title string, on bool) error {
	req, err := NewScriptScheduleActiveRequest(id, title, on)
	if err != nil {
		return err
	}
	return s.write(ctx, req, id)
}

// write sends one audited change to schedule id. An outcome that cannot be
// known (sent, no usable answer) is an *UnknownOutcomeError: re-read the
// schedule before trying again.
func (s *Scripts) write(ctx context.Context, req *Request, id string) error {
	ctx, act, err := s.c.beginAudit(ctx, req.audit)
	if err != nil {
		return err
	}
	_, d, err := s.send(ctx, req)
	st, _ := writeStatus(d, err)
	r := audit.Result{ID: id, Status: st}
	if err != nil {
		r.Reason = err.Error()
	}
	act.Finish(st, []audit.Result{r}, sentCount(d), err)
	if err != nil && st == audit.StatusUnknown {
		return &UnknownOutcomeError{ID: id, Err: err}
	}
	return err
}

// ScriptTarget is one script schedule a bulk activate or deactivate acts
// on; the title is for the audit record and the reports.
type ScriptTarget struct{ ID, Title string }

// ScriptOutcome is what a bulk activate or deactivate did to one schedule:
// Err is nil when the server answered that it did it, an
// *UnknownOutcomeError when the answer was lost (read the schedule again),
// else why it was not done.
type ScriptOutcome struct {
	ScriptTarget
	Err error
}

// SetActive activates (on) or deactivates the schedules ts, one request
// each, as ONE audited action: one intent line naming every id with the
// state each had just before (read with GetSchedule, for undo), one
// outcome line with every id's result. Nothing is retried; an
// authentication failure or a cancelled context stops it, and the ids not
// reached are "not sent".
func (s *Scripts) SetActive(ctx context.Context, on bool, ts []ScriptTarget) []ScriptOutcome {
	out, _ := s.setActive(ctx, on, ts, "")
	return out
}

// setActive is SetActive; undoOf, when set, is the action it undoes. The
// error, when set, is why nothing at all was sent (the audit log cannot
// be written).
func (s *Scripts) setActive(ctx context.Context, on bool, ts []ScriptTarget, undoOf string) ([]ScriptOutcome, error) {
	out := make([]ScriptOutcome, 0, len(ts))
	if len(ts) == 0 {
		return out, nil
	}
	action := AuditScriptsOff
	if on {
		action = AuditScriptsOn
	}
	tg := audit.Target{UndoOf: undoOf, Previous: s.previousStates(ctx, ts)}
	for _, t := range ts {
		tg.IDs = append(tg.IDs, t.ID)
	}
	if len(ts) == 1 {
		tg.Title = ts[0].Title
	}
	ctx, act, err := s.c.beginAudit(ctx, auditInfo{action: action, target: tg})
	if err != nil {
		for _, t := range ts {
			out = append(out, ScriptOutcome{t, err})
		}
		return out, err
	}
	results := make([]audit.Result, 0, len(ts))
	sent := 0
	var stop error
	for _, t := range ts {
		o := ScriptOutcome{ScriptTarget: t}
		d := notSent
		req, err := NewScriptScheduleActiveRequest(t.ID, t.Title, on)
		switch {
		case stop != nil:
			err = stop
		case err != nil:
		default:
			_, d, err = s.send(ctx, req)
			sent += sentCount(d)
		}
		st, reason := writeStatus(d, err)
		results = append(results, audit.Result{ID: t.ID, Status: st, Reason: reason})
		o.Err = err
		if err != nil && st == audit.StatusUnknown {
			o.Err = &UnknownOutcomeError{ID: t.ID, Err: err}
		}
		out = append(out, o)
		if stop == nil && (errors.Is(err, ErrAuth) || errors.Is(err, ErrAuthStopped) || errors.Is(err, ErrNoPassword) || errors.Is(err, ErrReadOnly)) {
			stop = fmt.Errorf("not sent: %w", err)
		}
		if stop == nil && ctx.Err() != nil {
			stop = fmt.Errorf("not sent: %w", ctx.Err())
		}
	}
	act.Finish("", results, sent, nil)
	return out, nil
}

// previousStates reads each schedule before an audited activate or
// deactivate (reads only); a schedule that cannot be read has no previous
// state recorded and cannot be undone.
func (s *Scripts) previousStates(ctx context.Context, ts []ScriptTarget) map[string]string {
	if !s.c.readsPrevious() {
		return nil
	}
	out := map[string]string{}
	for _, t := range ts {
		if it, err := s.GetSchedule(ctx, t.ID); err == nil {
			out[t.ID] = audit.State(it.Schedule.Activate)
		}
	}
	return out
}

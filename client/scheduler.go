package client

import (
	"context"
	"encoding/json"
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

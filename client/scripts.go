package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/model"
)

// Scripts is the CAR script scheduler on the gateway.
type Scripts struct{ c *Client }

// newGatewayRequest builds a JSON call to the gateway. Bodies are indented
// so that reviews and dry runs show them readably; JSON whitespace is not
// significant, so the bytes shown are the bytes sent.
func newGatewayRequest(op string, e CAROp, id string, body any, idempotent, write bool) (*Request, error) {
	ep := EndpointOf(e)
	var b []byte
	if body != nil {
		var err error
		if b, err = json.MarshalIndent(body, "", "  "); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
	}
	ct := ""
	if b != nil {
		ct = "application/json"
	}
	return newRequest(gateway, op, ep.Method, ep.path(id), ct, b, idempotent, write), nil
}

// Do sends req, built for the gateway, with the bearer token (logging in
// first when needed) and decodes the CAR envelope into its body. A 401 on
// a call that carried a token means the token may have expired (U40): the
// token is dropped and, for an idempotent call, a new one is fetched once
// and the call replayed; a write is not replayed. A write is recorded in
// the audit log (Config.Audit) and not sent when its intent cannot be
// recorded.
func (s *Scripts) Do(ctx context.Context, req *Request) (json.RawMessage, error) {
	if req == nil || req.host != gateway {
		return nil, errNotFor("the gateway", req)
	}
	if !req.write || isAudited(ctx) {
		body, _, err := s.send(ctx, req)
		return body, err
	}
	ctx, act, err := s.c.beginAudit(ctx, req.audit)
	if err != nil {
		return nil, err
	}
	body, d, err := s.send(ctx, req)
	st, _ := writeStatus(d, err)
	act.Finish(st, nil, sentCount(d), err)
	return body, err
}

// send is Do without the audit; it also says how far the request got (a
// failed login means the request itself was not sent).
func (s *Scripts) send(ctx context.Context, req *Request) (json.RawMessage, delivery, error) {
	for try := 0; ; try++ {
		tok, err := s.c.freshToken(ctx)
		if err != nil {
			d := notSent
			if try > 0 {
				d = answered // the first try was answered 401
			}
			return nil, d, err
		}
		resp, err := s.c.do(ctx, req, func(r *http.Request, _ ticket) { r.Header.Set("Authorization", "Bearer "+tok) })
		if err != nil {
			return nil, attempted(err), err
		}
		if resp.status == http.StatusUnauthorized {
			s.c.dropToken(tok)
			if req.idempotent && try == 0 {
				continue
			}
			return nil, answered, &Error{Op: req.op, Status: resp.status, Code: "401", Message: "the gateway rejected the token (it may have expired); the request was not replayed — a new token is fetched on the next call", Retryable: true}
		}
		body, err := decodeCAR(req.op, resp)
		return body, answered, err
	}
}

func decodeCAR(op string, resp *response) (json.RawMessage, error) {
	var env model.CAREnvelope
	if err := json.Unmarshal(resp.body, &env); err != nil || (env.ErrorCode == nil && env.Message == nil && env.Body == nil) {
		if err != nil && cutShort(err) {
			e := &Error{Op: op, Status: resp.status, Message: describeBody(resp)}
			markCutShort(e, err)
			return nil, e
		}
		// Maybe a gateway error such as {"status":429,"message":…}.
		var gw struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		}
		if json.Unmarshal(resp.body, &gw) == nil && gw.Message != "" {
			return nil, &Error{Op: op, Status: resp.status, Message: gw.Message, Retryable: retryableStatus(resp.status)}
		}
		return nil, &Error{Op: op, Status: resp.status, Message: describeBody(resp), Retryable: retryableStatus(resp.status)}
	}
	if resp.status >= 300 || !model.CARSuccess(env.ErrorCode) {
		e := &Error{Op: op, Status: resp.status, Retryable: retryableStatus(resp.status)}
		if env.ErrorCode != nil {
			e.Code = strings.Trim(string(*env.ErrorCode), `"`)
		}
		if env.Message != nil {
			e.Message = *env.Message
		}
		return nil, e
	}
	return env.Body, nil
}

// CreateSchedule validates s and, only if it is valid, creates it and
// returns the new schedule's id. It is never retried. When the request
// went out and no usable answer came back, the title is searched for: a
// schedule with it created since just before the call is the one sent
// (its id is returned, and the audit says how it was found); otherwise the
// error is an *UnknownOutcomeError saying what the search found.
func (s *Scripts) CreateSchedule(ctx context.Context, sched model.ScriptSchedule) (string, error) {
	c, err := s.CreateOutcome(ctx, sched)
	return c.ID, err
}

// CreateOutcome is CreateSchedule that also says whether the id was learned by
// a search after the answer was lost (Created.Found), for callers that
// tell the operator.
func (s *Scripts) CreateOutcome(ctx context.Context, sched model.ScriptSchedule) (Created[string], error) {
	if errs := sched.ValidateForSend(); len(errs) > 0 {
		return Created[string]{}, errs
	}
	req, err := NewScriptScheduleCreateRequest(sched)
	if err != nil {
		return Created[string]{}, err
	}
	ctx, act, err := s.c.beginAudit(ctx, req.audit)
	if err != nil {
		return Created[string]{}, err
	}
	sent := s.c.cfg.Now()
	body, d, err := s.send(ctx, req)
	var out struct {
		ID string `json:"id"`
	}
	if err == nil {
		if jerr := json.Unmarshal(body, &out); jerr != nil || out.ID == "" {
			err = &Error{Op: "create script schedule", Status: http.StatusOK, Message: "the response holds no schedule id"}
		}
	}
	st, _ := writeStatus(d, err)
	var results []audit.Result
	var found bool
	if st == audit.StatusUnknown {
		if out.ID, found, err = s.findCreated(ctx, sched.Title, sent, err); found {
			st, results = audit.StatusDone, []audit.Result{{ID: out.ID, Status: audit.StatusDone, Reason: createFoundReason}}
		}
	} else if err == nil {
		results = []audit.Result{{ID: out.ID, Status: audit.StatusDone}}
	}
	act.Finish(st, results, sentCount(d), err)
	if err != nil {
		return Created[string]{}, err
	}
	return Created[string]{ID: out.ID, Found: found}, nil
}

// createFoundReason is the audit note of a create whose answer was lost
// and which a search then found.
const createFoundReason = "the answer was lost; found by a search for the title"

// createdSlack is how far before the call a found schedule's creation
// time may lie and still be the one just sent (the server's clock is not
// ours).
const createdSlack = 10 * time.Minute

// findCreated looks for the schedule a create whose outcome is unknown
// (err) may have made: one titled title, created since sent. Not finding
// it, or a failed search, is an *UnknownOutcomeError that says so.
func (s *Scripts) findCreated(ctx context.Context, title string, sent time.Time, err error) (string, bool, error) {
	items, ferr := s.FindByTitle(ctx, title)
	switch {
	case ferr != nil:
		return "", false, &UnknownOutcomeError{Name: title, Err: err, Search: "the search for the title failed too: " + ferr.Error()}
	case len(items) == 0:
		return "", false, &UnknownOutcomeError{Name: title, Err: err, Search: "no schedule has this title just after the call: it was most likely not created"}
	}
	for _, it := range items {
		if it.CreatedMs == 0 || !time.UnixMilli(it.CreatedMs).Before(sent.Add(-createdSlack)) {
			return it.ID, true, nil
		}
	}
	return "", false, &UnknownOutcomeError{Name: title, Err: err, Search: "a schedule with this title exists but is older than this call (id " + items[0].ID + ")"}
}

// NewScriptScheduleCreateRequest builds what CreateSchedule sends. It does
// not validate sched (CreateSchedule does, before sending), so that a
// review can show the body while problems remain.
func NewScriptScheduleCreateRequest(sched model.ScriptSchedule) (*Request, error) {
	r, err := newGatewayRequest("create script schedule", CARCreate, "", sched, false, true)
	if err != nil {
		return nil, err
	}
	r.audit = auditInfo{action: AuditScriptsCreate, target: audit.Target{Title: sched.Title}}
	return r, nil
}

// searchSchedules returns one page of schedules (0-based pageNumber).
func (s *Scripts) searchSchedules(ctx context.Context, q model.CARSearchRequest) (model.CARSearchBody, error) {
	var out model.CARSearchBody
	req, err := newGatewayRequest("search script schedules", CARSearch, "", q, true, false)
	if err != nil {
		return out, err
	}
	body, err := s.Do(ctx, req)
	if err != nil {
		return out, err
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return out, &Error{Op: "search script schedules", Status: http.StatusOK, Message: "unexpected search response: " + err.Error()}
	}
	return out, nil
}

// Schedules iterates over every schedule matching the QQL filter, page by
// page, until the total is reached or a page comes back empty.
func (s *Scripts) Schedules(ctx context.Context, filter string) iter.Seq2[model.CARSearchItem, error] {
	return func(yield func(model.CARSearchItem, error) bool) {
		seen := 0
		for page := 0; page < maxPages; page++ {
			body, err := s.searchSchedules(ctx, model.CARSearchRequest{PageSize: model.CARSearchPageSize, PageNumber: page, Filter: filter})
			if err != nil {
				yield(model.CARSearchItem{}, err)
				return
			}
			for _, it := range body.List {
				if !yield(it, nil) {
					return
				}
			}
			seen += len(body.List)
			if len(body.List) == 0 || seen >= body.TotalCount {
				return
			}
		}
	}
}

// FindByTitle returns the schedules whose title matches exactly (ignoring
// case), for the uniqueness check before a create.
func (s *Scripts) FindByTitle(ctx context.Context, title string) ([]model.CARSearchItem, error) {
	q, _ := json.Marshal(strings.TrimSpace(title))
	var out []model.CARSearchItem
	for it, err := range s.Schedules(ctx, "title:"+string(q)) {
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(strings.TrimSpace(it.Schedule.Title), strings.TrimSpace(title)) {
			out = append(out, it)
		}
	}
	return out, nil
}

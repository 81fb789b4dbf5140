package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/model"
)

// WAS is the WAS scan schedule API on the API server.
type WAS struct{ c *Client }

const wasPath = "/qps/rest/3.0/"
const wasObject = "/was/wasscanschedule"

// newWASRequest builds a call to the API server: verb is search, count,
// get, update, activate or deactivate; id may be 0; body may be nil.
func newWASRequest(op, method, verb string, id int64, body *model.ServiceRequest, idempotent, write bool) (*Request, error) {
	var b []byte
	if body != nil {
		var err error
		if b, err = model.EncodeRequest(*body); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
	}
	path := wasPath + verb + wasObject
	if id != 0 {
		path += "/" + strconv.FormatInt(id, 10)
	}
	return newRequest(apiServer, op, method, path, "text/xml", b, idempotent, write), nil
}

// Do sends req, built for the API server, with Basic auth and decodes the
// QPS ServiceResponse; a response code other than SUCCESS is an *Error.
// A 401 stops every client of the account until Account.SetPassword. A
// write is recorded in the audit log (Config.Audit) and not sent when its
// intent cannot be recorded.
func (w *WAS) Do(ctx context.Context, req *Request) (model.ServiceResponse, error) {
	if req == nil || req.host != apiServer {
		return model.ServiceResponse{}, errNotFor("the API server", req)
	}
	if !req.write || isAudited(ctx) {
		sr, _, err := w.send(ctx, req)
		return sr, err
	}
	ctx, act, err := w.c.beginAudit(ctx, req.audit)
	if err != nil {
		return model.ServiceResponse{}, err
	}
	sr, d, err := w.send(ctx, req)
	finishOne(act, req, sr, d, err)
	return sr, err
}

// send is Do without the audit; it also says how far the request got.
func (w *WAS) send(ctx context.Context, req *Request) (model.ServiceResponse, delivery, error) {
	resp, err := w.c.do(ctx, req, func(r *http.Request, t ticket) { r.SetBasicAuth(t.creds.Username, t.creds.Password) })
	if err != nil {
		return model.ServiceResponse{}, attempted(err), err
	}
	op := req.op
	if resp.status == http.StatusUnauthorized {
		// Bad Basic credentials: the transport stopped the account; no retry.
		return model.ServiceResponse{}, answered, &AuthError{Op: op, Status: resp.status}
	}
	sr, perr := decodeQPS(resp)
	if perr != nil {
		sr.ResponseCode = ""
	}
	err = qpsOutcome(op, resp, sr.ResponseCode, sr.ErrorDetails)
	if perr != nil {
		markCutShort(err, perr)
	}
	return sr, answered, err
}

// qpsOutcome is the error of a QPS answer whose envelope gave code (""
// when none parsed) and details: nil for SUCCESS.
func qpsOutcome(op string, resp *response, code string, details *model.ErrorDetails) error {
	switch code {
	case model.CodeSuccess:
		return nil
	case "":
		// U12: whenever a ServiceResponse parses, its code decides; here
		// none did.
		return &Error{Op: op, Status: resp.status, Message: describeBody(resp), Retryable: retryableStatus(resp.status)}
	}
	e := &Error{Op: op, Status: resp.status, Code: code, Retryable: retryableStatus(resp.status)}
	if details != nil {
		e.Message, e.Resolution = details.ErrorMessage, details.ErrorResolution
	}
	return e
}

// decodeQPS reads a QPS answer: XML, or JSON when the answer says it is
// JSON (a proxy may force JSON, and WAS speaks it since 4.5, §15.1). qsched
// always sends XML, the form the seeds document byte for byte; the model
// is the same either way.
func decodeQPS(resp *response) (model.ServiceResponse, error) {
	if isJSON(resp.header.Get("Content-Type")) {
		return model.DecodeResponseJSON(resp.body)
	}
	return model.DecodeResponse(resp.body)
}

// isJSON reports whether a Content-Type is JSON: application/json or a
// +json type, with any parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// Page is one page of search results.
type Page struct {
	Schedules []model.WasScanSchedule
	HasMore   bool
	LastID    int64
}

// maxPages guards against a server that never stops paging.
const maxPages = 100000

// Pages iterates over every page of a search: limitResults pageSize (1 to
// 1000; 0 means 1000), next page by `id GREATER lastId` with the other
// criteria unchanged. It stops with an error, not a loop, when a page does
// not advance.
func (w *WAS) Pages(ctx context.Context, criteria []model.Criterion, pageSize int) iter.Seq2[Page, error] {
	return w.pages(ctx, criteria, pageSize, false)
}

// First is the first page of a search alone (a preview's first names): no
// other page is asked for, not even ahead.
func (w *WAS) First(ctx context.Context, criteria []model.Criterion, pageSize int) (Page, error) {
	for p, err := range w.pages(ctx, criteria, pageSize, true) {
		return p, err
	}
	return Page{}, nil
}

func (w *WAS) pages(ctx context.Context, criteria []model.Criterion, pageSize int, once bool) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		if pageSize <= 0 || pageSize > model.MaxLimitResults {
			pageSize = model.MaxLimitResults
		}
		if err := model.ValidateCriteria(criteria, model.UseSearch); err != nil {
			yield(Page{}, err)
			return
		}
		const op = "search WAS schedules"
		paging := qpsPaging[model.WasScanSchedule]{
			op:   op,
			once: once,
			build: func(after int64) (*Request, error) {
				cs := criteria
				if after > 0 {
					cs = append(append([]model.Criterion{}, criteria...), model.Criterion{Field: "id", Operator: model.OpGreater, Value: strconv.FormatInt(after, 10)})
				}
				body := model.NewSearchRequest(cs, pageSize)
				return newWASRequest(op, http.MethodPost, "search", 0, &body, true, false)
			},
			read: func(resp *response) ([]model.WasScanSchedule, bool, *int64, error) {
				sr, perr := decodeQPS(resp)
				if perr != nil {
					sr.ResponseCode = ""
				}
				if err := qpsOutcome(op, resp, sr.ResponseCode, sr.ErrorDetails); err != nil {
					return nil, false, nil, err
				}
				return sr.Schedules(), sr.HasMoreRecords != nil && *sr.HasMoreRecords, sr.LastID, nil
			},
		}
		for pg, err := range paging.pages(ctx, w.c) {
			if !yield(Page{Schedules: pg.items, HasMore: pg.more, LastID: pg.lastID}, err) || err != nil {
				return
			}
		}
	}
}

// All collects every schedule matching criteria, across all pages.
func (w *WAS) All(ctx context.Context, criteria []model.Criterion) ([]model.WasScanSchedule, error) {
	var out []model.WasScanSchedule
	for p, err := range w.Pages(ctx, criteria, model.MaxLimitResults) {
		if err != nil {
			return out, err
		}
		out = append(out, p.Schedules...)
	}
	return out, nil
}

// Count returns how many schedules match criteria.
func (w *WAS) Count(ctx context.Context, criteria []model.Criterion) (int, error) {
	if err := model.ValidateCriteria(criteria, model.UseCount); err != nil {
		return 0, err
	}
	var body *model.ServiceRequest
	if len(criteria) > 0 {
		r := model.NewSearchRequest(criteria, 0)
		body = &r
	}
	req, err := newWASRequest("count WAS schedules", http.MethodPost, "count", 0, body, true, false)
	if err != nil {
		return 0, err
	}
	sr, err := w.Do(ctx, req)
	if err != nil {
		return 0, err
	}
	if sr.CountValue() < 0 {
		return 0, &Error{Op: "count WAS schedules", Status: http.StatusOK, Message: "the response has no count"}
	}
	return sr.CountValue(), nil
}

// Get returns one schedule with every element.
func (w *WAS) Get(ctx context.Context, id int64) (model.WasScanSchedule, error) {
	op := fmt.Sprintf("get WAS schedule %d", id)
	req, err := newWASRequest(op, http.MethodGet, "get", id, nil, true, false)
	if err != nil {
		return model.WasScanSchedule{}, err
	}
	sr, err := w.Do(ctx, req)
	if err != nil {
		return model.WasScanSchedule{}, err
	}
	if s := sr.Schedules(); len(s) == 1 {
		return s[0], nil
	}
	return model.WasScanSchedule{}, &Error{Op: op, Status: http.StatusOK, Message: fmt.Sprintf("expected one schedule, got %d", len(sr.Schedules()))}
}

// Update sends only the elements set in partial. It is never retried.
func (w *WAS) Update(ctx context.Context, id int64, partial model.WasScanSchedule) error {
	req, err := NewWASUpdateRequest(id, partial)
	if err == nil {
		_, err = w.Do(ctx, req)
	}
	return err
}

// NewWASUpdateRequest builds what Update sends: the elements set in
// partial, for schedule id.
func NewWASUpdateRequest(id int64, partial model.WasScanSchedule) (*Request, error) {
	if id <= 0 {
		return nil, errors.New("update: a schedule id is required") // U9
	}
	if partial.ID != nil || partial.Owner != nil || partial.LastScan != nil {
		return nil, errors.New("update: id, owner and lastScan are read-only")
	}
	body := model.NewUpdateRequest(partial)
	r, err := newWASRequest(fmt.Sprintf("update WAS schedule %d", id), http.MethodPost, "update", id, &body, false, true)
	if err != nil {
		return nil, err
	}
	r.audit = auditInfo{action: AuditWASUpdate, target: audit.Target{IDs: idStrings([]int64{id})}}
	return r, nil
}

// Create validates s (model.ValidateWASCreate) and, only if it is valid,
// creates it and returns the new schedule's id. It is never retried: when
// the outcome is unknown (no answer, a gateway timeout, an answer without
// an id) the error is an *UnknownOutcomeError, and the name should be
// searched for before trying again, or the schedule may exist twice.
func (w *WAS) Create(ctx context.Context, s model.WasScanSchedule) (int64, error) {
	c, err := w.CreateOutcome(ctx, s)
	return c.ID, err
}

// CreateOutcome is Create that also says whether the id was learned by a
// search after the answer was lost (Created.Found), for callers that tell
// the operator.
func (w *WAS) CreateOutcome(ctx context.Context, s model.WasScanSchedule) (Created[int64], error) {
	req, err := NewWASCreateRequest(s)
	if err != nil {
		return Created[int64]{}, err
	}
	ctx, act, err := w.c.beginAudit(ctx, req.audit)
	if err != nil {
		return Created[int64]{}, err
	}
	sent := w.c.cfg.Now()
	sr, d, err := w.send(ctx, req)
	var id int64
	if err == nil {
		if list := sr.Schedules(); len(list) == 1 && list[0].IDValue() > 0 {
			id = list[0].IDValue()
		} else {
			err = &Error{Op: req.op, Status: http.StatusOK, Message: "the response holds no schedule id"}
		}
	}
	st, _ := writeStatus(d, err)
	var results []audit.Result
	var found bool
	if st == audit.StatusUnknown {
		if id, found, err = w.findCreated(ctx, s.NameValue(), sent, err); found {
			st, results = audit.StatusDone, []audit.Result{{ID: strconv.FormatInt(id, 10), Status: audit.StatusDone, Reason: createFoundReason}}
		}
	} else if err == nil {
		results = []audit.Result{{ID: strconv.FormatInt(id, 10), Status: audit.StatusDone}}
	}
	act.Finish(st, results, sentCount(d), err)
	if err != nil {
		return Created[int64]{}, err
	}
	return Created[int64]{ID: id, Found: found}, nil
}

// findCreated looks for the schedule a create whose outcome is unknown
// (err) may have made: named name (name EQUALS), created since sent; the
// newest such. Not finding it, or a failed search, is an
// *UnknownOutcomeError that says so.
func (w *WAS) findCreated(ctx context.Context, name string, sent time.Time, err error) (int64, bool, error) {
	list, ferr := w.All(ctx, []model.Criterion{{Field: "name", Operator: model.OpEquals, Value: name}})
	if ferr != nil {
		return 0, false, &UnknownOutcomeError{Name: name, Err: err, Search: "the search for the name failed too: " + ferr.Error()}
	}
	var best int64
	for _, sc := range list {
		created, perr := time.Parse(model.WASTimeLayout, model.Deref(sc.CreatedDate))
		if (perr != nil || !created.Before(sent.Add(-createdSlack))) && sc.IDValue() > best {
			best = sc.IDValue()
		}
	}
	switch {
	case best > 0:
		return best, true, nil
	case len(list) > 0:
		return 0, false, &UnknownOutcomeError{Name: name, Err: err, Search: fmt.Sprintf("a schedule with this name exists but is older than this call (id %d)", list[0].IDValue())}
	}
	return 0, false, &UnknownOutcomeError{Name: name, Err: err, Search: "no schedule has this name just after the call: it was most likely not created"}
}

// UnknownOutcomeError is a write that may or may not have happened: a
// create (Name set; Search says what a search for it found) or a change
// to one schedule (ID set).
type UnknownOutcomeError struct {
	Name   string
	ID     string
	Search string
	Err    error
}

func (e *UnknownOutcomeError) Error() string {
	switch {
	case e.ID != "":
		return fmt.Sprintf("%v — outcome unknown: the change may have been made; read schedule %s again before trying again", e.Err, e.ID)
	case e.Search != "":
		return fmt.Sprintf("%v — outcome unknown: %s", e.Err, e.Search)
	}
	return fmt.Sprintf("%v — outcome unknown: the schedule may have been created; search for the name %q (name EQUALS) before trying again", e.Err, e.Name)
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// NewWASCreateRequest builds what Create sends: the whole schedule s, after
// checking it (model.ValidateWASCreate; the problems are returned as
// model.ValidationErrors) and checking the body against the request
// schema. It is audited as AuditWASCreate with the name as target.
func NewWASCreateRequest(s model.WasScanSchedule) (*Request, error) {
	if v := model.ValidateWASCreate(s); len(v) > 0 {
		return nil, v
	}
	body := model.NewCreateRequest(s)
	r, err := newWASRequest("create WAS schedule", http.MethodPost, "create", 0, &body, false, true)
	if err != nil {
		return nil, err
	}
	if err := model.CheckRequestXML(r.body, model.RequestParts{Data: true}); err != nil {
		return nil, fmt.Errorf("create WAS schedule: the body does not fit the request schema: %w", err)
	}
	r.audit = auditInfo{action: AuditWASCreate, target: audit.Target{Title: s.NameValue()}}
	return r, nil
}

package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/qsched/qsched/model"
)

// WAS is the WAS scan schedule API on the API server.
type WAS struct{ c *Client }

const wasPath = "/qps/rest/3.0/"
const wasObject = "/was/wasscanschedule"

func (w *WAS) call(ctx context.Context, op, method, verb string, id int64, body *model.ServiceRequest, idempotent, write bool) (model.ServiceResponse, error) {
	var b []byte
	if body != nil {
		var err error
		if b, err = model.EncodeRequest(*body); err != nil {
			return model.ServiceResponse{}, fmt.Errorf("%s: %w", op, err)
		}
	}
	path := WASPath(verb, id)
	creds := w.c.cfg.Credentials
	resp, err := w.c.do(ctx, request{
		op: op, base: w.c.cfg.APIURL, method: method, path: path, body: b, contentType: "text/xml",
		idempotent: idempotent, write: write,
		authorize: func(r *http.Request) error { r.SetBasicAuth(creds.Username, creds.Password); return nil },
	})
	if err != nil {
		return model.ServiceResponse{}, err
	}
	if resp.status == http.StatusUnauthorized {
		// Bad Basic credentials: stop at once, no retry.
		w.c.authFailed.Store(true)
		return model.ServiceResponse{}, &AuthError{Op: op, Status: resp.status}
	}
	sr, perr := model.DecodeResponse(resp.body)
	if perr != nil || sr.ResponseCode == "" {
		// U12: whenever a ServiceResponse parses, its code decides; here
		// none did.
		return sr, &Error{Op: op, Status: resp.status, Message: describeBody(resp), Retryable: retryableStatus(resp.status)}
	}
	if sr.ResponseCode != model.CodeSuccess {
		e := &Error{Op: op, Status: resp.status, Code: Sanitize(sr.ResponseCode), Retryable: retryableStatus(resp.status)}
		if d := sr.ErrorDetails; d != nil {
			e.Message, e.Resolution = Sanitize(d.ErrorMessage), Sanitize(d.ErrorResolution)
		}
		return sr, e
	}
	return sr, nil
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
	return func(yield func(Page, error) bool) {
		if pageSize <= 0 || pageSize > model.MaxLimitResults {
			pageSize = model.MaxLimitResults
		}
		if err := model.ValidateCriteria(criteria, model.UseSearch); err != nil {
			yield(Page{}, err)
			return
		}
		var after int64
		for n := 0; n < maxPages; n++ {
			cs := criteria
			if n > 0 {
				cs = append(append([]model.Criterion{}, criteria...), model.Criterion{Field: "id", Operator: model.OpGreater, Value: strconv.FormatInt(after, 10)})
			}
			req := model.NewSearchRequest(cs, pageSize)
			sr, err := w.call(ctx, "search WAS schedules", http.MethodPost, "search", 0, &req, true, false)
			if err != nil {
				yield(Page{}, err)
				return
			}
			p := Page{Schedules: sr.Schedules(), HasMore: sr.HasMoreRecords != nil && *sr.HasMoreRecords}
			if p.HasMore {
				switch {
				case sr.LastID == nil || len(p.Schedules) == 0:
					yield(Page{}, &Error{Op: "search WAS schedules", Status: http.StatusOK, Message: "the server says more records exist but sent no lastId or no records; stopping instead of looping"})
					return
				case *sr.LastID <= after:
					yield(Page{}, &Error{Op: "search WAS schedules", Status: http.StatusOK, Message: fmt.Sprintf("paging did not advance (lastId %d after %d); stopping instead of looping", *sr.LastID, after)})
					return
				}
				p.LastID, after = *sr.LastID, *sr.LastID
			}
			if !yield(p, nil) || !p.HasMore {
				return
			}
		}
		yield(Page{}, &Error{Op: "search WAS schedules", Message: fmt.Sprintf("more than %d pages; stopping", maxPages)})
	}
}

// Search iterates over every schedule matching criteria, across all pages.
func (w *WAS) Search(ctx context.Context, criteria []model.Criterion) iter.Seq2[model.WasScanSchedule, error] {
	return func(yield func(model.WasScanSchedule, error) bool) {
		for p, err := range w.Pages(ctx, criteria, model.MaxLimitResults) {
			if err != nil {
				yield(model.WasScanSchedule{}, err)
				return
			}
			for _, s := range p.Schedules {
				if !yield(s, nil) {
					return
				}
			}
		}
	}
}

// All collects every schedule matching criteria.
func (w *WAS) All(ctx context.Context, criteria []model.Criterion) ([]model.WasScanSchedule, error) {
	var out []model.WasScanSchedule
	for s, err := range w.Search(ctx, criteria) {
		if err != nil {
			return out, err
		}
		out = append(out, s)
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
	sr, err := w.call(ctx, "count WAS schedules", http.MethodPost, "count", 0, body, true, false)
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
	sr, err := w.call(ctx, op, http.MethodGet, "get", id, nil, true, false)
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
	if id <= 0 {
		return errors.New("update: a schedule id is required") // U9
	}
	if partial.ID != nil || partial.Owner != nil || partial.LastScan != nil {
		return errors.New("update: id, owner and lastScan are read-only")
	}
	req := model.NewUpdateRequest(partial)
	_, err := w.call(ctx, fmt.Sprintf("update WAS schedule %d", id), http.MethodPost, "update", id, &req, false, true)
	return err
}

// UpdateRequest returns the XML Update would send, for --dry-run and reviews.
func UpdateRequest(partial model.WasScanSchedule) ([]byte, error) {
	return model.EncodeRequest(model.NewUpdateRequest(partial))
}

// Delete deletes one schedule. It is never retried.
func (w *WAS) Delete(ctx context.Context, id int64) error {
	_, err := w.call(ctx, fmt.Sprintf("delete WAS schedule %d", id), http.MethodPost, "delete", id, nil, false, true)
	return err
}

// Create creates a schedule and returns its id. It is never retried.
func (w *WAS) Create(ctx context.Context, s model.WasScanSchedule) (int64, error) {
	req := model.NewUpdateRequest(s)
	sr, err := w.call(ctx, "create WAS schedule", http.MethodPost, "create", 0, &req, false, true)
	if err != nil {
		return 0, err
	}
	if l := sr.Schedules(); len(l) == 1 {
		return l[0].IDValue(), nil
	}
	return 0, &Error{Op: "create WAS schedule", Status: http.StatusOK, Message: "the response holds no id"}
}

// WASPath is the path of a WAS schedule call: verb is search, count, get,
// update, create, delete, activate or deactivate; id may be 0.
func WASPath(verb string, id int64) string {
	p := wasPath + verb + wasObject
	if id != 0 {
		p += "/" + strconv.FormatInt(id, 10)
	}
	return p
}

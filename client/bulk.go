package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/qsched/qsched/model"
)

// ItemStatus is what a bulk action did to one id.
type ItemStatus int

// Item statuses.
const (
	// Done: the server listed the id as affected.
	Done ItemStatus = iota
	// NotAffected: the request succeeded but the server did not list the
	// id: not found or not in the user's scope.
	NotAffected
	// Failed: the request carrying the id failed; its state is unknown.
	Failed
)

func (s ItemStatus) String() string {
	return [...]string{"done", "not found or not in your scope", "failed"}[s]
}

// BulkItem is the outcome for one id.
type BulkItem struct {
	ID     int64
	Status ItemStatus
	Err    error // for Failed
}

// BulkResult is the per-id outcome of a bulk activate or deactivate.
type BulkResult struct {
	Active   bool // the state requested
	Items    []BulkItem
	Requests int // requests sent
	// Unexpected are ids the server reported that were not requested.
	Unexpected []int64
}

// Succeeded returns the ids the server affected.
func (r BulkResult) Succeeded() []int64 { return r.ids(Done) }

// Problems returns the items that were not affected or failed.
func (r BulkResult) Problems() []BulkItem {
	var out []BulkItem
	for _, it := range r.Items {
		if it.Status != Done {
			out = append(out, it)
		}
	}
	return out
}

func (r BulkResult) ids(s ItemStatus) []int64 {
	var out []int64
	for _, it := range r.Items {
		if it.Status == s {
			out = append(out, it.ID)
		}
	}
	return out
}

func verb(active bool) string {
	if active {
		return "activate"
	}
	return "deactivate"
}

// BulkRequests returns the XML bodies SetActive would send, one per chunk
// of at most model.MaxIDsPerFilter ids, for --dry-run.
func BulkRequests(ids []int64) ([][]byte, error) {
	var out [][]byte
	for _, chunk := range model.IDChunks(model.UniqueIDs(ids), model.MaxIDsPerFilter) {
		b, err := model.EncodeRequest(model.NewSearchRequest([]model.Criterion{model.IDInCriterion(chunk)}, 0))
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// SetActive activates or deactivates exactly the given ids, as `id IN`
// filters of at most 1000 ids per request (10,000 ids take 10 requests).
// Each id gets an outcome; a failed chunk does not stop the others, except
// an authentication failure, after which nothing more is sent. progress,
// when set, is called after each chunk with the ids handled so far.
func (w *WAS) SetActive(ctx context.Context, active bool, ids []int64, progress func(done, total int)) BulkResult {
	ids = model.UniqueIDs(ids)
	res := BulkResult{Active: active, Items: make([]BulkItem, 0, len(ids))}
	done := 0
	for _, chunk := range model.IDChunks(ids, model.MaxIDsPerFilter) {
		var err error
		if ctx.Err() != nil {
			err = fmt.Errorf("not sent: %w", ctx.Err())
		} else {
			req := model.NewSearchRequest([]model.Criterion{model.IDInCriterion(chunk)}, 0)
			var sr model.ServiceResponse
			op := fmt.Sprintf("%s %d WAS schedules", verb(active), len(chunk))
			sr, err = w.call(ctx, op, http.MethodPost, verb(active), 0, &req, true, true)
			if !errors.Is(err, ErrAuthStopped) && !errors.Is(err, ErrReadOnly) {
				res.Requests++
			}
			if err == nil {
				affected := map[int64]bool{}
				for _, s := range sr.Schedules() {
					affected[s.IDValue()] = true
				}
				for _, id := range chunk {
					st := NotAffected
					if affected[id] {
						st = Done
						delete(affected, id)
					}
					res.Items = append(res.Items, BulkItem{ID: id, Status: st})
				}
				for id := range affected {
					res.Unexpected = append(res.Unexpected, id)
				}
			}
		}
		if err != nil {
			for _, id := range chunk {
				res.Items = append(res.Items, BulkItem{ID: id, Status: Failed, Err: err})
			}
		}
		done += len(chunk)
		if progress != nil {
			progress(done, len(ids))
		}
	}
	slices.Sort(res.Unexpected)
	return res
}

// SetActiveID activates or deactivates one schedule by the path form
// (…/deactivate/was/wasscanschedule/<id>).
func (w *WAS) SetActiveID(ctx context.Context, active bool, id int64) error {
	_, err := w.call(ctx, fmt.Sprintf("%s WAS schedule %d", verb(active), id), http.MethodPost, verb(active), id, nil, true, true)
	return err
}

// SetActiveByFilter sends one activate or deactivate request with the
// given filters (seed 003's form) and returns the ids the server affected.
// Prefer SetActive with explicit ids: a filter can match schedules the
// operator has not seen.
func (w *WAS) SetActiveByFilter(ctx context.Context, active bool, criteria []model.Criterion) ([]int64, error) {
	if _, err := BulkFilterRequest(criteria); err != nil {
		return nil, err
	}
	req := model.NewSearchRequest(criteria, 0)
	sr, err := w.call(ctx, verb(active)+" WAS schedules by filter", http.MethodPost, verb(active), 0, &req, true, true)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(sr.Schedules()))
	for _, s := range sr.Schedules() {
		ids = append(ids, s.IDValue())
	}
	if n := sr.CountValue(); n >= 0 && n != len(ids) {
		return ids, &Error{Op: verb(active) + " WAS schedules by filter", Status: http.StatusOK, Message: fmt.Sprintf("the server reported count %d but listed %d ids", n, len(ids))}
	}
	return ids, nil
}

// BulkPath is the path of a bulk activate or deactivate request.
func BulkPath(active bool) string { return WASPath(verb(active), 0) }

// BulkFilterRequest returns the XML SetActiveByFilter would send, for
// --dry-run.
func BulkFilterRequest(criteria []model.Criterion) ([]byte, error) {
	if len(criteria) == 0 {
		return nil, errors.New("a bulk action by filter needs at least one filter")
	}
	if err := model.ValidateCriteria(criteria, model.UseBulk); err != nil {
		return nil, err
	}
	return model.EncodeRequest(model.NewSearchRequest(criteria, 0))
}

package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/qsched/qsched/client/audit"
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
	// Failed: the request carrying the id was refused or never sent;
	// nothing changed.
	Failed
	// Unknown: the request carrying the id may have reached the server
	// but no usable answer came (cancelled, connection dropped): the
	// schedule may or may not have changed until it is read again
	// (States).
	Unknown
)

func (s ItemStatus) String() string {
	return [...]string{"done", "not found or not in your scope", "failed", "outcome unknown"}[s]
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
	// Refused, when set, is why nothing at all was sent (the audit log
	// cannot be written); every item is then Failed with it.
	Refused error
}

// Succeeded returns the ids the server affected.
func (r BulkResult) Succeeded() []int64 { return r.ids(Done) }

// Unknowns returns the ids whose request got no usable answer: read them
// again (States) before saying what happened to them.
func (r BulkResult) Unknowns() []int64 { return r.ids(Unknown) }

func (r BulkResult) ids(s ItemStatus) []int64 {
	var out []int64
	for _, it := range r.Items {
		if it.Status == s {
			out = append(out, it.ID)
		}
	}
	return out
}

func auditVerb(active bool) string {
	if active {
		return AuditWASActivate
	}
	return AuditWASDeactivate
}

func verb(active bool) string {
	if active {
		return "activate"
	}
	return "deactivate"
}

// NewWASSetActiveRequests builds what SetActive sends: one request per
// `id IN` chunk of at most model.MaxIDsPerFilter ids (duplicates dropped).
// Each request's IDs are its chunk.
func NewWASSetActiveRequests(active bool, ids []int64) ([]*Request, error) {
	ids = model.UniqueIDs(ids)
	var out []*Request
	for _, chunk := range model.IDChunks(ids, model.MaxIDsPerFilter) {
		body := model.NewSearchRequest([]model.Criterion{model.IDInCriterion(chunk)}, 0)
		r, err := newWASRequest(fmt.Sprintf("%s %d WAS schedules", verb(active), len(chunk)), http.MethodPost, verb(active), 0, &body, true, true)
		if err != nil {
			return nil, err
		}
		r.ids = chunk
		r.audit = auditInfo{action: auditVerb(active), target: audit.Target{IDs: idStrings(chunk)}}
		out = append(out, r)
	}
	return out, nil
}

// SetActive activates or deactivates exactly the given ids, as `id IN`
// filters of at most 1000 ids per request (10,000 ids take 10 requests).
// Each id gets an outcome; a failed chunk does not stop the others, except
// an authentication failure, after which nothing more is sent. progress,
// when set, is called after each chunk with the ids handled so far.
func (w *WAS) SetActive(ctx context.Context, active bool, ids []int64, progress func(done, total int)) BulkResult {
	return w.setActive(ctx, active, ids, progress, "")
}

// setActive is SetActive; undoOf, when set, is the action it undoes (for
// the audit record).
func (w *WAS) setActive(ctx context.Context, active bool, ids []int64, progress func(done, total int), undoOf string) BulkResult {
	res := BulkResult{Active: active}
	reqs, err := NewWASSetActiveRequests(active, ids)
	var act *audit.Action
	if err == nil && len(reqs) > 0 {
		// One intent line for the whole action, naming every id and the
		// state each had just before, so that it can be undone.
		all := make([]string, 0, len(ids))
		for _, r := range reqs {
			all = append(all, r.audit.target.IDs...)
		}
		tg := audit.Target{IDs: all, UndoOf: undoOf, Previous: w.previousStates(ctx, model.UniqueIDs(ids))}
		ctx, act, err = w.c.beginAudit(ctx, auditInfo{action: auditVerb(active), target: tg})
		res.Refused = err
	}
	if err != nil {
		for _, id := range model.UniqueIDs(ids) {
			res.Items = append(res.Items, BulkItem{ID: id, Status: Failed, Err: err})
		}
		return res
	}
	total := 0
	for _, r := range reqs {
		total += len(r.ids)
	}
	res.Items = make([]BulkItem, 0, total)
	var results []audit.Result
	if act != nil {
		results = make([]audit.Result, 0, total)
	}
	sent := 0
	done := 0
	for _, req := range reqs {
		chunk := req.ids
		var err error
		var sr model.ServiceResponse
		d := notSent
		if ctx.Err() != nil {
			err = fmt.Errorf("not sent: %w", ctx.Err())
		} else {
			sr, d, err = w.send(ctx, req)
			if !errors.Is(err, ErrAuthStopped) && !errors.Is(err, ErrNoPassword) && !errors.Is(err, ErrReadOnly) {
				res.Requests++
			}
			sent += sentCount(d)
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
			st := Failed
			if ws, _ := writeStatus(d, err); ws == audit.StatusUnknown {
				st = Unknown
			}
			for _, id := range chunk {
				res.Items = append(res.Items, BulkItem{ID: id, Status: st, Err: err})
			}
		}
		if act != nil {
			results = append(results, chunkResults(chunk, sr, d, err)...)
		}
		done += len(chunk)
		if progress != nil {
			progress(done, total)
		}
	}
	slices.Sort(res.Unexpected)
	act.Finish("", results, sent, nil)
	return res
}

// NewWASSetActiveFilterRequest builds what SetActiveByFilter sends: one
// request carrying the filters, which bulk actions must accept (U16).
func NewWASSetActiveFilterRequest(active bool, criteria []model.Criterion) (*Request, error) {
	if len(criteria) == 0 {
		return nil, errors.New("a bulk action by filter needs at least one filter")
	}
	if err := model.ValidateCriteria(criteria, model.UseBulk); err != nil {
		return nil, err
	}
	body := model.NewSearchRequest(criteria, 0)
	r, err := newWASRequest(verb(active)+" WAS schedules by filter", http.MethodPost, verb(active), 0, &body, true, true)
	if err != nil {
		return nil, err
	}
	filters := make([]string, len(criteria))
	for i, c := range criteria {
		filters[i] = c.String()
	}
	r.audit = auditInfo{action: auditVerb(active), target: audit.Target{Filters: filters}}
	return r, nil
}

// SetActiveByFilter sends one activate or deactivate request with the
// given filters (seed 003's form) and returns the ids the server affected.
// Prefer SetActive with explicit ids: a filter can match schedules the
// operator has not seen.
func (w *WAS) SetActiveByFilter(ctx context.Context, active bool, criteria []model.Criterion) ([]int64, error) {
	req, err := NewWASSetActiveFilterRequest(active, criteria)
	if err != nil {
		return nil, err
	}
	info := req.audit
	info.target.Previous = w.previousByFilter(ctx, criteria)
	ctx, act, err := w.c.beginAudit(ctx, info)
	if err != nil {
		return nil, err
	}
	ids, d, err := w.setActiveByFilter(ctx, req)
	// The ids the server listed are done; an error says what happened to
	// the filter as a whole: failed when refused, unknown when it may
	// have matched more than was listed or no answer came.
	st, _ := writeStatus(d, err)
	if err != nil && ids != nil {
		st = audit.StatusUnknown
	}
	var results []audit.Result
	for _, id := range ids {
		results = append(results, audit.Result{ID: strconv.FormatInt(id, 10), Status: audit.StatusDone})
	}
	act.Finish(st, results, sentCount(d), err)
	return ids, err
}

func (w *WAS) setActiveByFilter(ctx context.Context, req *Request) ([]int64, delivery, error) {
	sr, d, err := w.send(ctx, req)
	if err != nil {
		return nil, d, err
	}
	ids := make([]int64, 0, len(sr.Schedules()))
	for _, s := range sr.Schedules() {
		ids = append(ids, s.IDValue())
	}
	if n := sr.CountValue(); n >= 0 && n != len(ids) {
		return ids, d, &Error{Op: req.op, Status: http.StatusOK, Message: fmt.Sprintf("the server reported count %d but listed %d ids", n, len(ids))}
	}
	return ids, d, nil
}

// States reads the active state of ids from the server (a search by id,
// in chunks like SetActive's): ids missing from the answer are not found
// or not in the user's scope. It is a read, safe to repeat, and how an
// outcome left unknown is resolved.
func (w *WAS) States(ctx context.Context, ids []int64) (map[int64]bool, error) {
	list, err := w.ByIDs(ctx, ids)
	out := make(map[int64]bool, len(list))
	for id, s := range list {
		out[id] = s.IsActive()
	}
	return out, err
}

// ByIDs reads the schedules with these ids as the server holds them now
// (id IN chunks of MaxIDsPerFilter); an id missing from the answer is not
// found or not in scope.
func (w *WAS) ByIDs(ctx context.Context, ids []int64) (map[int64]model.WasScanSchedule, error) {
	out := map[int64]model.WasScanSchedule{}
	ids = model.UniqueIDs(ids)
	for start := 0; start < len(ids); start += model.MaxIDsPerFilter {
		chunk := ids[start:min(start+model.MaxIDsPerFilter, len(ids))]
		parts := make([]string, len(chunk))
		for i, id := range chunk {
			parts[i] = strconv.FormatInt(id, 10)
		}
		cs := []model.Criterion{{Field: "id", Operator: model.OpIn, Value: strings.Join(parts, ",")}}
		for pg, err := range w.Pages(ctx, cs, model.MaxLimitResults) {
			if err != nil {
				return out, err
			}
			for _, s := range pg.Schedules {
				out[s.IDValue()] = s
			}
		}
	}
	return out, nil
}

// previousStates reads the state of ids just before an audited
// activate or deactivate, for the intent record (what an undo sets back).
// It is a read; when it fails the action still runs, with no previous
// state recorded for the ids not read (they cannot be undone). Nothing is
// read when nothing is audited or writes are refused anyway.
func (w *WAS) previousStates(ctx context.Context, ids []int64) map[string]string {
	if !w.c.readsPrevious() || len(ids) == 0 {
		return nil
	}
	states, _ := w.States(ctx, ids)
	return stateStrings(states)
}

// previousByFilter learns which schedules a by-filter action will act on,
// and their states, by a search with the same criteria just before it is
// sent. A schedule that comes to match between the search and the action
// has no previous state recorded and is not undone.
func (w *WAS) previousByFilter(ctx context.Context, criteria []model.Criterion) map[string]string {
	if !w.c.readsPrevious() {
		return nil
	}
	list, _ := w.All(ctx, criteria)
	states := make(map[int64]bool, len(list))
	for _, s := range list {
		states[s.IDValue()] = s.IsActive()
	}
	return stateStrings(states)
}

// readsPrevious says whether an activate or deactivate reads the
// previous states first: only when it is audited, writes are allowed and
// the log can be written (a log that cannot be written refuses the action
// before any request, the read included).
func (c *Client) readsPrevious() bool {
	l := c.cfg.Audit.Log
	return l != nil && !c.cfg.ReadOnly && l.Writable() == nil
}

func stateStrings(states map[int64]bool) map[string]string {
	if len(states) == 0 {
		return nil
	}
	out := make(map[string]string, len(states))
	for id, on := range states {
		out[strconv.FormatInt(id, 10)] = audit.State(on)
	}
	return out
}

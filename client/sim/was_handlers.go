package sim

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/qsched/qsched/model"
)

func ok(count int, list []model.WasScanSchedule) model.ServiceResponse {
	r := model.ServiceResponse{ResponseCode: model.CodeSuccess, Count: model.Ptr(count)}
	if list != nil {
		r.SetSchedules(list)
	}
	return r
}

func idsOnly(ids []int64) []model.WasScanSchedule {
	out := make([]model.WasScanSchedule, len(ids))
	for i, id := range ids {
		out[i] = model.WasScanSchedule{ID: model.Ptr(id)}
	}
	return out
}

// parseRequest checks the body against the schema for the parts this
// operation takes and decodes it. The second result is the error response.
func (s *Server) parseRequest(body []byte, parts model.RequestParts, use model.Use) (model.ServiceRequest, *model.ServiceResponse) {
	parts.AllowVerbose = s.opts.AllowVerbose || model.SendVerbose
	if err := model.CheckRequestXML(body, parts); err != nil {
		e := qpsError(model.CodeInvalidXML, err.Error())
		return model.ServiceRequest{}, &e
	}
	req, err := model.DecodeRequest(body)
	if err != nil {
		e := qpsError(model.CodeInvalidXML, "The request could not be parsed: "+err.Error())
		return req, &e
	}
	if req.Filters != nil {
		for _, c := range req.Filters.Criteria {
			if c.Field == "" || c.Operator == "" {
				e := qpsError(model.CodeInvalidRequest, "Criteria needs the attributes field and operator.")
				return req, &e
			}
			c.Value = strings.TrimSpace(c.Value)
			if err := c.Validate(use); err != nil {
				var ce *model.CriterionError
				msg := err.Error()
				if errors.As(err, &ce) {
					msg = fmt.Sprintf("Invalid criteria %s: %s", ce.Criterion, ce.Problem)
				}
				e := qpsError(model.CodeInvalidRequest, msg)
				return req, &e
			}
		}
	}
	return req, nil
}

func criteria(req model.ServiceRequest) []model.Criterion {
	if req.Filters == nil {
		return nil
	}
	out := make([]model.Criterion, len(req.Filters.Criteria))
	for i, c := range req.Filters.Criteria {
		c.Value = strings.TrimSpace(c.Value)
		out[i] = c
	}
	return out
}

// matching returns the ids of the schedules that satisfy cs, ascending.
func (s *Server) matching(cs []model.Criterion) []int64 {
	ids, _ := s.scan(cs, 0, -1)
	return ids
}

// scan returns, ascending, the ids of the schedules that satisfy cs and
// are not below from, at most limit of them (all when limit < 0), and
// whether more match. Only the candidates the criteria on id allow are
// looked at (candidates), and the scan stops once limit are found: a page or a
// 1,000-id chunk costs in proportion to itself, not to the store.
func (s *Server) scan(cs []model.Criterion, from int64, limit int) ([]int64, bool) {
	var out []int64
	now := s.opts.Now()
	cc := compile(cs)
	for _, id := range s.candidates(cs, from) {
		if s.was.matches(cc, s.was.view(s.was.recs[id], now)) {
			if limit >= 0 && len(out) == limit {
				return out, true
			}
			out = append(out, id)
		}
	}
	return out, false
}

// candidates are the stored ids, ascending and not below from, that the
// criteria on id leave possible: those an id EQUALS or id IN names, or
// those above an id GREATER bound (the next page's criterion). The
// returned slice must not be changed.
func (s *Server) candidates(cs []model.Criterion, from int64) []int64 {
	ids := s.was.ids
	var named []int64
	listed := false
	for _, c := range cs {
		if c.Field != "id" {
			continue
		}
		switch c.Operator {
		case model.OpGreater:
			if v, err := strconv.ParseInt(c.Value, 10, 64); err == nil {
				from = max(from, v+1)
			}
		case model.OpEquals, model.OpIn:
			var these []int64
			for _, p := range strings.Split(c.Value, ",") {
				if v, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64); err == nil {
					if _, ok := s.was.recs[v]; ok {
						these = append(these, v)
					}
				}
			}
			slices.Sort(these)
			these = slices.Compact(these)
			if listed {
				these = intersect(named, these)
			}
			named, listed = these, true
		}
	}
	if listed {
		i, _ := slices.BinarySearch(named, from)
		return named[i:]
	}
	i, _ := slices.BinarySearch(ids, from)
	return ids[i:]
}

// intersect keeps the values of a (sorted) that b (sorted) holds too.
func intersect(a, b []int64) []int64 {
	var out []int64
	for _, v := range a {
		if _, ok := slices.BinarySearch(b, v); ok {
			out = append(out, v)
		}
	}
	return out
}

func (s *Server) wasSearch(_ *http.Request, body []byte) (int, model.ServiceResponse) {
	req, bad := s.parseRequest(body, model.RequestParts{Preferences: true, Filters: true}, model.UseSearch)
	if bad != nil {
		return http.StatusOK, *bad
	}
	limit, offset, fromID := model.DefaultLimitResults, 1, int64(0)
	if p := req.Preferences; p != nil {
		if p.LimitResults != nil {
			limit = *p.LimitResults
		}
		if p.StartFromOffset != nil {
			offset = *p.StartFromOffset
		}
		if p.StartFromID != nil {
			fromID = *p.StartFromID
		}
		if p.StartFromOffset != nil && p.StartFromID != nil {
			return http.StatusOK, qpsError(model.CodeInvalidRequest, "Use either startFromOffset or startFromId, not both.")
		}
	}
	if limit < 1 || limit > model.MaxLimitResults {
		return http.StatusOK, qpsError(model.CodeInvalidRequest, fmt.Sprintf("limitResults must be between 1 and %d, got %d.", model.MaxLimitResults, limit))
	}
	if offset < 1 {
		return http.StatusOK, qpsError(model.CodeInvalidRequest, fmt.Sprintf("startFromOffset is 1-based, got %d.", offset))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, more := s.scan(criteria(req), fromID, offset-1+limit)
	ids = ids[min(offset-1, len(ids)):]
	page := make([]model.WasScanSchedule, 0, len(ids))
	now := s.opts.Now()
	for _, id := range ids {
		page = append(page, s.was.view(s.was.recs[id], now))
	}
	resp := ok(len(page), page)
	resp.HasMoreRecords = model.Ptr(more)
	if more && len(ids) > 0 {
		resp.LastID = model.Ptr(ids[len(ids)-1])
	}
	return http.StatusOK, resp
}

func (s *Server) wasCount(_ *http.Request, body []byte) (int, model.ServiceResponse) {
	req, bad := s.parseRequest(body, model.RequestParts{Filters: true}, model.UseCount)
	if bad != nil {
		return http.StatusOK, *bad
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return http.StatusOK, ok(len(s.matching(criteria(req))), nil)
}

func notFound(id string) model.ServiceResponse {
	return qpsError(model.NotFoundCode, "WasScanSchedule with id "+id+" was not found or is not in your scope.")
}

// pathRecord returns the schedule named by the {id} in the path, or nil.
// The caller holds s.mu.
func (s *Server) pathRecord(r *http.Request) (int64, *wasRecord) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, nil
	}
	return id, s.was.recs[id]
}

func (s *Server) wasGet(r *http.Request, _ []byte) (int, model.ServiceResponse) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, rec := s.pathRecord(r)
	if rec == nil {
		return http.StatusOK, notFound(r.PathValue("id"))
	}
	return http.StatusOK, ok(1, []model.WasScanSchedule{s.was.view(rec, s.opts.Now())})
}

// wasBulk serves activate, deactivate and delete, by id in the path or by
// filters. Every schedule matched is affected and returned, whatever its
// previous state; a bulk call must carry at least one criterion.
func (s *Server) wasBulk(op string) wasHandler {
	return func(r *http.Request, body []byte) (int, model.ServiceResponse) {
		var ids []int64
		s.mu.Lock()
		defer s.mu.Unlock()
		if r.PathValue("id") != "" {
			id, rec := s.pathRecord(r)
			if rec == nil {
				return http.StatusOK, notFound(r.PathValue("id"))
			}
			if len(strings.TrimSpace(string(body))) > 0 {
				if _, bad := s.parseRequest(body, model.RequestParts{}, model.UseBulk); bad != nil {
					return http.StatusOK, *bad
				}
			}
			ids = []int64{id}
		} else {
			req, bad := s.parseRequest(body, model.RequestParts{Filters: true}, model.UseBulk)
			if bad != nil {
				return http.StatusOK, *bad
			}
			cs := criteria(req)
			if len(cs) == 0 {
				return http.StatusOK, qpsError(model.CodeInvalidRequest, "A "+op+" request without an id needs at least one filter criterion.")
			}
			ids = s.matching(cs)
		}
		now := s.opts.Now()
		stamp := now.UTC().Format(model.WASTimeLayout)
		for _, id := range ids {
			rec := s.was.recs[id]
			switch op {
			case "delete":
				s.was.remove(id)
			case "activate":
				rec.s.Active, rec.s.UpdatedDate = model.Ptr(true), &stamp
				if rec.next == nil {
					rec.next = initialNext(rec.s, now)
				}
			case "deactivate":
				rec.s.Active, rec.s.UpdatedDate = model.Ptr(false), &stamp
			}
		}
		return http.StatusOK, ok(len(ids), idsOnly(ids))
	}
}

// parseData reads the <data><WasScanSchedule> of a create or update.
func (s *Server) parseData(body []byte) (model.WasScanSchedule, *model.ServiceResponse) {
	req, bad := s.parseRequest(body, model.RequestParts{Data: true}, model.UseSearch)
	if bad != nil {
		return model.WasScanSchedule{}, bad
	}
	if req.Data == nil || req.Data.WasScanSchedule == nil {
		e := qpsError(model.CodeInvalidRequest, "data/WasScanSchedule is required.")
		return model.WasScanSchedule{}, &e
	}
	return *req.Data.WasScanSchedule, nil
}

func (s *Server) wasCreate(_ *http.Request, body []byte) (int, model.ServiceResponse) {
	in, bad := s.parseData(body)
	if bad != nil {
		return http.StatusOK, *bad
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg := s.checkCreate(&in); msg != "" {
		return http.StatusOK, qpsError(model.CodeInvalidRequest, msg)
	}
	now := s.opts.Now()
	stamp := now.UTC().Format(model.WASTimeLayout)
	id := s.was.nextID
	in.ID, in.CreatedDate, in.UpdatedDate = &id, &stamp, &stamp
	in.Owner = &owners[0]
	in.LaunchedCount, in.Multi = model.Ptr(0), model.Ptr(in.Target.WebApp == nil)
	if in.Active == nil {
		in.Active = model.Ptr(true)
	}
	s.fillNames(&in)
	rec := &wasRecord{s: in}
	rec.next = initialNext(in, now)
	s.was.add(rec)
	return http.StatusOK, ok(1, idsOnly([]int64{id}))
}

func (s *Server) wasUpdate(r *http.Request, body []byte) (int, model.ServiceResponse) {
	partial, bad := s.parseData(body)
	if bad != nil {
		return http.StatusOK, *bad
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, rec := s.pathRecord(r)
	if rec == nil {
		return http.StatusOK, notFound(r.PathValue("id"))
	}
	merged := rec.s
	if msg := s.merge(&merged, partial); msg != "" {
		return http.StatusOK, qpsError(model.CodeInvalidRequest, msg)
	}
	merged.UpdatedDate = model.Ptr(s.opts.Now().UTC().Format(model.WASTimeLayout))
	s.fillNames(&merged)
	wasActive := rec.s.IsActive()
	rec.s = merged
	switch {
	case partial.Scheduling != nil:
		// A new start or recurrence makes the stored next launch stale.
		rec.next = initialNext(merged, s.opts.Now())
	case !wasActive && merged.IsActive() && rec.next == nil:
		rec.next = initialNext(merged, s.opts.Now())
	}
	return http.StatusOK, ok(1, idsOnly([]int64{id}))
}

// fillNames sets the read-only names of referenced objects, as responses
// carry them.
func (s *Server) fillNames(w *model.WasScanSchedule) {
	if t := w.Target; t != nil && t.WebApp != nil {
		if a := s.was.webApps[t.WebApp.ID]; a != nil {
			t.WebApp = &model.WASWebApp{ID: a.id, Name: model.TextPtr(a.name), URL: model.TextPtr(a.url)}
		}
	}
	if t := w.Target; t != nil && t.WebApps != nil {
		list := make([]model.WASWebApp, 0, len(t.WebApps.List))
		for _, ref := range t.WebApps.List {
			if a := s.was.webApps[ref.ID]; a != nil {
				ref = model.WASWebApp{ID: a.id, Name: model.TextPtr(a.name), URL: model.TextPtr(a.url)}
			}
			list = append(list, ref)
		}
		t.WebApps = &model.WASWebAppList{List: list}
	}
	if t := w.Target; t != nil && t.Tags != nil {
		for _, sel := range []*model.WASTagSelection{t.Tags.Included, t.Tags.Excluded} {
			if sel == nil || sel.TagList == nil {
				continue
			}
			for i, tag := range sel.TagList.List {
				if k := knownTag(tag.ID); k != nil {
					sel.TagList.List[i].Name = k.Name
				}
			}
		}
	}
	if p := w.Profile; p != nil && p.ID != nil {
		if name, ok := s.was.profile[*p.ID]; ok {
			w.Profile = &model.WASRef{ID: p.ID, Name: model.TextPtr(name)}
		}
	}
}

package sim

import (
	"bytes"
	"net/http"
	"slices"
	"strings"

	"github.com/qsched/qsched/model"
)

// The life of a script schedule after its creation. Update is documented
// (POST /sm/v1/scheduler/{id}); get, delete, activate and deactivate exist
// since CAR 2.6 but their paths are not published, and the simulator
// implements the same guesses as qsched's endpoint table (U22):
// GET and DELETE /sm/v1/scheduler/{id}, POST …/{id}/activate and
// …/{id}/deactivate. An unknown id is HTTP 404 with a CAR error.

// carNotFoundCode is the errorCode of an unknown schedule id (no appendix
// is published).
const carNotFoundCode = "404"

func carNotFound(id string) (int, any) {
	return http.StatusNotFound, carEnvelope{ErrorCode: carNotFoundCode, Message: "Scheduler with id " + id + " was not found.", Body: nil}
}

// carIndex returns the index of schedule id in s.car.recs, or -1. The
// caller holds s.mu.
func (s *Server) carIndex(id string) int {
	return slices.IndexFunc(s.car.recs, func(r CARRecord) bool { return r.ID == id })
}

func carDone(id, msg string) carEnvelope {
	return carEnvelope{ErrorCode: model.CARSuccessCode, Message: msg, Body: map[string]string{"id": id}}
}

// carGet is GET /sm/v1/scheduler/{id} (U22): the body is the search item.
func (s *Server) carGet(r *http.Request, _ string, _ []byte) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.carIndex(r.PathValue("id"))
	if i < 0 {
		return carNotFound(r.PathValue("id"))
	}
	return http.StatusOK, carEnvelope{Body: carItem(s.car.recs[i])}
}

// carUpdate is POST /sm/v1/scheduler/{id}: a full replacement (a field
// left out takes its create default: activate false, no targets), checked
// like create — the model's rules, known scripts, a title unique among the
// other schedules — except that a start date in the past is accepted when
// it is the stored one (a running schedule can be edited without moving
// its start). Both U23 shapes are read (decodeCARUpdate).
func (s *Server) carUpdate(r *http.Request, _ string, body []byte) (int, any) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.carIndex(id)
	if i < 0 {
		return carNotFound(id)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return http.StatusUnsupportedMediaType, carError("Content-Type must be application/json.")
	}
	sched, err := decodeCARUpdate(body)
	if err != nil {
		return http.StatusBadRequest, carError("Invalid request body: " + err.Error())
	}
	rec := &s.car.recs[i]
	if bad := checkCARSchedule(sched, s.opts.Now(), sched.StartDate != rec.Schedule.StartDate); bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	if s.titleTaken(sched.Title, i) {
		return http.StatusBadRequest, carError(model.CARDuplicateTitlePrefix + sched.Title)
	}
	now := s.opts.Now()
	rec.Schedule, rec.Raw, rec.Updated, rec.runsFrom = sched, slices.Clone(body), now, now
	return http.StatusOK, carDone(id, "Script scheduler updated successfully")
}

// carDelete is DELETE /sm/v1/scheduler/{id} (U22). The schedule's past
// jobs stay listed.
func (s *Server) carDelete(r *http.Request, _ string, _ []byte) (int, any) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.carIndex(id)
	if i < 0 {
		return carNotFound(id)
	}
	s.car.recs = slices.Delete(s.car.recs, i, i+1)
	return http.StatusOK, carDone(id, "Script scheduler deleted successfully")
}

// carSetActive serves POST /sm/v1/scheduler/{id}/activate and
// …/deactivate (U22): no body or {}; idempotent. An activated schedule
// runs from now on: runs missed while it was inactive are not made up.
func (s *Server) carSetActive(on bool) gatewayHandler {
	return func(r *http.Request, _ string, body []byte) (int, any) {
		id := r.PathValue("id")
		s.mu.Lock()
		defer s.mu.Unlock()
		i := s.carIndex(id)
		if i < 0 {
			return carNotFound(id)
		}
		if b := bytes.TrimSpace(body); len(b) > 0 && !emptyJSONObject(b) {
			return http.StatusBadRequest, carError("Invalid request body: send no body or {}.")
		}
		rec := &s.car.recs[i]
		now := s.opts.Now()
		if on && !rec.Schedule.Activate {
			rec.runsFrom = now
		}
		rec.Schedule.Activate, rec.Updated = on, now
		if on {
			return http.StatusOK, carDone(id, "Script scheduler activated successfully")
		}
		return http.StatusOK, carDone(id, "Script scheduler deactivated successfully")
	}
}

func emptyJSONObject(b []byte) bool {
	inner := bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(b, []byte("{")), []byte("}")))
	return len(b) >= 2 && b[0] == '{' && b[len(b)-1] == '}' && len(inner) == 0
}

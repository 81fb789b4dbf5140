package sim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// carEnvelope is the CAR response {errorCode, message, body}.
type carEnvelope struct {
	ErrorCode any `json:"errorCode"`
	Message   any `json:"message"`
	Body      any `json:"body"`
}

// CARRecord is a stored script schedule: the body of its last create or
// update exactly as received, and its decoded form (activate and
// deactivate change Schedule.Activate, not Raw).
type CARRecord struct {
	ID       string
	User     string
	Created  time.Time
	Updated  time.Time // last update, activation or deactivation; zero if none
	Raw      []byte
	Schedule model.ScriptSchedule

	runsFrom time.Time // runs up to here have been made (car_runs.go); zero: Created
}

type carStore struct {
	recs []CARRecord
	jobs []*carJob // oldest first (car_runs.go)
	// The last job and asset job ids handed out.
	jobSeq, assetJobSeq int64
}

func newCARStore() *carStore { return &carStore{jobSeq: 80500, assetJobSeq: 910000} }

// CARSchedules returns the stored script schedules, oldest first.
func (s *Server) CARSchedules() []CARRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.car.recs)
}

// PlantCARSchedule stores sched as another tool, or the Qualys UI, might
// have written it — without the API's checks — and returns its id: how
// tests put on the platform data a client would refuse to send (control
// characters, a start in the past) to see how it shows what others wrote.
func (s *Server) PlantCARSchedule(sched model.ScriptSchedule) string {
	raw, _ := json.Marshal(sched)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.storeCAR(CARRecord{User: s.opts.Username, Created: s.opts.Now(), Raw: raw, Schedule: sched})
}

// storeCAR stores a new script schedule under a fresh id and returns the
// id: how a create, a planted schedule and a seeded one are stored. The
// caller holds s.mu.
func (s *Server) storeCAR(rec CARRecord) string {
	rec.ID = s.newUUID()
	s.car.recs = append(s.car.recs, rec)
	return rec.ID
}

// The CAR validation error code (no appendix is published): qsched's
// simulator answers HTTP 400 with errorCode "400" and one message naming
// every field at fault.
const carInvalidCode = "400"

func carError(msg string) carEnvelope {
	return carEnvelope{ErrorCode: carInvalidCode, Message: msg, Body: nil}
}

// carCreate is POST /sm/v1/scripts/scheduler: the body is validated with
// the model's rules plus a start date not in the past; the title must be
// unique (compared without regard to case or surrounding spaces); nothing
// is stored unless every check passes.
func (s *Server) carCreate(r *http.Request, user string, body []byte) (int, any) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return http.StatusUnsupportedMediaType, carError("Content-Type must be application/json.")
	}
	sched, err := model.DecodeScriptSchedule(body)
	if err != nil {
		return http.StatusBadRequest, carError("Invalid request body: " + err.Error())
	}
	if bad := checkCARSchedule(sched, s.opts.Now(), true); bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.titleTaken(sched.Title, -1) {
		return http.StatusBadRequest, carError(model.CARDuplicateTitlePrefix + sched.Title)
	}
	id := s.storeCAR(CARRecord{User: user, Created: s.opts.Now(), Raw: slices.Clone(body), Schedule: sched})
	return http.StatusOK, carEnvelope{ErrorCode: model.CARSuccessCode, Message: model.CARCreatedMessage, Body: map[string]string{"id": id}}
}

func titleKey(t string) string { return strings.ToLower(strings.TrimSpace(t)) }

// checkCARSchedule is what create and update check before storing: the
// model's rules, a start not in the past (when checkStart), and scripts
// the catalog knows. It returns the refusal message, or "".
func checkCARSchedule(sched model.ScriptSchedule, now time.Time, checkStart bool) string {
	problems := sched.Validate()
	if checkStart {
		problems = append(problems, sched.CheckStart(now)...)
	}
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Error()
		}
		return "Invalid schedule: " + strings.Join(msgs, "; ")
	}
	for _, sc := range sched.Scripts {
		if !knownScript(sc.ID) {
			return fmt.Sprintf("Script with id %s was not found.", sc.ID)
		}
	}
	return ""
}

// titleTaken reports whether a stored schedule other than the one at
// except (-1 for none) has the title, compared without regard to case or
// surrounding spaces. The caller holds s.mu.
func (s *Server) titleTaken(title string, except int) bool {
	key := titleKey(title)
	for i, rec := range s.car.recs {
		if i != except && titleKey(rec.Schedule.Title) == key {
			return true
		}
	}
	return false
}

// carSearch is POST /sm/v1/scheduler/search (§10.5): body members
// startAt, endAt (ISO-8601; the schedule's creation within them, U35),
// pageSize (default 10), pageNumber (0-based), filter and sort, exactly
// spelt.
func (s *Server) carSearch(r *http.Request, _ string, body []byte) (int, any) {
	var (
		req  model.CARSearchRequest
		size *int
	)
	fields := map[string]any{"startAt": &req.StartAt, "endAt": &req.EndAt, "pageSize": &size, "pageNumber": &req.PageNumber, "filter": &req.Filter, "sort": &req.Sort}
	if st, bad := decodeCARBody(r, body, fields); bad != "" {
		return st, carError(bad)
	}
	page, bad := checkPage(size, req.PageNumber)
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	from, to, bad := parseWindow(req.StartAt, req.EndAt)
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	// The QQL understood (U35): "" or title:"…" / title:… (exact,
	// ignoring case), a quoted value read as a JSON string.
	field, t, bad := parseQQL(req.Filter, "title")
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	var title *string
	if field != "" {
		title = &t
	}
	desc, bad := parseSort(req.Sort, false)
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	s.mu.Lock()
	recs := slices.Clone(s.car.recs)
	s.mu.Unlock()
	var list []model.CARSearchItem
	for _, rec := range recs {
		if title != nil && titleKey(rec.Schedule.Title) != titleKey(*title) || !inWindow(rec.Created, from, to) {
			continue
		}
		list = append(list, carItem(rec))
	}
	if desc {
		slices.Reverse(list)
	}
	start, end := page.cut(len(list))
	return http.StatusOK, carEnvelope{ErrorCode: nil, Message: nil, Body: model.CARSearchBody{TotalCount: len(list), List: append([]model.CARSearchItem{}, list[start:end]...)}}
}

// carItem is a schedule as search and get show it (U35).
func carItem(rec CARRecord) model.CARSearchItem {
	return model.CARSearchItem{ID: rec.ID, CustomerUUID: customerUUID, CreatedMs: rec.Created.UnixMilli(), Schedule: rec.Schedule}
}

const customerUUID = "5f0c6e2a-8b4d-4e1f-9a3c-2d7b1e6f0a94"

// newUUID returns a version-4 UUID drawn from the seeded generator, so that
// a run with the same Seed hands out the same ids (stable golden files).
// The caller holds s.mu.
func (s *Server) newUUID() string { return randUUID(s.idRand) }

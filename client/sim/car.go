package sim

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
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

// CARRecord is a stored script schedule: the body exactly as received,
// and its decoded form.
type CARRecord struct {
	ID       string
	User     string
	Created  time.Time
	Raw      []byte
	Schedule model.ScriptSchedule
}

type carStore struct {
	recs []CARRecord
}

func newCARStore() *carStore { return &carStore{} }

// CARSchedules returns the stored script schedules, oldest first.
func (s *Server) CARSchedules() []CARRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.car.recs)
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
	problems := append(sched.Validate(), sched.CheckStart(s.opts.Now())...)
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Error()
		}
		return http.StatusBadRequest, carError("Invalid schedule: " + strings.Join(msgs, "; "))
	}
	for _, sc := range sched.Scripts {
		if !knownScript(sc.ID) {
			return http.StatusBadRequest, carError(fmt.Sprintf("Script with id %s was not found.", sc.ID))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := titleKey(sched.Title)
	for _, rec := range s.car.recs {
		if titleKey(rec.Schedule.Title) == key {
			return http.StatusBadRequest, carError(model.CARDuplicateTitlePrefix + sched.Title)
		}
	}
	rec := CARRecord{ID: s.newUUID(), User: user, Created: s.opts.Now(), Raw: slices.Clone(body), Schedule: sched}
	s.car.recs = append(s.car.recs, rec)
	return http.StatusOK, carEnvelope{ErrorCode: model.CARSuccessCode, Message: model.CARCreatedMessage, Body: map[string]string{"id": rec.ID}}
}

func titleKey(t string) string { return strings.ToLower(strings.TrimSpace(t)) }

// The QQL the simulator understands on schedule search (U35): empty, or
// title:"…" / title:… (exact, case-insensitive).
var titleQQL = regexp.MustCompile(`^title\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))$`)

func (s *Server) carSearch(r *http.Request, _ string, body []byte) (int, any) {
	var req model.CARSearchRequest
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return http.StatusBadRequest, carError("Invalid request body: " + err.Error())
	}
	if req.PageSize == 0 {
		req.PageSize = 10
	}
	if req.PageSize < 1 || req.PageSize > 1000 || req.PageNumber < 0 {
		return http.StatusBadRequest, carError(fmt.Sprintf("pageSize must be 1–1000 and pageNumber 0 or more, got %d and %d.", req.PageSize, req.PageNumber))
	}
	var title *string
	if f := strings.TrimSpace(req.Filter); f != "" {
		m := titleQQL.FindStringSubmatch(f)
		if m == nil {
			return http.StatusBadRequest, carError(fmt.Sprintf("Unsupported QQL filter %q.", f))
		}
		t := m[2]
		if m[1] != "" || m[2] == "" {
			t = strings.ReplaceAll(strings.ReplaceAll(m[1], `\"`, `"`), `\\`, `\`)
		}
		title = &t
	}
	desc := strings.Contains(strings.ReplaceAll(req.Sort, " ", ""), `"created.dateTime":"desc"`)
	s.mu.Lock()
	recs := slices.Clone(s.car.recs)
	s.mu.Unlock()
	var list []model.CARSearchItem
	for _, rec := range recs {
		if title != nil && titleKey(rec.Schedule.Title) != titleKey(*title) {
			continue
		}
		list = append(list, model.CARSearchItem{ID: rec.ID, CustomerUUID: customerUUID, CreatedMs: rec.Created.UnixMilli(), Schedule: rec.Schedule})
	}
	if desc {
		slices.Reverse(list)
	}
	total := len(list)
	start := min(req.PageNumber*req.PageSize, total)
	end := min(start+req.PageSize, total)
	return http.StatusOK, carEnvelope{ErrorCode: nil, Message: nil, Body: model.CARSearchBody{TotalCount: total, List: append([]model.CARSearchItem{}, list[start:end]...)}}
}

const customerUUID = "5f0c6e2a-8b4d-4e1f-9a3c-2d7b1e6f0a94"

// newUUID returns a version-4 UUID drawn from the seeded generator, so that
// a run with the same Seed hands out the same ids (stable golden files).
// The caller holds s.mu.
func (s *Server) newUUID() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], s.idRand.Uint64())
	binary.BigEndian.PutUint64(b[8:], s.idRand.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

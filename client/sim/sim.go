// Package sim is the simulated Qualys platform: one http.Handler that
// serves the WAS API-server paths (QPS REST 3.0, XML or JSON, Basic or
// Bearer auth) and the gateway paths (/auth, CAR scheduler, JSON, Bearer
// JWT). It follows the
// documentation as strictly as qsched reads it (docs/api-assumptions.md),
// so that a client that passes against it has a fair chance in production.
package sim

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qsched/qsched/model"
)

// Options configure a simulator. The zero value is usable: defaults are
// filled in by New.
type Options struct {
	Username string // default "demo"
	Password string // default "demo"
	// WASSchedules is how many WAS schedules are seeded (default 250; -1 for none).
	WASSchedules int
	// ScriptSchedules is how many CAR script schedules are seeded. Unlike
	// WASSchedules, the zero value means none (so that tests start from
	// an empty CAR store); `qsched sim` and `qsched --demo` seed 12. They
	// are drawn from Seed, target the seeded agents and tags, and were
	// created days before Now, so the active recurring ones have runs
	// (seed_car.go).
	ScriptSchedules int
	Seed            uint64 // seed of the generated data and of --fail-rate
	// RateLimit is the calls allowed per RateWindow, per user and endpoint
	// (default 2000 per hour, the figure seen on a large subscription).
	RateLimit  int
	RateWindow time.Duration
	// Concurrency is the calls allowed at once per user and endpoint (default 10).
	Concurrency int
	Latency     time.Duration // added to every API request
	// FailRate is the probability (0–1) that an API request fails with an
	// injected fault: one of FailWith, or a 500, 503 or 409.
	FailRate float64
	FailWith []Fault
	TokenTTL time.Duration // gateway JWT lifetime (default 4h)
	// OmitFirstToWait leaves X-RateLimit-ToWait-Sec out of the first blocked
	// response of each block, as real clients have seen (§8.2).
	OmitFirstToWait bool
	// AllowVerbose accepts <verbose> in search preferences (U14; default off).
	AllowVerbose bool
	// Now is the clock (default time.Now). CAR schedules run when it passes
	// their run times: tests pass a clock they advance.
	Now func() time.Time
	// NoScriptSearch makes POST /sm/v1/scripts/search (unconfirmed, U36)
	// answer 404, as a platform without it would.
	NoScriptSearch bool
}

// Server is the simulated platform.
type Server struct {
	opts   Options
	mux    *http.ServeMux
	key    []byte // JWT signing key
	limits *limiter

	mu        sync.Mutex
	was       *wasStore
	car       *carStore
	agents    []Agent // seeded Cloud Agent hosts, by ascending asset id; never changed
	stats     map[string]int
	total     int
	failed    int // 401s to bad Basic credentials or a bad /auth login
	inFlight  int // API requests being served now
	maxFlight int // the most ever served at once
	faults    []*Fault
	faultRand *mrand.Rand
	idRand    *mrand.Rand  // CAR schedule ids
	replySize atomic.Int64 // the last XML reply's size, to size the next's buffer
}

// New builds a simulator with seeded data.
func New(o Options) *Server {
	if o.Username == "" {
		o.Username = "demo"
	}
	if o.Password == "" {
		o.Password = "demo"
	}
	if o.WASSchedules == 0 {
		o.WASSchedules = 250
	}
	if o.RateLimit <= 0 {
		o.RateLimit = 2000
	}
	if o.RateWindow <= 0 {
		o.RateWindow = time.Hour
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 10
	}
	if o.TokenTTL <= 0 {
		o.TokenTTL = model.TokenLifetime
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{
		opts:      o,
		mux:       http.NewServeMux(),
		key:       make([]byte, 32),
		limits:    newLimiter(o.RateLimit, o.RateWindow, o.Concurrency, o.OmitFirstToWait),
		was:       seedWAS(o.Seed, max(o.WASSchedules, 0), o.Now()),
		car:       newCARStore(),
		agents:    seedAgents(o.Seed, o.Now()),
		stats:     map[string]int{},
		faultRand: mrand.New(mrand.NewPCG(o.Seed, 0x5eed)),
		idRand:    mrand.New(mrand.NewPCG(o.Seed, 0xca5)),
	}
	_, _ = rand.Read(s.key)
	s.seedCAR(max(o.ScriptSchedules, 0))
	s.routes()
	return s
}

// Options returns the effective options (credentials included: the
// simulator's credentials are demo values, printed by `qsched sim`).
func (s *Server) Options() Options { return s.opts }

func (s *Server) routes() {
	const was = "/qps/rest/3.0/"
	const obj = "/was/wasscanschedule"
	s.mux.HandleFunc("POST "+was+"search"+obj, s.wasAPI(s.wasSearch))
	s.mux.HandleFunc("GET "+was+"count"+obj, s.wasAPI(s.wasCount))
	s.mux.HandleFunc("POST "+was+"count"+obj, s.wasAPI(s.wasCount))
	s.mux.HandleFunc("GET "+was+"get"+obj+"/{id}", s.wasAPI(s.wasGet))
	s.mux.HandleFunc("POST "+was+"create"+obj, s.wasAPI(s.wasCreate))
	s.mux.HandleFunc("POST "+was+"update"+obj+"/{id}", s.wasAPI(s.wasUpdate))
	for _, op := range []string{"activate", "deactivate", "delete"} {
		s.mux.HandleFunc("POST "+was+op+obj+"/{id}", s.wasAPI(s.wasBulk(op)))
		s.mux.HandleFunc("POST "+was+op+obj, s.wasAPI(s.wasBulk(op)))
	}
	for _, c := range []struct {
		obj    string
		fields map[string]catalogField[catalogItem]
		items  func() []catalogItem
	}{{"webapp", webAppFields, s.webAppItems}, {"optionprofile", profileFields, s.profileItems}} {
		s.mux.HandleFunc("POST "+was+"search/was/"+c.obj, s.catalogAPI(c.obj, c.fields, c.items, false))
		s.mux.HandleFunc("GET "+was+"count/was/"+c.obj, s.catalogAPI(c.obj, c.fields, c.items, true))
		s.mux.HandleFunc("POST "+was+"count/was/"+c.obj, s.catalogAPI(c.obj, c.fields, c.items, true))
	}
	s.mux.HandleFunc("POST /qps/rest/2.0/search/am/hostasset", s.wasAPIReply(s.hostAssetSearch))
	s.mux.HandleFunc("POST /auth", s.auth)
	// CAR: carAPI makes the runs due before answering (car_runs.go).
	// Get, delete, activate and deactivate are guessed paths (U22), the
	// script search an unconfirmed one (U36).
	s.mux.HandleFunc("POST /sm/v1/scripts/scheduler", s.carAPI(s.carCreate))
	s.mux.HandleFunc("POST /sm/v1/scheduler/search", s.carAPI(s.carSearch))
	s.mux.HandleFunc("GET /sm/v1/scheduler/{id}", s.carAPI(s.carGet))
	s.mux.HandleFunc("POST /sm/v1/scheduler/{id}", s.carAPI(s.carUpdate))
	s.mux.HandleFunc("DELETE /sm/v1/scheduler/{id}", s.carAPI(s.carDelete))
	s.mux.HandleFunc("POST /sm/v1/scheduler/{id}/activate", s.carAPI(s.carSetActive(true)))
	s.mux.HandleFunc("POST /sm/v1/scheduler/{id}/deactivate", s.carAPI(s.carSetActive(false)))
	s.mux.HandleFunc("POST /sm/v1/jobs/search", s.carAPI(s.carJobSearch))
	s.mux.HandleFunc("POST /sm/v1/assetjobs/search", s.carAPI(s.carAssetJobSearch))
	s.mux.HandleFunc("POST /sm/v1/assettags/search", s.carAPI(s.carTagSearch))
	if !s.opts.NoScriptSearch {
		s.mux.HandleFunc("POST /sm/v1/scripts/search", s.carAPI(s.carScriptSearch))
	}
	s.mux.HandleFunc("GET /_sim/stats", s.serveStats)
	s.mux.HandleFunc("/", s.unknown)
}

// ServeHTTP counts the request, authenticates API-server (/qps/) requests
// before anything else, as the service does (an unknown path with bad
// credentials is a 401, not INVALID_URL), and routes it. One trailing slash
// on a /qps/ path is ignored: Qualys' own samples write
// …/count/was/webapp/ and …/get/was/wasscanschedule/1688/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	qps := strings.HasPrefix(r.URL.Path, "/qps/")
	if p := r.URL.Path; qps && len(p) > len("/qps/") && strings.HasSuffix(p, "/") {
		r2 := new(http.Request)
		*r2 = *r
		u := *r.URL
		u.Path, u.RawPath = strings.TrimSuffix(p, "/"), ""
		r2.URL = &u
		r = r2
	}
	_, pattern := s.mux.Handler(r)
	if !strings.HasPrefix(r.URL.Path, "/_sim/") {
		if pattern == "/" || pattern == "" {
			pattern = "unmatched"
		}
		s.mu.Lock()
		s.total++
		s.stats[pattern]++
		s.inFlight++
		s.maxFlight = max(s.maxFlight, s.inFlight)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
	}
	if qps {
		user, ok := s.wasAuth(r)
		if !ok {
			s.sleep(r.Context())
			write401(w)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, user))
	}
	s.mux.ServeHTTP(w, r)
}

// Stats is the body of GET /_sim/stats.
type Stats struct {
	Total    int            `json:"total"`
	Requests map[string]int `json:"requests"`
	// FailedLogins counts the requests refused for bad credentials: a 401
	// to Basic auth on the API server or to POST /auth (not a 401 to an
	// expired or forged token).
	FailedLogins int `json:"failedLogins"`
	// MaxInFlight is the most API requests (every endpoint, /_sim/ paths
	// excepted) ever served at the same time.
	MaxInFlight int `json:"maxInFlight"`
}

// Stats returns how many API requests were served, per endpoint pattern
// (for example "POST /qps/rest/3.0/deactivate/was/wasscanschedule").
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string]int, len(s.stats))
	for k, v := range s.stats {
		m[k] = v
	}
	return Stats{Total: s.total, Requests: m, FailedLogins: s.failed, MaxInFlight: s.maxFlight}
}

// loginFailed counts a request refused for bad credentials.
func (s *Server) loginFailed() {
	s.mu.Lock()
	s.failed++
	s.mu.Unlock()
}

func (s *Server) serveStats(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Stats())
}

func (s *Server) unknown(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/qps/") {
		// U9: e.g. update without an id in the path.
		s.writeQPS(w, r, http.StatusOK, qpsError(model.CodeInvalidURL, "The URL "+r.Method+" "+r.URL.Path+" is not a valid API URL."))
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"status": 404, "error": "Not Found", "message": "No route for " + r.Method + " " + r.URL.Path})
}

// sleep waits for the configured latency or the request's end.
func (s *Server) sleep(ctx context.Context) {
	if s.opts.Latency <= 0 {
		return
	}
	t := time.NewTimer(s.opts.Latency)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func ceilSeconds(d time.Duration) int {
	return int(math.Ceil(d.Seconds()))
}

// WASSchedule returns one schedule as the API would show it.
func (s *Server) WASSchedule(id int64) (model.WasScanSchedule, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.was.recs[id]
	if r == nil {
		return model.WasScanSchedule{}, false
	}
	return s.was.view(r, s.opts.Now()), true
}

// WASSchedules returns every schedule in ascending id order.
func (s *Server) WASSchedules() []model.WasScanSchedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	out := make([]model.WasScanSchedule, 0, len(s.was.ids))
	for _, id := range s.was.ids {
		out = append(out, s.was.view(s.was.recs[id], now))
	}
	return out
}

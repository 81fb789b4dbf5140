package sim

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter keeps a rolling window and a concurrency counter per user and
// endpoint (§8.5).
type limiter struct {
	limit, concurrency int
	window             time.Duration
	omitFirstToWait    bool

	mu     sync.Mutex
	states map[string]*limitState
}

type limitState struct {
	calls   []time.Time // admitted calls inside the window, oldest first
	running int
	blocked bool // the previous call was blocked (for omitFirstToWait)
}

// limitResult is what a call learned from the limiter.
type limitResult struct {
	ok          bool
	remaining   int
	toWait      int  // seconds
	omitToWait  bool // leave the ToWait header out
	running     int
	concurrency bool // blocked by concurrency rather than rate
}

func newLimiter(limit int, window time.Duration, concurrency int, omitFirst bool) *limiter {
	return &limiter{limit: limit, window: window, concurrency: concurrency, omitFirstToWait: omitFirst, states: map[string]*limitState{}}
}

// acquire admits or blocks a call. Concurrency is checked first and takes
// precedence (§8.2). When ok, release must be called when the call ends.
func (l *limiter) acquire(key string, now time.Time) (limitResult, func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.states[key]
	if st == nil {
		st = &limitState{}
		l.states[key] = st
	}
	cut := now.Add(-l.window)
	for len(st.calls) > 0 && !st.calls[0].After(cut) {
		st.calls = st.calls[1:]
	}
	res := limitResult{running: st.running + 1}
	switch {
	case st.running >= l.concurrency:
		res.concurrency, res.toWait = true, 1
	case len(st.calls) >= l.limit:
		res.toWait = max(ceilSeconds(st.calls[0].Add(l.window).Sub(now)), 1)
	default:
		st.calls = append(st.calls, now)
		st.running++
		st.blocked = false
		res.ok = true
		res.remaining = l.limit - len(st.calls)
		return res, func() {
			l.mu.Lock()
			st.running--
			l.mu.Unlock()
		}
	}
	res.remaining = max(l.limit-len(st.calls), 0)
	res.omitToWait = l.omitFirstToWait && !st.blocked
	st.blocked = true
	return res, func() {}
}

// concurrencySpelling chooses the header family: the API server uses
// X-Concurrency-Limit-*, the gateway X-ConcurrencyLimit-* (U21, U39).
type concurrencySpelling string

const (
	apiServerSpelling concurrencySpelling = "X-Concurrency-Limit-"
	gatewaySpelling   concurrencySpelling = "X-ConcurrencyLimit-"
)

func (l *limiter) setHeaders(h http.Header, r limitResult, sp concurrencySpelling) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(l.limit))
	h.Set("X-RateLimit-Window-Sec", strconv.Itoa(ceilSeconds(l.window)))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(r.remaining))
	if !r.omitToWait {
		h.Set("X-RateLimit-ToWait-Sec", strconv.Itoa(r.toWait))
	}
	h.Set(string(sp)+"Limit", strconv.Itoa(l.concurrency))
	h.Set(string(sp)+"Running", strconv.Itoa(r.running))
}

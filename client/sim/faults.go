package sim

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FaultKind is how a fault fails a call.
type FaultKind int

// The kinds of fault. Answer, Drop and HTMLPage fail the call before it is
// served: nothing happens on the platform. CommitDrop, Truncate and Slow
// serve it first — a write is stored — and then spoil the answer.
const (
	// Answer replies Status (a rate-limit block for 409/429, an HTML page
	// for 502/503/504, a QPS or gateway error otherwise). The default.
	Answer FaultKind = iota
	// Drop closes the connection without an answer.
	Drop
	// HTMLPage replies Status with a proxy's HTML error page, e.g. 403
	// or 502.
	HTMLPage
	// CommitDrop serves the call, then closes the connection without an
	// answer: the client cannot know a write happened.
	CommitDrop
	// Truncate serves the call and sends only the first half of the body.
	Truncate
	// Slow serves the call and sends the body in 16-byte pieces, Delay
	// apart.
	Slow
	// Hang serves the call, then holds the answer until the client gives
	// up (or Delay passes, a minute by default) and closes the connection:
	// a write that is stored while the operator waits, then cancels.
	Hang
)

// hangCap bounds a Hang whose Delay is not set.
const hangCap = time.Minute

// Fault makes chosen API calls fail, for tests of partial failures and
// retries.
type Fault struct {
	// Kind is how the call fails (default Answer).
	Kind FaultKind
	// Endpoint is a stats pattern such as
	// "POST /qps/rest/3.0/deactivate/was/wasscanschedule"; "" matches every
	// API endpoint.
	Endpoint string
	// Calls are the 1-based numbers of the calls to Endpoint that fail,
	// counted from when the fault was added; empty means every call.
	Calls []int
	// Status is the HTTP status: 409/429 look like a rate-limit block, 5xx
	// like a server failure.
	Status int
	// ToWait is X-RateLimit-ToWait-Sec on a 409/429; negative leaves the
	// header out.
	ToWait int
	// RetryAfter, when positive, is sent as Retry-After (seconds).
	RetryAfter int
	// Delay is the pause between the pieces of a Slow answer.
	Delay time.Duration

	seen int
}

// AddFault installs a fault. Faults are checked after authentication.
func (s *Server) AddFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every installed fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// fault returns the fault that applies to this call, if any: an installed
// one, or a random one under Options.FailRate.
func (s *Server) fault(pattern string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.Endpoint != "" && f.Endpoint != pattern {
			continue
		}
		f.seen++
		if len(f.Calls) == 0 {
			return f
		}
		for _, n := range f.Calls {
			if n == f.seen {
				return f
			}
		}
	}
	if s.opts.FailRate > 0 && s.faultRand.Float64() < s.opts.FailRate {
		kinds := s.opts.FailWith
		if len(kinds) == 0 {
			kinds = defaultFaults
		}
		f := kinds[s.faultRand.IntN(len(kinds))]
		return &f
	}
	return nil
}

// defaultFaults are what FailRate injects unless Options.FailWith says.
var defaultFaults = []Fault{{Status: http.StatusInternalServerError}, {Status: http.StatusServiceUnavailable}, {Status: http.StatusConflict, ToWait: 1}}

// faultNames are the faults `qsched sim --faults` names.
var faultNames = map[string]Fault{
	"500": {Status: 500}, "502": {Status: 502}, "503": {Status: 503}, "504": {Status: 504},
	"503-retry-after": {Status: 503, RetryAfter: 2},
	"409":             {Status: 409, ToWait: 1}, "409-no-wait": {Status: 409, ToWait: -1},
	"429":  {Status: 429, ToWait: 1},
	"drop": {Kind: Drop}, "commit-drop": {Kind: CommitDrop},
	"truncate": {Kind: Truncate}, "slow": {Kind: Slow, Delay: 50 * time.Millisecond},
	"hang":     {Kind: Hang},
	"html-403": {Kind: HTMLPage, Status: 403}, "html-502": {Kind: HTMLPage, Status: 502},
}

// ParseFaults reads a comma-separated list of fault names (see
// FaultNames) for Options.FailWith.
func ParseFaults(list string) ([]Fault, error) {
	var out []Fault
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(strings.ToLower(n))
		if n == "" {
			continue
		}
		f, ok := faultNames[n]
		if !ok {
			return nil, fmt.Errorf("unknown fault %q; known: %s", n, strings.Join(FaultNames(), ", "))
		}
		out = append(out, f)
	}
	return out, nil
}

// FaultNames lists the names ParseFaults reads, sorted.
func FaultNames() []string { return slices.Sorted(maps.Keys(faultNames)) }

// before reports a fault that fails the call without serving it.
func (f *Fault) before() bool { return f.Kind == Answer || f.Kind == Drop || f.Kind == HTMLPage }

// failEarly answers a fault that fails the call before it is served:
// answer writes the Answer kind in the host's own form.
func (f *Fault) failEarly(w http.ResponseWriter, answer func()) {
	f.setWaitHeaders(w.Header())
	switch f.Kind {
	case Drop:
		panic(http.ErrAbortHandler) // net/http closes the connection
	case HTMLPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>" + strconv.Itoa(f.Status) + " " + http.StatusText(f.Status) + "</title></head><body><h1>" + http.StatusText(f.Status) + "</h1><p>Request refused by the proxy.</p></body></html>\n"))
	default:
		answer()
	}
}

// spoil sends the answer a served call produced (in buf) as the fault
// says.
func (f *Fault) spoil(w http.ResponseWriter, buf *bufferedResponse) {
	for k, v := range buf.header {
		w.Header()[k] = v
	}
	body := buf.body.Bytes()
	switch f.Kind {
	case CommitDrop:
		panic(http.ErrAbortHandler)
	case Truncate:
		w.Header().Del("Content-Length")
		w.WriteHeader(buf.status)
		_, _ = w.Write(body[:len(body)/2])
	case Slow:
		w.WriteHeader(buf.status)
		fl, _ := w.(http.Flusher)
		for len(body) > 0 {
			n := min(16, len(body))
			if _, err := w.Write(body[:n]); err != nil {
				return
			}
			if fl != nil {
				fl.Flush()
			}
			body = body[n:]
			time.Sleep(f.Delay)
		}
	}
}

// bufferedResponse holds a served call's answer for spoil.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBuffered() *bufferedResponse {
	return &bufferedResponse{header: http.Header{}, status: http.StatusOK}
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }

// serveWith runs serve, spoiling its answer when f serves the call first.
func serveWith(w http.ResponseWriter, r *http.Request, f *Fault, serve func(http.ResponseWriter)) {
	if f == nil {
		serve(w)
		return
	}
	buf := newBuffered()
	serve(buf)
	if f.Kind == Hang {
		wait := f.Delay
		if wait <= 0 {
			wait = hangCap
		}
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-r.Context().Done():
		case <-t.C:
		}
		panic(http.ErrAbortHandler)
	}
	f.spoil(w, buf)
}

// setWaitHeaders makes a 409/429 fault look like a rate-limit block, and
// sends Retry-After when set.
func (f *Fault) setWaitHeaders(h http.Header) {
	if f.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	if f.Status != http.StatusConflict && f.Status != http.StatusTooManyRequests {
		return
	}
	h.Set("X-RateLimit-Remaining", "0")
	if f.ToWait >= 0 {
		h.Set("X-RateLimit-ToWait-Sec", strconv.Itoa(f.ToWait))
	} else {
		h.Del("X-RateLimit-ToWait-Sec")
	}
}

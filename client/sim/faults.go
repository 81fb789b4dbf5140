package sim

import (
	"net/http"
	"strconv"
)

// Fault makes chosen API calls fail, for tests of partial failures and
// retries.
type Fault struct {
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
		statuses := []int{http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusConflict}
		return &Fault{Status: statuses[s.faultRand.IntN(len(statuses))], ToWait: 1}
	}
	return nil
}

// setWaitHeaders makes a 409/429 fault look like a rate-limit block.
func (f *Fault) setWaitHeaders(h http.Header) {
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

package client

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is the rate-limit state a response reported (§8.1). A field is
// -1 when its header was absent.
type RateLimit struct {
	Limit              int
	WindowSec          int
	Remaining          int
	ToWaitSec          int
	ConcurrencyLimit   int
	ConcurrencyRunning int
	Seen               time.Time
	// Endpoint names the limit the numbers belong to (LimitName): Qualys
	// counts calls per user and endpoint (U13), so each endpoint has its
	// own budget.
	Endpoint string
}

// LimitName is a short name for the endpoint of path, whose rate limit
// the response's headers report: "search wasscanschedule" for
// /qps/rest/3.0/search/was/wasscanschedule, "scheduler search" for the
// gateway's /sm/v1/scheduler/search. Ids in the path are left out.
func LimitName(path string) string {
	parts := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	if len(parts) >= 5 && parts[0] == "qps" && parts[1] == "rest" {
		return parts[3] + " " + parts[len(parts)-1-idTail(parts)]
	}
	var out []string
	for _, p := range parts {
		if isIDSegment(p) || strings.HasPrefix(p, "v") && len(p) <= 3 {
			continue // an id, or the version
		}
		out = append(out, p)
	}
	if len(out) > 2 {
		out = out[len(out)-2:]
	}
	return strings.Join(out, " ")
}

// idTail is 1 when the path ends with an id, else 0.
func idTail(parts []string) int {
	if isIDSegment(parts[len(parts)-1]) {
		return 1
	}
	return 0
}

// isIDSegment reports whether a path segment is an id: all digits, or a
// UUID.
func isIDSegment(p string) bool {
	if p == "" {
		return false
	}
	if strings.Trim(p, "0123456789") == "" {
		return true
	}
	return len(p) == 36 && strings.Count(p, "-") == 4
}

// noRateLimit is the state of a call that got no answer: nothing known.
var noRateLimit = RateLimit{Limit: -1, WindowSec: -1, Remaining: -1, ToWaitSec: -1, ConcurrencyLimit: -1, ConcurrencyRunning: -1}

// Known reports whether any rate-limit header was present.
func (r RateLimit) Known() bool {
	return r.Limit >= 0 || r.Remaining >= 0 || r.ToWaitSec >= 0 || r.ConcurrencyLimit >= 0
}

// ToWait is the wait X-RateLimit-ToWait-Sec names, or 0 when it names
// none.
func (r RateLimit) ToWait() time.Duration { return secondsWait(r.ToWaitSec) }

// maxServerWait caps a wait a server names in seconds: a larger number is
// still far longer than any MaxWait, and time.Duration cannot hold some
// (beyond about 292 years the product wraps to a negative wait).
const maxServerWait = 24 * 365 * time.Hour

// secondsWait is n seconds as a duration, capped at maxServerWait; 0 for
// n <= 0.
func secondsWait(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	if int64(n) > int64(maxServerWait/time.Second) {
		return maxServerWait
	}
	return time.Duration(n) * time.Second
}

// parseRateLimit reads the X-RateLimit-* headers and both spellings of the
// concurrency headers (X-Concurrency-Limit-* and X-ConcurrencyLimit-*, U21).
func parseRateLimit(h http.Header, now time.Time) RateLimit {
	num := func(names ...string) int {
		for _, n := range names {
			if v := h.Get(n); v != "" {
				if i, err := strconv.Atoi(v); err == nil && i >= 0 {
					return i
				}
			}
		}
		return -1
	}
	return RateLimit{
		Limit:              num("X-RateLimit-Limit"),
		WindowSec:          num("X-RateLimit-Window-Sec"),
		Remaining:          num("X-RateLimit-Remaining"),
		ToWaitSec:          num("X-RateLimit-ToWait-Sec"),
		ConcurrencyLimit:   num("X-Concurrency-Limit-Limit", "X-ConcurrencyLimit-Limit"),
		ConcurrencyRunning: num("X-Concurrency-Limit-Running", "X-ConcurrencyLimit-Running"),
		Seen:               now,
	}
}

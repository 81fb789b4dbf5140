package client

import (
	"net/http"
	"strconv"
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

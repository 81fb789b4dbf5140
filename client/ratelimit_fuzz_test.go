package client

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzRateLimitHeaders checks the reading of the rate-limit and
// Retry-After headers: every field is -1 (absent or not a count) or the
// count the header gives; the concurrency headers are read in either
// spelling; Known says whether any was read; and a wait the server names,
// however large, is never negative (a negative wait would be a retry at
// once where the server asked for a long pause).
func FuzzRateLimitHeaders(f *testing.F) {
	f.Add("300", "3600", "299", "0", "2", "1", "", "120")
	f.Add("", "", "", "9223372037", "", "", "5", "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add("-1", "x", " 7", "+5", "", "3", "", "99999999999999999999")
	f.Fuzz(func(t *testing.T, limit, window, remaining, toWait, concA, concB, running, retry string) {
		h := http.Header{}
		set := func(k, v string) {
			if v != "" {
				h.Set(k, v)
			}
		}
		set("X-RateLimit-Limit", limit)
		set("X-RateLimit-Window-Sec", window)
		set("X-RateLimit-Remaining", remaining)
		set("X-RateLimit-ToWait-Sec", toWait)
		set("X-Concurrency-Limit-Limit", concA)
		set("X-ConcurrencyLimit-Limit", concB)
		set("X-ConcurrencyLimit-Running", running)
		now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		rl := parseRateLimit(h, now)
		count := func(v string) int {
			if n, err := strconv.Atoi(v); err == nil && n >= 0 {
				return n
			}
			return -1
		}
		for _, c := range []struct {
			name string
			got  int
			want int
		}{
			{"limit", rl.Limit, count(limit)}, {"window", rl.WindowSec, count(window)}, {"remaining", rl.Remaining, count(remaining)},
			{"to wait", rl.ToWaitSec, count(toWait)}, {"running", rl.ConcurrencyRunning, count(running)},
		} {
			if c.got != c.want {
				t.Fatalf("%s: got %d, want %d (headers %v)", c.name, c.got, c.want, h)
			}
		}
		wantConc := count(concA)
		if wantConc < 0 {
			wantConc = count(concB)
		}
		if rl.ConcurrencyLimit != wantConc || !rl.Seen.Equal(now) {
			t.Fatalf("concurrency limit %d, want %d", rl.ConcurrencyLimit, wantConc)
		}
		if rl.Known() != (rl.Limit >= 0 || rl.Remaining >= 0 || rl.ToWaitSec >= 0 || rl.ConcurrencyLimit >= 0) {
			t.Fatalf("Known = %v for %+v", rl.Known(), rl)
		}
		if w := rl.ToWait(); w < 0 || (rl.ToWaitSec > 0 && w < time.Second) || (rl.ToWaitSec <= 0 && w != 0) {
			t.Fatalf("ToWait of %d s is %v", rl.ToWaitSec, w)
		}
		d, ok := retryAfter(retry, now)
		if ok && d < 0 {
			t.Fatalf("Retry-After %q is a negative wait %v", retry, d)
		}
		if n, err := strconv.Atoi(strings.TrimSpace(retry)); err == nil && n > 0 && (!ok || d < time.Second) {
			t.Fatalf("Retry-After %q read as %v, %v", retry, d, ok)
		}
	})
}

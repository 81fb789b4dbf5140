package client

import (
	"fmt"
	"net/http"
	"time"
)

// RetryWait is a wait before an idempotent call is sent again: how long,
// which call, and why.
type RetryWait struct {
	Op      string
	Delay   time.Duration
	Status  int  // the answer that asked for the wait; 0 after a network error
	Limited bool // the Qualys rate or concurrency limit (409, 429)
	Attempt int  // the attempt that will follow the wait (2 for the first retry)
	Retries int  // the most retries the client makes
}

// String says the wait in one line, e.g. "waiting 12s for the Qualys rate
// limit (HTTP 429 on search WAS schedules; retry 1 of 3)" or "waiting 2s
// after HTTP 503 (search WAS schedules; retry 1 of 3)".
func (w RetryWait) String() string {
	d := w.Delay.Round(time.Second)
	retry := fmt.Sprintf("retry %d of %d", w.Attempt-1, w.Retries)
	switch {
	case w.Limited:
		// The API server blocks with 409 for both its rate and its
		// concurrency limit, the gateway with 429 (U21).
		return fmt.Sprintf("waiting %s for the Qualys rate limit (HTTP %d on %s; %s)", d, w.Status, w.Op, retry)
	case w.Status > 0:
		return fmt.Sprintf("waiting %s after HTTP %d (%s; %s)", d, w.Status, w.Op, retry)
	}
	return fmt.Sprintf("waiting %s after a network error (%s; %s)", d, w.Op, retry)
}

func retryWaitOf(r *Request, resp *response, attempt, retries int, d time.Duration) RetryWait {
	w := RetryWait{Op: r.op, Delay: d, Attempt: attempt + 1, Retries: retries}
	if resp != nil {
		w.Status = resp.status
		w.Limited = resp.status == http.StatusConflict || resp.status == http.StatusTooManyRequests
	}
	return w
}

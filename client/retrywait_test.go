package client_test

import (
	"testing"
	"time"

	"github.com/qsched/qsched/client"
)

func TestRetryWaitSaysWhy(t *testing.T) {
	for w, want := range map[client.RetryWait]string{
		{Op: "count WAS schedules", Delay: 11600 * time.Millisecond, Status: 429, Limited: true, Attempt: 2, Retries: 3}: "waiting 12s for the Qualys rate limit (HTTP 429 on count WAS schedules; retry 1 of 3)",
		{Op: "search", Delay: 2 * time.Second, Status: 503, Attempt: 3, Retries: 3}:                                      "waiting 2s after HTTP 503 (search; retry 2 of 3)",
		{Op: "search", Delay: time.Second, Attempt: 2, Retries: 3}:                                                       "waiting 1s after a network error (search; retry 1 of 3)",
	} {
		if got := w.String(); got != want {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	}
}

package apilog

import (
	"fmt"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/safe"
)

// entry is a CallRecord made safe and ready to render: every string is
// sanitized once, when the record arrives.
type entry struct {
	time     time.Time
	method   string
	path     string
	op       string // the operation the row shows (operation)
	status   int
	code     string
	duration time.Duration
	attempt  int
	rate     client.RateLimit
	err      string

	// What curl and the call's view need, kept as the client recorded it
	// (redacted) and made safe when shown. The bodies of older calls are
	// dropped (bodiesDropped) to bound the memory the log holds.
	url           string
	auth          string
	contentType   string
	req, resp     client.CallBody
	bodiesDropped bool
	// lower is what the filter searches: method, path, status and
	// operation; words, the operation's words (the filter's whole-word
	// terms).
	lower string
	words []string
}

func newEntry(r client.CallRecord) entry {
	return entry{
		time:     r.Time,
		method:   safe.Line(r.Method, 10),
		path:     safe.Line(r.Path, 0),
		op:       safe.Line(operation(r.Method, r.Path), 0),
		status:   r.Status,
		code:     safe.Line(r.Code, 40),
		duration: r.Duration,
		attempt:  r.Attempt,
		rate:     r.RateLimit,
		err:      safe.Line(r.Err, 0),

		url:         r.URL,
		auth:        r.Auth,
		contentType: r.ContentType,
		req:         r.Request,
		resp:        r.Response,
	}
}

// dropBodies forgets the bodies (the log keeps them for the newest calls
// only).
func (e *entry) dropBodies() {
	if e.req.Text != "" || e.resp.Text != "" {
		e.req.Text, e.resp.Text, e.bodiesDropped = "", "", true
	}
}

func (e entry) failed() bool { return e.err != "" || e.status == 0 || e.status >= 400 }

func (e entry) statusText() string {
	s := "ERR"
	if e.status > 0 {
		s = fmt.Sprint(e.status)
	}
	if e.code != "" {
		s += " " + e.code
	}
	return s
}

func (e entry) budget() string {
	if e.rate.Remaining < 0 && e.rate.Limit < 0 {
		return "–"
	}
	return orDash(e.rate.Remaining) + "/" + orDash(e.rate.Limit)
}

func orDash(n int) string {
	if n < 0 {
		return "–"
	}
	return fmt.Sprint(n)
}

func formatDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "–"
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < 100*time.Second:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	default:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
}

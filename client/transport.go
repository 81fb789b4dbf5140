// Transport: sending a request through the Account's guard (credential
// proof and stop, calls in flight), retries with backoff, rate-limit
// observation and call records.

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// CallRecord describes one HTTP exchange for the API log. It carries no
// headers other than the rate-limit state and the content type, and of
// the bodies only what CallBody keeps: the first MaxLoggedBody bytes with
// every credential and token redacted (RedactBody); the /auth login's
// bodies are withheld whole. Its strings are kept as they were (Path as
// requested, Code as the server sent it); a view shows them through
// ui/safe.
type CallRecord struct {
	Time      time.Time
	Method    string
	Path      string
	Status    int
	Code      string
	Duration  time.Duration
	Attempt   int
	RateLimit RateLimit
	Err       string

	// URL is the full URL called (scheme, host, path and query; never
	// user info).
	URL string
	// Auth is how the call was authenticated (AuthBasic, AuthBearer,
	// AuthForm or AuthNone), never the credential.
	Auth        string
	ContentType string // of the request
	Request     CallBody
	Response    CallBody
}

// RateLimit returns the last rate-limit state any response reported to
// any Client of the account.
func (c *Client) RateLimit() RateLimit { return c.acct.rateLimit() }

type response struct {
	status int
	header http.Header
	body   []byte
	limit  RateLimit
}

// do sends r, with authorize adding the credentials the call was admitted
// with, retrying a bounded number of times idempotent calls that were
// blocked (409/429: not done), and reads that failed on the way (a
// network error, an unreadable body, 500, 502, 503 or 504 — transient
// where a read is concerned; a write is never sent twice for them). It
// returns the final response whatever its status; the
// account is stopped on a rejected credential (credentialOutcome), and the
// error the caller returns for it is the caller's.
func (c *Client) do(ctx context.Context, r *Request, authorize func(*http.Request, ticket)) (*response, error) {
	if r == nil || r.host == 0 {
		return nil, errNotFor("any server", r)
	}
	if c.acct.Stopped() {
		return nil, ErrAuthStopped
	}
	if r.write && c.cfg.ReadOnly {
		return nil, ErrReadOnly
	}
	base := c.cfg.APIURL
	if r.host == gateway {
		base = c.cfg.GatewayURL
	}
	u, err := url.Parse(base + r.path)
	if err != nil {
		return nil, fmt.Errorf("%s: bad URL: %w", r.op, err)
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.send(ctx, r, authorize, u, attempt)
		wait, again := c.retryWait(r, resp, err, attempt)
		if !again {
			return resp, err
		}
		if c.cfg.OnWait != nil {
			c.cfg.OnWait(r.op, wait)
		}
		if c.cfg.OnRetryWait != nil {
			c.cfg.OnRetryWait(retryWaitOf(r, resp, attempt, c.cfg.MaxRetries, wait))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%s: %w", r.op, ctx.Err())
		case <-t.C:
		}
	}
}

// retryWait says whether the outcome of attempt is worth another, and
// after how long: ToWait or Retry-After when the server says, a backoff
// otherwise, never past MaxWait or MaxRetries.
func (c *Client) retryWait(r *Request, resp *response, err error, attempt int) (time.Duration, bool) {
	if !r.idempotent || attempt > c.cfg.MaxRetries {
		return 0, false
	}
	wait := c.backoff(attempt)
	var e *Error
	switch {
	case err != nil:
		// A network error or an unreadable body: the read may go again.
		if r.write || !errors.As(err, &e) || !e.Retryable || ctx0(err) {
			return 0, false
		}
	case resp.status == http.StatusConflict || resp.status == http.StatusTooManyRequests:
		if rl := resp.limit; rl.ToWaitSec > 0 {
			// A missing header is not zero: only a present one replaces
			// the backoff.
			wait = rl.ToWait()
		}
	case transientStatus(resp.status) && !r.write:
		if d, ok := retryAfter(resp.header.Get("Retry-After"), c.cfg.Now()); ok {
			wait = d
		}
	default:
		return 0, false
	}
	return wait, wait <= c.cfg.MaxWait
}

// transientStatus is a server failure a read may outlast.
func transientStatus(s int) bool {
	return s == http.StatusInternalServerError || s == http.StatusBadGateway || s == http.StatusServiceUnavailable || s == http.StatusGatewayTimeout
}

// ctx0 reports a cancelled or expired context, which no retry outlasts.
func ctx0(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// retryAfter reads Retry-After: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return secondsWait(n), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// backoff grows from MinBackoff to MaxBackoff with jitter.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.MinBackoff << (attempt - 1)
	if d > c.cfg.MaxBackoff || d <= 0 {
		d = c.cfg.MaxBackoff
	}
	c.rngMu.Lock()
	j := time.Duration(c.rng.Int64N(int64(d)/4 + 1))
	c.rngMu.Unlock()
	return min(d+j, c.cfg.MaxBackoff)
}

// admit waits for the account's guard to let r out, then for a slot among
// the account's calls in flight. A call admitted before a stop or a new
// password is not sent with what it was admitted with: it fails with
// ErrAuthStopped or is admitted again. release must be called with the
// answer's outcome for the credentials.
func (c *Client) admit(ctx context.Context, r *Request) (t ticket, release func(outcome), err error) {
	a := c.acct
	for {
		if t, err = a.admit(ctx, r.host); err != nil {
			if ctx.Err() != nil {
				err = fmt.Errorf("%s: %w", r.op, ctx.Err())
			}
			return t, nil, err
		}
		select {
		case a.sem <- struct{}{}:
		case <-ctx.Done():
			a.settle(t, r.host, unknown)
			return t, nil, fmt.Errorf("%s: %w", r.op, ctx.Err())
		}
		if a.current(t) {
			return t, func(o outcome) { <-a.sem; a.settle(t, r.host, o) }, nil
		}
		<-a.sem
		a.settle(t, r.host, unknown)
	}
}

func (c *Client) send(ctx context.Context, r *Request, authorize func(*http.Request, ticket), u *url.URL, attempt int) (*response, error) {
	t, release, err := c.admit(ctx, r)
	if err != nil {
		return nil, err
	}
	status := 0
	defer func() { release(credentialOutcome(r, status)) }()

	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.op, err)
	}
	req.Header = r.header.Clone()
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("X-Requested-With", c.cfg.UserAgent)
	if authorize != nil {
		authorize(req, t)
	}
	start := c.cfg.Now()
	// No answer, no rate-limit state: a zero RateLimit would read as a
	// budget of 0/0.
	rec := CallRecord{Time: start, Method: r.method, Path: u.Path, Attempt: attempt, RateLimit: noRateLimit}
	if c.cfg.Observer != nil {
		c.recordRequest(&rec, r, req, u)
	}
	hr, err := c.hc.Do(req)
	if err != nil {
		rec.Duration, rec.Err = c.cfg.Now().Sub(start), "network error"
		if ctx.Err() != nil {
			// qsched stopped waiting; the request may have reached the
			// server all the same.
			rec.Err = "cancelled (the server may have acted on it)"
		}
		c.observe(rec)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", r.op, ctx.Err())
		}
		return nil, &Error{Op: r.op, Message: "network error: " + networkReason(err), Retryable: true}
	}
	defer hr.Body.Close()
	b, err := io.ReadAll(io.LimitReader(hr.Body, 64<<20))
	status = hr.StatusCode
	rec.Duration, rec.Status = c.cfg.Now().Sub(start), hr.StatusCode
	rec.RateLimit = parseRateLimit(hr.Header, c.cfg.Now())
	rec.RateLimit.Endpoint = LimitName(hr.Request.URL.Path)
	if rec.RateLimit.Known() {
		c.acct.setRateLimit(rec.RateLimit)
	}
	if err != nil {
		rec.Err = "body read error"
		c.observe(rec)
		return nil, &Error{Op: r.op, Status: hr.StatusCode, Message: "the response body could not be read", Retryable: true}
	}
	rec.Code = resultCode(b)
	if c.cfg.Observer != nil {
		rec.Response = logBody(b)
		if r.login {
			rec.Response = CallBody{Size: len(b), Withheld: "the gateway's token"}
		}
	}
	c.observe(rec)
	return &response{status: hr.StatusCode, header: hr.Header, body: b, limit: rec.RateLimit}, nil
}

var (
	qpsCodeRE = regexp.MustCompile(`<responseCode>\s*([A-Za-z_]{1,64})\s*</responseCode>`)
	// A QPS answer in JSON (decodeQPS).
	qpsJSONCodeRE = regexp.MustCompile(`"responseCode"\s*:\s*"([A-Za-z_]{1,64})"`)
	carCodeRE     = regexp.MustCompile(`"errorCode"\s*:\s*"?([A-Za-z0-9_]{1,32})`)
)

// resultCode finds the QPS responseCode or the CAR errorCode near the start
// of a body, for the API log; a QPS answer in JSON may put responseCode
// last (the WAS JSON samples do), so its end is looked at too. Nothing
// else of the body is kept.
func resultCode(b []byte) string {
	head, tail := b[:min(len(b), 4096)], b[max(0, len(b)-4096):]
	if m := qpsCodeRE.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	for _, part := range [][]byte{head, tail} {
		if m := qpsJSONCodeRE.FindSubmatch(part); m != nil {
			return string(m[1])
		}
	}
	if m := carCodeRE.FindSubmatch(head); m != nil && string(m[1]) != "null" {
		return string(m[1])
	}
	return ""
}

func (c *Client) observe(r CallRecord) {
	if c.cfg.Observer != nil {
		c.cfg.Observer(r)
	}
}

// networkReason describes a transport error without the request URL
// (url.Error repeats it, and a URL may carry user info).
func networkReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// describeBody says what a non-API body was, without dumping it.
func describeBody(resp *response) string {
	ct := resp.header.Get("Content-Type")
	if ct == "" {
		ct = "no content type"
	}
	if len(bytes.TrimSpace(resp.body)) == 0 {
		return fmt.Sprintf("HTTP %d with an empty body", resp.status)
	}
	kind := "a body"
	if strings.Contains(ct, "html") || bytes.HasPrefix(bytes.TrimSpace(bytes.ToLower(resp.body)), []byte("<html")) || bytes.HasPrefix(bytes.TrimSpace(bytes.ToLower(resp.body)), []byte("<!doctype html")) {
		kind = "an HTML page"
	}
	return fmt.Sprintf("HTTP %d with %s (%s, %d bytes) instead of an API response", resp.status, kind, ct, len(resp.body))
}

// cutShort reports whether a body failed to parse because it ended too
// soon: a truncated answer (the connection dropped mid-body), not a page
// that is no API answer at all.
func cutShort(err error) bool {
	var xe *xml.SyntaxError
	if errors.As(err, &xe) {
		return strings.Contains(xe.Msg, "unexpected EOF")
	}
	var je *json.SyntaxError
	return errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &je) && strings.Contains(je.Error(), "unexpected end of JSON input"))
}

// markCutShort makes the error of an answer that ended too soon
// (parseErr) say so: the connection most likely dropped mid-body. The
// transport has already decided on retries (it does not parse bodies), so
// a read that fails this way is not sent again by itself.
func markCutShort(err, parseErr error) {
	var e *Error
	if cutShort(parseErr) && errors.As(err, &e) {
		e.Message += " — the answer was cut short"
	}
}

func retryableStatus(s int) bool {
	return s == http.StatusConflict || s == http.StatusTooManyRequests || s >= 500
}

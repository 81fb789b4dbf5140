package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// freshToken returns the account's gateway token, logging in when there is
// none or when it is due for renewal — before the exp claim the token
// carries (model.TokenRenewAt), or, for a token without one, before the
// configured lifetime ends — so that no call, and no write sent after a
// long look at a confirmation, goes out with a token about to lapse: POST /auth with
// username, password and token=true, answered 201 with the raw token. One
// login at a time per account: the others wait and use its token. A 401
// stops the account (the transport latches it); a login is never retried.
func (c *Client) freshToken(ctx context.Context) (string, error) {
	a := c.acct
	select {
	case a.login <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-a.login }()
	now := c.cfg.Now()
	a.mu.Lock()
	tok, renewAt, stopped := a.token, a.renewAt, a.stopped
	a.mu.Unlock()
	if stopped {
		return "", ErrAuthStopped
	}
	if tok != "" && now.Before(renewAt) {
		return tok, nil
	}
	const op = "log in to the gateway"
	// The request holds no credential: the transport writes the body
	// (loginForm) with the credentials it admits the call with, and the
	// body is never logged.
	req := newRequest(gateway, op, http.MethodPost, "/auth", "application/x-www-form-urlencoded", nil, false, false)
	req.login = true
	var gen uint64
	resp, err := c.do(ctx, req, func(r *http.Request, t ticket) {
		gen = t.gen
		loginForm(r, t.creds)
	})
	if err != nil {
		return "", err
	}
	switch {
	case resp.status == http.StatusUnauthorized || resp.status == http.StatusForbidden:
		return "", &AuthError{Op: op, Status: resp.status}
	case resp.status != http.StatusCreated:
		return "", &Error{Op: op, Status: resp.status, Message: describeBody(resp), Retryable: retryableStatus(resp.status)}
	}
	tok = strings.TrimSpace(string(resp.body))
	if tok == "" || strings.ContainsAny(tok, " \n{<") {
		return "", &Error{Op: op, Status: resp.status, Message: "the gateway answered 201 without a token"}
	}
	renewAt = model.TokenRenewAt(now, now.Add(tokenLife(tok, now, c.cfg.TokenLifetime)))
	a.mu.Lock()
	if gen == a.gen { // not a token for a password replaced meanwhile
		a.token, a.renewAt = tok, renewAt
	}
	a.mu.Unlock()
	return tok, nil
}

// loginForm sets the /auth form body with cr.
func loginForm(r *http.Request, cr Credentials) {
	form := url.Values{"username": {cr.Username}, "password": {cr.Password}, "token": {"true"}}.Encode()
	r.Body = io.NopCloser(strings.NewReader(form))
	r.ContentLength = int64(len(form))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(form)), nil }
}

// dropToken forgets tok if it is still the account's token.
func (c *Client) dropToken(tok string) {
	a := c.acct
	a.mu.Lock()
	if a.token == tok {
		a.token = ""
	}
	a.mu.Unlock()
}

// tokenLife is how long tok lives from now: its own lifetime (exp − iat,
// measured from now, so that a gateway clock ahead or behind ours does
// not matter), else exp − now, capped by the configured lifetime.
func tokenLife(tok string, now time.Time, configured time.Duration) time.Duration {
	iat, exp, ok := model.TokenExpiry(tok)
	if !ok {
		return configured
	}
	life := exp.Sub(iat)
	if iat.IsZero() || life <= 0 {
		life = exp.Sub(now)
	}
	return max(min(life, configured), 0)
}

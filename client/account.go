// Account: what one Qualys user on one platform shares across every
// Client of the process — the calls in flight, the proof or rejection of
// the credentials, the gateway token and the rate-limit state.

package client

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
)

// AccountConfig sets up an Account.
type AccountConfig struct {
	APIURL      string // API server base URL (WAS)
	GatewayURL  string // gateway base URL (CAR)
	Credentials Credentials
	// MaxInFlight caps the calls in flight for the whole account, both
	// hosts and every Client together (default 2, §8.3 of the API notes).
	MaxInFlight int
	// PasswordLater accepts an empty password: the operator types it
	// later (Account.SetPassword) and until then no Client of the account
	// sends anything (ErrNoPassword). Without it an empty password is an
	// error.
	PasswordLater bool
}

// Account is one Qualys user on one API server and gateway, shared by
// every Client built with it (Config.Account): however many sessions the
// process serves, the user has
//
//   - at most MaxInFlight calls in flight, in total;
//   - one credential check at a time until the credentials are proven:
//     while no request to a host has proven them, exactly one request
//     (to either host) is sent and the others wait for its outcome;
//   - one stop after a rejected credential (a 401 from the API server or
//     from /auth): from then on no Client of the account sends anything
//     (ErrAuthStopped) until SetPassword;
//   - one gateway login and one token;
//   - one rate-limit state (Client.RateLimit).
//
// Get Accounts from an Accounts registry so that the same user on the same
// hosts always gets the same Account. An Account is safe for concurrent use.
type Account struct {
	apiURL, gatewayURL string
	sem                chan struct{}

	mu      sync.Mutex
	creds   Credentials
	gen     uint64 // bumped by SetPassword; outcomes of older calls are ignored
	stopped bool
	proven  [gateway + 1]bool // by host
	probing bool              // an unproven request is out
	changed chan struct{}     // closed and replaced when the above change
	last    RateLimit
	token   string
	renewAt time.Time // when to fetch a new token (from its exp claim, or the configured lifetime)

	login chan struct{} // held while logging in to the gateway
}

// NewAccount builds an Account. It sends nothing. Most callers want
// Accounts.Get instead, which returns the same Account for the same user
// and hosts.
func NewAccount(cfg AccountConfig) (*Account, error) {
	if cfg.APIURL == "" && cfg.GatewayURL == "" {
		return nil, errors.New("no API URL configured")
	}
	if cfg.Credentials.Username == "" || (cfg.Credentials.Password == "" && !cfg.PasswordLater) {
		return nil, errors.New("missing credentials: set QUALYS_USERNAME and QUALYS_PASSWORD")
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 2
	}
	return &Account{
		apiURL: cfg.APIURL, gatewayURL: cfg.GatewayURL, creds: cfg.Credentials,
		sem: make(chan struct{}, cfg.MaxInFlight), changed: make(chan struct{}), login: make(chan struct{}, 1),
		last: RateLimit{Limit: -1, WindowSec: -1, Remaining: -1, ToWaitSec: -1, ConcurrencyLimit: -1, ConcurrencyRunning: -1},
	}, nil
}

// Username is the account's Qualys user name.
func (a *Account) Username() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.creds.Username
}

// APIURL and GatewayURL are the base URLs the account's Clients call.
func (a *Account) APIURL() string     { return a.apiURL }
func (a *Account) GatewayURL() string { return a.gatewayURL }

// Stopped reports whether a credential was rejected: no Client of the
// account sends anything until SetPassword.
func (a *Account) Stopped() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.stopped
}

// NeedsPassword reports whether the account has no password yet (built
// with PasswordLater): no Client of the account sends anything until
// SetPassword.
func (a *Account) NeedsPassword() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.creds.Password == ""
}

// SetPassword replaces the password (after the operator typed it again)
// and lifts the stop: the credentials are unproven again, so the next call
// is sent alone and the others wait for its outcome. The token is dropped.
// Calls already sent with the old password cannot stop the new one.
func (a *Account) SetPassword(password string) error {
	if password == "" {
		return errors.New("missing password")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.creds.Password = password
	a.gen++
	a.stopped, a.probing, a.proven = false, false, [gateway + 1]bool{}
	a.token, a.renewAt = "", time.Time{}
	a.broadcast()
	return nil
}

// String names the account without its password.
func (a *Account) String() string {
	return "qualys account " + a.Username() + " on " + a.apiURL + " / " + a.gatewayURL
}

// GoString keeps the password out of %#v.
func (a *Account) GoString() string { return "client.Account{" + a.String() + "}" }

// broadcast wakes every waiter; a.mu must be held.
func (a *Account) broadcast() {
	close(a.changed)
	a.changed = make(chan struct{})
}

func (a *Account) credentials() Credentials {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.creds
}

// ticket is one admitted attempt: the credentials it is sent with, their
// generation, and whether it is the one unproven request allowed out.
type ticket struct {
	gen   uint64
	creds Credentials
	probe bool
}

// admit waits until a request to h may be sent: at once when h's
// credentials are proven, else when no other unproven request is out. It
// fails with ErrAuthStopped, without sending, once a credential was
// rejected, and with ErrNoPassword while there is no password.
func (a *Account) admit(ctx context.Context, h host) (ticket, error) {
	for {
		a.mu.Lock()
		t := ticket{gen: a.gen, creds: a.creds}
		switch {
		case a.stopped:
			a.mu.Unlock()
			return ticket{}, ErrAuthStopped
		case a.creds.Password == "":
			a.mu.Unlock()
			return ticket{}, ErrNoPassword
		case a.proven[h]:
			a.mu.Unlock()
			return t, nil
		case !a.probing:
			a.probing, t.probe = true, true
			a.mu.Unlock()
			return t, nil
		}
		ch := a.changed
		a.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ticket{}, ctx.Err()
		}
	}
}

// current reports whether t may still be sent: its credentials are the
// account's and nothing was rejected since it was admitted.
func (a *Account) current(t ticket) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return !a.stopped && t.gen == a.gen
}

// outcome is what an answer says about the credentials it carried.
type outcome int

const (
	unknown  outcome = iota // nothing: no answer, a server error, a token problem
	proved                  // the server accepted them
	rejected                // 401: the server refused them
)

// credentialOutcome reads an answer: on the API server a 401 rejects the
// Basic credentials and any other answer below 500 proves them (a 5xx may
// come from a proxy that never checked); on the gateway only /auth
// decides (201 proves, 401 or 403 rejects) — a 401 on a call with a token
// is about the token (U40).
func credentialOutcome(r *Request, status int) outcome {
	switch {
	case r.login && status == 201:
		return proved
	case r.login && (status == 401 || status == 403):
		return rejected
	case r.login || r.host != apiServer || status == 0 || status >= 500:
		return unknown
	case status == 401:
		return rejected
	}
	return proved
}

// settle records what t's answer said and lets the next unproven request
// out. Answers to credentials that SetPassword replaced change nothing.
func (a *Account) settle(t ticket, h host, o outcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if t.gen != a.gen {
		return
	}
	switch {
	case o == rejected && !a.stopped:
		a.stopped = true
	case o == proved && !a.proven[h]:
		a.proven[h] = true
	case !t.probe:
		return
	}
	if t.probe {
		a.probing = false
	}
	a.broadcast()
}

func (a *Account) setRateLimit(rl RateLimit) {
	a.mu.Lock()
	a.last = rl
	a.mu.Unlock()
}

func (a *Account) rateLimit() RateLimit {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.last
}

// Accounts hands out one Account per user, API server and gateway. Its
// zero value is ready; a process makes one and shares it (every session of
// `qsched serve`, the TUI and the headless commands). Safe for concurrent
// use; do not copy after first use.
type Accounts struct {
	mu sync.Mutex
	m  map[accountKey]*Account
}

type accountKey struct{ user, api, gateway string }

// Get returns the Account for cfg's user, API server and gateway, creating
// it on first use. A later Get for the same user and hosts returns the
// same Account, with its password; a different password is an error (the
// operator changes it with Account.SetPassword, which every session then
// shares). With PasswordLater and no password, an existing Account is
// returned whatever its password (the sessions that share it share the
// password one of them typed). MaxInFlight counts only when the Account
// is created.
func (as *Accounts) Get(cfg AccountConfig) (*Account, error) {
	k := accountKey{cfg.Credentials.Username, normalURL(cfg.APIURL), normalURL(cfg.GatewayURL)}
	as.mu.Lock()
	defer as.mu.Unlock()
	if a := as.m[k]; a != nil {
		if cfg.PasswordLater && cfg.Credentials.Password == "" {
			return a, nil
		}
		cur := a.credentials().Password
		if subtle.ConstantTimeCompare([]byte(cur), []byte(cfg.Credentials.Password)) != 1 {
			return nil, fmt.Errorf("%s is already in use with another password; change it with SetPassword", a)
		}
		return a, nil
	}
	a, err := NewAccount(cfg)
	if err != nil {
		return nil, err
	}
	if as.m == nil {
		as.m = map[accountKey]*Account{}
	}
	as.m[k] = a
	return a, nil
}

// normalURL compares base URLs by scheme, host and path, ignoring case in
// the scheme and host and a trailing slash.
func normalURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return strings.TrimRight(s, "/")
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + strings.TrimRight(u.Path, "/")
}

// matches refuses a Config whose URLs or credentials, when given, are not
// the Account's.
func (a *Account) matches(cfg Config) error {
	cr := a.credentials()
	switch {
	case cfg.APIURL != "" && normalURL(cfg.APIURL) != normalURL(a.apiURL),
		cfg.GatewayURL != "" && normalURL(cfg.GatewayURL) != normalURL(a.gatewayURL):
		return fmt.Errorf("the configured URLs are not those of %s", a)
	case cfg.Credentials.Username != "" && cfg.Credentials.Username != cr.Username,
		cfg.Credentials.Password != "" && subtle.ConstantTimeCompare([]byte(cfg.Credentials.Password), []byte(cr.Password)) != 1:
		return fmt.Errorf("the configured credentials are not those of %s", a)
	}
	return nil
}

// ErrPasswordRefused: a password typed for a user whose Account exists was
// not the Account's, and the server refused it too (one real login
// attempt, which the server counts). It matches ErrAuth.
var ErrPasswordRefused = fmt.Errorf("the password was refused: %w", ErrAuth)

// SignIn returns the Account for a user name and password an operator
// typed (qsched serve --per-user-login), creating it on first use: every
// session that signs in as the same user on the same hosts shares it.
//
// A typed password is never checked against memory alone, so that a
// session cannot guess another session's password without the server
// seeing every wrong guess:
//
//   - no Account yet: a new one with the typed password; its first call
//     is the one login that proves or stops it;
//   - the Account is stopped (a rejected password) or has none: the typed
//     password replaces it (SetPassword) and the next call is again the
//     one login, shared by every session of the user;
//   - the typed password is the Account's: the same Account;
//   - another password: one login attempt is sent with it through a
//     private Account built on base (its HTTP client, user agent and
//     observer), by one read call; if the server accepts it, the user
//     changed their password and it replaces the Account's; if the server
//     refuses it, ErrPasswordRefused and the shared Account is untouched
//     (its sessions keep working with the proven password).
//
// base.Account and base.Credentials are ignored.
func (as *Accounts) SignIn(ctx context.Context, cfg AccountConfig, base Config) (*Account, error) {
	cfg.PasswordLater = false
	if cfg.Credentials.Username == "" || cfg.Credentials.Password == "" {
		return nil, errors.New("missing credentials: type the user name and the password")
	}
	k := accountKey{cfg.Credentials.Username, normalURL(cfg.APIURL), normalURL(cfg.GatewayURL)}
	as.mu.Lock()
	a := as.m[k]
	if a == nil {
		na, err := NewAccount(cfg)
		if err == nil {
			if as.m == nil {
				as.m = map[accountKey]*Account{}
			}
			as.m[k] = na
		}
		as.mu.Unlock()
		return na, err
	}
	as.mu.Unlock()
	if a.Stopped() || a.NeedsPassword() {
		return a, a.SetPassword(cfg.Credentials.Password)
	}
	if subtle.ConstantTimeCompare([]byte(a.credentials().Password), []byte(cfg.Credentials.Password)) == 1 {
		return a, nil
	}
	if err := checkPassword(ctx, cfg, base); err != nil {
		return nil, err
	}
	return a, a.SetPassword(cfg.Credentials.Password)
}

// checkPassword sends one login attempt with cfg's credentials on a
// private Account: a count of WAS schedules when there is an API server
// (Basic credentials), else a gateway login.
func checkPassword(ctx context.Context, cfg AccountConfig, base Config) error {
	cfg.MaxInFlight = 1
	private, err := NewAccount(cfg)
	if err != nil {
		return err
	}
	base.Account, base.Credentials, base.APIURL, base.GatewayURL = private, Credentials{}, "", ""
	base.Audit = Config{}.Audit // a read: nothing to record
	base.MaxRetries = -1        // one attempt: a retried login is a second guess
	c, err := New(base)
	if err != nil {
		return err
	}
	if cfg.APIURL != "" {
		_, err = c.WAS.Count(ctx, nil)
	} else {
		_, err = c.freshToken(ctx)
	}
	if errors.Is(err, ErrAuth) {
		return ErrPasswordRefused
	}
	return err
}

// Package client talks to the Qualys WAS API server (QPS REST 3.0, XML,
// Basic auth) and to the gateway (JWT, CAR script scheduler). It owns
// authentication, paging, rate limits, retries and error decoding; callers
// get typed values and typed errors.
//
// Requests, as in go-github: the New…Request functions build a *Request,
// exactly what will be sent less the credentials; WAS.Do and Scripts.Do
// send one. The service methods (WAS.Update, WAS.SetActive,
// Scripts.CreateSchedule, …) build with the same functions, so a dry run
// or a review that shows a built Request shows what is sent.
//
// Errors: a failed call is an *Error (or an *AuthError for a rejected
// login). There are no predicate functions: test for a kind of failure
// with errors.Is and the sentinels ErrNotFound, ErrDuplicateTitle,
// ErrRateLimited, ErrAuth (which ErrAuthStopped also matches) and
// ErrReadOnly; use errors.As for the details.
package client

import (
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/model"
)

// Credentials are a Qualys user name and password. They format as
// "user:<redacted>" and never appear in errors or logs.
type Credentials struct {
	Username string
	Password string
}

func (c Credentials) String() string   { return c.Username + ":<redacted>" }
func (c Credentials) GoString() string { return "client.Credentials{" + c.String() + "}" }

// Config sets up a Client.
type Config struct {
	APIURL      string // API server base URL (WAS)
	GatewayURL  string // gateway base URL (CAR)
	Credentials Credentials
	// Account, when set, is the Qualys user this client calls as, shared
	// with every other Client built with it (one login, one token, at most
	// MaxInFlight calls in flight in total, one stop after a rejected
	// credential): get it from an Accounts registry. APIURL, GatewayURL
	// and Credentials may then be left empty (they come from the Account)
	// or must match it. When nil, New makes a private Account from APIURL,
	// GatewayURL, Credentials and MaxInFlight.
	Account    *Account
	HTTPClient *http.Client
	// MaxInFlight caps concurrent calls of a private Account (default 2);
	// it is ignored when Account is set.
	MaxInFlight int
	// MaxRetries bounds automatic retries of idempotent calls (default 3).
	MaxRetries int
	// MinBackoff and MaxBackoff bound the wait when a blocked response has
	// no X-RateLimit-ToWait-Sec (defaults 1 s and 30 s).
	MinBackoff, MaxBackoff time.Duration
	// MaxWait is the longest a server-given wait is honoured before giving
	// up with a retryable error (default 5 minutes).
	MaxWait time.Duration
	// TokenLifetime is the gateway JWT lifetime (default 4 h); a new token
	// is fetched TokenRefreshMargin before it ends.
	TokenLifetime time.Duration
	ReadOnly      bool
	UserAgent     string
	// Observer, when set, receives a record of every HTTP call.
	Observer func(CallRecord)
	// OnWait, when set, is told before the client sleeps on a rate limit.
	OnWait func(op string, d time.Duration)
	// OnRetryWait, when set, is told the same with why the client waits
	// (RetryWait): the headless commands say it on stderr.
	OnRetryWait func(RetryWait)
	Now         func() time.Time
	// Audit, when its Log is set, records every write in the audit log:
	// an intent line before the first request (if it cannot be written,
	// nothing is sent) and an outcome line after. Audit.Actor says who
	// acts, Audit.Platform where.
	Audit audit.Trail
}

// Client is safe for concurrent use.
type Client struct {
	cfg     Config
	hc      *http.Client
	acct    *Account
	WAS     *WAS
	Scripts *Scripts
	Assets  *Assets
	rngMu   sync.Mutex
	rng     *rand.Rand
}

// New builds a client. It sends nothing until the first call.
func New(cfg Config) (*Client, error) {
	a := cfg.Account
	if a == nil {
		var err error
		if a, err = NewAccount(AccountConfig{APIURL: cfg.APIURL, GatewayURL: cfg.GatewayURL, Credentials: cfg.Credentials, MaxInFlight: cfg.MaxInFlight}); err != nil {
			return nil, err
		}
	} else if err := a.matches(cfg); err != nil {
		return nil, err
	}
	cfg.Account, cfg.APIURL, cfg.GatewayURL, cfg.MaxInFlight = a, a.apiURL, a.gatewayURL, cap(a.sem)
	cfg.Credentials = Credentials{}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	} else if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 3
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 30 * time.Second
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 5 * time.Minute
	}
	if cfg.TokenLifetime <= 0 {
		cfg.TokenLifetime = model.TokenLifetime
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "qsched"
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	}
	c := &Client{cfg: cfg, hc: hc, acct: a, rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))}
	c.WAS = &WAS{c: c}
	c.Scripts = &Scripts{c: c}
	c.Assets = &Assets{c: c}
	return c, nil
}

// Config returns the configuration, with the Account's URLs and current
// credentials (the password stays inside Credentials, whose String method
// redacts it).
func (c *Client) Config() Config {
	cfg := c.cfg
	cfg.Credentials = c.acct.credentials()
	return cfg
}

// Account returns the Account the client calls as (its own private one
// when Config.Account was nil).
func (c *Client) Account() *Account { return c.acct }

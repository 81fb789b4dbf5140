// Package session builds one qsched session: its API client, its event
// queue (the API log), its root model and the program options to run it.
// Building a session is separate from running a program: `qsched`,
// `qsched --demo` and every SSH session of `qsched serve` build their
// session here and run it themselves.
//
// A session shares nothing mutable with another session except what the
// caller passes in Options (the HTTP client's connection pool today; the
// shared account guard later, see Options). Each session has its own
// events and API log, its own client (and with it its own token and rate
// limit bookkeeping), its own task manager, its own read-only state and its
// own drafts file.
package session

import (
	"context"
	"net/http"
	"regexp"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/was"
)

// Options are what one session is built from. New does not keep or mutate
// anything reachable from them except HTTPClient (used, not changed).
type Options struct {
	// Settings are the platform, credentials and read-only flag resolved
	// from flags, environment and profile. The password may be empty: the
	// session then asks for it inside the TUI before sending anything.
	Settings client.Settings
	// Platform labels where calls go, e.g. "US1 · prod" or
	// "demo (127.0.0.1:8787)". Default: Settings.Label().
	Platform string
	// User is shown in the header. Default: the Qualys user name.
	User string
	// ReadOnly forces read-only mode (an SSH viewer); Settings.ReadOnly
	// also turns it on. Neither can be turned off by the other.
	ReadOnly bool
	// AutoRefresh reloads the WAS list this often (0: off).
	AutoRefresh time.Duration
	// DraftDir is the directory of this session's half-filled schedule
	// forms ("" keeps none). Key it by who is connected: see DraftName.
	DraftDir string
	// Context is the parent of the program and of every task (default
	// Background). Cancelling it ends the program.
	Context context.Context
	// Profile pins the colour profile of the output. 0 leaves it to the
	// program: detected from the output and the environment (locally), or
	// from the SSH session's PTY and TERM (wish's MakeOptions).
	Profile colorprofile.Profile
	// UserAgent is sent with every call (default "qsched").
	UserAgent string
	// Now is the clock (default time.Now).
	Now func() time.Time

	// Shared between sessions, passed by the caller. Everything above is
	// per session.
	//
	// HTTPClient makes the calls (nil: the client's default).
	HTTPClient *http.Client
	// Account is the Qualys account all sessions on it share: one login,
	// one stop after a rejected password, a bounded number of calls in
	// flight (nil: a private one from Settings).
	Account *client.Account
	// Audit records every write this session makes (its Actor names who
	// is connected; the log itself is shared).
	Audit audit.Trail
	// Accounts is the process's registry of accounts: the per-user
	// sign-in and the profiles take their Account from it, so every
	// session of one user on one platform shares it (nil: a registry of
	// this session's own).
	Accounts *client.Accounts

	// PerUserLogin (qsched serve --per-user-login): the session starts
	// with no user; the sign-in prompt asks for the Qualys user name and
	// password, and the session's client is built on the Account of that
	// user (Accounts.SignIn, which also decides what a different password
	// for a user signed in elsewhere costs). Settings.Credentials are not
	// used. The password goes from the prompt to the Account only.
	PerUserLogin bool
	// Via is shown after the Qualys user in the header when the user is
	// typed at sign-in, e.g. "ssh: alice".
	Via string
	// Profiles are the config file's profiles; with OpenProfile, P in
	// the TUI switches between them. Settings.Profile is the first.
	Profiles []app.Profile
	// OpenProfile resolves a profile's settings (the caller reads the
	// config file and the environment); the session builds the client,
	// on the profile's Account from Accounts.
	OpenProfile func(ctx context.Context, name string) (Target, error)
	// DraftDirFor is the drafts directory of a connection made after New (a
	// sign-in, a profile), by platform label and Qualys user; nil keeps
	// none.
	DraftDirFor func(platform, user string) string
}

// Target is where a profile's connection goes.
type Target struct {
	Settings client.Settings
	// Platform labels it (default Settings.Label()).
	Platform string
}

// Session is one built session. Run it with NewProgram (or pass Model and
// ProgramOptions to tea.NewProgram with the input and output of your
// choice), then Close it.
type Session struct {
	// Model is the root model: the app wrapped with the drain behaviour
	// (see DrainMsg).
	Model *Model
	// App is the app inside Model.
	App *app.Model
	// Events is this session's API log feed.
	Events *events.Events
	// Client is this session's first API client (nil with PerUserLogin:
	// see CurrentClient).
	Client *client.Client

	opts []tea.ProgramOption
	o    Options

	mu      sync.Mutex
	current *client.Client
}

// New builds a session. It sends nothing; the model starts its work when
// the program runs.
func New(o Options) (*Session, error) {
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.Platform == "" {
		o.Platform = o.Settings.Label()
	}
	if o.User == "" {
		o.User = o.Settings.Credentials.Username
	}
	if o.Accounts == nil {
		o.Accounts = &client.Accounts{}
	}
	ev := events.New()
	sess := &Session{Events: ev, o: o}
	ao := app.Options{
		Events: ev, Platform: o.Platform, User: o.User,
		// The client's read-only (from the settings) is per connection:
		// only the session's own (a viewer) holds for every profile.
		ReadOnly: o.ReadOnly, Context: o.Context, Now: o.Now, Zone: o.Settings.Zone,
		Routes: sess.routes(o.Platform, o.Settings.Credentials.Username, o.DraftDir),
	}
	if o.PerUserLogin {
		ao.User, ao.SignIn = "", sess.signIn
	} else {
		c, err := newClient(o, o.Account, ev)
		if err != nil {
			ev.Close()
			return nil, err
		}
		ao.Client, sess.Client = c, c
		if o.OpenProfile != nil && len(o.Profiles) > 0 {
			ao.Profiles, ao.Profile, ao.OpenProfile = o.Profiles, o.Settings.Profile, sess.openProfile
		}
	}
	a := app.New(ao)
	opts := []tea.ProgramOption{tea.WithContext(o.Context)}
	if o.Profile != 0 {
		opts = append(opts, tea.WithColorProfile(o.Profile))
	}
	sess.Model, sess.App, sess.opts = newModel(a), a, opts
	return sess, nil
}

// routes are the screens of a connection on platform as user, with the
// schedule builder's drafts in draftDir ("" keeps none).
func (s *Session) routes(platform, user, draftDir string) app.Routes {
	var drafts *scriptform.DraftStore
	if draftDir != "" {
		drafts = &scriptform.DraftStore{Dir: draftDir}
	}
	return app.DefaultRoutes(
		// The builder's user is the Qualys account the schedule runs as.
		scripts.Options{Drafts: drafts, User: user, Platform: platform},
		was.Options{AutoRefresh: s.o.AutoRefresh, Platform: platform})
}

// connection is the app's connection for settings on acct: a client of
// this session (its events, audit trail, HTTP client) and its screens.
func (s *Session) connection(st client.Settings, platform, user string, acct *client.Account) (app.Connection, error) {
	o := s.o
	o.Settings = st
	o.Audit.Platform = platform // the writes of this connection go there
	c, err := newClient(o, acct, s.Events)
	if err != nil {
		return app.Connection{}, err
	}
	var draftDir string
	if o.DraftDirFor != nil {
		draftDir = o.DraftDirFor(platform, st.Credentials.Username)
	}
	return app.Connection{Client: c, Platform: platform, User: user,
		Routes: s.routes(platform, st.Credentials.Username, draftDir)}, nil
}

// signIn is the app's SignIn (PerUserLogin): the Account of user from
// Accounts, the password checked as client.Accounts.SignIn says. The
// password is handed to the Account and kept nowhere else.
func (s *Session) signIn(ctx context.Context, user, password string) (app.Connection, error) {
	st := s.o.Settings
	st.Credentials = client.Credentials{Username: user}
	acct, err := s.o.Accounts.SignIn(ctx, client.AccountConfig{
		APIURL: st.Platform.APIURL, GatewayURL: st.Platform.GatewayURL,
		Credentials: client.Credentials{Username: user, Password: password},
	}, s.baseConfig(st))
	if err != nil {
		return app.Connection{}, err
	}
	label := user
	if s.o.Via != "" {
		label += " (" + s.o.Via + ")"
	}
	conn, err := s.connection(st, s.o.Platform, label, acct)
	if err == nil {
		s.setClient(conn.Client)
	}
	return conn, err
}

// openProfile is the app's OpenProfile: the owner resolves the settings,
// the Account comes from Accounts (without a password the app asks).
func (s *Session) openProfile(ctx context.Context, name string) (app.Connection, error) {
	t, err := s.o.OpenProfile(ctx, name)
	if err != nil {
		return app.Connection{}, err
	}
	st := t.Settings
	if t.Platform == "" {
		t.Platform = st.Label()
	}
	acct, err := s.o.Accounts.Get(client.AccountConfig{APIURL: st.Platform.APIURL, GatewayURL: st.Platform.GatewayURL,
		Credentials: st.Credentials, PasswordLater: true})
	if err != nil {
		return app.Connection{}, err
	}
	conn, err := s.connection(st, t.Platform, st.Credentials.Username, acct)
	if err == nil {
		s.setClient(conn.Client)
	}
	return conn, err
}

func (s *Session) setClient(c *client.Client) {
	s.mu.Lock()
	s.current = c
	s.mu.Unlock()
}

// CurrentClient is the client of the connection built last (the first
// one, or the last sign-in or profile opened); nil before a per-user
// sign-in.
func (s *Session) CurrentClient() *client.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != nil {
		return s.current
	}
	return s.Client
}

// baseConfig is the client configuration of this session, without an
// account.
func (s *Session) baseConfig(st client.Settings) client.Config {
	o := s.o
	ua := o.UserAgent
	if ua == "" {
		ua = "qsched"
	}
	return client.Config{
		ReadOnly: st.ReadOnly || o.ReadOnly, HTTPClient: o.HTTPClient, UserAgent: ua, Now: o.Now,
		Observer: s.Events.Observer, OnRetryWait: s.Events.OnRetryWait, Audit: o.Audit,
	}
}

// newClient builds a client of this session on acct, or on a private
// Account from Settings.
func newClient(o Options, acct *client.Account, ev *events.Events) (*client.Client, error) {
	s := o.Settings
	ua := o.UserAgent
	if ua == "" {
		ua = "qsched"
	}
	cfg := client.Config{
		Account:  acct,
		ReadOnly: s.ReadOnly || o.ReadOnly, HTTPClient: o.HTTPClient, UserAgent: ua, Now: o.Now,
		Observer: ev.Observer, OnRetryWait: ev.OnRetryWait, Audit: o.Audit,
	}
	if acct == nil {
		// No password configured: the app asks for it (the sign-in
		// prompt) and the account sends nothing until then.
		a, err := client.NewAccount(client.AccountConfig{APIURL: s.Platform.APIURL, GatewayURL: s.Platform.GatewayURL,
			Credentials: s.Credentials, PasswordLater: true})
		if err != nil {
			return nil, err
		}
		cfg.Account = a
	}
	return client.New(cfg)
}

// ProgramOptions are the options the session needs: its context and, when
// pinned, its colour profile. The caller adds input, output and size.
func (s *Session) ProgramOptions() []tea.ProgramOption {
	return append([]tea.ProgramOption(nil), s.opts...)
}

// NewProgram returns a program running this session's model with
// ProgramOptions followed by extra (later options win).
func (s *Session) NewProgram(extra ...tea.ProgramOption) *tea.Program {
	return tea.NewProgram(s.Model, append(s.ProgramOptions(), extra...)...)
}

// Close releases the session's event queue. Call it once the program has
// returned.
func (s *Session) Close() { s.Events.Close() }

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// DraftName is a file name (without extension) for the drafts of who on
// platform, safe on every file system: "script-schedule-<platform>" for
// the local user, "script-schedule-<platform>-<who>" for an SSH operator.
func DraftName(platform, who string) string {
	name := "script-schedule-" + unsafeName.ReplaceAllString(platform, "_")
	if who != "" {
		name += "-" + unsafeName.ReplaceAllString(who, "_")
	}
	return name
}

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
	// Catalog is the script catalog offered by the schedule builder.
	Catalog []scriptform.CatalogScript
	// AutoRefresh reloads the WAS list this often (0: off).
	AutoRefresh time.Duration
	// DraftPath is where this session keeps its half-filled schedule form
	// ("" keeps none). Key it by who is connected: see DraftName.
	DraftPath string
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
	// Client is this session's API client.
	Client *client.Client

	opts []tea.ProgramOption
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
	ev := events.New()
	c, err := newClient(o, ev)
	if err != nil {
		ev.Close()
		return nil, err
	}
	var drafts *scriptform.DraftStore
	if o.DraftPath != "" {
		drafts = &scriptform.DraftStore{Path: o.DraftPath}
	}
	a := app.New(app.Options{
		Client: c, Events: ev, Platform: o.Platform, User: o.User,
		ReadOnly: o.ReadOnly || o.Settings.ReadOnly, Context: o.Context, Now: o.Now,
		Routes: app.DefaultRoutes(
			// The builder's user is the Qualys account the schedule runs as.
			scripts.Options{Catalog: o.Catalog, Drafts: drafts, User: o.Settings.Credentials.Username},
			was.Options{AutoRefresh: o.AutoRefresh, Platform: o.Platform}),
	})
	opts := []tea.ProgramOption{tea.WithContext(o.Context)}
	if o.Profile != 0 {
		opts = append(opts, tea.WithColorProfile(o.Profile))
	}
	return &Session{Model: newModel(a), App: a, Events: ev, Client: c, opts: opts}, nil
}

// newClient builds this session's client on the shared Account, or on a
// private one from Settings.
func newClient(o Options, ev *events.Events) (*client.Client, error) {
	s := o.Settings
	ua := o.UserAgent
	if ua == "" {
		ua = "qsched"
	}
	cfg := client.Config{
		Account:  o.Account,
		ReadOnly: s.ReadOnly || o.ReadOnly, HTTPClient: o.HTTPClient, UserAgent: ua, Now: o.Now,
		Observer: ev.Observer, OnWait: ev.OnWait, Audit: o.Audit,
	}
	if o.Account == nil {
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

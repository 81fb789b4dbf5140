// Package app is the root bubbletea model of qsched: it routes keys and
// async results between screens, runs tasks, and lays out the header, the
// active screen, the status bar and help.
//
// Files by concern: app.go (construction), routing.go (screens and message
// routing), update.go (the update loop), keys.go (global keys and help),
// quit.go (quit confirmation), view.go (layout).
package app

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/statusbar"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/was"
)

// Options configure the app.
type Options struct {
	// Client makes every API call. It must have been built with
	// Events.Observer and Events.OnRetryWait in its Config.
	Client *client.Client
	// Events feeds the API log and the status bar (see package events).
	// nil means no API log entries and no wait countdown.
	Events *events.Events
	// Platform labels where calls go, e.g. "US1" or "demo (127.0.0.1:8787)".
	Platform string
	User     string
	// ReadOnly hides and disables write actions. The client's own
	// ReadOnly setting also turns it on.
	ReadOnly bool
	// Routes are the screens in tab order with their keys (default:
	// DefaultRoutes with default options).
	Routes Routes
	// Start is the screen shown first (default: script schedules).
	Start common.ScreenID
	// Context is the parent of every task context (default Background).
	Context context.Context
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Zone is where times are shown (nil: UTC), named in the header.
	Zone *time.Location
	// StaticSpinner draws a fixed glyph instead of an animated spinner
	// (deterministic frames in tests).
	StaticSpinner bool
	// SignIn, when set and Client is nil, makes the sign-in prompt ask for
	// the Qualys user name too (qsched serve --per-user-login): the owner
	// builds the connection for the user and password typed. The app
	// never builds a client itself. It is called outside Update (it may
	// send one login attempt) and must not keep the password.
	SignIn func(ctx context.Context, user, password string) (Connection, error)

	// Profiles are the config file's profiles; with OpenProfile, P opens
	// a picker of them. Profile is the one Client acts on.
	Profiles []Profile
	Profile  string
	// OpenProfile builds the connection of a profile (its settings, a
	// client on its account), called outside Update the first time the
	// operator switches to it. The app keeps one set of screens per
	// profile: switching back restores them, marks and drafts included.
	OpenProfile func(ctx context.Context, name string) (Connection, error)
}

// Profile describes one profile in the picker. Every field is shown as
// text (made display-safe).
type Profile struct {
	Name, Platform, User string
	ReadOnly             bool
}

// Connection is what the app's owner gives it to act as another user or
// on another platform: a client (sharing the account of every session of
// that user and platform) and the labels of the header.
type Connection struct {
	Client   *client.Client
	Platform string
	User     string
	// Routes are the screens of this connection (nil: the app's routes),
	// e.g. the builder with a drafts file of this user.
	Routes Routes
}

// Model is the root model. Use it through a pointer.
type Model struct {
	common.Common
	events *events.Events
	tasks  *task.Manager

	routes  Routes
	screens map[common.ScreenID]common.Screen
	tabs    []header.Tab
	active  common.ScreenID
	prev    common.ScreenID // the screen shown before active (esc on the API log)

	header *header.Model
	status *statusbar.Model
	help   help.Model

	showHelp bool
	// helpOverInput: help was opened from a screen taking text; a second
	// ? closes it and types the ?.
	helpOverInput bool
	// helpScroll scrolls a full help taller than the body; helpSized: it
	// has the body's size.
	helpScroll  viewport.Model
	helpSized   bool
	confirmQuit bool
	quitting    bool
	ticking     bool // a countdown tick is scheduled

	platform      string // the header's platform label
	forceReadOnly bool   // Options.ReadOnly: no connection turns it off
	signIn        func(ctx context.Context, user, password string) (Connection, error)
	login         *loginModel // the sign-in prompt, when open
	started       bool        // the screens' Init ran
	// stale are the tasks of screens a connection replaced: their
	// results are dropped.
	stale map[uint64]bool
	// msgFrom is the kind of task whose outcome the status bar shows (nil
	// for none, or a message of another source); cancelled are the tasks
	// the user cancelled (esc), whose end is said as information.
	msgFrom   *taskKind
	cancelled map[task.ID]bool
	ctx       context.Context

	// epoch names the current set of screens. Every message of a screen's
	// command carries the epoch it was made under (setMsg); a connection
	// or a profile switch starts a new epoch, so nothing of the screens
	// it replaced or hid (timer ticks, task starts, form steps) reaches
	// the new ones.
	epoch, epochs uint64

	profiles    []Profile
	profile     string // the current profile's name
	openProfile func(ctx context.Context, name string) (Connection, error)
	sets        map[string]*screenSet // the screens of the other profiles
	picker      *pickerModel          // the profile picker, when open
	opening     string                // the profile being opened, "" for none
}

var _ tea.Model = (*Model)(nil)

// New builds the app. It sends nothing until Init's commands run.
func New(o Options) *Model {
	readOnly := o.ReadOnly || (o.Client != nil && o.Client.Config().ReadOnly)
	c := common.New(o.Client, readOnly, o.Now)
	c.StaticSpinner, c.Zone = o.StaticSpinner, o.Zone
	if o.OpenProfile == nil || len(o.Profiles) == 0 {
		c.Keys.Global.Profiles.SetEnabled(false) // nothing to pick: not offered
	}
	m := &Model{
		Common: c,
		events: o.Events,
		tasks:  task.NewManager(o.Context, c.Now),
		header: header.New(c, o.Platform, o.User),
		status: statusbar.New(c),
		help:   newHelp(c.Styles),

		platform:      safe.Line(o.Platform, 0),
		forceReadOnly: o.ReadOnly,
		signIn:        o.SignIn,
		ctx:           o.Context,

		profiles:    o.Profiles,
		profile:     o.Profile,
		openProfile: o.OpenProfile,
	}
	if m.ctx == nil {
		m.ctx = context.Background()
	}
	m.newEpoch()
	if o.Routes == nil {
		o.Routes = DefaultRoutes(scripts.Options{}, was.Options{})
	}
	m.buildScreens(o.Routes)
	m.active = o.Start
	if _, ok := m.screens[m.active]; !ok {
		m.active = common.ScriptsScreen
	}
	return m
}

// Init starts every screen (screens stay alive while hidden) and the
// event listener. When the account has no password (or was stopped), it
// opens the sign-in prompt instead and the screens start once a password
// was typed: nothing is sent before.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestWindowSize}
	if m.needsLogin() {
		m.openLogin(m.account() != nil && m.account().Stopped())
	} else {
		cmds = append(cmds, m.startScreens())
	}
	if m.events != nil {
		cmds = append(cmds, m.events.Listen())
	}
	return tea.Batch(cmds...)
}

// Active is the id of the screen shown.
func (m *Model) Active() common.ScreenID { return m.active }

// Screen returns the screen with id, or nil.
func (m *Model) Screen(id common.ScreenID) common.Screen { return m.screens[id] }

// Tasks returns the running tasks.
func (m *Model) Tasks() []task.Running { return m.tasks.Running() }

// ShowingHelp reports whether full help is shown.
func (m *Model) ShowingHelp() bool { return m.showHelp }

// ConfirmingQuit reports whether the quit question is shown.
func (m *Model) ConfirmingQuit() bool { return m.confirmQuit }

// LastError is the error shown in the status bar, "" for none.
func (m *Model) LastError() string { return m.status.Error() }

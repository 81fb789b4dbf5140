package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/session"
)

// tuiTarget is what the TUI connects to.
type tuiTarget struct {
	settings client.Settings
	label    string
	// drafts names the builder's drafts file: the label, except for the
	// demo, whose label holds a new port every run (its drafts would never
	// be offered again and orphan files would pile up).
	drafts string
	stop   func()
}

// draftsKey is the drafts name of the demo platform.
const draftsKey = "demo"

// demoTarget starts the simulated platform in-process on a loopback port.
func demoTarget(readOnly bool) (tuiTarget, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return tuiTarget{}, err
	}
	s := sim.New(sim.Options{ScriptSchedules: demoScriptSchedules})
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	o := s.Options()
	return tuiTarget{
		settings: client.Settings{Platform: client.Platform{APIURL: base, GatewayURL: base},
			Credentials: client.Credentials{Username: o.Username, Password: o.Password}, ReadOnly: readOnly},
		label:  "demo (" + ln.Addr().String() + ")",
		drafts: draftsKey,
		stop: func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(ctx)
		},
	}, nil
}

func (a *cli) tuiTarget(cmd *cobra.Command) (tuiTarget, error) {
	if a.demo {
		return demoTarget(a.overrides.ReadOnly)
	}
	return a.configuredTarget()
}

// configuredTarget uses the configured platform. A missing password is
// not an error: the TUI asks for it (the same prompt locally and over SSH)
// before it sends anything. A missing platform or user still is.
func (a *cli) configuredTarget() (tuiTarget, error) {
	s, err := a.settings()
	if err != nil && a.missingOnlyCredentials(s) {
		err = nil
	}
	if err != nil {
		return tuiTarget{}, usagef("%v — or try the simulated platform: qsched --demo", err)
	}
	return tuiTarget{settings: s, label: targetLabel(s), drafts: targetLabel(s), stop: func() {}}, nil
}

// missingOnlyCredentials reports whether settings that did not resolve
// lack only what the TUI asks for: the password (and, with
// --per-user-login, the user name too).
func (a *cli) missingOnlyCredentials(s client.Settings) bool {
	return s.Platform.APIURL != "" && s.Credentials.Password == "" && (s.Credentials.Username != "" || a.perUserLogin)
}

// targetLabel names the platform and the profile, e.g. "US1 · prod".
func targetLabel(s client.Settings) string {
	if s.Profile != "" {
		return s.Label() + " · " + s.Profile
	}
	return s.Label()
}

// runTUI opens the TUI on t until the user quits.
func (a *cli) runTUI(ctx context.Context, t tuiTarget, in io.Reader, out io.Writer) error {
	defer t.stop()
	o, err := a.sessionOptions(ctx, t, a.localDraftDir(t.drafts, ""))
	if err != nil {
		return err
	}
	if !a.demo {
		if err := a.offerProfiles(&o); err != nil {
			return err
		}
	}
	sess, err := session.New(o)
	if err != nil {
		return usageErr(err)
	}
	defer sess.Close()
	_, err = sess.NewProgram(tea.WithInput(in), tea.WithOutput(out)).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // interrupted by a signal
	}
	return err
}

// sessionOptions are the options of one session on t, common to the local
// TUI and to every SSH session.
// Every session of the process shares the Qualys account (one login, one
// stop after a rejected password, two calls in flight) and the audit log;
// the local OS user is the actor until the caller says otherwise.
func (a *cli) sessionOptions(ctx context.Context, t tuiTarget, draftDir string) (session.Options, error) {
	var acct *client.Account
	if !a.perUserLogin {
		var err error
		if acct, err = a.account(t.settings, true); err != nil {
			return session.Options{}, err
		}
	}
	trail, err := a.auditTrail(t.label)
	if err != nil {
		return session.Options{}, err
	}
	if t.settings.Zone == nil { // the demo's settings come from no profile
		if t.settings.Zone, err = a.zone(); err != nil {
			return session.Options{}, err
		}
	}
	trail.OnError = nil // stderr belongs to the TUI; a failed outcome line is not shown (yet)
	return session.Options{
		Settings: t.settings, Platform: t.label, AutoRefresh: a.autoRefresh,
		DraftDir: draftDir, Context: ctx, HTTPClient: a.httpClient, UserAgent: "qsched/" + version,
		Account: acct, Audit: trail, Accounts: &a.accounts,
	}, nil
}

// offerProfiles lets the local TUI switch between the config file's
// profiles (P): each is resolved like --profile NAME (the command line's
// --read-only still holds; its platform flags do not, they chose the
// first connection only), its password asked in the TUI when it has
// none, and its drafts kept under its own label.
func (a *cli) offerProfiles(o *session.Options) error {
	file, err := a.profileFile()
	if err != nil || len(file.Profiles) == 0 {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(file.Profiles)) {
		p := file.Profiles[name]
		where := cmp.Or(p.Platform, p.APIURL)
		o.Profiles = append(o.Profiles, app.Profile{Name: name, Platform: where, User: p.Username, ReadOnly: p.ReadOnly})
	}
	o.OpenProfile = func(_ context.Context, name string) (session.Target, error) {
		s, err := client.ResolveSettings(file, client.Overrides{Profile: name, ReadOnly: a.overrides.ReadOnly}, a.getenv)
		if err != nil && !a.missingOnlyCredentials(s) {
			return session.Target{}, err
		}
		if s.Credentials.Username == "" {
			return session.Target{}, fmt.Errorf("profile %s: no user name (username, or %s)", name, client.EnvUsername)
		}
		return session.Target{Settings: s, Platform: targetLabel(s)}, nil
	}
	o.DraftDirFor = func(platform, _ string) string { return a.localDraftDir(platform, "") }
	return nil
}

// localDraftDir is the drafts directory of who ("" for the local user) on the
// platform labelled label, or "" when there is no state directory.
func (a *cli) localDraftDir(label, who string) string {
	path, err := scriptform.DefaultDraftDir(a.getenv, session.DraftName(label, who))
	if err != nil {
		return ""
	}
	return path
}

package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/session"
)

// tuiTarget is what the TUI connects to.
type tuiTarget struct {
	settings client.Settings
	label    string
	catalog  []scriptform.CatalogScript
	stop     func()
}

// demoTarget starts the simulated platform in-process on a loopback port.
func demoTarget(readOnly bool) (tuiTarget, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return tuiTarget{}, err
	}
	s := sim.New(sim.Options{})
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	o := s.Options()
	scripts := sim.Scripts()
	cat := make([]scriptform.CatalogScript, len(scripts))
	for i, c := range scripts {
		cat[i] = scriptform.CatalogScript{ID: c.ID, Title: c.Title}
	}
	return tuiTarget{
		settings: client.Settings{Platform: client.Platform{APIURL: base, GatewayURL: base},
			Credentials: client.Credentials{Username: o.Username, Password: o.Password}, ReadOnly: readOnly},
		label:   "demo (" + ln.Addr().String() + ")",
		catalog: cat,
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
	if err != nil && s.Platform.APIURL != "" && s.Credentials.Username != "" && s.Credentials.Password == "" {
		err = nil
	}
	if err != nil {
		return tuiTarget{}, usagef("%v — or try the simulated platform: qsched --demo", err)
	}
	label := s.Label()
	if s.Profile != "" {
		label += " · " + s.Profile
	}
	return tuiTarget{settings: s, label: label, stop: func() {}}, nil
}

// runTUI opens the TUI on t until the user quits.
func (a *cli) runTUI(ctx context.Context, t tuiTarget, in io.Reader, out io.Writer) error {
	defer t.stop()
	o, err := a.sessionOptions(ctx, t, a.localDraftPath(t.label, ""))
	if err != nil {
		return err
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
func (a *cli) sessionOptions(ctx context.Context, t tuiTarget, draftPath string) (session.Options, error) {
	acct, err := a.account(t.settings, true)
	if err != nil {
		return session.Options{}, err
	}
	trail, err := a.auditTrail(t.label)
	if err != nil {
		return session.Options{}, err
	}
	trail.OnError = nil // stderr belongs to the TUI; a failed outcome line is not shown (yet)
	return session.Options{
		Settings: t.settings, Platform: t.label, Catalog: t.catalog, AutoRefresh: a.autoRefresh,
		DraftPath: draftPath, Context: ctx, HTTPClient: a.httpClient, UserAgent: "qsched/" + version,
		Account: acct, Audit: trail,
	}, nil
}

// localDraftPath is the drafts file for who ("" for the local user) on the
// platform labelled label, or "" when there is no state directory.
func (a *cli) localDraftPath(label, who string) string {
	path, err := scriptform.DefaultDraftPath(a.getenv, session.DraftName(label, who))
	if err != nil {
		return ""
	}
	return path
}

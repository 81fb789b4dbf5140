package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/was"
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
	return a.configuredTarget(cmd.InOrStdin(), cmd.ErrOrStderr())
}

// configuredTarget uses the configured platform; a missing password is
// asked for, masked, when stdin is a terminal.
func (a *cli) configuredTarget(in io.Reader, out io.Writer) (tuiTarget, error) {
	s, err := a.settings()
	if err != nil && s.Platform.APIURL != "" && s.Credentials.Username != "" && s.Credentials.Password == "" {
		if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
			fmt.Fprintf(out, "Password for %s on %s: ", s.Credentials.Username, s.Label())
			pw, rerr := term.ReadPassword(f.Fd())
			fmt.Fprintln(out)
			if rerr != nil {
				return tuiTarget{}, usageErr(fmt.Errorf("reading the password: %w", rerr))
			}
			s.Credentials.Password, err = strings.TrimRight(string(pw), "\r\n"), nil
		}
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

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// runTUI opens the TUI on t until the user quits.
func (a *cli) runTUI(ctx context.Context, t tuiTarget, in io.Reader, out io.Writer) error {
	defer t.stop()
	ev := events.New()
	defer ev.Close()
	s := t.settings
	acct, err := a.account(s)
	if err != nil {
		return err
	}
	trail, err := a.auditTrail(t.label)
	if err != nil {
		return err
	}
	trail.OnError = nil // stderr belongs to the TUI; a failed outcome line is not shown (yet)
	c, err := client.New(client.Config{
		Account: acct, ReadOnly: s.ReadOnly, HTTPClient: a.httpClient, UserAgent: "qsched/" + version,
		Observer: ev.Observer, OnWait: ev.OnWait, Audit: trail,
	})
	if err != nil {
		return usageErr(err)
	}
	var drafts *scriptform.DraftStore
	if path, err := scriptform.DefaultDraftPath(a.getenv, "script-schedule-"+unsafeName.ReplaceAllString(t.label, "_")); err == nil {
		drafts = &scriptform.DraftStore{Path: path}
	}
	user := s.Credentials.Username
	m := app.New(app.Options{
		Client: c, Events: ev, Platform: t.label, User: user, ReadOnly: s.ReadOnly, Context: ctx,
		Routes: app.DefaultRoutes(
			scripts.Options{Catalog: t.catalog, Drafts: drafts, User: user},
			was.Options{AutoRefresh: a.autoRefresh, Platform: t.label}),
	})
	_, err = tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // interrupted by a signal
	}
	return err
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
)

// cli is what every command shares: the process environment (injected so
// that tests run commands in-process), the global flags, and the way to
// reach the platform.
type cli struct {
	getenv     func(string) string
	stdin      io.Reader
	httpClient *http.Client // nil: the client's default
	now        func() time.Time
	// termWidth is the width of w when it is a terminal, 0 otherwise.
	termWidth func(w io.Writer) int
	// accounts gives every client of the process the same Account for the
	// same user and platform: one login, one stop after a rejected
	// password, at most two calls in flight.
	accounts client.Accounts

	stderr io.Writer // for warnings; set by execute

	configPath  string
	auditPath   string     // --audit-log
	auditLog    *audit.Log // shared by every client of the process
	overrides   client.Overrides
	json        bool
	output      string // --output of a list command: table, json or csv ("" unset)
	demo        bool
	autoRefresh time.Duration
	// perUserLogin: every SSH session signs in as its own Qualys user
	// (qsched serve --per-user-login).
	perUserLogin bool
}

func newCLI() *cli {
	return &cli{getenv: os.Getenv, stdin: os.Stdin, now: time.Now, termWidth: terminalWidth}
}

func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil || width <= 0 {
		return 80
	}
	return width
}

// execute runs qsched with args and returns the exit code. main and the
// tests both come through here.
func execute(ctx context.Context, a *cli, args []string, stdout, stderr io.Writer, opts ...fang.Option) int {
	root := newRootCmd(a)
	strictTree(root)
	root.SetArgs(args)
	hw := &helpWriter{w: stdout, width: helpWidth(a, stdout)}
	fitHelp(root, hw, stdout, hw.width)
	defer hw.Flush()
	root.SetErr(stderr)
	root.SetIn(a.stdin)
	a.stderr = stderr
	opts = append(opts, fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { printError(w, err) }))
	if err := fang.Execute(ctx, root, opts...); err != nil {
		return exitCode(err)
	}
	return exitOK
}

// configFile returns the config file's path and whether it was asked for
// explicitly (then it must exist).
func (a *cli) configFile() (string, bool) {
	if a.configPath != "" {
		return a.configPath, true
	}
	if p := a.getenv("QSCHED_CONFIG"); p != "" {
		return p, true
	}
	dir := a.getenv("XDG_CONFIG_HOME")
	if dir == "" {
		var err error
		if dir, err = os.UserConfigDir(); err != nil {
			return "", false
		}
	}
	return filepath.Join(dir, "qsched", "config.yaml"), false
}

// profileFile reads the config file (none at the default path is no
// profiles).
func (a *cli) profileFile() (client.ProfileFile, error) {
	var file client.ProfileFile
	if path, explicit := a.configFile(); path != "" {
		data, err := os.ReadFile(path)
		switch {
		case err == nil:
			if file, err = client.ParseProfiles(data); err != nil {
				return file, usageErr(fmt.Errorf("%s: %w", path, err))
			}
		case explicit || !errors.Is(err, fs.ErrNotExist):
			return file, usageErr(fmt.Errorf("config file: %w", err))
		}
	}
	return file, nil
}

// settings resolves the platform, credentials and read-only flag.
func (a *cli) settings() (client.Settings, error) {
	file, err := a.profileFile()
	if err != nil {
		return client.Settings{}, err
	}
	s, err := client.ResolveSettings(file, a.overrides, a.getenv)
	if err != nil {
		return s, usageErr(err)
	}
	return s, nil
}

// zone is the display zone (--tz, the profile's time_zone, or local),
// for commands that need no credentials.
func (a *cli) zone() (*time.Location, error) {
	file, err := a.profileFile()
	if err != nil {
		return nil, err
	}
	loc, err := client.ResolveZone(file, a.overrides, a.getenv)
	if err != nil {
		return nil, usageErr(err)
	}
	return loc, nil
}

// connectToWrite is connect for a command that writes: a read-only
// setting refuses it here, before anything is sent or audited.
func (a *cli) connectToWrite() (*client.Client, client.Settings, error) {
	c, st, err := a.connect()
	if err == nil && st.ReadOnly {
		return nil, st, usageErr(client.ErrReadOnly)
	}
	return c, st, err
}

// connect builds a client from the settings, recording its writes in the
// audit log. It sends nothing.
func (a *cli) connect() (*client.Client, client.Settings, error) {
	s, err := a.settings()
	if err != nil {
		return nil, s, err
	}
	acct, err := a.account(s, false)
	if err != nil {
		return nil, s, err
	}
	trail, err := a.auditTrail(target(s))
	if err != nil {
		return nil, s, err
	}
	c, err := client.New(client.Config{
		Account: acct, ReadOnly: s.ReadOnly, HTTPClient: a.httpClient,
		UserAgent: "qsched/" + version, Now: a.now, Audit: trail,
		OnRetryWait: a.sayWait,
	})
	if err != nil {
		return nil, s, usageErr(err)
	}
	return c, s, nil
}

// account returns the process's Account for the settings' user and
// platform. A TUI session (passwordLater) may have no password: it asks
// for it before sending anything, and a later session of the same account
// shares the password typed.
func (a *cli) account(s client.Settings, passwordLater bool) (*client.Account, error) {
	acct, err := a.accounts.Get(client.AccountConfig{APIURL: s.Platform.APIURL, GatewayURL: s.Platform.GatewayURL,
		Credentials: s.Credentials, PasswordLater: passwordLater})
	if err != nil {
		return nil, usageErr(err)
	}
	return acct, nil
}

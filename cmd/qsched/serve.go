package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/ui/session"
	"github.com/qsched/qsched/ui/sshserver"
)

type serveFlags struct {
	listen         string
	hostKey        string
	authorizedKeys string
	viewerKeys     string
	maxSessions    int
	idleTimeout    time.Duration
	maxSession     time.Duration
}

func newServeCmd(a *cli) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the terminal UI over SSH to operators and viewers",
		Long: `serve runs an SSH server: every SSH session with a terminal gets its own qsched
session on the configured platform (or, with --demo, on one simulated platform that
all sessions share). Authentication is by public key only.

Roles: a key in --authorized-keys is an operator; a key in --viewer-keys is a viewer
and gets a read-only session (a key in both is a viewer). Both files are re-read when
they change, so keys can be added or revoked without a restart.

Accounts: by default every session acts as the configured Qualys user. With
--per-user-login each session asks for its own Qualys user name and password inside
the TUI; sessions signed in as the same user share one login.

Example:
  qsched serve --demo --authorized-keys ~/.ssh/authorized_keys
  ssh -p 23234 localhost`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error { return a.serve(cmd, f) }),
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:23234", "address to listen on")
	fl.StringVar(&f.hostKey, "host-key", "", "host private key, created when missing (default $XDG_DATA_HOME/qsched/host_ed25519)")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "operators' public keys, authorized_keys format (required)")
	fl.StringVar(&f.viewerKeys, "viewer-keys", "", "viewers' public keys: read-only sessions")
	fl.IntVar(&f.maxSessions, "max-sessions", 50, "sessions allowed at once")
	fl.DurationVar(&f.idleTimeout, "idle-timeout", 30*time.Minute, "end a session after this long without input")
	fl.DurationVar(&f.maxSession, "max-session", 12*time.Hour, "end a session this long after it started")
	fl.BoolVar(&a.demo, "demo", false, "serve a simulated Qualys platform started in-process, shared by all sessions")
	fl.BoolVar(&a.perUserLogin, "per-user-login", false, "every session signs in inside the TUI as its own Qualys user (the configured user and password are not used)")
	fl.DurationVar(&a.autoRefresh, "auto-refresh", 0, "reload the WAS list this often, e.g. 60s (p pauses; 0 is off)")
	return cmd
}

func (a *cli) serve(cmd *cobra.Command, f serveFlags) error {
	switch {
	case f.authorizedKeys == "":
		return usagef("--authorized-keys is required: the operators' public keys (e.g. ~/.ssh/authorized_keys)")
	case f.maxSessions < 1:
		return usagef("--max-sessions must be at least 1, got %d", f.maxSessions)
	case f.idleTimeout < time.Second:
		return usagef("--idle-timeout must be at least 1s, got %s", f.idleTimeout)
	case f.maxSession < time.Second:
		return usagef("--max-session must be at least 1s, got %s", f.maxSession)
	case a.autoRefresh < 0 || (a.autoRefresh > 0 && a.autoRefresh < 10*time.Second):
		return usagef("--auto-refresh must be 0 (off) or at least 10s, got %s", a.autoRefresh)
	}
	for flag, path := range map[string]string{"--authorized-keys": f.authorizedKeys, "--viewer-keys": f.viewerKeys} {
		if path == "" {
			continue
		}
		if _, err := os.Stat(path); err != nil {
			return usagef("%s: %v", flag, err)
		}
	}
	if f.hostKey == "" {
		p, err := a.defaultHostKeyPath()
		if err != nil {
			return usagef("--host-key: no data directory (%v); give a path", err)
		}
		f.hostKey = p
	}
	t, err := a.tuiTarget(cmd)
	if err != nil {
		return err
	}
	defer t.stop()

	logger := log.NewWithOptions(cmd.ErrOrStderr(), log.Options{ReportTimestamp: true, Prefix: "qsched serve"})
	log.SetDefault(logger) // wish's middleware logs through the default logger
	srv, err := sshserver.New(sshserver.Config{
		Addr: f.listen, HostKeyPath: f.hostKey, AuthorizedKeys: f.authorizedKeys, ViewerKeys: f.viewerKeys,
		MaxSessions: f.maxSessions, IdleTimeout: f.idleTimeout, MaxSession: f.maxSession,
		Logger: logger, NewSession: a.sshSessionFunc(t),
	})
	if err != nil {
		return usageErr(serveConfigError(err, f))
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return fmt.Errorf("--listen: %w", err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String(), "platform", t.label, "host-key", f.hostKey)
	select {
	case err := <-errc:
		return fmt.Errorf("--listen %s: %w", f.listen, err)
	case <-cmd.Context().Done():
	}
	logger.Info("shutting down: sessions finish their tasks in flight (at most 10s)")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		logger.Warn("shutdown", "err", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	return nil
}

// serveConfigError names the flag behind an error from sshserver.New.
func serveConfigError(err error, f serveFlags) error {
	if errors.Is(err, sshserver.ErrNoAuthorizedKeys) {
		return errors.New("--authorized-keys is required")
	}
	var ce *sshserver.ConfigError
	if !errors.As(err, &ce) {
		return err
	}
	switch ce.Field {
	case "AuthorizedKeys":
		return fmt.Errorf("--authorized-keys: %w", ce.Err)
	case "ViewerKeys":
		return fmt.Errorf("--viewer-keys: %w", ce.Err)
	case "HostKeyPath":
		return fmt.Errorf("--host-key: %w", ce.Err)
	}
	return err
}

// defaultHostKeyPath is $XDG_DATA_HOME/qsched/host_ed25519, falling back to
// ~/.local/share; never the working directory.
func (a *cli) defaultHostKeyPath() (string, error) {
	dir := a.getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "share")
	}
	if !filepath.IsAbs(dir) {
		return "", fmt.Errorf("XDG_DATA_HOME is not absolute: %q", dir)
	}
	return filepath.Join(dir, "qsched", "host_ed25519"), nil
}

// sshSessionFunc builds each SSH session on t: the same settings for all,
// read-only for viewers, drafts kept per key.
func (a *cli) sshSessionFunc(t tuiTarget) sshserver.SessionFunc {
	return func(ctx context.Context, id sshserver.Identity) (*session.Session, error) {
		o, err := a.sessionOptions(ctx, t, a.localDraftDir(t.drafts, id.Fingerprint))
		if err != nil {
			return nil, err
		}
		o.ReadOnly = id.Role == sshserver.Viewer
		o.Audit.Actor.SSHUser, o.Audit.Actor.KeyFingerprint, o.Audit.Actor.Role = id.Name, id.Fingerprint, id.Role.String()
		o.User = t.settings.Credentials.Username + " (ssh: " + id.Name + ")"
		if a.perUserLogin {
			// The user is typed at sign-in; drafts are kept per key and
			// Qualys user.
			o.PerUserLogin, o.Via, o.User = true, "ssh: "+id.Name, ""
			o.DraftDirFor = func(platform, user string) string {
				return a.localDraftDir(platform, id.Fingerprint+"-"+user)
			}
		}
		return session.New(o)
	}
}

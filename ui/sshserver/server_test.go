package sshserver_test

import (
	"context"
	"errors"
	"github.com/qsched/qsched/ui/sshserver/sshtest"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/session"
	"github.com/qsched/qsched/ui/sshserver"
)

// waitTimeout bounds every wait for expected output; tests never sleep.
const waitTimeout = 20 * time.Second

type fixture struct {
	addr             string
	srv              *sshserver.Server
	operator, viewer gossh.Signer
	stranger         gossh.Signer
	logs             *sshtest.Buffer
	served           chan error
}

// start runs a server on a random loopback port, every session on one
// in-process simulator, as `qsched serve --demo` does.
func start(t testing.TB, mod func(*sshserver.Config)) *fixture {
	t.Helper()
	s := sim.New(sim.Options{})
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	o := s.Options()
	settings := client.Settings{
		Platform:    client.Platform{APIURL: hs.URL, GatewayURL: hs.URL},
		Credentials: client.Credentials{Username: o.Username, Password: o.Password},
	}

	dir := t.TempDir()
	f := &fixture{logs: &sshtest.Buffer{}, served: make(chan error, 1)}
	var opLine, vwLine []byte
	f.operator, opLine = sshtest.NewSigner(t)
	f.viewer, vwLine = sshtest.NewSigner(t)
	f.stranger, _ = sshtest.NewSigner(t)
	ak, vk := filepath.Join(dir, "authorized_keys"), filepath.Join(dir, "viewer_keys")
	if err := os.WriteFile(ak, append([]byte("# operators\n"), opLine...), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(vk, vwLine, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := sshserver.Config{
		HostKeyPath: filepath.Join(dir, "state", "host_ed25519"), AuthorizedKeys: ak, ViewerKeys: vk,
		Logger: log.New(f.logs),
		NewSession: func(ctx context.Context, id sshserver.Identity) (*session.Session, error) {
			return session.New(session.Options{
				Settings: settings, Platform: "demo", Context: ctx,
				User: "demo (ssh: " + id.Name + ")", ReadOnly: id.Role == sshserver.Viewer,
			})
		},
	}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := sshserver.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.srv, f.addr = srv, ln.Addr().String()
	go func() { f.served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return f
}

func (f *fixture) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User: "tester", Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitTimeout,
	})
}

func (f *fixture) mustDial(t testing.TB, signers ...gossh.Signer) *gossh.Client {
	t.Helper()
	var auth []gossh.AuthMethod
	for _, s := range signers {
		auth = append(auth, gossh.PublicKeys(s)) // one method each: a failed one falls through
	}
	c, err := f.dial(auth...)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// screen is the client side of one SSH session.
type screen struct {
	sess   *gossh.Session
	stdin  io.WriteCloser
	out    *sshtest.Buffer
	closed chan struct{} // the session ended (Wait returned)
}

func openSession(t testing.TB, c *gossh.Client, pty bool, w, h int) *screen {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	t.Cleanup(func() { _ = sess.Close() })
	sc := &screen{sess: sess, out: &sshtest.Buffer{}, closed: make(chan struct{})}
	sess.Stdout, sess.Stderr = sc.out, sc.out
	if sc.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if pty {
		if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
			t.Fatalf("pty: %v", err)
		}
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	go func() { _ = sess.Wait(); close(sc.closed) }()
	return sc
}

// text is everything received so far without escape sequences. Cursor
// movements are dropped, so words may touch; tests look for tokens that
// the renderer writes in one piece.
func (s *screen) text() string { return ansi.Strip(s.out.String()) }

// waitFor waits until every token has been received.
func (s *screen) waitFor(t testing.TB, tokens ...string) {
	t.Helper()
	deadline := time.After(waitTimeout)
	for {
		txt := s.text()
		missing := ""
		for _, tok := range tokens {
			if !strings.Contains(txt, tok) {
				missing = tok
				break
			}
		}
		if missing == "" {
			return
		}
		select {
		case <-s.out.Changed():
		case <-deadline:
			t.Fatalf("no %q after %s; received:\n%s", missing, waitTimeout, txt)
		}
	}
}

func (s *screen) waitClosed(t testing.TB) {
	t.Helper()
	select {
	case <-s.closed:
	case <-time.After(waitTimeout):
		t.Fatalf("session still open after %s; received:\n%s", waitTimeout, s.text())
	}
}

func (s *screen) press(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(s.stdin, keys); err != nil {
		t.Fatal(err)
	}
}

func TestOperatorSeesTheHeaderInItsFirstFrame(t *testing.T) {
	f := start(t, nil)
	sc := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	sc.waitFor(t, "qsched", "demo (ssh: ", "Script schedules", "? help")
	if txt := sc.text(); strings.Contains(txt, "READ-ONLY") {
		t.Fatalf("operator session is read-only:\n%s", txt)
	}
	if !strings.Contains(sc.text(), "qsched ·") && !strings.Contains(sc.text(), "qsched·") {
		t.Fatalf("no header line:\n%s", sc.text())
	}
	if strings.Contains(sc.text(), "demo\x00") || strings.Contains(f.logs.String(), "Password") {
		t.Fatal("a secret reached the output or the log")
	}
	// ctrl+z must not suspend anything: the session still answers.
	sc.press(t, "\x1a?")
	sc.waitFor(t, "Keys —")
}

func TestViewerIsReadOnlyWithoutWriteKeys(t *testing.T) {
	f := start(t, nil)
	// The same screen and help for an operator lists deactivate, so that
	// the viewer's check below can fail.
	op := openSession(t, f.mustDial(t, f.operator), true, 100, 40)
	op.waitFor(t, "Script schedules")
	op.press(t, "2")
	op.waitFor(t, "WAS schedules ·")
	op.press(t, "?")
	op.waitFor(t, "deactivate")

	vw := openSession(t, f.mustDial(t, f.viewer), true, 100, 40)
	vw.waitFor(t, "READ-ONLY", "Script schedules")
	vw.press(t, "2")
	vw.waitFor(t, "WAS schedules ·")
	vw.press(t, "?")
	vw.waitFor(t, "Keys —")
	if txt := vw.text(); strings.Contains(txt, "deactivate") {
		t.Fatalf("viewer's help offers deactivate:\n%s", txt)
	}
}

func TestUnknownKeyIsRejectedAtAuth(t *testing.T) {
	f := start(t, nil)
	c, err := f.dial(gossh.PublicKeys(f.stranger))
	if err == nil {
		_ = c.Close()
		t.Fatal("a key in neither file was accepted")
	}
	if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("unexpected error: %v", err)
	}
}

func TestPasswordAndKeyboardInteractiveAreRefused(t *testing.T) {
	f := start(t, nil)
	asked := false
	c, err := f.dial(gossh.Password("demo"),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			asked = true
			return nil, nil
		}))
	if err == nil {
		_ = c.Close()
		t.Fatal("password authentication was accepted")
	}
	if asked {
		t.Fatal("the server offered keyboard-interactive authentication")
	}
	// A stranger offering its key and then a password gets nowhere either.
	if c, err := f.dial(gossh.PublicKeys(f.stranger), gossh.Password("demo")); err == nil {
		_ = c.Close()
		t.Fatal("password after a refused key was accepted")
	}
}

// CVE-2024-45337: the key callback also sees keys the client offers and
// does not use. Here the client offers the viewer's key, then the
// operator's, then signs with the viewer's key. (x/crypto's one-entry
// answer cache makes the callback see the viewer's key last anyway; this
// pins the outcome. TestKeyIsRecheckedForEachSession tests the re-check.)
func TestRoleComesFromTheKeyActuallyUsed(t *testing.T) {
	f := start(t, nil)
	// One method after another; an offer's signing fails, which ends that
	// method and lets the next one run.
	steps := []gossh.AuthMethod{
		gossh.PublicKeys(offerOnly{f.viewer.PublicKey()}),
		gossh.PublicKeys(offerOnly{f.operator.PublicKey()}),
		gossh.PublicKeys(f.viewer),
	}
	c, err := gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User: "tester", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitTimeout,
		AuthCallback: func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
			if len(steps) == 0 {
				return nil, errors.New("no method left")
			}
			m := steps[0]
			steps = steps[1:]
			return m, nil
		},
	})
	if err != nil || len(steps) != 0 {
		t.Fatalf("dial: %v (%d steps left)", err, len(steps))
	}
	t.Cleanup(func() { _ = c.Close() })
	sc := openSession(t, c, true, 80, 24)
	sc.waitFor(t, "READ-ONLY")
}

// The role is derived again from the session's key when each session
// starts, so a key removed from its file after the handshake gets no
// session.
func TestKeyIsRecheckedForEachSession(t *testing.T) {
	var ak string
	f := start(t, func(c *sshserver.Config) { ak = c.AuthorizedKeys })
	c := f.mustDial(t, f.operator)
	if err := os.WriteFile(ak, []byte("# nobody, for now\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sc := openSession(t, c, true, 80, 24)
	sc.waitClosed(t)
	if got := strings.TrimSpace(sc.text()); got != "qsched: permission denied" {
		t.Fatalf("got %q", got)
	}
}

func TestSessionWithoutATerminalIsTold(t *testing.T) {
	f := start(t, nil)
	sc := openSession(t, f.mustDial(t, f.operator), false, 0, 0)
	sc.waitClosed(t)
	got := strings.TrimSpace(sc.out.String())
	if got != "qsched needs a terminal: connect with ssh -t, without a command" {
		t.Fatalf("got %q", got)
	}
}

func TestMaxSessions(t *testing.T) {
	f := start(t, func(c *sshserver.Config) { c.MaxSessions = 1 })
	first := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	first.waitFor(t, "Script schedules")
	second := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	second.waitClosed(t)
	if got := strings.TrimSpace(second.text()); got != "qsched: all 1 sessions are in use; try again later" {
		t.Fatalf("got %q", got)
	}
}

func TestShutdownTellsSessions(t *testing.T) {
	f := start(t, nil)
	sc := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	sc.waitFor(t, "Script schedules")
	// Another session, on another screen, with a dialog opened and closed.
	other := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	other.waitFor(t, "Script schedules")
	other.press(t, "2")
	other.waitFor(t, "WAS schedules ·", "row 1/")
	other.press(t, "d")
	other.waitFor(t, "y confirm")
	other.press(t, "n?")
	other.waitFor(t, "Keys —")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	sc.waitFor(t, "qsched: session closed: the server is shutting down")
	other.waitFor(t, "qsched: session closed: the server is shutting down")
	select {
	case err := <-f.served:
		if err == nil || !strings.Contains(err.Error(), "closed") {
			t.Fatalf("Serve returned %v", err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("Serve did not return")
	}
	if _, err := f.dial(gossh.PublicKeys(f.operator)); err == nil {
		t.Fatal("a connection was accepted after shutdown")
	}
}

func TestIdleSessionEnds(t *testing.T) {
	f := start(t, func(c *sshserver.Config) { c.IdleTimeout = 2 * time.Second })
	sc := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	sc.waitFor(t, "qsched: session closed: no input for 2s")
	sc.waitClosed(t)
}

func TestMissingAuthorizedKeys(t *testing.T) {
	_, err := sshserver.New(sshserver.Config{HostKeyPath: filepath.Join(t.TempDir(), "k"),
		NewSession: func(context.Context, sshserver.Identity) (*session.Session, error) { return nil, nil }})
	if !errors.Is(err, sshserver.ErrNoAuthorizedKeys) {
		t.Fatalf("got %v", err)
	}
}

func TestHostKeyIsCreatedPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "qsched", "host_ed25519")
	start(t, func(c *sshserver.Config) { c.HostKeyPath = path })
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Fatalf("host key directory mode %v", di.Mode().Perm())
	}
}

// offerOnly is a signer that can present a public key but not sign: the
// client offers the key (the server's callback sees it) and then fails
// over to the next method.
type offerOnly struct{ pk gossh.PublicKey }

func (o offerOnly) PublicKey() gossh.PublicKey { return o.pk }
func (o offerOnly) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("cannot sign")
}

// A client that closes its session but keeps its connection (as a
// multiplexing client does) must not leave the program running.
func TestClosedSessionEndsWhileTheConnectionStays(t *testing.T) {
	f := start(t, nil)
	c := f.mustDial(t, f.operator)
	sc := openSession(t, c, true, 80, 24)
	sc.waitFor(t, "Script schedules")
	if n := f.srv.Sessions(); n != 1 {
		t.Fatalf("%d sessions", n)
	}
	_ = sc.sess.Close()
	deadline := time.Now().Add(waitTimeout)
	for f.srv.Sessions() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the session is still running")
		}
		time.Sleep(10 * time.Millisecond) // polling for the end, not timing it
	}
	// The connection still works for a new session.
	again := openSession(t, c, true, 80, 24)
	again.waitFor(t, "Script schedules")
}

// The server process's SIGTERM is for Shutdown to handle: a session's
// program must not quit on it by itself.
func TestSessionsIgnoreTheServersSignals(t *testing.T) {
	f := start(t, nil)
	sc := openSession(t, f.mustDial(t, f.operator), true, 80, 24)
	sc.waitFor(t, "Script schedules")
	got := make(chan os.Signal, 1)
	signal.Notify(got, syscall.SIGTERM) // keeps the test process alive
	defer signal.Stop(got)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-got:
	case <-time.After(waitTimeout):
		t.Fatal("SIGTERM not delivered")
	}
	sc.press(t, "?")
	sc.waitFor(t, "Keys —")
	select {
	case <-sc.closed:
		t.Fatalf("the session ended on the server's SIGTERM:\n%s", sc.text())
	default:
	}
}

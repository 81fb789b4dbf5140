package main

// The harness of the serve tests that connect over SSH: `qsched serve` run
// in-process through execute (the same flags, target, shared Account,
// audit log and session constructor as the real command), on a loopback
// port, against a simulator on loopback; SSH clients with their own keys
// and a PTY.

import (
	"context"
	"github.com/qsched/qsched/ui/sshserver/sshtest"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// sshWait bounds every wait for expected output; the tests never sleep.
const sshWait = 20 * time.Second

// sshKey is one client key and the line that authorizes it.
type sshKey struct {
	name   string // the comment in the keys file
	signer gossh.Signer
}

func newSSHKey(t testing.TB, name string) sshKey {
	t.Helper()
	s, _ := sshtest.NewSigner(t)
	return sshKey{name: name, signer: s}
}

func (k sshKey) line() string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.signer.PublicKey()))) + " " + k.name + "\n"
}

func (k sshKey) fingerprint() string { return gossh.FingerprintSHA256(k.signer.PublicKey()) }

// serveRun is one `qsched serve` running in-process.
type serveRun struct {
	addr             string
	operator, viewer sshKey
	stderr           *sshtest.Buffer
}

var listeningAddr = regexp.MustCompile(`listening addr=(127\.0\.0\.1:\d+)`)

// startServe runs `qsched [global...] serve` on e's environment with an
// operator key and a viewer key, on a random loopback port, until the test
// ends.
func startServe(t *testing.T, e *testEnv, global ...string) *serveRun {
	t.Helper()
	dir := t.TempDir()
	r := &serveRun{operator: newSSHKey(t, "olivia@ops"), viewer: newSSHKey(t, "victor@view"), stderr: &sshtest.Buffer{}}
	ak, vk := filepath.Join(dir, "authorized_keys"), filepath.Join(dir, "viewer_keys")
	if err := os.WriteFile(ak, []byte(r.operator.line()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(vk, []byte(r.viewer.line()), 0o600); err != nil {
		t.Fatal(err)
	}
	e.vars["XDG_DATA_HOME"] = filepath.Join(dir, "data")
	args := append(append([]string(nil), global...), "serve",
		"--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "host_ed25519"),
		"--authorized-keys", ak, "--viewer-keys", vk, "--max-sessions", "100")
	a := &cli{getenv: func(k string) string { return e.vars[k] }, stdin: strings.NewReader(""), now: time.Now,
		termWidth: func(io.Writer) int { return 0 }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stdout sshtest.Buffer
	go func() { done <- execute(ctx, a, args, &stdout, r.stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("serve exited %d; stderr:\n%s", code, r.stderr.String())
			}
		case <-time.After(sshWait):
			t.Errorf("serve still running %s after its context ended", sshWait)
		}
	})
	deadline := time.After(sshWait)
	for {
		if m := listeningAddr.FindStringSubmatch(r.stderr.String()); m != nil {
			r.addr = m[1]
			return r
		}
		select {
		case <-r.stderr.Changed():
		case code := <-done:
			t.Fatalf("serve exited %d before listening; stderr:\n%s", code, r.stderr.String())
		case <-deadline:
			t.Fatalf("serve not listening after %s; stderr:\n%s", sshWait, r.stderr.String())
		}
	}
}

// open connects with k and opens a session with a PTY of w×h.
func (r *serveRun) open(t testing.TB, k sshKey, w, h int) *sshScreen {
	t.Helper()
	c, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{
		User: "ignored-by-the-server", Auth: []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: sshWait,
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	sc := &sshScreen{out: &sshtest.Buffer{}}
	sess.Stdout, sess.Stderr = sc.out, sc.out
	if sc.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	t.Cleanup(func() { _ = sess.Close() })
	return sc
}

// sshScreen is the client side of one SSH session.
type sshScreen struct {
	stdin io.WriteCloser
	out   *sshtest.Buffer
}

// text is everything received so far without escape sequences (cursor
// moves dropped: look for tokens the renderer writes in one piece).
func (s *sshScreen) text() string { return ansi.Strip(s.out.String()) }

func (s *sshScreen) has(tokens ...string) (bool, string) {
	txt := s.text()
	for _, tok := range tokens {
		if !strings.Contains(txt, tok) {
			return false, tok
		}
	}
	return true, ""
}

// waitFor waits until every token has been received.
func (s *sshScreen) waitFor(t testing.TB, tokens ...string) {
	t.Helper()
	deadline := time.After(sshWait)
	for {
		ok, missing := s.has(tokens...)
		if ok {
			return
		}
		select {
		case <-s.out.Changed():
		case <-deadline:
			t.Fatalf("no %q after %s; received:\n%s", missing, sshWait, s.text())
		}
	}
}

// waitUntil waits up to d for every token, reporting whether they came.
func (s *sshScreen) waitUntil(d time.Duration, tokens ...string) bool {
	deadline := time.After(d)
	for {
		if ok, _ := s.has(tokens...); ok {
			return true
		}
		select {
		case <-s.out.Changed():
		case <-deadline:
			return false
		}
	}
}

func (s *sshScreen) press(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(s.stdin, keys); err != nil {
		t.Fatal(err)
	}
}

// confirmUntil answers an open confirmation with y until want appears:
// the dialog ignores keys for its grace period on the session's real
// clock, so a y sent too early is dropped and sent again.
func (s *sshScreen) confirmUntil(t testing.TB, want string) {
	t.Helper()
	deadline := time.Now().Add(sshWait)
	for !s.waitUntil(100*time.Millisecond, want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q after %s of y; received:\n%s", want, sshWait, s.text())
		}
		s.press(t, "y")
	}
}

// Package sshserver serves qsched sessions over SSH with wish: public-key
// authentication only, a role per key (operator or viewer), one program
// and one model per SSH session, bounded session count and duration, and a
// shutdown that lets writes in flight finish.
//
// The server knows nothing about Qualys: Config.NewSession builds each
// session (see package session), given who is connected.
package sshserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/qsched/qsched/ui/session"
)

// Role is what a key may do.
type Role int

const (
	// Operator keys (--authorized-keys) may write.
	Operator Role = iota
	// Viewer keys (--viewer-keys) get read-only sessions.
	Viewer
)

func (r Role) String() string {
	if r == Viewer {
		return "viewer"
	}
	return "operator"
}

// Identity is who is connected, derived from the public key that
// authenticated the connection (re-checked after the handshake), never
// from anything else the client says.
type Identity struct {
	Role Role
	// Name is the key's comment in its keys file, or its fingerprint when
	// the line has none.
	Name string
	// Fingerprint is the key's SHA256 fingerprint ("SHA256:…").
	Fingerprint string
}

// SessionFunc builds the session for one SSH session. ctx ends when the
// SSH session does. A viewer's session must be read-only: the server
// refuses to run one that is not.
type SessionFunc func(ctx context.Context, id Identity) (*session.Session, error)

// Config configures a Server.
type Config struct {
	// Addr is the listen address, e.g. "127.0.0.1:23234".
	Addr string
	// HostKeyPath is the server's private key; an ed25519 key is created
	// there (mode 0600, directory 0700) when the file does not exist.
	HostKeyPath string
	// AuthorizedKeys is the operators' authorized_keys file (required).
	AuthorizedKeys string
	// ViewerKeys is the viewers' authorized_keys file (optional). A key in
	// both files is a viewer.
	ViewerKeys string
	// MaxSessions bounds the sessions running at once (default 50).
	MaxSessions int
	// IdleTimeout ends a session that has had no input for this long
	// (default 30m).
	IdleTimeout time.Duration
	// MaxSession ends a session this long after it started (default 12h).
	MaxSession time.Duration
	// DrainTimeout is how long an ending session waits for its tasks in
	// flight (default 10s).
	DrainTimeout time.Duration
	// NewSession builds each session (required).
	NewSession SessionFunc
	// Logger logs connections and sessions, never secrets (default: a
	// logger to stderr).
	Logger *log.Logger
}

// Server is a qsched SSH server.
type Server struct {
	cfg       Config
	srv       *ssh.Server
	log       *log.Logger
	operators *keySet
	viewers   *keySet

	mu        sync.Mutex
	live      map[*live]struct{}
	listeners []net.Listener
	closing   bool
	conns     atomic.Int64
	wg        sync.WaitGroup
}

// ErrNoAuthorizedKeys: Config.AuthorizedKeys is empty.
var ErrNoAuthorizedKeys = errors.New("an authorized keys file is required")

// ConfigError is a problem with one file New reads, so that callers can
// name the flag at fault.
type ConfigError struct {
	Field string // "AuthorizedKeys", "ViewerKeys" or "HostKeyPath"
	Err   error
}

func (e *ConfigError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// New checks cfg, loads the key files and the host key (creating it when
// missing), and returns a server that is not yet listening.
func New(cfg Config) (*Server, error) {
	if cfg.AuthorizedKeys == "" {
		return nil, ErrNoAuthorizedKeys
	}
	if cfg.NewSession == nil {
		return nil, errors.New("sshserver: Config.NewSession is nil")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 50
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.MaxSession <= 0 {
		cfg.MaxSession = 12 * time.Hour
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = 10 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, Prefix: "qsched serve"})
	}
	s := &Server{cfg: cfg, log: cfg.Logger, live: map[*live]struct{}{}}
	var err error
	if s.operators, err = loadKeySet(cfg.AuthorizedKeys); err != nil {
		return nil, &ConfigError{"AuthorizedKeys", err}
	}
	if cfg.ViewerKeys != "" {
		if s.viewers, err = loadKeySet(cfg.ViewerKeys); err != nil {
			return nil, &ConfigError{"ViewerKeys", err}
		}
	}
	if err := ensureHostKey(cfg.HostKeyPath); err != nil {
		return nil, &ConfigError{"HostKeyPath", err}
	}
	s.srv, err = wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		// Public keys only: with no password or keyboard-interactive
		// handler, the server offers neither method.
		wish.WithPublicKeyAuth(s.authKey),
		// No connection-level idle timeout: charm.land/ssh v0.4.2 then
		// updates deadlines from its read loop while handleConn writes
		// them (a data race under -race). Sessions end on input idleness
		// instead (see handle), which an auto-refreshing screen cannot
		// defeat; the handshake and maximum timeouts still bound every
		// connection.
		// The session timer ends the session politely at MaxSession; the
		// connection deadline is the backstop.
		wish.WithMaxTimeout(cfg.MaxSession+cfg.DrainTimeout+time.Minute),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.handle }),
		// Emulated PTYs (as soft-serve): no OS pseudo-terminal per
		// session. Set here, not left to the ssh server's default, which
		// it fills in lazily on the first connection while another may be
		// reading it (a data race under -race).
		ssh.EmulatePty(),
	)
	if err != nil {
		return nil, err
	}
	s.srv.HandshakeTimeout = 30 * time.Second
	// Count connections so that Shutdown can let clients hang up by
	// themselves once their sessions have said goodbye.
	s.srv.ConnCallback = func(_ ssh.Context, c net.Conn) net.Conn { s.conns.Add(1); return c }
	s.srv.ConnectionCloseCallback = func(net.Conn) { s.conns.Add(-1) }
	return s, nil
}

// fpExt records, during authentication, the fingerprint of the key that
// was accepted; the session handler compares it with the key the
// connection actually authenticated with (CVE-2024-45337).
const fpExt = "qsched-pubkey-fp"

// authKey is the public-key callback. It may be called with keys the
// client then does not use, so it decides nothing beyond "known key": the
// role is derived again in handle from the key the session really has.
func (s *Server) authKey(ctx ssh.Context, pk ssh.PublicKey) bool {
	if _, _, ok := s.role(pk); !ok {
		s.log.Info("key refused", "fingerprint", gossh.FingerprintSHA256(pk), "addr", ctx.RemoteAddr())
		return false
	}
	if ctx.Permissions().Extensions == nil {
		ctx.Permissions().Extensions = map[string]string{}
	}
	ctx.Permissions().Extensions[fpExt] = gossh.FingerprintSHA256(pk)
	return true
}

// role looks pk up; viewer wins over operator (least privilege).
func (s *Server) role(pk gossh.PublicKey) (Role, string, bool) {
	if c, ok := s.viewers.lookup(pk); ok {
		return Viewer, c, true
	}
	if c, ok := s.operators.lookup(pk); ok {
		return Operator, c, true
	}
	return 0, "", false
}

// identify re-checks the key the session authenticated with, as
// soft-serve's AuthenticationMiddleware does.
func (s *Server) identify(sess ssh.Session) (Identity, bool) {
	pk := sess.PublicKey()
	perms := sess.Permissions().Permissions
	if pk == nil || perms == nil || perms.Extensions[fpExt] != gossh.FingerprintSHA256(pk) {
		return Identity{}, false
	}
	r, comment, ok := s.role(pk)
	if !ok {
		return Identity{}, false // revoked since the handshake
	}
	id := Identity{Role: r, Name: comment, Fingerprint: gossh.FingerprintSHA256(pk)}
	if id.Name == "" {
		id.Name = id.Fingerprint
	}
	return id, true
}

// ListenAndServe listens on Config.Addr and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Serve serves on ln until Shutdown; it then returns ssh.ErrServerClosed.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		_ = ln.Close()
		return ssh.ErrServerClosed
	}
	s.listeners = append(s.listeners, ln)
	s.mu.Unlock()
	err := s.srv.Serve(ln)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return ssh.ErrServerClosed
	}
	return err
}

// Sessions is the number of sessions running.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}

// Shutdown stops accepting connections, tells every session that the
// server is shutting down, waits up to DrainTimeout (and at most until ctx
// ends) for their tasks in flight, then closes every connection.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	lives := make([]*live, 0, len(s.live))
	for l := range s.live {
		lives = append(lives, l)
	}
	// Stop accepting. (Not through the ssh server's Shutdown: its wait
	// group races with a Serve that is just starting.)
	for _, ln := range s.listeners {
		_ = ln.Close()
	}
	s.mu.Unlock()

	for _, l := range lives {
		l.end("the server is shutting down")
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	wait := time.NewTimer(s.cfg.DrainTimeout + time.Second)
	defer wait.Stop()
	var err error
	select {
	case <-done:
		// Sessions have printed their last line; clients normally hang up
		// now. Give them a moment before closing what is left.
		for end := time.Now().Add(time.Second); s.conns.Load() > 0 && time.Now().Before(end); {
			time.Sleep(10 * time.Millisecond)
		}
	case <-wait.C:
		err = errors.New("sessions still running after the drain timeout")
	case <-ctx.Done():
		err = ctx.Err()
	}
	if cerr := s.srv.Close(); err == nil && cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		err = cerr
	}
	return err
}

// live is one running session.
type live struct {
	p     *tea.Program
	grace time.Duration

	mu     sync.Mutex
	reason string
}

// end asks the session to drain and quit, once; the reason is shown
// in the session and printed after its program has quit.
func (l *live) end(reason string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.reason != "" {
		return
	}
	l.reason = reason
	if l.p != nil {
		l.drain()
	}
}

// setProgram attaches the program, draining it at once if the session
// was ended while it was being built.
func (l *live) setProgram(p *tea.Program) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.p = p
	if l.reason != "" {
		l.drain()
	}
}

func (l *live) drain() {
	// Send blocks until the program reads it, or until it has ended.
	go l.p.Send(session.DrainMsg{Reason: l.reason, Grace: l.grace})
}

func (l *live) endReason() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reason
}

// admit registers a session, or says in one line why it cannot run.
func (s *Server) admit(l *live) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return "qsched: the server is shutting down"
	case len(s.live) >= s.cfg.MaxSessions:
		return fmt.Sprintf("qsched: all %d sessions are in use; try again later", s.cfg.MaxSessions)
	}
	s.live[l] = struct{}{}
	s.wg.Add(1)
	return ""
}

func (s *Server) release(l *live) {
	s.mu.Lock()
	delete(s.live, l)
	s.mu.Unlock()
	s.wg.Done()
}

// handle runs one SSH session.
func (s *Server) handle(sess ssh.Session) {
	id, ok := s.identify(sess)
	if !ok {
		s.log.Warn("session refused: key re-check failed", "addr", sess.RemoteAddr())
		wish.Fatalln(sess, "qsched: permission denied")
		return
	}
	logger := s.log.With("who", id.Name, "fingerprint", id.Fingerprint, "role", id.Role, "addr", sess.RemoteAddr())
	pty, _, hasPty := sess.Pty()
	if !hasPty {
		logger.Info("session refused: no terminal")
		wish.Fatalln(sess, "qsched needs a terminal: connect with ssh -t, without a command")
		return
	}
	if len(sess.RawCommand()) > 0 {
		wish.Fatalln(sess, "qsched: serve runs no commands; connect without one")
		return
	}

	l := &live{grace: s.cfg.DrainTimeout}
	if msg := s.admit(l); msg != "" {
		logger.Info("session refused", "reason", msg)
		wish.Fatalln(sess, msg)
		return
	}
	defer s.release(l)

	// Not cancelled by the client going away: the bubbletea middleware then
	// quits the program, and the tasks end with cancel when handle returns.
	// (A cancelled program context would kill the program instead.)
	ctx, cancel := context.WithCancel(context.WithoutCancel(sess.Context()))
	defer cancel()
	ss, err := s.cfg.NewSession(ctx, id)
	if err == nil && id.Role == Viewer && !ss.App.ReadOnly {
		ss.Close()
		err = errors.New("a viewer's session is not read-only")
	}
	if err != nil {
		logger.Error("session not built", "err", err)
		wish.Fatalln(sess, "qsched: the session could not start")
		return
	}
	defer ss.Close()

	idle := s.cfg.IdleTimeout
	in := &idleInput{r: sess, d: idle, onEOF: func() { l.end("the client closed the session") }}
	// MakeOptions: the session's PTY, TERM and colour profile, its window
	// size, and a filter that turns ctrl+z suspend into nothing.
	// WithoutSignalHandler: the server's own SIGINT/SIGTERM belong to
	// Shutdown; without it every program would quit on them at once,
	// skipping the drain, and can hang sending its quit to a program that
	// has already ended.
	p := ss.NewProgram(append(bubbletea.MakeOptions(sess), tea.WithInput(in), tea.WithoutSignalHandler())...)
	l.setProgram(p)
	in.t = time.AfterFunc(idle, func() { l.end(fmt.Sprintf("no input for %s", idle)) })
	defer in.t.Stop()
	maxT := time.AfterFunc(s.cfg.MaxSession, func() {
		l.end(fmt.Sprintf("the maximum session time (%s) was reached", s.cfg.MaxSession))
	})
	defer maxT.Stop()

	start := time.Now()
	logger.Info("session start", "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
	// The bubbletea middleware forwards window changes, quits the program
	// when the SSH session ends, and kills it after Run.
	bubbletea.MiddlewareWithProgramHandler(func(ssh.Session) *tea.Program { return p })(func(ssh.Session) {})(sess)
	logger.Info("session end", "duration", time.Since(start).Round(time.Second), "reason", l.endReason())
	if r := l.endReason(); r != "" {
		wish.Println(sess, "qsched: session closed: "+r)
	}
}

// idleInput restarts the idle timer on every byte the client sends, and
// reports the end of the input: a client that closes its session channel
// may keep its connection (a multiplexing client), so the end of input,
// not the connection, ends the session.
type idleInput struct {
	r     io.Reader
	d     time.Duration
	t     *time.Timer
	onEOF func()
}

func (i *idleInput) Read(p []byte) (int, error) {
	n, err := i.r.Read(p)
	if n > 0 && i.t != nil {
		i.t.Reset(i.d)
	}
	if err != nil && i.onEOF != nil {
		i.onEOF()
	}
	return n, err
}

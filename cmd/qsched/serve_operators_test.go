package main

// "Operator consoles over SSH": many sessions share one Qualys account
// (one login, at most two calls in flight, one failed login for a wrong
// password), and writes from an SSH session are audited with the key
// that asked. Every test runs `qsched serve` through execute, so the
// sessions are built by sshSessionFunc/sessionOptions as in production.

import (
	"context"
	"errors"
	"github.com/qsched/qsched/ui/sshserver/sshtest"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
)

const carSearchEP = "POST /sm/v1/scheduler/search"

// waitStats polls the simulator's stats until ok holds.
func waitStats(t *testing.T, e *testEnv, what string, ok func(sim.Stats) bool) sim.Stats {
	t.Helper()
	deadline := time.Now().Add(sshWait)
	for {
		st := e.sim.Stats()
		if ok(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %s; stats %+v", what, sshWait, st)
		}
		time.Sleep(10 * time.Millisecond) // polling for a state, not timing it
	}
}

// 20 operators at once: each session loads both screens on start and
// shows the whole WAS list; the account they share never has more than
// two calls in flight and logs in to the gateway once.
func TestServeTwentySessionsShareOneAccount(t *testing.T) {
	const n = 20
	e := newTestEnv(t, sim.Options{Latency: 20 * time.Millisecond})
	r := startServe(t, e)
	screens := make([]*sshScreen, n)
	for i := range screens {
		screens[i] = r.open(t, r.operator, 120, 30)
	}
	for _, sc := range screens {
		sc.waitFor(t, "Script schedules")
		sc.press(t, "2")
	}
	for i, sc := range screens {
		sc.waitFor(t, "row 1/250", "refreshed ")
		if strings.Contains(sc.text(), "rror") {
			t.Fatalf("session %d shows an error:\n%s", i, sc.text())
		}
	}
	// Every session's script list has searched too (it may finish after
	// the WAS list).
	st := waitStats(t, e, "every script list searched", func(st sim.Stats) bool { return st.Requests[carSearchEP] >= n })
	t.Logf("%d sessions: %d requests, max in flight %d", n, st.Total, st.MaxInFlight)
	if st.MaxInFlight > 2 {
		t.Errorf("maxInFlight %d; the shared account allows 2", st.MaxInFlight)
	}
	if got := st.Requests[authEP]; got != 1 {
		t.Errorf("%d gateway logins; want 1 for the whole process", got)
	}
	if st.FailedLogins != 0 {
		t.Errorf("%d failed logins", st.FailedLogins)
	}
}

// A wrong Qualys password under serve: the first call is rejected, the
// account stops, and no other session tries the password again. Every
// session shows the password prompt saying the password was refused.
func TestServeWrongPasswordFailsOnceForAllSessions(t *testing.T) {
	e := newTestEnv(t, sim.Options{Latency: 20 * time.Millisecond})
	e.vars["QUALYS_PASSWORD"] = "wrong-password"
	r := startServe(t, e)
	screens := make([]*sshScreen, 3)
	for i := range screens {
		screens[i] = r.open(t, r.operator, 120, 30)
	}
	for _, sc := range screens {
		sc.waitFor(t, "refused:", "Password:")
	}
	st := e.sim.Stats()
	if st.FailedLogins != 1 || st.Total != 1 {
		t.Fatalf("stats %+v; want one request, one failed login", st)
	}
	for _, sc := range screens {
		if strings.Contains(sc.text(), "wrong-password") {
			t.Fatal("the password reached a session's screen")
		}
	}
	if strings.Contains(r.stderr.String(), "wrong-password") {
		t.Fatal("the password reached the server log")
	}
}

// A wrong password at the start of the local TUI (`qsched`, on a real
// pseudo-terminal): both screens load on start, one call is sent and
// rejected, nothing else is sent, and the password prompt says why.
func TestTUIWrongPasswordFailsOnce(t *testing.T) {
	e := newTestEnv(t, sim.Options{Latency: 20 * time.Millisecond})
	e.vars["QUALYS_PASSWORD"] = "wrong-password"
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { _ = ptm.Close(); _ = tty.Close() })
	if err := pty.Setsize(ptm, &pty.Winsize{Rows: 30, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	sc := &sshScreen{stdin: ptm, out: &sshtest.Buffer{}}
	go func() { _, _ = io.Copy(sc.out, ptm) }()
	a := &cli{getenv: func(k string) string { return e.vars[k] }, stdin: tty, now: time.Now, termWidth: func(io.Writer) int { return 0 }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var errw sshtest.Buffer
	go func() { done <- execute(ctx, a, nil, tty, &errw) }()
	defer cancel()
	defer func() {
		// Quit with esc from the password prompt, not the context: a
		// killed program does not wait for its input reader (a data race
		// in bubbletea under -race).
		sc.press(t, "\x1b")
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("qsched exited %d: %s", code, errw.String())
			}
		case <-time.After(sshWait):
			t.Errorf("the TUI did not quit on q:\n%s", sc.text())
		}
	}()

	sc.waitFor(t, "refused:", "Password:")
	if st := e.sim.Stats(); st.FailedLogins != 1 || st.Total != 1 {
		t.Fatalf("stats %+v; want one request, one failed login", st)
	}
	if strings.Contains(sc.text(), "wrong-password") {
		t.Fatal("the password reached the screen")
	}
}

// A bulk deactivate from an operator's SSH session is audited with the
// operator's key and role, the marked ids and their outcome; a viewer
// pressing d is told it is read-only and nothing is written or logged.
func TestServeBulkDeactivateIsAuditedWithTheKey(t *testing.T) {
	e := newTestEnv(t, sim.Options{})
	logPath := filepath.Join(t.TempDir(), "audit.jsonl")
	r := startServe(t, e, "--audit-log", logPath)

	// The list is sorted by id and opens on row 1: space marks the row and
	// moves down, so two spaces mark the two smallest ids.
	all := e.sim.WASSchedules()
	want := []string{strconv.FormatInt(all[0].IDValue(), 10), strconv.FormatInt(all[1].IDValue(), 10)}
	for _, s := range all[:2] {
		if !s.IsActive() {
			t.Fatalf("seed changed: schedule %d is not active", s.IDValue())
		}
	}

	op := r.open(t, r.operator, 120, 40)
	op.waitFor(t, "Script schedules")
	op.press(t, "2")
	op.waitFor(t, "row 1/250", want[0], want[1])
	// One write: the keys are handled in order, and the renderer redraws
	// only the cells that change ("1 selected" to "2 selected" is one
	// cell), so counts are checked in the dialog and the audit log.
	op.press(t, "  d")
	op.waitFor(t, "Deactivate 2 WAS", "y confirm")
	op.confirmUntil(t, "Deactivated 2 of 2 schedules")
	for _, id := range all[:2] {
		if e.isActive(id.IDValue()) {
			t.Fatalf("schedule %d still active", id.IDValue())
		}
	}

	recs, err := audit.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Kind != audit.KindIntent || recs[1].Kind != audit.KindOutcome || recs[0].ActionID != recs[1].ActionID {
		t.Fatalf("want one intent and its outcome, got %+v", recs)
	}
	for _, rec := range recs {
		a := rec.Actor
		if a.KeyFingerprint != r.operator.fingerprint() || !strings.HasPrefix(a.KeyFingerprint, "SHA256:") ||
			a.Role != "operator" || a.SSHUser != r.operator.name {
			t.Errorf("%s actor %+v; want %s, operator, %s", rec.Kind, a, r.operator.fingerprint(), r.operator.name)
		}
	}
	if got := recs[0].Target.IDs; !slices.Equal(got, want) {
		t.Errorf("intent ids %v; want the marked %v", got, want)
	}
	out := recs[1]
	var done []string
	for _, res := range out.Results {
		if res.Status == audit.StatusDone {
			done = append(done, res.ID)
		}
	}
	if out.Status != audit.StatusDone || !slices.Equal(done, want) || len(out.Results) != 2 {
		t.Errorf("outcome %s %+v; want done for %v", out.Status, out.Results, want)
	}
	before, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}

	// A viewer marks a row and presses d: read-only, nothing sent, nothing
	// logged.
	sent := e.requests(deactivateEP)
	vw := r.open(t, r.viewer, 120, 40)
	vw.waitFor(t, "READ-ONLY", "Script schedules")
	vw.press(t, "2")
	vw.waitFor(t, "row 1/250")
	if strings.Contains(vw.text(), "read-only: ") {
		t.Fatalf("a read-only note before any key:\n%s", vw.text())
	}
	vw.press(t, " d")
	// The note is d's answer: once it shows, d has been handled.
	vw.waitFor(t, "read-only: deactivate is not available")
	after, err := os.ReadFile(logPath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Fatalf("the viewer's d changed the audit log:\n%s", after[len(before):])
	}
	if got := e.requests(deactivateEP); got != sent {
		t.Fatalf("the viewer's d sent %d deactivate calls", got-sent)
	}
}

// `qsched serve` builds each SSH session in its connection's goroutine, so
// sessions' audit trails are made at the same time on the one cli of the
// process: they must not race (this fails under -race without the lock in
// auditTrail) and must all write through one Log.
func TestAuditTrailIsSafeForConcurrentSessions(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "audit.jsonl")
	a := &cli{getenv: func(string) string { return "" }, now: time.Now, auditPath: logPath}
	const n = 8
	start := make(chan struct{})
	logs := make(chan *audit.Log, n)
	for range n {
		go func() {
			<-start
			tr, err := a.auditTrail("demo")
			if err != nil {
				t.Error(err)
			}
			logs <- tr.Log
		}()
	}
	close(start)
	first := <-logs
	for range n - 1 {
		if l := <-logs; l != first {
			t.Fatal("sessions got different audit logs for one path")
		}
	}
	if first == nil || first.Path() != logPath {
		t.Fatalf("log %v", first)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
)

// testEnv runs qsched commands in-process against a simulator on loopback.
type testEnv struct {
	t     *testing.T
	sim   *sim.Server
	vars  map[string]string
	width int // terminal width of stdout; 0: not a terminal
	now   time.Time
}

func newTestEnv(t *testing.T, o sim.Options) *testEnv {
	t.Helper()
	s := sim.New(o)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &testEnv{t: t, sim: s, now: time.Now(), vars: map[string]string{
		"QUALYS_API_URL": srv.URL, "QUALYS_GATEWAY_URL": srv.URL,
		"QUALYS_USERNAME": "demo", "QUALYS_PASSWORD": "demo",
		// No config file from the machine running the tests.
		"XDG_CONFIG_HOME": t.TempDir(),
		// The audit log goes to a temporary state directory too.
		"XDG_STATE_HOME": t.TempDir(),
	}}
}

type result struct {
	stdout, stderr string
	code           int
}

func (e *testEnv) run(stdin string, args ...string) result {
	e.t.Helper()
	a := &cli{
		getenv:    func(k string) string { return e.vars[k] },
		stdin:     strings.NewReader(stdin),
		now:       func() time.Time { return e.now },
		termWidth: func(io.Writer) int { return e.width },
	}
	var out, errw bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code := execute(ctx, a, args, &out, &errw)
	return result{out.String(), errw.String(), code}
}

func (r result) must(t *testing.T, code int) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		t.Fatalf("stack trace on stderr:\n%s", r.stderr)
	}
	return r
}

// requests returns how many calls the simulator saw on one endpoint.
func (e *testEnv) requests(pattern string) int { return e.sim.Stats().Requests[pattern] }

const (
	searchEP     = "POST /qps/rest/3.0/search/was/wasscanschedule"
	deactivateEP = "POST /qps/rest/3.0/deactivate/was/wasscanschedule"
	updateEP     = "POST /qps/rest/3.0/update/was/wasscanschedule/{id}"
	authEP       = "POST /auth"
	createEP     = "POST /sm/v1/scripts/scheduler"
)

func seed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", "filled", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decodeJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	if dec.More() {
		t.Fatalf("more than one JSON document:\n%s", s)
	}
	return v
}

// activeIDs returns n ids of active schedules, in id order.
func (e *testEnv) activeIDs(n int) []int64 {
	var out []int64
	for _, s := range e.sim.WASSchedules() {
		if s.IsActive() && len(out) < n {
			out = append(out, s.IDValue())
		}
	}
	if len(out) < n {
		e.t.Fatalf("only %d active schedules", len(out))
	}
	return out
}

func (e *testEnv) isActive(id int64) bool {
	s, ok := e.sim.WASSchedule(id)
	if !ok {
		e.t.Fatalf("schedule %d missing", id)
	}
	return s.IsActive()
}

func TestHelpDocumentsExitCodesAndConfiguration(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	r := e.run("", "--help").must(t, exitOK)
	for _, want := range []string{"2  usage or validation error", "4  authentication failure", "QUALYS_PASSWORD", "password_env"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("--help lacks %q:\n%s", want, r.stdout)
		}
	}
	e.run("", "was", "list", "--no-such-flag").must(t, exitUsage)
	e.run("", "no-such-command").must(t, exitUsage)
}

func TestProfilesFromTheConfigFile(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 10, Seed: 2})
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	yaml := "default: lab\nprofiles:\n  lab:\n    api_url: " + e.vars["QUALYS_API_URL"] + "\n    gateway_url: " + e.vars["QUALYS_GATEWAY_URL"] +
		"\n    username: demo\n    password_env: LAB_PASSWORD\n  prod:\n    api_url: " + e.vars["QUALYS_API_URL"] +
		"\n    gateway_url: " + e.vars["QUALYS_GATEWAY_URL"] + "\n    username: demo\n    read_only: true\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	e.vars = map[string]string{"QSCHED_CONFIG": cfg, "LAB_PASSWORD": "demo", "QUALYS_PASSWORD": "demo"}
	r := e.run("", "was", "count").must(t, exitOK)
	if strings.TrimSpace(r.stdout) != "10" {
		t.Fatalf("count %q", r.stdout)
	}
	id := fmt.Sprint(e.activeIDs(1)[0])
	r = e.run("", "--profile", "prod", "was", "deactivate", id, "--yes").must(t, exitUsage)
	if !strings.Contains(r.stderr, "read-only") || !e.isActive(e.activeIDs(1)[0]) {
		t.Fatalf("read-only profile: %q", r.stderr)
	}
	r = e.run("", "--profile", "prod", "was", "deactivate", id).must(t, exitUsage)
	if !strings.Contains(r.stdout, "(profile prod)") {
		t.Fatalf("the preview does not name the profile:\n%s", r.stdout)
	}
	r = e.run("", "--profile", "staging", "was", "count").must(t, exitUsage)
	if !strings.Contains(r.stderr, `unknown profile "staging"; defined: lab, prod`) {
		t.Fatalf("unknown profile: %q", r.stderr)
	}
}

func TestTUIWithNothingConfiguredSaysWhatToSet(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	e.vars = map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	r := e.run("").must(t, exitUsage)
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "QUALYS_PLATFORM") || !strings.Contains(r.stderr, "qsched --demo") {
		t.Fatalf("stderr %q", r.stderr)
	}
	if r.stdout != "" {
		t.Fatalf("stdout %q", r.stdout)
	}
}

func TestAutoRefreshIsBounded(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	r := e.run("", "--demo", "--auto-refresh", "2s").must(t, exitUsage)
	if !strings.Contains(r.stderr, "--auto-refresh must be 0 (off) or at least 10s") || e.sim.Stats().Total != 0 {
		t.Fatalf("stderr %q", r.stderr)
	}
}

// Every client the process builds for one user and platform shares one
// Account: one login, one stop after a rejected password, two calls in
// flight in total.
func TestClientsShareTheProcessAccount(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 1})
	a := &cli{getenv: func(k string) string { return e.vars[k] }, now: time.Now}
	c1, s, err := a.connect()
	if err != nil {
		t.Fatal(err)
	}
	c2, _, err := a.connect()
	if err != nil {
		t.Fatal(err)
	}
	acct, err := a.account(s, false)
	if err != nil || c1.Account() != c2.Account() || acct != c1.Account() {
		t.Fatalf("clients of one process have different accounts (%v)", err)
	}
	if e.sim.Stats().Total != 0 {
		t.Fatal("connecting sent a request")
	}
}

// With a user and no password the TUI starts (it asks for the password
// itself); with no user at all it is one line naming what to set.
func TestConfiguredTargetWithoutPassword(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 1})
	delete(e.vars, "QUALYS_PASSWORD")
	a := &cli{getenv: func(k string) string { return e.vars[k] }, now: time.Now}
	tt, err := a.configuredTarget()
	if err != nil || tt.settings.Credentials.Username != "demo" || tt.settings.Credentials.Password != "" {
		t.Fatalf("no password: %v %v", err, tt.settings.Credentials)
	}
	if _, err := a.sessionOptions(context.Background(), tt, ""); err != nil {
		t.Fatalf("session options without a password: %v", err)
	}
	delete(e.vars, "QUALYS_USERNAME")
	_, err = a.configuredTarget()
	if err == nil || !strings.Contains(err.Error(), "QUALYS_USERNAME") || strings.Contains(err.Error(), "\n") || exitCode(err) != exitUsage {
		t.Fatalf("no user: %v", err)
	}
	if e.sim.Stats().Total != 0 {
		t.Fatal("a request was sent")
	}
}

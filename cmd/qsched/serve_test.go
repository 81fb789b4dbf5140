package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
)

// Bad serve flags: exit 2 and one line naming the flag, before anything
// listens or any key is created.
func TestServeFlagErrors(t *testing.T) {
	e := newTestEnv(t, sim.Options{})
	dataDir := t.TempDir()
	e.vars["XDG_DATA_HOME"] = dataDir
	missing := filepath.Join(t.TempDir(), "nope")
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"serve", "--demo"}, "--authorized-keys"},
		{[]string{"serve", "--authorized-keys", missing}, "--authorized-keys"},
		{[]string{"serve", "--authorized-keys", "serve_test.go", "--viewer-keys", missing}, "--viewer-keys"},
		{[]string{"serve", "--authorized-keys", "serve_test.go", "--max-sessions", "0"}, "--max-sessions"},
		{[]string{"serve", "--authorized-keys", "serve_test.go", "--idle-timeout", "0s"}, "--idle-timeout"},
		{[]string{"serve", "--authorized-keys", "serve_test.go", "--max-session", "-1h"}, "--max-session"},
	} {
		r := e.run("", tc.args...)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if r.code != exitUsage || len(lines) != 1 || !strings.Contains(lines[0], tc.flag) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line naming %s", tc.args, r.code, r.stderr, tc.flag)
		}
		if r.stdout != "" {
			t.Errorf("%v: stdout %q", tc.args, r.stdout)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dataDir, "*", "*")); len(m) != 0 {
		t.Errorf("files created on a usage error: %v", m)
	}
}

// A keys file that does not parse is refused at start, naming the flag.
func TestServeRefusesABadKeysFile(t *testing.T) {
	e := newTestEnv(t, sim.Options{})
	e.vars["XDG_DATA_HOME"] = t.TempDir()
	r := e.run("", "serve", "--demo", "--authorized-keys", "serve_test.go", "--listen", "127.0.0.1:0")
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "qsched: --authorized-keys: ") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
)

// config init writes a 0600 file that parses and documents every profile
// key, refuses to overwrite it without --force (one line, exit 2), and
// honours --config and QSCHED_CONFIG.
func TestConfigInit(t *testing.T) {
	e := newTestEnv(t, sim.Options{})
	r := e.run("", "config", "init")
	path := filepath.Join(e.vars["XDG_CONFIG_HOME"], "qsched", "config.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, path) {
		t.Fatalf("init: %d %q %q", r.code, r.stdout, r.stderr)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", st.Mode(), err)
	}
	data, _ := os.ReadFile(path)
	f, err := client.ParseProfiles(data)
	if err != nil || f.Default == "" || len(f.Profiles) == 0 {
		t.Fatalf("the starter does not parse: %v %+v", err, f)
	}
	typ := reflect.TypeFor[client.Profile]()
	for i := range typ.NumField() {
		k := strings.Split(typ.Field(i).Tag.Get("yaml"), ",")[0]
		if !strings.Contains(string(data), "# "+k+":") {
			t.Errorf("key %s is not documented (no %q line)", k, "# "+k+":")
		}
		if !strings.Contains(string(data), "    "+k+":") {
			t.Errorf("key %s has no example", k)
		}
	}

	os.WriteFile(path, []byte("default: mine\nprofiles:\n  mine:\n    platform: US1\n"), 0o644)
	r = e.run("", "config", "init")
	if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("overwrite without --force: %d %q", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), "mine") {
		t.Fatal("the existing file was changed")
	}
	r = e.run("", "config", "init", "--force")
	st, _ = os.Stat(path)
	if got, _ := os.ReadFile(path); r.code != 0 || string(got) != starterConfig || st.Mode().Perm() != 0o600 {
		t.Fatalf("--force: %d %q, mode %v", r.code, r.stderr, st.Mode())
	}

	other := filepath.Join(t.TempDir(), "sub", "q.yaml")
	if r := e.run("", "config", "init", "--config", other); r.code != 0 {
		t.Fatalf("--config: %d %q", r.code, r.stderr)
	}
	env := filepath.Join(t.TempDir(), "env.yaml")
	e.vars["QSCHED_CONFIG"] = env
	if r := e.run("", "config", "init"); r.code != 0 {
		t.Fatalf("QSCHED_CONFIG: %d %q", r.code, r.stderr)
	}
	for _, p := range []string{other, env} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
}

// A failing password_cmd stops a command with one line naming the
// profile and the key, exit 2, and nothing is sent.
func TestPasswordCmdFailureIsOneLine(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 1})
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte("profiles:\n  lab:\n    username: demo\n    password_cmd: qsched-no-such-password-helper --secret-arg\n"), 0o600)
	delete(e.vars, "QUALYS_PASSWORD")
	e.vars["QSCHED_CONFIG"] = cfg
	r := e.run("", "--profile", "lab", "was", "list")
	if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "profile lab: password_cmd:") || strings.Contains(r.stderr, "--secret-arg") {
		t.Fatalf("%d %q", r.code, r.stderr)
	}
	if e.sim.Stats().Total != 0 {
		t.Fatal("a request was sent")
	}
}

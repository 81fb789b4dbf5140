package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
)

// completions runs cobra's hidden __complete and returns the candidates.
func (e *testEnv) completions(t *testing.T, args ...string) []string {
	t.Helper()
	r := e.run("", append([]string{"__complete"}, args...)...).must(t, exitOK)
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !strings.HasPrefix(l, ":") {
			out = append(out, l)
		}
	}
	return out
}

func TestCompletionsOfferValues(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("default: lab\nprofiles:\n  lab:\n    platform: US1\n    username: a\n  prod:\n    platform: EU2\n    username: b\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.vars["QSCHED_CONFIG"] = cfg
	before := e.sim.Stats().Total
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"was", "list", "--platform", ""}, []string{"US1", "EU2", "KSA1"}},
		{[]string{"was", "list", "--profile", ""}, []string{"lab", "prod"}},
		{[]string{"was", "list", "--filter", "na"}, []string{"name"}},
		{[]string{"was", "list", "--filter", "name "}, []string{"name CONTAINS", "name EQUALS", "name NOT EQUALS"}},
		{[]string{"was", "count", "--filter", "active NOT EQUALS "}, []string{"active NOT EQUALS true", "active NOT EQUALS false"}},
		{[]string{"was", "deactivate", "--filter", "type EQUALS "}, []string{"type EQUALS VULNERABILITY", "type EQUALS DISCOVERY"}},
		{[]string{"was", "list", "--output", ""}, []string{"table", "json", "csv"}},
	} {
		got := e.completions(t, c.args...)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Fatalf("%v: %q not offered: %q", c.args, w, got)
			}
		}
	}
	// Only the fields a request takes: lastScan is search-only.
	if got := e.completions(t, "was", "deactivate", "--filter", "last"); len(got) != 0 {
		t.Fatalf("bulk filter offers %q", got)
	}
	if got := e.completions(t, "was", "list", "--filter", "last"); !slices.Contains(got, "lastScan") {
		t.Fatalf("search filter lacks lastScan: %q", got)
	}
	if e.sim.Stats().Total != before {
		t.Fatal("completion sent a request")
	}
}

package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
)

// A command that waits on the Qualys rate limit says so on stderr, with
// the wait, and its output is still only the result.
func TestRateLimitWaitIsSaidOnStderr(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 20, Seed: 3, RateLimit: 1, RateWindow: 2 * time.Second})
	e.run("", "was", "count").must(t, exitOK) // spends the budget of count
	r := e.run("", "was", "count").must(t, exitOK)
	line := regexp.MustCompile(`^qsched: waiting \ds for the Qualys rate limit \(HTTP (409|429) on [^;]+; retry 1 of 3\)$`)
	if !line.MatchString(strings.TrimSpace(r.stderr)) {
		t.Fatalf("stderr %q", r.stderr)
	}
	if strings.TrimSpace(r.stdout) != "20" {
		t.Fatalf("stdout %q", r.stdout)
	}
	// --json keeps stdout one document; the wait is on stderr only.
	r = e.run("", "was", "count", "--json").must(t, exitOK)
	if !strings.Contains(r.stderr, "waiting") || strings.Contains(r.stdout, "waiting") {
		t.Fatalf("stdout %q stderr %q", r.stdout, r.stderr)
	}
}

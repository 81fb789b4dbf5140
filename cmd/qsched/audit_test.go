package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
)

func (e *testEnv) auditPath() string {
	return filepath.Join(e.vars["XDG_STATE_HOME"], "qsched", "audit.jsonl")
}

func (e *testEnv) auditRecords() []audit.Record {
	e.t.Helper()
	recs, err := audit.ReadFile(e.auditPath())
	if err != nil {
		e.t.Fatal(err)
	}
	return recs
}

func TestHeadlessWritesAreAudited(t *testing.T) {
	const pw = "Headless-PW-93xq" // planted: must never reach the log
	e := newTestEnv(t, sim.Options{WASSchedules: 40, Seed: 6, Password: pw})
	e.vars["QUALYS_PASSWORD"] = pw
	ids := e.activeIDs(3)
	idArgs := []string{fmt.Sprint(ids[0]), fmt.Sprint(ids[1]), fmt.Sprint(ids[2])}

	// A preview and a dry run send nothing and record nothing.
	e.run("", append([]string{"was", "deactivate"}, idArgs...)...).must(t, exitUsage)
	e.run("", append([]string{"was", "deactivate", "--dry-run"}, idArgs...)...).must(t, exitOK)
	e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "create", "-f", "-", "--dry-run").must(t, exitOK)
	if _, err := os.Stat(e.auditPath()); !os.IsNotExist(err) {
		t.Fatalf("a preview or dry run wrote the audit log: %v", err)
	}

	e.run("", append([]string{"was", "deactivate", "--yes"}, idArgs...)...).must(t, exitOK)
	e.run("", "was", "update", idArgs[0], "--send-mail=true").must(t, exitOK)
	e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "create", "-f", "-").must(t, exitOK)
	recs := e.auditRecords()
	if len(recs) != 6 {
		t.Fatalf("%d records, want 3 intents and 3 outcomes", len(recs))
	}
	in, out := recs[0], recs[1]
	if in.Action != "was.deactivate" || strings.Join(in.Target.IDs, " ") != strings.Join(idArgs, " ") || in.Actor.OSUser == "" || !strings.Contains(in.Platform, "127.0.0.1") {
		t.Fatalf("intent %+v %+v", in, in.Target)
	}
	if out.ActionID != in.ActionID || out.Status != audit.StatusDone || len(out.Results) != 3 {
		t.Fatalf("outcome %+v", out)
	}
	if recs[2].Action != "was.update" || recs[3].Status != audit.StatusDone || recs[4].Action != "scripts.create" || recs[5].Status != audit.StatusDone {
		t.Fatalf("update and create: %+v", recs[2:])
	}
	b, _ := os.ReadFile(e.auditPath())
	if strings.Contains(string(b), pw) {
		t.Fatal("the password is in the audit log")
	}
	if st, _ := os.Stat(e.auditPath()); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode())
	}

	// The table: one row per action.
	r := e.run("", "audit").must(t, exitOK)
	want := fmt.Sprintf("3 ids: %s, %s, %s", idArgs[0], idArgs[1], idArgs[2])
	if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "3 done") || !strings.Contains(r.stdout, "title: Seed weekly schedule") ||
		strings.Count(r.stdout, "\n") != 4 || !strings.Contains(r.stdout, in.Actor.OSUser) {
		t.Fatalf("table:\n%s", r.stdout)
	}
	// --json: the records as they are in the file.
	var got []audit.Record
	if err := json.Unmarshal([]byte(e.run("", "audit", "--json").must(t, exitOK).stdout), &got); err != nil || len(got) != 6 || got[1].ActionID != in.ActionID {
		t.Fatalf("--json: %v %+v", err, got)
	}
}

func TestUnwritableAuditLogSendsNothing(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 40, Seed: 6})
	file := filepath.Join(t.TempDir(), "plain-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(file, "audit.jsonl")
	ids := e.activeIDs(3)
	for _, args := range [][]string{
		{"was", "deactivate", fmt.Sprint(ids[0]), fmt.Sprint(ids[1]), fmt.Sprint(ids[2]), "--yes"},
		{"was", "deactivate", "--filter", "name CONTAINS a", "--yes"},
		{"was", "update", fmt.Sprint(ids[0]), "--send-mail=true"},
		{"scripts", "schedule", "create", "-f", "-"},
	} {
		r := e.run(seed(t, "000-weekly.json"), append(args, "--audit-log", bad)...).must(t, exitAPI)
		if r.stderr != "qsched: not sent: the audit log "+bad+" cannot be written: mkdir "+file+": not a directory\n" {
			t.Fatalf("%v: stderr %q", args, r.stderr)
		}
	}
	st := e.sim.Stats().Requests
	for _, ep := range []string{deactivateEP, updateEP, createEP} {
		if st[ep] != 0 {
			t.Fatalf("%s: %d requests sent with the audit log unwritable", ep, st[ep])
		}
	}
}

func TestAuditCommandFilters(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	e.now = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	log := audit.Open(path)
	write := func(at time.Time, actor audit.Actor, action string, target audit.Target, results ...audit.Result) {
		tr := audit.Trail{Log: log, Actor: actor, Platform: "US1", Now: func() time.Time { return at }}
		a, err := tr.Begin(action, target)
		if err != nil {
			t.Fatal(err)
		}
		a.Finish(audit.StatusDone, results, 1, nil)
	}
	old := e.now.Add(-48 * time.Hour)
	write(old, audit.Actor{OSUser: "alice"}, "was.update", audit.Target{IDs: []string{"1688"}}, audit.Result{ID: "1688", Status: audit.StatusDone})
	write(e.now.Add(-time.Hour), audit.Actor{OSUser: "qsched", SSHUser: "bob", KeyFingerprint: "SHA256:bobkey", Role: "operator"},
		"was.deactivate", audit.Target{Filters: []string{"name CONTAINS nightly"}}, audit.Result{ID: "7", Status: audit.StatusUnknown})

	all := e.run("", "audit", "--audit-log", path).must(t, exitOK).stdout
	if !strings.Contains(all, "1 id: 1688") || !strings.Contains(all, "filter: name CONTAINS nightly") || !strings.Contains(all, "ssh:bob (SHA256:bobkey, role operator)") || !strings.Contains(all, "1 unknown") {
		t.Fatalf("all:\n%s", all)
	}
	recent := e.run("", "audit", "--audit-log", path, "--since", "24h").must(t, exitOK).stdout
	if strings.Contains(recent, "1688") || !strings.Contains(recent, "nightly") {
		t.Fatalf("--since 24h:\n%s", recent)
	}
	if week := e.run("", "audit", "--audit-log", path, "--since", "7d").must(t, exitOK).stdout; !strings.Contains(week, "1688") {
		t.Fatalf("--since 7d:\n%s", week)
	}
	var recs []audit.Record
	js := e.run("", "audit", "--audit-log", path, "--actor", "bob", "--json").must(t, exitOK).stdout
	if err := json.Unmarshal([]byte(js), &recs); err != nil || len(recs) != 2 || recs[0].Actor.SSHUser != "bob" {
		t.Fatalf("--actor bob --json: %v\n%s", err, js)
	}
	if none := e.run("", "audit", "--audit-log", path, "--actor", "carol", "--json").must(t, exitOK).stdout; strings.TrimSpace(none) != "[]" {
		t.Fatalf("no match: %q", none)
	}
	for flag, want := range map[string]string{"x": `qsched: --since: not a duration: "x" (e.g. 90m, 24h, 7d)` + "\n", "-5m": `qsched: --since: must be positive, got "-5m"` + "\n"} {
		if r := e.run("", "audit", "--audit-log", path, "--since", flag).must(t, exitUsage); r.stderr != want || r.stdout != "" {
			t.Fatalf("--since %s: %q", flag, r.stderr)
		}
	}
	// No log yet is not an error.
	r := e.run("", "audit", "--audit-log", filepath.Join(t.TempDir(), "none.jsonl")).must(t, exitOK)
	if !strings.HasPrefix(r.stdout, "No actions recorded in ") {
		t.Fatalf("empty: %q", r.stdout)
	}
}

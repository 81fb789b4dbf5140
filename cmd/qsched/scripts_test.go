package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

func TestScriptsCreateSeed000AndDuplicateTitle(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	for _, name := range []string{"000-one-time.json", "000-hourly.json", "000-daily.json", "000-weekly.json", "000-monthly.json", "000-reboot.json", "000-curl-one-time.json"} {
		body := seed(t, name)
		want, err := model.DecodeScriptSchedule([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		r := e.run(body, "scripts", "schedule", "create", "-f", "-", "--json").must(t, exitOK)
		out := decodeJSON[map[string]string](t, r.stdout)
		stored := e.sim.CARSchedules()
		last := stored[len(stored)-1]
		if out["id"] != last.ID || out["title"] != want.Title {
			t.Fatalf("%s: printed %v, stored %s %q", name, out, last.ID, last.Schedule.Title)
		}
		wantJSON, _ := json.Marshal(want)
		if gotJSON, _ := json.Marshal(last.Schedule); string(gotJSON) != string(wantJSON) {
			t.Fatalf("%s: stored\n%s\nwant\n%s", name, gotJSON, wantJSON)
		}
	}
	// The same title again: the server's message, verbatim, on one line.
	r := e.run(seed(t, "000-one-time.json"), "scripts", "schedule", "create", "-f", "-").must(t, exitAPI)
	if r.stderr != "qsched: create script schedule: 400: "+model.CARDuplicateTitlePrefix+"Seed one-time schedule\n" {
		t.Fatalf("duplicate: stderr %q", r.stderr)
	}
	if len(e.sim.CARSchedules()) != 7 {
		t.Fatalf("%d schedules stored, want 7", len(e.sim.CARSchedules()))
	}
	// And from a file, in another case and with spaces.
	path := filepath.Join(t.TempDir(), "weekly.json")
	if err := os.WriteFile(path, []byte(strings.Replace(seed(t, "000-weekly.json"), "Seed weekly schedule", " SEED WEEKLY schedule ", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	r = e.run("", "scripts", "schedule", "create", "-f", path).must(t, exitAPI)
	if !strings.Contains(r.stderr, "Scheduler with the same title already exists: ") {
		t.Fatalf("stderr %q", r.stderr)
	}
	if n, runs := e.requests(authEP), e.requests(createEP); n != runs {
		t.Fatalf("%d logins for %d runs: one login per run", n, runs)
	}
}

func TestScriptsCreateRefusesInvalidBodyBeforeSending(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	body := strings.NewReplacer(`"daysOfWeek": [1, 2]`, `"daysOfWeek": [0, 9]`, `"startTime": "10:49:00"`, `"startTime": "25:00:00"`,
		`"UUId": "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81"`, `"UUId": "not-a-uuid"`).Replace(seed(t, "000-weekly.json"))
	r := e.run(body, "scripts", "schedule", "create", "-f", "-").must(t, exitUsage)
	for _, want := range []string{"daysOfWeek", "startTime", "assets[0].UUId"} {
		if !strings.Contains(r.stderr, "qsched: "+want) {
			t.Fatalf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if n := strings.Count(r.stderr, "\n"); n < 3 {
		t.Fatalf("problems not listed one per line:\n%s", r.stderr)
	}
	// Past start date, unknown field, not JSON: one clear line each.
	past := strings.Replace(seed(t, "000-weekly.json"), `"startDate": "2030-05-11"`, `"startDate": "2020-05-11"`, 1)
	if r := e.run(past, "scripts", "schedule", "create", "-f", "-").must(t, exitUsage); !strings.Contains(r.stderr, "startDate: 2020-05-11 is in the past") {
		t.Fatalf("past: %q", r.stderr)
	}
	if r := e.run(`{"titel": "x"}`, "scripts", "schedule", "create", "-f", "-").must(t, exitUsage); !strings.Contains(r.stderr, "titel") {
		t.Fatalf("unknown field: %q", r.stderr)
	}
	e.run("nope", "scripts", "schedule", "create", "-f", "-").must(t, exitUsage)
	e.run("", "scripts", "schedule", "create").must(t, exitUsage)
	e.run("", "scripts", "schedule", "create", "-f", "/does/not/exist.json").must(t, exitUsage)
	if e.sim.Stats().Total != 0 {
		t.Fatalf("invalid bodies reached the server: %v", e.sim.Stats())
	}
	// --dry-run prints the body and sends nothing.
	r = e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "create", "-f", "-", "--dry-run").must(t, exitOK)
	if !strings.HasPrefix(r.stdout, "POST /sm/v1/scripts/scheduler\n{") || !strings.Contains(r.stdout, `"daysOfWeek": [`) || e.sim.Stats().Total != 0 {
		t.Fatalf("dry run:\n%s", r.stdout)
	}
}

func TestScriptsList(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	e.now = time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)
	e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "create", "-f", "-").must(t, exitOK)
	evil := strings.Replace(seed(t, "000-daily.json"), `"title": "Seed daily`, `"title": "\u001b[31mRed daily`, 1)
	// qsched refuses to send such a title (one line naming the field); the
	// platform may still hold one written by another tool.
	if r := e.run(evil, "scripts", "schedule", "create", "-f", "-").must(t, exitUsage); !strings.HasPrefix(r.stderr, "qsched: title: holds control character U+001B") {
		t.Fatalf("hostile title: %q", r.stderr)
	}
	evilSched, err := model.DecodeScriptSchedule([]byte(evil))
	if err != nil {
		t.Fatal(err)
	}
	e.sim.PlantCARSchedule(evilSched)
	r := e.run("", "scripts", "schedule", "list", "--tz", "UTC").must(t, exitOK)
	if !strings.Contains(r.stdout, "Seed weekly schedule") || !strings.Contains(r.stdout, "2030-05-13 10:49") || strings.Contains(r.stdout, "\x1b") || !strings.Contains(r.stdout, `\u001b[31mRed daily schedule `) {
		t.Fatalf("list:\n%q", r.stdout)
	}
	list := decodeJSON[[]map[string]any](t, e.run("", "scripts", "schedule", "list", "--json", "--tz", "UTC").must(t, exitOK).stdout)
	if len(list) != 2 || list[0]["title"] != "Seed weekly schedule" || list[0]["nextRun"] != "2030-05-13T10:49:00Z" || list[0]["type"] != "WEEKLY" {
		t.Fatalf("list --json: %v", list)
	}
	// The same run in the display zone: the instant is the same.
	list = decodeJSON[[]map[string]any](t, e.run("", "scripts", "schedule", "list", "--json", "--tz", "Europe/Berlin").must(t, exitOK).stdout)
	if list[0]["nextRun"] != "2030-05-13T12:49:00+02:00" {
		t.Fatalf("list --json --tz Europe/Berlin: next run %v", list[0]["nextRun"])
	}
}

func TestScriptsPreviewNeedsNoServer(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	e.vars = map[string]string{} // nothing configured at all
	e.now = time.Date(2030, 5, 1, 0, 0, 0, 0, time.UTC)
	r := e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "preview", "-f", "-", "--runs", "3", "--tz", "Europe/Berlin").must(t, exitOK)
	want := []string{
		`Next runs of "Seed weekly schedule" (WEEKLY), times in Europe/Berlin (the start is read as UTC):`,
		"  Mon 2030-05-13 12:49 CEST (in 12 d 10 h)",
		"  Tue 2030-05-14 12:49 CEST (in 13 d 10 h)",
		"No further runs: the schedule ends.",
	}
	if got := strings.Split(strings.TrimSpace(r.stdout), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("preview:\n%s", r.stdout)
	}
	js := decodeJSON[map[string]any](t, e.run(seed(t, "000-hourly.json"), "scripts", "schedule", "preview", "-f", "-", "--json", "--runs", "4", "--tz", "UTC").must(t, exitOK).stdout)
	if len(js["runs"].([]any)) != 4 || js["timeZone"] != "UTC" {
		t.Fatalf("preview --json: %v", js)
	}
	e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "preview", "-f", "-", "--tz", "Mars/Olympus").must(t, exitUsage)
	e.run(seed(t, "000-weekly.json"), "scripts", "schedule", "preview", "-f", "-", "--runs", "0").must(t, exitUsage)
	if e.sim.Stats().Total != 0 {
		t.Fatal("preview contacted the server")
	}
}

package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

func TestWASListReadsEveryPage(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 2300, Seed: 3})
	r := e.run("", "was", "list").must(t, exitOK)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2301 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "NEXT LAUNCH") {
		t.Fatalf("got %d lines, header %q", len(lines), lines[0])
	}
	if n := e.requests(searchEP); n != 3 {
		t.Fatalf("%d search requests for 2300 schedules, want 3 pages of 1000", n)
	}
	// Every schedule exactly once, in the JSON form too.
	js := decodeJSON[[]map[string]any](t, e.run("", "was", "list", "--json").must(t, exitOK).stdout)
	seen := map[float64]bool{}
	for _, s := range js {
		seen[s["id"].(float64)] = true
		for _, k := range []string{"id", "name", "type", "active", "invalid", "webApp", "occurrence", "nextLaunch"} {
			if _, ok := s[k]; !ok {
				t.Fatalf("JSON schedule lacks %q: %v", k, s)
			}
		}
	}
	if len(js) != 2300 || len(seen) != 2300 {
		t.Fatalf("JSON list: %d items, %d distinct", len(js), len(seen))
	}
}

func TestWASListFiltersAndTruncatesToTheTerminal(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 60, Seed: 4})
	e.width = 100
	r := e.run("", "was", "list", "--filter", "type EQUALS DISCOVERY").must(t, exitOK)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	want := 0
	for _, s := range e.sim.WASSchedules() {
		if s.TypeValue() == model.WASDiscovery {
			want++
		}
	}
	if len(lines) != want+1 || want == 0 {
		t.Fatalf("%d rows, want %d DISCOVERY schedules", len(lines)-1, want)
	}
	ellipsis := false
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 100 {
			t.Fatalf("line wider than the terminal (%d): %q", w, l)
		}
		ellipsis = ellipsis || strings.Contains(l, "…")
		if strings.Contains(l, "VULNERABILITY") {
			t.Fatalf("filter not applied: %q", l)
		}
	}
	if !ellipsis {
		t.Fatalf("no name was truncated at width 100:\n%s", r.stdout)
	}
	// Not a terminal: nothing is cut.
	e.width = 0
	r = e.run("", "was", "list", "--filter", "type EQUALS DISCOVERY").must(t, exitOK)
	if strings.Contains(r.stdout, "…") {
		t.Fatal("names truncated although stdout is not a terminal")
	}
	// A bad filter names the problem, sends nothing, exits 2.
	before := e.sim.Stats().Total
	r = e.run("", "was", "list", "--filter", "type CONTAINS DISC").must(t, exitUsage)
	if !strings.Contains(r.stderr, `operator "CONTAINS" is not allowed`) || strings.Count(r.stderr, "\n") != 1 || e.sim.Stats().Total != before {
		t.Fatalf("stderr %q", r.stderr)
	}
}

func TestWASGetCountAndServerTextIsSanitised(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 30, Seed: 5})
	id := e.activeIDs(1)[0]
	// XML cannot carry ESC, but it can carry C1 controls such as CSI (U+009B).
	evil := "Evil\u009b2J\u0085 name"
	e.plantWAS(t, id, evil, "") // qsched itself refuses to send it
	for _, args := range [][]string{{"was", "get", fmt.Sprint(id)}, {"was", "list"}, {"was", "get", fmt.Sprint(id), "--json"}} {
		r := e.run("", args...).must(t, exitOK)
		// Shown, not deleted: the same \u escapes in text and in JSON.
		if strings.ContainsAny(r.stdout, "\u009b\u0085\x1b") || !strings.Contains(r.stdout, `Evil\u009b2J\u0085 name`) {
			t.Fatalf("%v: escape sequences reached the output: %q", args, r.stdout)
		}
	}
	d := decodeJSON[map[string]any](t, e.run("", "was", "get", fmt.Sprint(id), "--json").stdout)
	if d["id"].(float64) != float64(id) || d["notification"] == nil || d["scheduling"] == nil {
		t.Fatalf("get --json: %v", d)
	}
	r := e.run("", "was", "get", fmt.Sprint(id)).must(t, exitOK)
	for _, k := range []string{"Next launch", "Recipients", "Notification", "Web app"} {
		if !strings.Contains(r.stdout, k) {
			t.Fatalf("get lacks %q:\n%s", k, r.stdout)
		}
	}
	e.run("", "was", "get", "99999999").must(t, exitAPI)
	e.run("", "was", "get", "abc").must(t, exitUsage)

	active := 0
	for _, s := range e.sim.WASSchedules() {
		if s.IsActive() {
			active++
		}
	}
	r = e.run("", "was", "count", "--filter", "active EQUALS true").must(t, exitOK)
	if strings.TrimSpace(r.stdout) != fmt.Sprint(active) {
		t.Fatalf("count %q, want %d", r.stdout, active)
	}
	if c := decodeJSON[map[string]int](t, e.run("", "was", "count", "--json").stdout); c["count"] != 30 {
		t.Fatalf("count --json %v", c)
	}
}

func TestWASDeactivateByIDs(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 40, Seed: 6})
	ids := e.activeIDs(3)
	args := []string{"was", "deactivate", fmt.Sprint(ids[0]), fmt.Sprint(ids[1]), fmt.Sprint(ids[2]), "--yes"}
	r := e.run("", args...).must(t, exitOK)
	if !strings.Contains(r.stdout, "Deactivated 3 of 3 WAS schedules in 1 request.") {
		t.Fatalf("stdout:\n%s", r.stdout)
	}
	for _, s := range e.sim.WASSchedules() {
		if slices.Contains(ids, s.IDValue()) == s.IsActive() && slices.Contains(ids, s.IDValue()) {
			t.Fatalf("schedule %d still active", s.IDValue())
		}
	}
	if n := e.requests(deactivateEP); n != 1 {
		t.Fatalf("%d deactivate requests", n)
	}
	// And back, as JSON with a result per id.
	args[1] = "activate"
	res := decodeJSON[map[string]any](t, e.run("", append(args, "--json")...).must(t, exitOK).stdout)
	if res["succeeded"].(float64) != 3 || len(res["results"].([]any)) != 3 {
		t.Fatalf("activate --json: %v", res)
	}
	for _, id := range ids {
		if !e.isActive(id) {
			t.Fatalf("%d not re-activated", id)
		}
	}
}

func TestWASDeactivateNeedsYes(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 40, Seed: 7})
	ids := e.activeIDs(8)
	args := []string{"was", "deactivate"}
	for _, id := range ids {
		args = append(args, fmt.Sprint(id))
	}
	args = append(args, "424242")
	r := e.run("", args...).must(t, exitUsage)
	first, _ := e.sim.WASSchedule(ids[0])
	for _, want := range []string{"Would deactivate 8 WAS schedules on 127.0.0.1", first.NameValue()[:10], "and 3 more", "Not found or not in your scope (left alone): 424242", "--yes"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("preview lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "qsched: nothing was sent: deactivate 8 schedules needs --yes\n" {
		t.Fatalf("stderr %q", r.stderr)
	}
	// By filter: the count endpoint's number and the first names.
	r = e.run("", "was", "deactivate", "--filter", "name CONTAINS Schedule").must(t, exitUsage)
	if !strings.Contains(r.stdout, "matching name CONTAINS Schedule") || !strings.Contains(r.stdout, "Nothing was sent") {
		t.Fatalf("filter preview:\n%s", r.stdout)
	}
	if n := e.requests(deactivateEP); n != 0 {
		t.Fatalf("a preview sent %d deactivate requests", n)
	}
	for _, id := range ids {
		if !e.isActive(id) {
			t.Fatalf("%d changed by a preview", id)
		}
	}
	// Read-only refuses --yes before any call.
	before := e.sim.Stats().Total
	r = e.run("", append(args[:3], "--yes", "--read-only")...).must(t, exitUsage)
	if !strings.Contains(r.stderr, "read-only") || e.sim.Stats().Total != before {
		t.Fatalf("read-only: %q, %d calls", r.stderr, e.sim.Stats().Total-before)
	}
	e.run("", "was", "deactivate").must(t, exitUsage)
	e.run("", "was", "deactivate", "1", "--filter", "name CONTAINS x").must(t, exitUsage)
	r = e.run("", "was", "deactivate", "--filter", "lastScan NONE", "--yes").must(t, exitUsage)
	if !strings.Contains(r.stderr, "not documented for bulk actions") {
		t.Fatalf("bulk filter field: %q", r.stderr)
	}
}

func TestWASDeactivateByFilterSeed003(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 200, Seed: 8})
	var match []int64
	for _, s := range e.sim.WASSchedules() {
		if strings.Contains(strings.ToLower(s.NameValue()), "schedule") {
			match = append(match, s.IDValue())
		}
	}
	if len(match) == 0 || len(match) == 200 {
		t.Fatalf("seed gives %d matches; the test needs some but not all", len(match))
	}
	before := map[int64]bool{}
	for _, s := range e.sim.WASSchedules() {
		before[s.IDValue()] = s.IsActive()
	}
	r := e.run("", "was", "deactivate", "--filter", "name CONTAINS Schedule", "--yes", "--json").must(t, exitOK)
	res := decodeJSON[map[string]any](t, r.stdout)
	if int(res["count"].(float64)) != len(match) {
		t.Fatalf("count %v, want %d", res["count"], len(match))
	}
	for _, s := range e.sim.WASSchedules() {
		id := s.IDValue()
		want := before[id] && !slices.Contains(match, id)
		if s.IsActive() != want {
			t.Fatalf("schedule %d (%q) active=%v, want %v", id, s.NameValue(), s.IsActive(), want)
		}
	}
	if n := e.requests(deactivateEP); n != 1 {
		t.Fatalf("%d requests, want one with the filter", n)
	}
}

func TestWASDeactivatePartialFailure(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 2500, Seed: 9})
	var ids []int64
	before := map[int64]bool{}
	args := []string{"was", "deactivate", "--yes"}
	for _, s := range e.sim.WASSchedules() {
		ids = append(ids, s.IDValue())
		before[s.IDValue()] = s.IsActive()
		args = append(args, fmt.Sprint(s.IDValue()))
	}
	args = append(args, "77777777") // not in the simulator: lands in chunk 3
	e.sim.AddFault(sim.Fault{Endpoint: deactivateEP, Calls: []int{2}, Status: 500})
	r := e.run("", args...).must(t, exitPartial)
	if n := e.requests(deactivateEP); n != 3 {
		t.Fatalf("%d requests for 2501 ids, want 3 (no retry of the 500)", n)
	}
	failed := ids[1000:2000]
	for _, id := range ids {
		if want := before[id] && slices.Contains(failed, id); e.isActive(id) != want {
			t.Fatalf("schedule %d: active=%v", id, e.isActive(id))
		}
	}
	errLines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(errLines) != 1002 { // 1000 failed + 1 not found + the summary
		t.Fatalf("%d stderr lines, want 1002; first %q", len(errLines), errLines[0])
	}
	if !strings.HasPrefix(errLines[0], fmt.Sprintf("qsched: id %d: deactivate 1000 WAS schedules: ", failed[0])) ||
		!slices.Contains(errLines, "qsched: id 77777777: not found or not in your scope") ||
		errLines[len(errLines)-1] != "qsched: 1,001 of 2,501 ids were not deactivated" {
		t.Fatalf("stderr:\n%s\n…\n%s", errLines[0], errLines[len(errLines)-1])
	}
	if !strings.Contains(r.stdout, "Deactivated 1,500 of 2,501 WAS schedules in 3 requests.") {
		t.Fatalf("summary missing:\n%s", r.stdout[len(r.stdout)-200:])
	}
}

func TestWASBulkDryRunSendsNothing(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 5, Seed: 10})
	delete(e.vars, "QUALYS_PASSWORD") // a dry run needs no credentials
	args := []string{"was", "deactivate", "--dry-run"}
	for i := 1; i <= 1500; i++ {
		args = append(args, fmt.Sprint(i))
	}
	r := e.run("", args...).must(t, exitOK)
	if strings.Count(r.stdout, "POST /qps/rest/3.0/deactivate/was/wasscanschedule  (request ") != 2 ||
		strings.Count(r.stdout, "<ServiceRequest>") != 2 || !strings.Contains(r.stdout, "1,000 ids") || !strings.Contains(r.stdout, "500 ids") {
		t.Fatalf("dry run:\n%.400s", r.stdout)
	}
	r = e.run("", "was", "activate", "--dry-run", "--filter", "name CONTAINS Schedule").must(t, exitOK)
	if !strings.Contains(r.stdout, `<Criteria field="name" operator="CONTAINS">Schedule</Criteria>`) {
		t.Fatalf("filter dry run:\n%s", r.stdout)
	}
	if e.sim.Stats().Total != 0 {
		t.Fatalf("a dry run sent %d requests", e.sim.Stats().Total)
	}
}

func TestWrongPasswordExits4AfterOneAttempt(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 1500, Seed: 11})
	e.vars["QUALYS_PASSWORD"] = "wrong"
	r := e.run("", "was", "list").must(t, exitAuth)
	if n := e.requests(searchEP); n != 1 {
		t.Fatalf("%d search attempts with a wrong password", n)
	}
	if strings.Contains(r.stderr, "wrong") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "authentication failed") {
		t.Fatalf("stderr %q", r.stderr)
	}
	r = e.run("", "scripts", "schedule", "list").must(t, exitAuth)
	if n := e.requests(authEP); n != 1 {
		t.Fatalf("%d logins with a wrong password", n)
	}
}

func TestMissingCredentialIsOneLine(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 1})
	delete(e.vars, "QUALYS_USERNAME")
	r := e.run("", "was", "count").must(t, exitUsage)
	if r.stderr != "qsched: missing credentials: set QUALYS_USERNAME\n" || e.sim.Stats().Total != 0 {
		t.Fatalf("stderr %q", r.stderr)
	}
	delete(e.vars, "QUALYS_API_URL")
	r = e.run("", "was", "count").must(t, exitUsage)
	if !strings.Contains(r.stderr, "QUALYS_PLATFORM") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("stderr %q", r.stderr)
	}
}

package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const (
	carUpdateEP     = "POST /sm/v1/scheduler/{id}"
	carGetEP        = "GET /sm/v1/scheduler/{id}"
	carDeleteEP     = "DELETE /sm/v1/scheduler/{id}"
	carActivateEP   = "POST /sm/v1/scheduler/{id}/activate"
	carDeactivateEP = "POST /sm/v1/scheduler/{id}/deactivate"
)

// carEnv is a test environment whose clocks (qsched's and the
// simulator's) start on 2030-05-01, before the seed schedules' start.
func carEnv(t *testing.T, o sim.Options) (*testEnv, *simClock) {
	t.Helper()
	clock := &simClock{t: time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)}
	o.Now, o.TokenTTL = clock.Now, 10000*time.Hour
	if o.WASSchedules == 0 {
		o.WASSchedules = -1
	}
	e := newTestEnv(t, o)
	e.now = clock.Now()
	return e, clock
}

// createSeed creates a seed schedule (optionally retitled) and returns its id.
func (e *testEnv) createSeed(name, title string) string {
	e.t.Helper()
	body := seed(e.t, name)
	if title != "" {
		m := map[string]any{}
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			e.t.Fatal(err)
		}
		m["title"] = title
		b, _ := json.Marshal(m)
		body = string(b)
	}
	r := e.run(body, "scripts", "schedule", "create", "-f", "-", "--json").must(e.t, exitOK)
	return decodeJSON[map[string]string](e.t, r.stdout)["id"]
}

func (e *testEnv) stored(id string) (sim.CARRecord, bool) {
	for _, r := range e.sim.CARSchedules() {
		if r.ID == id {
			return r, true
		}
	}
	return sim.CARRecord{}, false
}

func TestScriptsScheduleGet(t *testing.T) {
	e, _ := carEnv(t, sim.Options{})
	id := e.createSeed("000-weekly.json", "")
	r := e.run("", "scripts", "schedule", "get", id, "--tz", "Europe/Berlin").must(t, exitOK)
	for _, want := range []string{"ID:                " + id, "Title:             Seed weekly schedule", "Type:              WEEKLY, days of week 1, 2",
		"Start:             2030-05-11 10:49:00 UTC", "web-01.example.com  2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81  44496319", "Next runs, in Europe/Berlin:",
		"  Mon 2030-05-13 12:49 CEST", "Path not documented by Qualys: GET /sm/v1/scheduler/{id}\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("get lacks %q:\n%s", want, r.stdout)
		}
	}
	type detail struct {
		ID          string               `json:"id"`
		Created     *string              `json:"created"`
		NextRuns    []string             `json:"nextRuns"`
		Schedule    model.ScriptSchedule `json:"schedule"`
		Unconfirmed []string             `json:"unconfirmed"`
	}
	d := decodeJSON[detail](t, e.run("", "scripts", "schedule", "get", id, "--json", "--tz", "UTC", "--runs", "3").must(t, exitOK).stdout)
	rec, _ := e.stored(id)
	want, _ := json.Marshal(rec.Schedule)
	got, _ := json.Marshal(d.Schedule)
	if d.ID != id || string(got) != string(want) || len(d.NextRuns) != 2 /* it ends on 2030-05-16 */ || d.NextRuns[0] != "2030-05-13T10:49:00Z" || d.Created == nil ||
		!slices.Equal(d.Unconfirmed, []string{"GET /sm/v1/scheduler/{id}"}) {
		t.Fatalf("get --json: %+v\n%s", d, got)
	}
	// Inactive: no next runs.
	e.run("", "scripts", "schedule", "deactivate", id, "--yes").must(t, exitOK)
	if r := e.run("", "scripts", "schedule", "get", id).must(t, exitOK); !strings.Contains(r.stdout, "Next runs:         none: the schedule is inactive\n") {
		t.Errorf("inactive:\n%s", r.stdout)
	}
	if d := decodeJSON[detail](t, e.run("", "scripts", "schedule", "get", id, "--json").must(t, exitOK).stdout); d.NextRuns == nil || len(d.NextRuns) != 0 || d.Schedule.Activate {
		t.Errorf("inactive --json: %+v", d)
	}
	// An unknown id: the server's 404, one line, exit 1; a malformed id:
	// one line naming ID, exit 2, nothing sent.
	r = e.run("", "scripts", "schedule", "get", "0b6e-not-there").must(t, exitAPI)
	if !strings.HasPrefix(r.stderr, "qsched: get script schedule: 404") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("unknown id: %q", r.stderr)
	}
	before := e.sim.Stats().Total
	for _, bad := range []string{"a/b", "a b", "", "x\x1b[2J"} {
		r := e.run("", "scripts", "schedule", "get", bad).must(t, exitUsage)
		if !strings.HasPrefix(r.stderr, "qsched: ID: ") || strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "\x1b") {
			t.Errorf("id %q: %q", bad, r.stderr)
		}
	}
	if e.sim.Stats().Total != before {
		t.Fatal("a malformed id reached the server")
	}
}

func writeBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestScriptsScheduleUpdate(t *testing.T) {
	e, _ := carEnv(t, sim.Options{})
	id := e.createSeed("000-weekly.json", "")
	e.createSeed("000-daily.json", "")
	// get --json's .schedule is what update -f takes: change the days.
	type detail struct {
		Schedule map[string]any `json:"schedule"`
	}
	d := decodeJSON[detail](t, e.run("", "scripts", "schedule", "get", id, "--json").must(t, exitOK).stdout)
	d.Schedule["daysOfWeek"] = []int{3, 5}
	path := writeBody(t, d.Schedule)

	// --dry-run: the exact request, nothing sent.
	before := e.sim.Stats().Total
	r := e.run("", "scripts", "schedule", "update", id, "-f", path, "--dry-run").must(t, exitOK)
	if !strings.HasPrefix(r.stdout, "POST /sm/v1/scheduler/"+id+"\n{") || !strings.Contains(r.stdout, `"daysOfWeek": [`) || e.sim.Stats().Total != before {
		t.Fatalf("dry run:\n%s", r.stdout)
	}
	js := decodeJSON[map[string]any](t, e.run("", "scripts", "schedule", "update", id, "-f", path, "--dry-run", "--json").must(t, exitOK).stdout)
	if js["action"] != "update" || js["sent"] != false || e.sim.Stats().Total != before {
		t.Fatalf("dry run --json: %v", js)
	}

	out := decodeJSON[map[string]any](t, e.run("", "scripts", "schedule", "update", id, "-f", path, "--json").must(t, exitOK).stdout)
	rec, _ := e.stored(id)
	if out["id"] != id || out["title"] != "Seed weekly schedule" || out["sent"] != true || !slices.Equal(rec.Schedule.DaysOfWeek, []int{3, 5}) || e.requests(carUpdateEP) != 1 {
		t.Fatalf("update: printed %v, stored days %v, %d updates", out, rec.Schedule.DaysOfWeek, e.requests(carUpdateEP))
	}
	if r := e.run("", "scripts", "schedule", "update", id, "-f", path).must(t, exitOK); r.stdout != "Updated script schedule "+id+" (Seed weekly schedule) on "+target(e.settings(t))+".\n" {
		t.Fatalf("update text: %q", r.stdout)
	}

	// Invalid bodies: one line per problem naming the field, exit 2,
	// nothing sent.
	before = e.sim.Stats().Total
	d.Schedule["daysOfWeek"] = []int{0, 9}
	d.Schedule["startTime"] = "25:00:00"
	d.Schedule["title"] = ""
	r = e.run("", "scripts", "schedule", "update", id, "-f", writeBody(t, d.Schedule)).must(t, exitUsage)
	for _, want := range []string{"qsched: daysOfWeek", "qsched: startTime", "qsched: title"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Count(r.stderr, "\n") < 3 {
		t.Errorf("not one line per problem:\n%s", r.stderr)
	}
	e.run(`{"titel":"x"}`, "scripts", "schedule", "update", id, "-f", "-").must(t, exitUsage)
	if r := e.run("", "scripts", "schedule", "update", id).must(t, exitUsage); !strings.HasPrefix(r.stderr, "qsched: -f is required") {
		t.Errorf("no -f: %q", r.stderr)
	}
	if e.sim.Stats().Total != before {
		t.Fatal("an invalid body reached the server")
	}
	// The title of another schedule: the server refuses it (exit 1).
	d.Schedule["daysOfWeek"], d.Schedule["startTime"], d.Schedule["title"] = []int{1}, "10:49:00", "Seed daily schedule"
	e.run("", "scripts", "schedule", "update", id, "-f", writeBody(t, d.Schedule)).must(t, exitAPI)
	// An unknown id: 404, exit 1.
	d.Schedule["title"] = "Another title"
	if r := e.run("", "scripts", "schedule", "update", "4d3c-gone", "-f", writeBody(t, d.Schedule)).must(t, exitAPI); !strings.Contains(r.stderr, "404") {
		t.Fatalf("unknown id: %q", r.stderr)
	}
	// Read-only: refused before sending.
	before = e.sim.Stats().Total
	e.run("", "scripts", "schedule", "update", id, "-f", path, "--read-only").must(t, exitUsage)
	if e.sim.Stats().Total != before {
		t.Fatal("read-only update was sent")
	}
}

func (e *testEnv) settings(t *testing.T) client.Settings {
	t.Helper()
	a := &cli{getenv: func(k string) string { return e.vars[k] }}
	s, err := a.settings()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// An update whose connection drops after the server applied it: the
// outcome is unknown, qsched reads the schedule again, says it holds the
// body sent, and exits 3; the audit log says unknown.
func TestScriptsScheduleUpdateDroppedConnectionIsReadAgain(t *testing.T) {
	clock := &simClock{t: time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)}
	s := sim.New(sim.Options{WASSchedules: -1, Now: clock.Now, TokenTTL: 10000 * time.Hour})
	var drop atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if drop.Load() && r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/sm/v1/scheduler/") && !strings.HasSuffix(r.URL.Path, "/search") {
			// The server applies the update; the answer never arrives.
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, r)
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = buf.Flush()
				_ = conn.Close()
			}
			return
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e := newTestEnv(t, sim.Options{})
	e.sim, e.now = s, clock.Now()
	e.vars["QUALYS_API_URL"], e.vars["QUALYS_GATEWAY_URL"] = srv.URL, srv.URL
	id := e.createSeed("000-weekly.json", "")
	body := map[string]any{}
	_ = json.Unmarshal([]byte(seed(t, "000-weekly.json")), &body)
	body["daysOfWeek"] = []int{4}
	drop.Store(true)
	r := e.run("", "scripts", "schedule", "update", id, "-f", writeBody(t, body)).must(t, exitPartial)
	if !strings.Contains(r.stderr, "outcome unknown") || !strings.Contains(r.stderr, "the server holds the body sent: the update was made") {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
	if rec, _ := e.stored(id); !slices.Equal(rec.Schedule.DaysOfWeek, []int{4}) {
		t.Fatalf("stored days %v", rec.Schedule.DaysOfWeek)
	}
	a := e.run("", "audit", "--json").must(t, exitOK)
	if !strings.Contains(a.stdout, `"action": "scripts.update"`) || !strings.Contains(a.stdout, `"status": "unknown"`) {
		t.Fatalf("audit:\n%s", a.stdout)
	}

	// Deactivate and delete the same way: unknown, read again, listed with
	// what the server holds (done, so counted), exit 3.
	type item struct{ ID, Status, Error, Now string }
	type doc struct {
		Succeeded int    `json:"succeeded"`
		Results   []item `json:"results"`
	}
	for _, c := range []struct{ action, now string }{{"deactivate", "inactive"}, {"delete", "not_found"}} {
		r := e.run("", "scripts", "schedule", c.action, id, "--yes", "--json").must(t, exitPartial)
		d := decodeJSON[doc](t, r.stdout)
		if d.Succeeded != 1 || d.Results[0].Status != "unknown" || d.Results[0].Now != c.now || !strings.Contains(r.stderr, "read again: "+c.now) {
			t.Fatalf("%s: %+v\n%s", c.action, d, r.stderr)
		}
	}
	if _, ok := e.stored(id); ok {
		t.Fatal("not deleted")
	}
}

func TestScriptsScheduleClone(t *testing.T) {
	e, _ := carEnv(t, sim.Options{})
	id := e.createSeed("000-weekly.json", "")
	other := e.createSeed("000-daily.json", "")
	creates := e.requests(createEP)

	// --dry-run reads the source and prints the create; nothing is created.
	r := e.run("", "scripts", "schedule", "clone", id, "--title", "Weekly copy", "--dry-run").must(t, exitOK)
	if !strings.HasPrefix(r.stdout, "POST /sm/v1/scripts/scheduler\n{") || !strings.Contains(r.stdout, `"title": "Weekly copy"`) || e.requests(createEP) != creates {
		t.Fatalf("dry run:\n%s", r.stdout)
	}
	out := decodeJSON[map[string]any](t, e.run("", "scripts", "schedule", "clone", id, "--title", "Weekly copy", "--json").must(t, exitOK).stdout)
	src, _ := e.stored(id)
	cp, ok := e.stored(out["id"].(string))
	if !ok || out["title"] != "Weekly copy" || out["source"] != id || cp.Schedule.Title != "Weekly copy" {
		t.Fatalf("clone: %v", out)
	}
	cp.Schedule.Title = src.Schedule.Title
	a, _ := json.Marshal(cp.Schedule)
	b, _ := json.Marshal(src.Schedule)
	if string(a) != string(b) {
		t.Fatalf("the copy differs beyond its title:\n%s\n%s", a, b)
	}
	// Refused before any create: a taken title, the source's own, none.
	creates = e.requests(createEP)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--title", " seed DAILY schedule"}, "qsched: --title: a script schedule titled \"Seed daily schedule\" already exists (id " + other + ")"},
		{[]string{"--title", "SEED weekly schedule"}, "qsched: --title: the copy needs a title of its own"},
		{nil, "qsched: --title is required"},
	} {
		r := e.run("", append([]string{"scripts", "schedule", "clone", id}, c.args...)...).must(t, exitUsage)
		if !strings.HasPrefix(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: %q", c.args, r.stderr)
		}
	}
	if r := e.run("", "scripts", "schedule", "clone", "no-such-id", "--title", "X").must(t, exitAPI); !strings.Contains(r.stderr, "404") {
		t.Errorf("unknown source: %q", r.stderr)
	}
	// A source whose start has passed: the copy would be refused.
	e.now = time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)
	if r := e.run("", "scripts", "schedule", "clone", id, "--title", "Late copy").must(t, exitUsage); !strings.Contains(r.stderr, "qsched: startDate: 2030-05-11 is in the past") {
		t.Errorf("past start: %q", r.stderr)
	}
	if e.requests(createEP) != creates {
		t.Fatal("a refused clone was sent")
	}
}

func TestScriptsScheduleActivateDeactivateDelete(t *testing.T) {
	e, _ := carEnv(t, sim.Options{})
	one := e.createSeed("000-weekly.json", "")
	two := e.createSeed("000-daily.json", "")
	writes := func() int {
		return e.requests(carActivateEP) + e.requests(carDeactivateEP) + e.requests(carDeleteEP) + e.requests(carUpdateEP)
	}

	// Without --yes: the titles, nothing sent, exit 2.
	r := e.run("", "scripts", "schedule", "deactivate", one, two, "gone-id").must(t, exitUsage)
	for _, want := range []string{"Would deactivate 2 script schedules on ", "Path not documented by Qualys: POST /sm/v1/scheduler/{id}/deactivate\n",
		"Seed weekly schedule", "Seed daily schedule", "Not found or not in your scope (left alone): gone-id", "Nothing was sent. Run again with --yes to deactivate them."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("preview lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "qsched: nothing was sent: deactivate 2 script schedules needs --yes\n" || writes() != 0 {
		t.Fatalf("preview: stderr %q, %d writes", r.stderr, writes())
	}
	type ref struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Active bool   `json:"active"`
	}
	type preview struct {
		Action      string   `json:"action"`
		Sent        bool     `json:"sent"`
		Count       int      `json:"count"`
		Schedules   []ref    `json:"schedules"`
		NotFound    []string `json:"notFound"`
		Unconfirmed []string `json:"unconfirmed"`
	}
	p := decodeJSON[preview](t, e.run("", "scripts", "schedule", "delete", two, one, "--json").must(t, exitUsage).stdout)
	if p.Action != "delete" || p.Sent || p.Count != 2 || p.Schedules[0].ID != two || p.Schedules[1].Title != "Seed weekly schedule" || p.Schedules[0].Active || !p.Schedules[1].Active ||
		len(p.NotFound) != 0 || !slices.Contains(p.Unconfirmed, "DELETE /sm/v1/scheduler/{id}") || writes() != 0 {
		t.Fatalf("delete preview --json: %+v", p)
	}

	// --dry-run: the requests, nothing sent at all (no read either).
	before := e.sim.Stats().Total
	r = e.run("", "scripts", "schedule", "activate", one, two, "--dry-run").must(t, exitOK)
	if !strings.Contains(r.stdout, "POST /sm/v1/scheduler/"+one+"/activate  (request 1 of 2)") || !strings.Contains(r.stdout, "POST /sm/v1/scheduler/"+two+"/activate  (request 2 of 2)") ||
		!strings.Contains(r.stdout, "Nothing was sent.\nPath not documented by Qualys: POST /sm/v1/scheduler/{id}/activate\n") || e.sim.Stats().Total != before {
		t.Fatalf("dry run:\n%s", r.stdout)
	}
	dj := decodeJSON[map[string]any](t, e.run("", "scripts", "schedule", "delete", one, "--dry-run", "--json").must(t, exitOK).stdout)
	if dj["sent"] != false || len(dj["requests"].([]any)) != 1 || e.sim.Stats().Total != before {
		t.Fatalf("delete dry run --json: %v", dj)
	}

	// --yes: sent, one request each.
	r = e.run("", "scripts", "schedule", "deactivate", one, two, "--yes").must(t, exitOK)
	if !strings.Contains(r.stdout, "Deactivated 2 of 2 script schedules on ") || e.requests(carDeactivateEP) != 2 {
		t.Fatalf("deactivate:\n%s", r.stdout)
	}
	for _, id := range []string{one, two} {
		if rec, _ := e.stored(id); rec.Schedule.Activate {
			t.Fatalf("%s still active", id)
		}
	}
	type result struct {
		ID, Title, Status, Error, Now string
	}
	type sent struct {
		Action    string   `json:"action"`
		Sent      bool     `json:"sent"`
		Requested int      `json:"requested"`
		Succeeded int      `json:"succeeded"`
		Results   []result `json:"results"`
	}
	act := decodeJSON[sent](t, e.run("", "scripts", "schedule", "activate", one, "--yes", "--json").must(t, exitOK).stdout)
	if rec, _ := e.stored(one); !rec.Schedule.Activate || act.Action != "activate" || !act.Sent || act.Succeeded != 1 || act.Results[0].Status != "done" || act.Results[0].Title != "Seed weekly schedule" {
		t.Fatalf("activate --json: %+v", act)
	}
	// Delete with an unknown id among them: the others deleted, exit 3.
	res := e.run("", "scripts", "schedule", "delete", one, "gone-id", two, "--yes", "--json").must(t, exitPartial)
	del := decodeJSON[sent](t, res.stdout)
	if len(e.sim.CARSchedules()) != 0 || del.Succeeded != 2 || del.Results[1].Status != "not_found" || del.Results[0].Status != "done" || e.requests(carDeleteEP) != 2 {
		t.Fatalf("delete: %+v, %d left", del, len(e.sim.CARSchedules()))
	}
	if !strings.Contains(res.stderr, "qsched: gone-id: not found or not in your scope\n") {
		t.Fatalf("delete stderr %q", res.stderr)
	}
	// Only unknown ids: nothing to do, exit 3 as for WAS ids.
	e.run("", "scripts", "schedule", "delete", "gone-id", "--yes").must(t, exitPartial)
	// Usage: no id, a malformed id; read-only with --yes.
	if r := e.run("", "scripts", "schedule", "activate").must(t, exitUsage); strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("no id: %q", r.stderr)
	}
	if r := e.run("", "scripts", "schedule", "delete", "../x", "--yes").must(t, exitUsage); !strings.HasPrefix(r.stderr, "qsched: ID: ") {
		t.Errorf("bad id: %q", r.stderr)
	}
	e.run("", "scripts", "schedule", "delete", "x", "--yes", "--read-only").must(t, exitUsage)

	// The audit log shows every write by its action.
	a := e.run("", "audit").must(t, exitOK).stdout
	for _, want := range []string{"scripts.deactivate", "scripts.activate", "scripts.delete"} {
		if !strings.Contains(a, want) {
			t.Errorf("audit lacks %s:\n%s", want, a)
		}
	}
}

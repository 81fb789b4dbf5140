package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const (
	carUpdateEP = "POST /sm/v1/scheduler/{id}"
	carGetEP    = "GET /sm/v1/scheduler/{id}"
	carDeleteEP = "DELETE /sm/v1/scheduler/{id}"
)

func (e *env) stored(t *testing.T, id string) (sim.CARRecord, bool) {
	t.Helper()
	for _, r := range e.sim.CARSchedules() {
		if r.ID == id {
			return r, true
		}
	}
	return sim.CARRecord{}, false
}

func TestScheduleGetUpdateDeleteAndActive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e := setup(t, sim.Options{WASSchedules: -1}, func(c *client.Config) {
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "alice"}, Platform: "sim"}
	})
	ctx := context.Background()
	s := seedSchedule(t, "000-weekly.json")
	id, err := e.c.Scripts.CreateSchedule(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	it, err := e.c.Scripts.GetSchedule(ctx, id)
	if err != nil || it.ID != id || it.CreatedMs == 0 {
		t.Fatalf("get: %+v %v", it, err)
	}
	a, _ := json.Marshal(it.Schedule)
	b, _ := json.Marshal(s)
	if string(a) != string(b) {
		t.Fatalf("get returned\n%s\nwant\n%s", a, b)
	}

	// Update: the whole schedule, in the create shape (U23), to the
	// documented path; the server holds it.
	s.DaysOfWeek = []int{3, 5}
	s.Description = "changed"
	req, err := client.NewScriptScheduleUpdateRequest(id, s)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(req.Body(), &body); err != nil {
		t.Fatal(err)
	}
	if req.Method() != http.MethodPost || req.Path() != "/sm/v1/scheduler/"+id || body["scheduleType"] != "WEEKLY" || body["startDate"] != "2030-05-11" ||
		body["startTime"] != "10:49:00" || body["title"] != s.Title || len(body["assets"].([]any)) != 2 || body["id"] != nil || body["hourlyInterval"] != nil {
		t.Fatalf("update request %s %s\n%s", req.Method(), req.Path(), req.Body())
	}
	if err := e.c.Scripts.UpdateSchedule(ctx, id, s); err != nil {
		t.Fatal(err)
	}
	rec, _ := e.stored(t, id)
	if !slices.Equal(rec.Schedule.DaysOfWeek, []int{3, 5}) || rec.Schedule.Description != "changed" || string(rec.Raw) != string(req.Body()) || e.calls(carUpdateEP) != 1 {
		t.Fatalf("stored %+v\nraw %s", rec.Schedule, rec.Raw)
	}
	// An invalid schedule is refused before sending.
	bad := s
	bad.StartTime = "25:00:00"
	var ve model.ValidationErrors
	if err := e.c.Scripts.UpdateSchedule(ctx, id, bad); !errors.As(err, &ve) || len(ve.For("startTime")) == 0 || e.calls(carUpdateEP) != 1 {
		t.Fatalf("invalid update: %v", err)
	}

	// Deactivate, activate (idempotent), delete.
	if err := e.c.Scripts.SetScheduleActive(ctx, id, s.Title, false); err != nil {
		t.Fatal(err)
	}
	if rec, _ := e.stored(t, id); rec.Schedule.Activate {
		t.Fatal("still active")
	}
	for range 2 {
		if err := e.c.Scripts.SetScheduleActive(ctx, id, s.Title, true); err != nil {
			t.Fatal(err)
		}
	}
	if rec, _ := e.stored(t, id); !rec.Schedule.Activate {
		t.Fatal("not active")
	}
	if err := e.c.Scripts.DeleteSchedule(ctx, id, s.Title); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.stored(t, id); ok {
		t.Fatal("not deleted")
	}

	// Every call on an unknown id is ErrNotFound.
	if _, err := e.c.Scripts.GetSchedule(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
	if err := e.c.Scripts.UpdateSchedule(ctx, id, s); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("update: %v", err)
	}
	if err := e.c.Scripts.DeleteSchedule(ctx, id, s.Title); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("delete: %v", err)
	}
	for _, on := range []bool{true, false} {
		if err := e.c.Scripts.SetScheduleActive(ctx, id, s.Title, on); !errors.Is(err, client.ErrNotFound) {
			t.Fatalf("active %v: %v", on, err)
		}
	}

	// The audit log names each action with the schedule's id and title.
	var actions []string
	for _, r := range readAudit(t, path) {
		if r.Kind == "intent" {
			actions = append(actions, r.Action)
			if r.Action != "scripts.create" && (r.Target == nil || !slices.Equal(r.Target.IDs, []string{id}) || r.Target.Title != s.Title) {
				t.Fatalf("intent target %+v", r.Target)
			}
		}
	}
	want := []string{"scripts.create", "scripts.update", "scripts.deactivate", "scripts.activate", "scripts.activate", "scripts.delete",
		"scripts.update", "scripts.delete", "scripts.activate", "scripts.deactivate"}
	if !slices.Equal(actions, want) {
		t.Fatalf("audit actions %v\nwant %v", actions, want)
	}
}

// The guessed paths are one table, marked unconfirmed, and the request
// builders use them.
func TestLifecycleRequestsUseTheGuessedPaths(t *testing.T) {
	for _, c := range []struct {
		op     client.CAROp
		build  func() (*client.Request, error)
		method string
		path   string
	}{
		{client.CARDelete, func() (*client.Request, error) { return client.NewScriptScheduleDeleteRequest("a-1", "T") }, http.MethodDelete, "/sm/v1/scheduler/a-1"},
		{client.CARActivate, func() (*client.Request, error) { return client.NewScriptScheduleActiveRequest("a-1", "T", true) }, http.MethodPost, "/sm/v1/scheduler/a-1/activate"},
		{client.CARDeactivate, func() (*client.Request, error) { return client.NewScriptScheduleActiveRequest("a-1", "T", false) }, http.MethodPost, "/sm/v1/scheduler/a-1/deactivate"},
	} {
		r, err := c.build()
		if err != nil || r.Method() != c.method || r.Path() != c.path || len(r.Body()) != 0 || client.EndpointOf(c.op).Confirmed {
			t.Fatalf("%s %s %s, confirmed %v: %v", r.Method(), r.Path(), r.Body(), client.EndpointOf(c.op).Confirmed, err)
		}
	}
	if client.EndpointOf(client.CARGet).Confirmed || !client.EndpointOf(client.CARUpdate).Confirmed {
		t.Fatal("get is a guess (U22); update is documented")
	}
}

// dropping serves the simulator, but for the requests drop selects: the
// simulator handles them and the connection is closed before any answer.
func dropping(t *testing.T, s *sim.Server, drop func(*http.Request) bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if drop(r) {
			s.ServeHTTP(httptest.NewRecorder(), r)
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// An update or a delete whose connection drops after the server applied
// it: the outcome is unknown (never "failed"), it is not retried, and
// reading the schedule again tells.
func TestScheduleWriteOnADroppedConnectionIsUnknown(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: -1})
	var armed atomic.Bool
	srv := dropping(t, s, func(r *http.Request) bool {
		return armed.Load() && strings.HasPrefix(r.URL.Path, "/sm/v1/scheduler/") && !strings.HasSuffix(r.URL.Path, "/search") && r.Method != http.MethodGet
	})
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"},
		Audit: audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "alice"}, Platform: "sim"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sched := seedSchedule(t, "000-weekly.json")
	id, err := c.Scripts.CreateSchedule(ctx, sched)
	if err != nil {
		t.Fatal(err)
	}
	armed.Store(true)
	sched.DaysOfWeek = []int{4}
	err = c.Scripts.UpdateSchedule(ctx, id, sched)
	var u *client.UnknownOutcomeError
	if !errors.As(err, &u) || u.ID != id || !strings.Contains(err.Error(), "outcome unknown") {
		t.Fatalf("update: %v", err)
	}
	if n := s.Stats().Requests[carUpdateEP]; n != 1 {
		t.Fatalf("the update was sent %d times; it is never retried", n)
	}
	it, err := c.Scripts.GetSchedule(ctx, id)
	if err != nil || !slices.Equal(it.Schedule.DaysOfWeek, []int{4}) {
		t.Fatalf("read again: %+v %v", it.Schedule.DaysOfWeek, err)
	}
	if err := c.Scripts.DeleteSchedule(ctx, id, sched.Title); !errors.As(err, &u) {
		t.Fatalf("delete: %v", err)
	}
	if n := s.Stats().Requests[carDeleteEP]; n != 1 {
		t.Fatalf("the delete was sent %d times", n)
	}
	if _, err := c.Scripts.GetSchedule(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("read again after delete: %v", err)
	}
	var unknown int
	for _, r := range readAudit(t, path) {
		if r.Kind == "outcome" && r.Status == audit.StatusUnknown {
			unknown++
		}
	}
	if unknown != 2 {
		t.Fatalf("%d unknown outcomes in the audit log, want 2", unknown)
	}
}

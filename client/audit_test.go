package client_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const auditPassword = "Pw-aud1t-ZEBRA-4417" // planted: must never reach the log

// authSpy records every Authorization header sent, so that a test can
// check none of them reached the audit log.
type authSpy struct {
	mu    sync.Mutex
	seen  []string
	inner http.RoundTripper
}

func (s *authSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	if v := r.Header.Get("Authorization"); v != "" {
		s.seen = append(s.seen, v)
	}
	s.mu.Unlock()
	return s.inner.RoundTrip(r)
}

// auditSetup is setup with an audit log in a temporary directory and a
// distinctive password.
func auditSetup(t *testing.T, o sim.Options, path string) (*env, *authSpy) {
	t.Helper()
	o.Username, o.Password = "demo", auditPassword
	spy := &authSpy{inner: http.DefaultTransport}
	e := setup(t, o, func(c *client.Config) {
		c.Credentials.Password = auditPassword
		c.HTTPClient = &http.Client{Transport: spy}
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "alice"}, Platform: "sim · lab"}
	})
	return e, spy
}

func readAudit(t *testing.T, path string) []audit.Record {
	t.Helper()
	recs, err := audit.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// noSecrets fails when the password, a Basic or bearer Authorization value
// or a token appears in the file.
func noSecrets(t *testing.T, path string, spy *authSpy) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), auditPassword) {
		t.Fatal("the password is in the audit log")
	}
	spy.mu.Lock()
	defer spy.mu.Unlock()
	if len(spy.seen) == 0 {
		t.Fatal("no Authorization header was seen: the check proves nothing")
	}
	for _, v := range spy.seen {
		_, cred, _ := strings.Cut(v, " ")
		if strings.Contains(string(b), cred) || strings.Contains(string(b), "Authorization") {
			t.Fatalf("an Authorization value is in the audit log: %s", b)
		}
	}
}

func TestAuditBulkDeactivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "qsched", "audit.jsonl")
	e, spy := auditSetup(t, sim.Options{WASSchedules: 5}, path)
	ids := []int64{1688, 701147, 701946}
	res := e.c.WAS.SetActive(context.Background(), false, ids, nil)
	if len(res.Succeeded()) != 3 {
		t.Fatalf("deactivate: %+v", res)
	}
	recs := readAudit(t, path)
	if len(recs) != 2 {
		t.Fatalf("%d records, want intent and outcome: %+v", len(recs), recs)
	}
	in, out := recs[0], recs[1]
	if in.Kind != audit.KindIntent || in.Action != client.AuditWASDeactivate || in.Actor.OSUser != "alice" || in.Platform != "sim · lab" ||
		strings.Join(in.Target.IDs, ",") != "1688,701147,701946" || in.ActionID == "" || in.Time.IsZero() {
		t.Fatalf("intent: %+v %+v", in, in.Target)
	}
	if out.Kind != audit.KindOutcome || out.ActionID != in.ActionID || out.Status != audit.StatusDone || *out.Requests != 1 || len(out.Results) != 3 {
		t.Fatalf("outcome: %+v", out)
	}
	for i, r := range out.Results {
		if r.Status != audit.StatusDone || r.ID != in.Target.IDs[i] {
			t.Fatalf("result %d: %+v", i, r)
		}
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v, want 0600", st.Mode(), err)
	}
	noSecrets(t, path, spy)

	// A second action appends; nothing is truncated.
	e.c.WAS.SetActive(context.Background(), true, ids[:1], nil)
	if recs := readAudit(t, path); len(recs) != 4 || recs[0].ActionID != in.ActionID || recs[2].Action != client.AuditWASActivate {
		t.Fatalf("after a second action: %+v", recs)
	}
}

func TestAuditRecordsEveryID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, _ := auditSetup(t, sim.Options{WASSchedules: 2500}, path)
	var ids []int64
	for _, s := range e.sim.WASSchedules() {
		ids = append(ids, s.IDValue())
	}
	ids = append(ids, 99) // not on the server
	e.c.WAS.SetActive(context.Background(), false, ids, nil)
	recs := readAudit(t, path)
	if len(recs) != 2 || len(recs[0].Target.IDs) != 2501 || len(recs[1].Results) != 2501 || *recs[1].Requests != 3 {
		t.Fatalf("records %d, intent ids %d, results %d", len(recs), len(recs[0].Target.IDs), len(recs[1].Results))
	}
	last := recs[1].Results[2500]
	if last.ID != "99" || last.Status != audit.StatusFailed || !strings.Contains(last.Reason, "not found") || recs[1].Status != audit.StatusPartial {
		t.Fatalf("unknown id: %+v, overall %s", last, recs[1].Status)
	}
}

func TestAuditCreateAndUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, spy := auditSetup(t, sim.Options{WASSchedules: 5}, path)
	s := seedSchedule(t, "000-weekly.json")
	id, err := e.c.Scripts.CreateSchedule(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.c.WAS.Update(context.Background(), 1688, model.WasScanSchedule{SendMail: model.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	recs := readAudit(t, path)
	if len(recs) != 4 {
		t.Fatalf("%d records: %+v", len(recs), recs)
	}
	if recs[0].Action != client.AuditScriptsCreate || recs[0].Target.Title != s.Title ||
		recs[1].Status != audit.StatusDone || len(recs[1].Results) != 1 || recs[1].Results[0].ID != id || *recs[1].Requests != 1 {
		t.Fatalf("create: %+v / %+v", recs[0], recs[1])
	}
	if recs[2].Action != client.AuditWASUpdate || recs[2].Target.IDs[0] != "1688" || recs[3].Status != audit.StatusDone || recs[3].Results[0].ID != "1688" {
		t.Fatalf("update: %+v / %+v", recs[2], recs[3])
	}
	noSecrets(t, path, spy) // here also the gateway's bearer token
}

// TestAuditFailsClosed: when the intent cannot be written, nothing is sent.
// A path under a regular file fails for every user; a directory without
// write permission only when not running as root.
func TestAuditFailsClosed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	paths := []string{filepath.Join(file, "audit.jsonl")}
	if os.Geteuid() != 0 {
		locked := filepath.Join(dir, "locked")
		if err := os.Mkdir(locked, 0o500); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Join(locked, "audit.jsonl"))
	}
	for _, path := range paths {
		e, _ := auditSetup(t, sim.Options{WASSchedules: 5}, path)
		ctx := context.Background()
		res := e.c.WAS.SetActive(ctx, false, []int64{1688, 701147}, nil)
		_, ferr := e.c.WAS.SetActiveByFilter(ctx, false, []model.Criterion{{Field: "name", Operator: model.OpContains, Value: "a"}})
		uerr := e.c.WAS.Update(ctx, 1688, model.WasScanSchedule{SendMail: model.Ptr(true)})
		_, cerr := e.c.Scripts.CreateSchedule(ctx, seedSchedule(t, "000-weekly.json"))
		req, _ := client.NewWASUpdateRequest(1688, model.WasScanSchedule{SendMail: model.Ptr(false)})
		_, derr := e.c.WAS.Do(ctx, req)
		errs := []error{res.Items[0].Err, ferr, uerr, cerr, derr}
		for i, err := range errs {
			if err == nil || !strings.HasPrefix(err.Error(), "not sent: the audit log "+path+" cannot be written") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("%s, call %d: %v", path, i, err)
			}
		}
		if res.Requests != 0 || res.Refused == nil || len(res.Items) != 2 || res.Items[1].Status != client.Failed {
			t.Fatalf("bulk result: %+v", res)
		}
		if st := e.sim.Stats(); st.Total != 0 {
			t.Fatalf("%s: %d requests sent, want none: %v", path, st.Total, st.Requests)
		}
		// Reads need no audit.
		if _, err := e.c.WAS.Count(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditWrite401IsFailed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	// The simulator accepts demo/demo; the client sends a planted password.
	e2 := setup(t, sim.Options{WASSchedules: 5}, func(c *client.Config) {
		c.Credentials.Password = "wrong-" + auditPassword
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "bob"}}
	})
	err := e2.c.WAS.Update(context.Background(), 1688, model.WasScanSchedule{SendMail: model.Ptr(true)})
	if !errors.Is(err, client.ErrAuth) {
		t.Fatalf("want a 401, got %v", err)
	}
	res := e2.c.WAS.SetActive(context.Background(), false, []int64{1688}, nil)
	recs := readAudit(t, path)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	if o := recs[1]; o.Status != audit.StatusFailed || o.Results[0].Status != audit.StatusFailed || !strings.Contains(o.Error, "authentication failed") || *o.Requests != 1 {
		t.Fatalf("401 outcome: %+v", o)
	}
	// After the 401 the bulk action sends nothing: failed, 0 requests.
	if o := recs[3]; res.Requests != 0 || o.Status != audit.StatusFailed || *o.Requests != 0 || !strings.Contains(o.Results[0].Reason, "not sent") {
		t.Fatalf("after the 401: %+v", o)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), auditPassword) {
		t.Fatal("password in the log")
	}
}

// TestAuditUnanswered: a write sent without an answer is unknown, not failed.
func TestAuditUnanswered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, _ := auditSetup(t, sim.Options{WASSchedules: 5}, path)
	// The writes are served and answered slowly; the read before the
	// bulk (the previous states) is not.
	for _, ep := range []string{"POST /qps/rest/3.0/deactivate/was/wasscanschedule", "POST /qps/rest/3.0/update/was/wasscanschedule/{id}"} {
		e.sim.AddFault(sim.Fault{Kind: sim.Slow, Endpoint: ep, Delay: time.Second})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	res := e.c.WAS.SetActive(ctx, false, []int64{1688, 701147}, nil)
	if res.Items[0].Status != client.Unknown { // the result agrees with the audit log
		t.Fatalf("bulk: %+v", res)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	err := e.c.WAS.Update(ctx2, 1688, model.WasScanSchedule{SendMail: model.Ptr(true)})
	if err == nil {
		t.Fatal("update answered within the timeout")
	}
	recs := readAudit(t, path)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	for _, o := range []audit.Record{recs[1], recs[3]} {
		if o.Status != audit.StatusUnknown || *o.Requests != 1 {
			t.Fatalf("%s outcome: %+v", o.Action, o)
		}
		for _, r := range o.Results {
			if r.Status != audit.StatusUnknown {
				t.Fatalf("%s result: %+v", o.Action, r)
			}
		}
	}
}

func TestAuditByFilterAndDirectDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, _ := auditSetup(t, sim.Options{WASSchedules: 20}, path)
	ctx := context.Background()
	c, _ := model.ParseCriterion("id IN 1688,701147")
	ids, err := e.c.WAS.SetActiveByFilter(ctx, false, []model.Criterion{c})
	if err != nil || len(ids) != 2 {
		t.Fatalf("by filter: %v %v", ids, err)
	}
	reqs, _ := client.NewWASSetActiveRequests(true, []int64{1688, 42})
	if _, err := e.c.WAS.Do(ctx, reqs[0]); err != nil {
		t.Fatal(err)
	}
	recs := readAudit(t, path)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	if in, o := recs[0], recs[1]; strings.Join(in.Target.Filters, ";") != c.String() || len(in.Target.IDs) != 0 || o.Status != audit.StatusDone || len(o.Results) != 2 {
		t.Fatalf("by filter: %+v / %+v", in, o)
	}
	if in, o := recs[2], recs[3]; in.Action != client.AuditWASActivate || len(in.Target.IDs) != 2 || o.Status != audit.StatusPartial || o.Results[1].Status != audit.StatusFailed {
		t.Fatalf("direct Do: %+v / %+v", in, o)
	}
}

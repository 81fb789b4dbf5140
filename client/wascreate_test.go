package client_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const wasCreateEP = "POST /qps/rest/3.0/create/was/wasscanschedule"

// futureSeeded returns a seeded schedule whose start is still to come (the
// service refuses a create starting in the past), preferring one with a
// notification list.
func futureSeeded(t *testing.T, s *sim.Server) model.WasScanSchedule {
	t.Helper()
	for _, w := range s.WASSchedules() {
		if st, err := time.Parse(model.WASTimeLayout, model.Deref(w.Scheduling.StartDate)); err == nil && st.After(time.Now().Add(time.Hour)) {
			return w
		}
	}
	t.Fatal("no seeded schedule starts in the future")
	return model.WasScanSchedule{}
}

func TestWASCreateCloneOfSeed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e, _ := auditSetup(t, sim.Options{WASSchedules: 80, Seed: 4}, path)
	ctx := context.Background()
	seeded := futureSeeded(t, e.sim)
	src, err := e.c.WAS.Get(ctx, seeded.IDValue())
	if err != nil {
		t.Fatal(err)
	}
	before := len(e.sim.WASSchedules())
	id, err := e.c.WAS.Create(ctx, model.WASForCreate(src, "Clone of "+src.NameValue()))
	if err != nil {
		t.Fatal(err)
	}
	stored, ok := e.sim.WASSchedule(id)
	if !ok || len(e.sim.WASSchedules()) != before+1 || id == src.IDValue() {
		t.Fatalf("created %d: stored %v, %d schedules", id, ok, len(e.sim.WASSchedules()))
	}
	// Equal to the source but for the name and the read-only elements.
	if got, want := model.WASForCreate(stored, "x"), model.WASForCreate(src, "x"); !reflect.DeepEqual(got, want) {
		t.Fatalf("stored clone differs from its source:\n%+v\n%+v", got, want)
	}
	if stored.NameValue() != "Clone of "+src.NameValue() {
		t.Fatalf("name %q", stored.NameValue())
	}
	recs := readAudit(t, path)
	if len(recs) != 2 || recs[0].Action != client.AuditWASCreate || recs[0].Target.Title != stored.NameValue() ||
		recs[1].Status != audit.StatusDone || len(recs[1].Results) != 1 || recs[1].Results[0].ID != strconv.FormatInt(id, 10) {
		t.Fatalf("audit %+v", recs)
	}
}

func TestWASCreateRefusesInvalidAndIsNeverRetried(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 30, Seed: 4}, nil)
	ctx := context.Background()
	src := model.WASForCreate(futureSeeded(t, e.sim), "New")

	bad := src
	bad.Scheduling = nil
	_, err := e.c.WAS.Create(ctx, bad)
	var v model.ValidationErrors
	if !errors.As(err, &v) || len(v.For("scheduling")) == 0 || e.calls(wasCreateEP) != 0 {
		t.Fatalf("invalid create: %v, %d calls", err, e.calls(wasCreateEP))
	}
	if _, err := client.NewWASCreateRequest(bad); !errors.As(err, &v) {
		t.Fatalf("builder: %v", err)
	}

	// A 502: the create may have happened; not retried, searched for,
	// not found, reported unknown with what the search found.
	e.sim.AddFault(sim.Fault{Endpoint: wasCreateEP, Calls: []int{1}, Status: 502})
	_, err = e.c.WAS.Create(ctx, src)
	var u *client.UnknownOutcomeError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "outcome unknown: no schedule has this name just after the call") || u.Name != "New" {
		t.Fatalf("502: %v", err)
	}
	if e.calls(wasCreateEP) != 1 {
		t.Fatalf("create sent %d times", e.calls(wasCreateEP))
	}
	// A 429 is a refusal: not retried, and not unknown.
	e.sim.AddFault(sim.Fault{Endpoint: wasCreateEP, Calls: []int{1}, Status: 429, ToWait: 0})
	_, err = e.c.WAS.Create(ctx, src)
	if err == nil || errors.As(err, &u) || e.calls(wasCreateEP) != 2 {
		t.Fatalf("429: %v, %d calls", err, e.calls(wasCreateEP))
	}
	// A refusal by the service is an *Error, not unknown.
	past := src
	past.Scheduling = &model.WASScheduling{StartDate: model.Ptr("2001-01-01T00:00:00Z"), TimeZone: &model.WASTimeZone{Code: "UTC"}, OccurrenceType: model.Ptr(model.OccurrenceOnce)}
	_, err = e.c.WAS.Create(ctx, past)
	var ce *client.Error
	if !errors.As(err, &ce) || errors.As(err, &u) || !strings.Contains(err.Error(), "Start Time cannot be before current time") {
		t.Fatalf("past start: %v", err)
	}
}

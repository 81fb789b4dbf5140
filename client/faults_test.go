package client_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const (
	getEP    = "GET /qps/rest/3.0/get/was/wasscanschedule/{id}"
	updateEP = "POST /qps/rest/3.0/update/was/wasscanschedule/{id}"
)

// Each fault the simulator can inject, on a read and on a write: a read
// outlasts a transient failure by trying again, a bounded number of
// times; a write is never sent twice; every failure is one clear line.
func TestFaultsOnReadsAndWrites(t *testing.T) {
	for _, c := range []struct {
		name      string
		fault     sim.Fault
		readCalls int    // calls a read takes when the first one fails
		readErr   string // "" when the read then succeeds
		writeErr  string
	}{
		{"500", sim.Fault{Status: 500}, 2, "", "OTHER_ERROR: Internal error"},
		{"502 from a proxy", sim.Fault{Status: 502}, 2, "", "HTTP 502 with an HTML page"},
		{"503 with Retry-After", sim.Fault{Status: 503, RetryAfter: 1}, 2, "", "HTTP 503"},
		{"504", sim.Fault{Status: 504}, 2, "", "HTTP 504"},
		{"409 without ToWait", sim.Fault{Status: 409, ToWait: -1}, 2, "", "cannot be run again"},
		{"429", sim.Fault{Status: 429, ToWait: 0}, 2, "", "cannot be run again"},
		{"connection dropped", sim.Fault{Kind: sim.Drop}, 2, "", "network error"},
		{"HTML 403 page", sim.Fault{Kind: sim.HTMLPage, Status: 403}, 1, "HTTP 403 with an HTML page", "HTTP 403 with an HTML page"},
		{"truncated answer", sim.Fault{Kind: sim.Truncate}, 1, "the answer was cut short", "the answer was cut short"},
		{"slow answer", sim.Fault{Kind: sim.Slow, Delay: time.Millisecond}, 1, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := setup(t, sim.Options{WASSchedules: 5}, func(cfg *client.Config) { cfg.MaxWait = 5 * time.Second })
			ctx := context.Background()
			f := c.fault
			f.Endpoint, f.Calls = getEP, []int{1}
			e.sim.AddFault(f)
			_, err := e.c.WAS.Get(ctx, 1688)
			switch {
			case c.readErr == "" && err != nil:
				t.Fatalf("read: %v", err)
			case c.readErr != "" && (err == nil || !strings.Contains(err.Error(), c.readErr)):
				t.Fatalf("read: %v, want %q", err, c.readErr)
			case e.calls(getEP) != c.readCalls:
				t.Fatalf("read took %d calls, want %d", e.calls(getEP), c.readCalls)
			}
			if err != nil && (strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "<html")) {
				t.Fatalf("not one clear line: %q", err)
			}

			f.Endpoint = updateEP
			e.sim.AddFault(f)
			err = e.c.WAS.Update(ctx, 1688, model.WasScanSchedule{SendMail: model.Ptr(true)})
			switch {
			case c.writeErr == "" && err != nil:
				t.Fatalf("write: %v", err)
			case c.writeErr != "" && (err == nil || !strings.Contains(err.Error(), c.writeErr)):
				t.Fatalf("write: %v, want %q", err, c.writeErr)
			case e.calls(updateEP) != 1:
				t.Fatalf("the write was sent %d times", e.calls(updateEP))
			}
		})
	}
}

// A read that keeps failing gives up after MaxRetries more tries.
func TestReadRetriesAreBounded(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5}, nil)
	e.sim.AddFault(sim.Fault{Endpoint: getEP, Status: 503})
	if _, err := e.c.WAS.Get(context.Background(), 1688); err == nil {
		t.Fatal("a read succeeded through a permanent 503")
	}
	if n := e.calls(getEP); n != 4 {
		t.Fatalf("%d calls, want 1 + 3 retries", n)
	}
}

// The server stores a create and the connection drops before the answer:
// the client finds the schedule by its title instead of reporting a
// failure, so nothing invites a second create.
func TestCreateCommittedThenDroppedIsFoundNotDuplicated(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: -1}, nil)
	ctx := context.Background()
	e.sim.AddFault(sim.Fault{Endpoint: createEP, Kind: sim.CommitDrop})
	s := seedSchedule(t, "000-weekly.json")
	got, err := e.c.Scripts.CreateOutcome(ctx, s)
	id := got.ID
	if err != nil || id == "" || !got.Found || !strings.Contains(got.Note(), id) {
		t.Fatalf("create: %+v (note %q), %v", got, got.Note(), err)
	}
	if recs := e.sim.CARSchedules(); len(recs) != 1 || recs[0].ID != id {
		t.Fatalf("stored %d schedules; the id %s", len(recs), id)
	}
	if n := e.calls(createEP); n != 1 {
		t.Fatalf("create sent %d times", n)
	}

	// Dropped before the server stored it: unknown, searched, not found.
	e.sim.ClearFaults()
	e.sim.AddFault(sim.Fault{Endpoint: createEP, Kind: sim.Drop})
	s.Title = "Another title"
	_, err = e.c.Scripts.CreateSchedule(ctx, s)
	var ue *client.UnknownOutcomeError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "no schedule has this title") || len(e.sim.CARSchedules()) != 1 {
		t.Fatalf("dropped create: %v", err)
	}
}

// The same for WAS: committed, dropped, found by its name.
func TestWASCreateCommittedThenDroppedIsFound(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 3}, nil)
	ctx := context.Background()
	src, err := e.c.WAS.Get(ctx, 1688)
	if err != nil {
		t.Fatal(err)
	}
	s := model.WASForCreate(src, "Copy after a dropped answer")
	s.Scheduling.StartDate = model.Ptr(time.Now().UTC().AddDate(0, 1, 0).Format(model.WASTimeLayout))
	e.sim.AddFault(sim.Fault{Endpoint: "POST /qps/rest/3.0/create/was/wasscanschedule", Kind: sim.CommitDrop})
	c, err := e.c.WAS.CreateOutcome(ctx, s)
	id := c.ID
	if err != nil || id == 0 || !c.Found {
		t.Fatalf("create: %+v, %v", c, err)
	}
	if got, ok := e.sim.WASSchedule(id); !ok || got.NameValue() != "Copy after a dropped answer" {
		t.Fatalf("id %d is not the new schedule", id)
	}
}

// A call that got no answer reports no rate-limit state: a zero one would
// show the budget as 0/0 and "low" (a cancelled picker search did).
func TestUnansweredCallHasNoRateLimit(t *testing.T) {
	var recs []client.CallRecord
	var mu sync.Mutex
	e := setup(t, sim.Options{WASSchedules: 5}, func(c *client.Config) {
		c.Observer = func(r client.CallRecord) { mu.Lock(); recs = append(recs, r); mu.Unlock() }
	})
	e.sim.AddFault(sim.Fault{Endpoint: getEP, Calls: []int{1}, Kind: sim.Drop})
	if _, err := e.c.WAS.Get(context.Background(), 1688); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(recs) != 2 || recs[0].Err == "" || recs[0].RateLimit.Known() || !recs[1].RateLimit.Known() {
		t.Fatalf("records: %+v", recs)
	}
}

package events_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/uitest"
)

// Records from many goroutines all arrive, in per-goroutine order, and
// the observer never blocks while nobody listens.
func TestObserverFromManyGoroutinesLosesNothing(t *testing.T) {
	ev := events.New()
	defer ev.Close()
	const workers, each = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				ev.Observer(client.CallRecord{Attempt: w, Status: i})
			}
		})
	}
	wg.Wait() // would hang if Observer blocked without a listener
	last := map[int]int{}
	got := 0
	for got < workers*each {
		msgs := uitest.Exec(t, ev.Listen())
		m := msgs[0].(events.Msg)
		for _, r := range m.Calls {
			if prev, ok := last[r.Attempt]; ok && r.Status != prev+1 {
				t.Fatalf("worker %d: record %d after %d", r.Attempt, r.Status, prev)
			}
			last[r.Attempt] = r.Status
			got++
		}
		if m.Dropped != 0 {
			t.Fatalf("%d dropped", m.Dropped)
		}
	}
	if got != workers*each {
		t.Fatalf("got %d records, want %d", got, workers*each)
	}
}

func TestWaitsAreStampedWithTheClock(t *testing.T) {
	ev := events.New(events.WithClock(uitest.NewClock(uitest.Epoch(), 0).Now))
	defer ev.Close()
	ev.OnWait("search WAS schedules", 30*time.Second)
	m := uitest.Exec(t, ev.Listen())[0].(events.Msg)
	if len(m.Waits) != 1 || m.Waits[0].Op != "search WAS schedules" || !m.Waits[0].Until().Equal(uitest.Epoch().Add(30*time.Second)) {
		t.Fatalf("waits %+v", m.Waits)
	}
}

func TestCloseStopsListen(t *testing.T) {
	ev := events.New()
	cmd := ev.Listen()
	done := make(chan any, 1)
	go func() { done <- cmd() }()
	ev.Close()
	select {
	case msg := <-done:
		if msg != nil {
			t.Fatalf("Listen after Close returned %#v", msg)
		}
	case <-time.After(time.Minute): // a hang, not a wait
		t.Fatal("Listen did not return after Close")
	}
}

// A real blocked call against the simulator reaches Events through the
// client's OnRetryWait and Observer.
func TestClientWaitsAndCallsArrive(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5}, nil)
	env.Sim.AddFault(sim.Fault{Endpoint: "POST /qps/rest/3.0/count/was/wasscanschedule", Calls: []int{1}, Status: 409, ToWait: -1})
	if _, err := env.Client.WAS.Count(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	var calls []client.CallRecord
	var waits []events.Wait
	for len(calls) < 2 || len(waits) < 1 {
		m := uitest.Exec(t, env.Events.Listen())[0].(events.Msg)
		calls, waits = append(calls, m.Calls...), append(waits, m.Waits...)
	}
	if calls[0].Status != 409 || calls[1].Status != 200 || calls[1].Attempt != 2 || waits[0].Delay <= 0 || waits[0].Op == "" || waits[0].Cause != events.WaitRateLimit {
		t.Fatalf("calls %+v, waits %+v", calls, waits)
	}
}

// A retry after a dropped connection or a 503 is announced with its
// cause: it is not a rate limit.
func TestRetryWaitsSayTheirCause(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5}, nil)
	env.Sim.AddFault(sim.Fault{Endpoint: "POST /qps/rest/3.0/count/was/wasscanschedule", Calls: []int{1}, Kind: sim.Drop})
	env.Sim.AddFault(sim.Fault{Endpoint: "POST /qps/rest/3.0/count/was/wasscanschedule", Calls: []int{1}, Status: 503}) // checked only when the first passes: the second call
	if _, err := env.Client.WAS.Count(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	var waits []events.Wait
	for len(waits) < 2 {
		waits = append(waits, uitest.Exec(t, env.Events.Listen())[0].(events.Msg).Waits...)
	}
	if waits[0].Cause != events.WaitNetworkError || waits[0].Status != 0 || waits[1].Cause != events.WaitServerError || waits[1].Status != 503 {
		t.Fatalf("waits %+v", waits)
	}
}

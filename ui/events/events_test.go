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
// client's OnWait and Observer.
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
	if calls[0].Status != 409 || calls[1].Status != 200 || calls[1].Attempt != 2 || waits[0].Delay <= 0 || waits[0].Op == "" {
		t.Fatalf("calls %+v, waits %+v", calls, waits)
	}
}

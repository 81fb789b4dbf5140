package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// waitCalls waits until the simulator has received n calls to pattern,
// or fails after a generous deadline.
func waitCalls(t *testing.T, e *env, pattern string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for e.calls(pattern) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the server got %d calls to %s, want %d: the next page was not asked for while this one was read", e.calls(pattern), pattern, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// A load asks for the next page before it hands out the current one, so
// fetching overlaps decoding and the consumer's work; every schedule
// comes once and in order; a consumer that stops early leaves at most the
// one page asked for ahead.
func TestPagesAskForTheNextPageWhileTheCurrentIsRead(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 1000}, nil)
	ctx := context.Background()
	var n, pages int
	var last int64
	for p, err := range e.c.WAS.Pages(ctx, nil, 100) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if p.HasMore {
			waitCalls(t, e, searchEP, pages+1) // asked for while this page is held
		}
		for _, s := range p.Schedules {
			if s.IDValue() <= last {
				t.Fatalf("id %d after %d", s.IDValue(), last)
			}
			last = s.IDValue()
			n++
		}
	}
	if n != 1000 || e.calls(searchEP) != 10 {
		t.Fatalf("%d schedules in %d requests, want 1000 in 10", n, e.calls(searchEP))
	}
	if mf := e.sim.Stats().MaxInFlight; mf > 2 {
		t.Fatalf("%d calls in flight at once; the account allows 2", mf)
	}

	before := e.calls(searchEP)
	for _, err := range e.c.WAS.Pages(ctx, nil, 100) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if got := e.calls(searchEP) - before; got > 2 {
		t.Fatalf("stopping after one page sent %d searches", got)
	}
}

func TestAssetPagesAskAheadToo(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: -1}, nil)
	const ep = "POST /qps/rest/2.0/search/am/hostasset"
	pages, total := 0, 0
	for p, err := range e.c.Assets.Search(context.Background(), model.AssetQuery{}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		total += len(p.Assets)
		if p.More {
			waitCalls(t, e, ep, pages+1)
		}
	}
	if total != len(e.sim.Agents()) {
		t.Fatalf("%d agents of %d", total, len(e.sim.Agents()))
	}
}

// A preview's first page is one request: nothing is fetched ahead, so a
// preview costs the same every time. It says where the next page starts
// (the WAS screen loads page by page through First).
func TestFirstAsksForOnePageOnly(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 300}, nil)
	p, err := e.c.WAS.First(context.Background(), nil, 5)
	if err != nil || len(p.Schedules) != 5 || !p.HasMore {
		t.Fatalf("%d schedules, more %v: %v", len(p.Schedules), p.HasMore, err)
	}
	if last := p.Schedules[4].IDValue(); p.LastID != last {
		t.Fatalf("lastId %d, want %d (the page's last)", p.LastID, last)
	}
	if n := e.calls(searchEP); n != 1 {
		t.Fatalf("%d searches, want 1", n)
	}
}

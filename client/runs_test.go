package client_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const (
	jobsEP      = "POST /sm/v1/jobs/search"
	assetJobsEP = "POST /sm/v1/assetjobs/search"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// A weekly schedule on web-01, web-02 and the CAR tag carried by the most
// agents runs when the simulator's clock passes its runs: Jobs lists them
// newest first, AssetJobs pages to the end of a run over more than a page
// of agents, with exit codes and decoded output as the simulator made them.
func TestJobsAndAssetJobsAfterTheClockPasses(t *testing.T) {
	clock := &testClock{t: time.Date(2030, 5, 1, 0, 0, 0, 0, time.UTC)}
	e, rec := setupRecording(t, sim.Options{WASSchedules: -1, Seed: 4, Now: clock.Now, TokenTTL: 10000 * time.Hour}, "/jobs/search")
	ctx := context.Background()

	// The tag that reaches the most agents.
	count := map[int64]int{}
	for _, a := range e.sim.Agents() {
		for _, tg := range a.Tags {
			count[tg.ID]++
		}
	}
	tags, err := e.c.Scripts.Tags(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	big := slices.MaxFunc(tags, func(a, b model.CARTag) int { return count[a.TagID] - count[b.TagID] })
	if count[big.TagID] <= model.CARSearchPageSize {
		t.Fatalf("the biggest tag %q has only %d agents", big.Name, count[big.TagID])
	}
	sched := seedSchedule(t, "000-weekly.json") // Mon, Tue 10:49 UTC from 2030-05-11 to 05-16
	sched.AssetTags = []model.Asset{big.Ref()}
	id, err := e.c.Scripts.CreateSchedule(ctx, sched)
	if err != nil {
		t.Fatal(err)
	}
	if jobs, total, err := e.c.Scripts.Jobs(ctx, id, client.RecentRunsPage); err != nil || len(jobs) != 0 || total != 0 {
		t.Fatalf("before any run: %v %d %v", jobs, total, err)
	}

	clock.Set(time.Date(2030, 5, 15, 0, 0, 0, 0, time.UTC))
	jobs, total, err := e.c.Scripts.Jobs(ctx, id, client.RecentRunsPage)
	if err != nil || total != 2 || len(jobs) != 2 {
		t.Fatalf("jobs: %d of %d, %v", len(jobs), total, err)
	}
	if !jobs[0].Created.Time().Equal(time.Date(2030, 5, 14, 10, 49, 0, 0, time.UTC)) || !jobs[1].Created.Time().Equal(time.Date(2030, 5, 13, 10, 49, 0, 0, time.UTC)) ||
		jobs[0].Scheduler.ID != model.FlexID(id) || jobs[0].Script.ID != "226213" {
		t.Fatalf("jobs %+v", jobs)
	}
	// The request: the schedule filter (U42), newest first, page 0 as a string.
	var q map[string]any
	if err := json.Unmarshal([]byte(rec.all()[0]), &q); err != nil || q["filter"] != model.CARJobsForSchedule(id) || q["pageNumber"] != "0" || q["sort"] != model.CARNewestFirst {
		t.Fatalf("jobs request %s", rec.all()[0])
	}
	// --limit's bounds.
	if one, total, err := e.c.Scripts.Jobs(ctx, id, 0); err != nil || len(one) != 1 || total != 2 || one[0].ID != jobs[0].ID {
		t.Fatalf("limit 0 is 1: %v %d %v", one, total, err)
	}

	simJobs := map[string]sim.CARJob{}
	for _, j := range e.sim.CARJobs() {
		simJobs[strconv.FormatInt(j.ID, 10)] = j
	}
	before := e.calls(assetJobsEP)
	aj, err := e.c.Scripts.AssetJobs(ctx, jobs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := simJobs[string(jobs[0].ID)]
	if len(aj) != len(want.AssetJobs) || len(aj) < count[big.TagID] || len(aj) > count[big.TagID]+2 { // the tag's agents, and web-01 and web-02 unless tagged
		t.Fatalf("%d asset jobs; the simulator has %d (tag %d agents)", len(aj), len(want.AssetJobs), count[big.TagID])
	}
	if pages := e.calls(assetJobsEP) - before; pages != (len(aj)+model.CARSearchPageSize-1)/model.CARSearchPageSize {
		t.Fatalf("%d asset jobs in %d requests", len(aj), pages)
	}
	byAsset := map[int64]sim.CARAssetJob{}
	for _, x := range want.AssetJobs {
		byAsset[x.AssetID] = x
	}
	failed, seen := 0, map[string]bool{}
	for _, x := range aj {
		n, _ := strconv.ParseInt(string(x.Asset.ID), 10, 64)
		w, ok := byAsset[n]
		if !ok || seen[string(x.ID)] {
			t.Fatalf("asset job %+v unexpected or repeated", x)
		}
		seen[string(x.ID)] = true
		out, truncated, err := x.Result()
		if err != nil || truncated || string(out) != w.Result || int(x.Output.Code) != w.Code || !x.Ended().Equal(w.End) || x.Ended().IsZero() {
			t.Fatalf("asset %d: code %d, output %q, ended %v; the simulator has %d, %q, %v", n, x.Output.Code, out, x.Ended(), w.Code, w.Result, w.End)
		}
		if !x.Succeeded() {
			failed++
		}
	}
	if failed == 0 || failed == len(aj) {
		t.Fatalf("%d of %d failed: expected some of each", failed, len(aj))
	}
	// An unknown job: none.
	if none, err := e.c.Scripts.AssetJobs(ctx, "999999999"); err != nil || len(none) != 0 {
		t.Fatalf("unknown job: %v %v", none, err)
	}
}

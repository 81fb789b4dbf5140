package sim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

// jobs searches jobs with a raw body.
func jobs(t *testing.T, base, tok, body string) model.CARPage[model.CARJob] {
	t.Helper()
	return carPageOf[model.CARJob](t, base+"/sm/v1/jobs/search", tok, body)
}

// assetJobs lists every asset job of one job, with the script result.
func assetJobs(t *testing.T, base, tok string, job model.FlexID, include bool) []model.CARAssetJob {
	t.Helper()
	var all []model.CARAssetJob
	for n := 0; ; n++ {
		p := carPageOf[model.CARAssetJob](t, base+"/sm/v1/assetjobs/search", tok,
			fmt.Sprintf(`{"filter":"job.id:%s","includeScriptResult":%v,"pageNumber":%d,"pageSize":7,"sort":"[{\"created.dateTime\":\"desc\"}]"}`, job, include, n))
		all = append(all, p.List...)
		if len(p.List) == 0 || len(all) >= p.TotalCount {
			return all
		}
	}
}

func forSchedule(id string) string {
	return fmt.Sprintf(`{"filter":%s,"pageNumber":"0","pageSize":100}`, jsonOf(model.CARJobsForSchedule(id)))
}

// TestCARJobsAppearWhenTheClockPassesARun: a daily schedule on two assets
// and a tag, less one excluded asset, runs only once the clock passes its
// run time, with one asset job per agent reached.
func TestCARJobsAppearWhenTheClockPassesARun(t *testing.T) {
	clock := newClock(epoch)
	s, ts := newTest(t, Options{WASSchedules: -1, Seed: 5, Now: clock.Now, TokenTTL: 1000 * time.Hour})
	tok := login(t, ts.URL)
	dc := tagNamed("Domain Controllers")
	var dcs []int64
	for _, a := range s.Agents() {
		if slices.ContainsFunc(a.Tags, func(t model.TagSimple) bool { return t.ID == dc.TagID }) {
			dcs = append(dcs, a.ID)
		}
	}
	excluded, _ := s.agentByID(dcs[0])
	sched := weekly("Nightly patch check")
	sched.ScheduleType, sched.DaysOfWeek, sched.StartDate = model.Daily, nil, "2026-11-22"
	sched.Assets = append(sched.Assets, model.Asset{UUId: "00000000-0000-4000-8000-000000000000", ID: "12345"}) // stored as given, reaches nothing
	sched.AssetTags = []model.Asset{dc.Ref()}
	sched.ExcludedAssets = []model.Asset{{UUId: excluded.AgentUUID, ID: model.IDOf(excluded.ID)}}
	id := create(t, ts.URL, tok, sched)
	other := create(t, ts.URL, tok, weekly("Other"))

	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 0 {
		t.Fatalf("jobs before any run: %+v", p)
	}
	clock.Set(time.Date(2026, 11, 22, 1, 59, 59, 0, time.UTC))
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 0 {
		t.Fatalf("jobs a second before the run: %+v", p)
	}
	run := time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC)
	clock.Set(run.Add(time.Hour))
	p := jobs(t, ts.URL, tok, forSchedule(id))
	if p.TotalCount != 1 || len(p.List) != 1 {
		t.Fatalf("jobs an hour after the run: %+v", p)
	}
	j := p.List[0]
	if j.Created.Time() != run || j.ExecutionType != "Scheduled" || j.Scheduler.ID != model.FlexID(id) || j.Scheduler.Title != "Nightly patch check" ||
		j.Script.ID != "226301" || j.Script.Title != "Collect installed patches" || j.Test || !model.ValidUUID(j.CorrelationUUID) ||
		j.Severity == "" || !slices.Contains([]string{"COMPLETED", "PARTIALLY_COMPLETED", "FAILED"}, j.Status) {
		t.Fatalf("job %+v", j)
	}
	// web-01, web-02 and the domain controllers but the excluded one.
	want := append([]int64{44496319, 49526617}, dcs[1:]...)
	slices.Sort(want)
	aj := assetJobs(t, ts.URL, tok, j.ID, true)
	var got []int64
	failed := 0
	for _, a := range aj {
		id, _ := a.Asset.ID.Int()
		got = append(got, id)
		ag, _ := s.agentByID(id)
		out, _, err := a.Result()
		if a.Job.ID != j.ID || a.Asset.Name != ag.Name || a.Asset.AgentUUID != ag.AgentUUID || a.Created.Time() != run ||
			!a.Ended().After(run) || a.Ended().After(run.Add(2*time.Minute)) || err != nil || !strings.Contains(string(out), ag.Name) || a.IsTest || a.Output.Text == "" {
			t.Fatalf("asset job %+v (result %q, %v)", a, out, err)
		}
		if !a.Succeeded() {
			failed++
			if !strings.Contains(string(out), "ERROR: "+a.Output.Text) {
				t.Errorf("failure output %q lacks %q", out, a.Output.Text)
			}
		}
	}
	slices.Sort(got)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("asset jobs on %v, want %v", got, want)
	}
	if want := map[bool]string{true: "COMPLETED", false: "PARTIALLY_COMPLETED"}[failed == 0]; failed < len(aj) && j.Status != want {
		t.Errorf("%d of %d failed, status %s", failed, len(aj), j.Status)
	}
	// Without includeScriptResult, no script result.
	for _, a := range assetJobs(t, ts.URL, tok, j.ID, false) {
		if a.ScriptResult != "" || a.Output.Text == "" {
			t.Fatalf("asset job without includeScriptResult: %+v", a)
		}
	}
	// The other schedule's first run (Monday) is still to come.
	if p := jobs(t, ts.URL, tok, forSchedule(other)); p.TotalCount != 0 {
		t.Fatalf("the other schedule ran: %+v", p)
	}

	// Three more days: three more runs; newest first by default.
	clock.Advance(72 * time.Hour)
	p = jobs(t, ts.URL, tok, forSchedule(id))
	if p.TotalCount != 4 || !p.List[0].Created.Time().Equal(run.Add(72*time.Hour)) || !p.List[3].Created.Time().Equal(run) {
		t.Fatalf("after 3 days: %+v", p)
	}
	asc := jobs(t, ts.URL, tok, fmt.Sprintf(`{"filter":"scheduler.id:%s","pageNumber":1,"pageSize":3,"sort":"[{\"created.dateTime\":\"asc\"}]"}`, id))
	if asc.TotalCount != 4 || len(asc.List) != 1 || asc.List[0].ID != p.List[0].ID {
		t.Fatalf("second page, oldest first: %+v", asc)
	}
	window := jobs(t, ts.URL, tok, fmt.Sprintf(`{"filter":"scriptId: 226301","startAt":"2026-11-23T00:00:00.000Z","endAt":"2026-11-24T23:59:59.999Z","pageNumber":"0"}`))
	if window.TotalCount != 3 { // Sunday and Monday of this schedule, Monday of the other
		t.Fatalf("startAt/endAt: %+v", window)
	}
	// Deactivated, it does not run; activated again, it runs from then on.
	carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id+"/deactivate", tok, "")
	clock.Advance(48 * time.Hour)
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 4 {
		t.Fatalf("runs while inactive: %d", p.TotalCount)
	}
	carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id+"/activate", tok, "")
	clock.Advance(24 * time.Hour)
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 5 {
		t.Fatalf("after reactivation and a day: %d", p.TotalCount)
	}
	// Deleting the schedule keeps its jobs.
	carDo(t, "DELETE", ts.URL+"/sm/v1/scheduler/"+id, tok, "")
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 5 {
		t.Fatalf("jobs after delete: %d", p.TotalCount)
	}
	if n := len(s.CARJobs()); n != 5+2 { // and the other's Monday and Wednesday
		t.Errorf("CARJobs: %d", n)
	}
}

func TestCARJobsWhileRunning(t *testing.T) {
	clock := newClock(epoch)
	_, ts := newTest(t, Options{WASSchedules: -1, Now: clock.Now, TokenTTL: 1000 * time.Hour})
	tok := login(t, ts.URL)
	sched := weekly("One off")
	sched.ScheduleType, sched.DaysOfWeek, sched.StartDate, sched.StartTime, sched.EndDate = model.OneTime, nil, "2026-11-21", "13:00:00", nil
	id := create(t, ts.URL, tok, sched)
	clock.Set(time.Date(2026, 11, 21, 13, 0, 1, 0, time.UTC))
	p := jobs(t, ts.URL, tok, forSchedule(id))
	if p.TotalCount != 1 || p.List[0].Status != "RUNNING" {
		t.Fatalf("a second after the run: %+v", p)
	}
	st, out := carDo(t, "POST", ts.URL+"/sm/v1/assetjobs/search", tok, fmt.Sprintf(`{"filter":"job.id:%s","includeScriptResult":true,"pageNumber":0}`, p.List[0].ID))
	list := out["body"].(map[string]any)["list"].([]any)
	for _, it := range list {
		m := it.(map[string]any)
		if st != 200 || m["status"] != "RUNNING" || m["output"] != nil || m["enddate"] != nil || m["scriptResult"] != nil {
			t.Fatalf("running asset job: %v", m)
		}
	}
	clock.Advance(2 * time.Minute)
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.List[0].Status == "RUNNING" {
		t.Fatalf("still running two minutes later: %+v", p.List[0])
	}
	// A one-time schedule runs once.
	clock.Advance(72 * time.Hour)
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 1 {
		t.Fatalf("one-time runs: %d", p.TotalCount)
	}
}

// TestCARRunsAreDeterministic: the same seed and requests give the same
// jobs and outcomes whatever the steps the clock took; another seed gives
// other outcomes. Mostly successes, some failures.
func TestCARRunsAreDeterministic(t *testing.T) {
	web := tagNamed("Web servers")
	outcome := func(seed uint64, steps int) string {
		clock := newClock(epoch)
		_, ts := newTest(t, Options{WASSchedules: -1, Seed: seed, Now: clock.Now, TokenTTL: 1000 * time.Hour})
		tok := login(t, ts.URL)
		// From Monday 02:00 to Wednesday 12:00: five runs of two scripts.
		sched := weekly("Web servers, twice a day")
		sched.ScheduleType, sched.DaysOfWeek, sched.HourlyInterval = model.Hourly, nil, model.Ptr(12)
		sched.Assets, sched.AssetTags = nil, []model.Asset{web.Ref()}
		sched.Scripts = append(sched.Scripts, model.ScriptRef{ID: "226417", Title: "Collect open ports (netstat)"})
		id := create(t, ts.URL, tok, sched)
		for range steps {
			clock.Advance(4 * 24 * time.Hour / time.Duration(steps))
			jobs(t, ts.URL, tok, `{"filter":""}`)
		}
		var b strings.Builder
		p := jobs(t, ts.URL, tok, forSchedule(id))
		for _, j := range p.List {
			fmt.Fprintf(&b, "%s %s %s %d %s %s\n", j.ID, j.Status, j.Script.ID, j.Created.DateTime, j.CorrelationUUID, j.Severity)
			for _, a := range assetJobs(t, ts.URL, tok, j.ID, true) {
				fmt.Fprintf(&b, "  %s %s %d %q %d %s\n", a.ID, a.Asset.ID, a.Output.Code, a.Output.Text, a.EndDate, a.ScriptResult)
			}
		}
		return b.String()
	}
	a, b, c := outcome(9, 1), outcome(9, 7), outcome(10, 1)
	if a != b {
		t.Fatal("the same seed gave other runs when the clock moved in other steps")
	}
	if a == c {
		t.Fatal("another seed gave the same outcomes")
	}
	lines := strings.Split(strings.TrimSpace(a), "\n")
	jobsN, assets, fails := 0, 0, 0
	for _, l := range lines {
		if !strings.HasPrefix(l, "  ") {
			jobsN++
			continue
		}
		assets++
		if !strings.Contains(l, " 0 \"Script executed successfully.\" ") {
			fails++
		}
		f := strings.Fields(l)
		if _, err := base64.StdEncoding.DecodeString(f[len(f)-1]); err != nil {
			t.Fatalf("scriptResult not base64: %s", l)
		}
	}
	if jobsN != 2*5 || assets != 160*jobsN || fails < assets/20 || fails > assets/4 {
		t.Fatalf("%d jobs, %d asset jobs, %d failures", jobsN, assets, fails)
	}
}

// TestCARRunsKeepTheLast50: a clock moved a long way makes and keeps
// only the last 50 runs of a schedule.
func TestCARRunsKeepTheLast50(t *testing.T) {
	clock := newClock(epoch)
	s, ts := newTest(t, Options{WASSchedules: -1, Now: clock.Now, TokenTTL: 10000 * time.Hour})
	tok := login(t, ts.URL)
	sched := weekly("Hourly")
	sched.ScheduleType, sched.DaysOfWeek, sched.HourlyInterval, sched.EndDate = model.Hourly, nil, model.Ptr(1), model.Ptr("2030-12-31")
	sched.StartDate, sched.StartTime = "2026-11-21", "12:30:00"
	id := create(t, ts.URL, tok, sched)
	clock.Advance(3 * time.Hour) // runs at 12:30, 13:30, 14:30
	if p := jobs(t, ts.URL, tok, forSchedule(id)); p.TotalCount != 3 {
		t.Fatalf("after 3 hours: %d", p.TotalCount)
	}
	clock.Advance(365 * 24 * time.Hour)
	p := jobs(t, ts.URL, tok, forSchedule(id))
	last := time.Date(2027, 11, 21, 14, 30, 0, 0, time.UTC)
	if p.TotalCount != 50 || !p.List[0].Created.Time().Equal(last) {
		t.Fatalf("a year later: %d jobs, newest %v", p.TotalCount, p.List[0].Created.Time())
	}
	js := s.CARJobs()
	if len(js) != 50 || !js[0].At.Equal(last.Add(-49*time.Hour)) || len(js[0].AssetJobs) != 2 {
		t.Fatalf("kept %d jobs, oldest %v", len(js), js[0].At)
	}
}

func TestCARJobSearchStrictness(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	tok := login(t, ts.URL)
	for what, c := range map[string]struct {
		path, body, want string
	}{
		"unknown field":          {"jobs", `{"filter":"","pagenumber":"0"}`, `unknown field "pagenumber"`},
		"includeScriptResult":    {"jobs", `{"filter":"","includeScriptResult":true}`, `unknown field "includeScriptResult"`},
		"bad QQL":                {"jobs", `{"filter":"schedule.id:x"}`, "Unsupported QQL"},
		"scriptId not a number":  {"jobs", `{"filter":"scriptId:abc"}`, "scriptId must be an integer"},
		"pageNumber not numeric": {"jobs", `{"filter":"","pageNumber":"first"}`, `"pageNumber"`},
		"bad sort":               {"jobs", `{"filter":"","sort":"[{\"id\":\"desc\"}]"}`, "Unsupported sort"},
		"bad startAt":            {"jobs", `{"filter":"","startAt":"2026-11-21"}`, "startAt"},
		"endAt before startAt":   {"jobs", `{"filter":"","startAt":"2026-11-21T00:00:00Z","endAt":"2026-11-20T00:00:00Z"}`, "endAt is before startAt"},
		"asset jobs QQL":         {"assetjobs", `{"filter":"scheduler.id:x"}`, "Unsupported QQL"},
		"job.id not a number":    {"assetjobs", `{"filter":"job.id:\"x\""}`, "job.id must be an integer"},
		"includeScriptResult string": {"assetjobs", `{"filter":"","includeScriptResult":"true"}`,
			`"includeScriptResult"`},
	} {
		st, out := carDo(t, "POST", ts.URL+"/sm/v1/"+c.path+"/search", tok, c.body)
		carRefused(t, what, st, out, 400, c.want)
	}
	// Documented defaults: an empty filter is every job; pageSize 10.
	st, out := carDo(t, "POST", ts.URL+"/sm/v1/jobs/search", tok, `{"filter":""}`)
	if b, _ := json.Marshal(out); st != 200 || string(b) != `{"body":{"list":[],"totalCount":0},"errorCode":null,"message":null}` {
		t.Fatalf("empty jobs search: %d %s", st, b)
	}
}

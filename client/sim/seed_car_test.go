package sim

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

// seedClocks are the clocks the seed is checked at: the tests' epoch, the
// first minutes of a month and of a year (the monthly run days and the
// start dates reach back across them), a leap day, and the real clock.
var seedClocks = []time.Time{
	epoch,
	time.Date(2026, 3, 1, 0, 5, 0, 0, time.UTC),
	time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(2028, 2, 29, 23, 59, 59, 0, time.UTC),
	time.Now(),
}

// Every seeded schedule is one a create would have stored (its Raw decodes
// to its Schedule and passes create's checks but for a start in the past),
// with a unique title, a creation 1 to 21 days back, a start not before
// it, a known script with its parameters, and targets that are seeded
// agents and tags, reaching at least one agent. Beyond the templates
// (N = 45) titles stay unique.
func TestSeededScriptSchedulesAreValid(t *testing.T) {
	for _, now := range seedClocks {
		for _, seed := range []uint64{0, 1, 7} {
			t.Run(fmt.Sprintf("%s/seed%d", now.Format(time.RFC3339), seed), func(t *testing.T) {
				s := New(Options{WASSchedules: -1, ScriptSchedules: 45, Seed: seed, Now: func() time.Time { return now }})
				recs := s.CARSchedules()
				if len(recs) != 45 {
					t.Fatalf("%d schedules seeded, want 45", len(recs))
				}
				titles, ids := map[string]bool{}, map[string]bool{}
				for _, rec := range recs {
					checkSeeded(t, s, rec, now)
					if k := titleKey(rec.Schedule.Title); titles[k] {
						t.Errorf("title %q seeded twice", rec.Schedule.Title)
					} else {
						titles[k] = true
					}
					if ids[rec.ID] || !model.ValidUUID(rec.ID) {
						t.Errorf("id %q repeated or not a UUID", rec.ID)
					}
					ids[rec.ID] = true
				}
			})
		}
	}
}

func checkSeeded(t *testing.T, s *Server, rec CARRecord, now time.Time) {
	t.Helper()
	sched := rec.Schedule
	got, err := model.DecodeScriptSchedule(rec.Raw)
	if err != nil || !reflect.DeepEqual(got, sched) {
		t.Fatalf("%q: Raw decodes to %+v (%v), stored %+v", sched.Title, got, err, sched)
	}
	if p := sched.ValidateForSend(); len(p) > 0 {
		t.Errorf("%q: %v", sched.Title, p)
	}
	if bad := checkCARSchedule(sched, now, false); bad != "" {
		t.Errorf("%q: %s", sched.Title, bad)
	}
	for _, p := range sched.CheckStart(now) {
		if p.Field != "startDate" {
			t.Errorf("%q: %v", sched.Title, p)
		}
	}
	if age := now.Sub(rec.Created); age <= 0 || age > 21*24*time.Hour || rec.User != s.opts.Username {
		t.Errorf("%q: created %s (now %s) by %q", sched.Title, rec.Created, now, rec.User)
	}
	if sched.StartDate < rec.Created.UTC().Format(model.DateLayout) {
		t.Errorf("%q: starts %s, before its creation %s", sched.Title, sched.StartDate, rec.Created)
	}
	for _, sc := range sched.Scripts {
		c := catalogScript(func() int64 { n, _ := sc.ID.Int(); return n }())
		var keys []string
		for _, p := range sc.Params {
			keys = append(keys, p.Key)
			if p.Value == "" {
				t.Errorf("%q: parameter %s without a value", sched.Title, p.Key)
			}
		}
		if sc.Title != c.Title || !slices.Equal(keys, c.Params) {
			t.Errorf("%q: script %+v, catalog %+v", sched.Title, sc, c)
		}
	}
	for _, a := range append(slices.Clone(sched.Assets), sched.ExcludedAssets...) {
		id, _ := a.ID.Int()
		if ag, ok := s.agentByID(id); !ok || ag.AgentUUID != a.UUId {
			t.Errorf("%q: asset %+v is no seeded agent", sched.Title, a)
		}
	}
	for _, ref := range sched.AssetTags {
		if _, ok := tagByRef(ref); !ok {
			t.Errorf("%q: tag %+v is no seeded tag", sched.Title, ref)
		}
	}
	reached := s.targets(sched)
	if len(reached) == 0 {
		t.Errorf("%q reaches no agent", sched.Title)
	}
	for _, a := range sched.ExcludedAssets {
		id, _ := a.ID.Int()
		if slices.Contains(reached, id) {
			t.Errorf("%q: excluded %d is reached", sched.Title, id)
		}
	}
}

// The default 12 show what the screens have to show: every type, both
// monthly intervals (every month, every N months), one-time schedules
// both run and to come, inactive ones, reboots, parameters, several
// scripts and owners.
func TestSeededScriptSchedulesAreAMix(t *testing.T) {
	s := New(Options{WASSchedules: -1, ScriptSchedules: 12, Seed: 1, Now: func() time.Time { return epoch }})
	types := map[model.ScheduleType]int{}
	var inactive, reboot, params, future, everyMonth, everyN int
	scripts, tags := map[model.FlexID]bool{}, map[string]bool{}
	for _, rec := range s.CARSchedules() {
		sc := rec.Schedule
		types[sc.ScheduleType]++
		if !sc.Activate {
			inactive++
		}
		if sc.RebootOn() {
			reboot++
		}
		if len(sc.Scripts[0].Params) > 0 {
			params++
		}
		if sc.ScheduleType == model.OneTime && sc.StartDate > epoch.Format(model.DateLayout) {
			future++
		}
		if sc.ScheduleType == model.Monthly {
			if *sc.RecurrenceMonth == 1 {
				everyMonth++
			} else {
				everyN++
			}
		}
		scripts[sc.Scripts[0].ID] = true
		for _, a := range sc.AssetTags {
			tags[a.UUId] = true
		}
		if sc.Description == "" {
			t.Errorf("%q has no description", sc.Title)
		}
	}
	if len(types) != 5 || inactive < 2 || reboot < 1 || params < 3 || future < 1 || types[model.OneTime] == future ||
		everyMonth < 1 || everyN < 1 || len(scripts) < 10 || len(tags) < 8 {
		t.Fatalf("types %v, %d inactive, %d rebooting, %d with params, %d one-time to come, monthly %d/%d, %d scripts, %d tags",
			types, inactive, reboot, params, future, everyMonth, everyN, len(scripts), len(tags))
	}
	// Five are enough for every type.
	five := map[model.ScheduleType]bool{}
	for _, rec := range New(Options{WASSchedules: -1, ScriptSchedules: 5, Now: func() time.Time { return epoch }}).CARSchedules() {
		five[rec.Schedule.ScheduleType] = true
	}
	if len(five) != 5 {
		t.Fatalf("5 seeded schedules have the types %v", five)
	}
}

// The same seed and clock give the same schedules, ids included; another
// seed other details; and a create after the seed gets a new id.
func TestSeededScriptSchedulesAreDeterministic(t *testing.T) {
	at := func(seed uint64) []CARRecord {
		return New(Options{WASSchedules: -1, ScriptSchedules: 12, Seed: seed, Now: func() time.Time { return epoch }}).CARSchedules()
	}
	a, b, c := at(3), at(3), at(4)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("seed 3 twice differs:\n%+v\n%+v", a, b)
	}
	same := 0
	for i := range a {
		if a[i].ID == c[i].ID || string(a[i].Raw) == string(c[i].Raw) {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("seeds 3 and 4 share %d of 12 ids or bodies", same)
	}
	s, ts := newTest(t, Options{WASSchedules: -1, ScriptSchedules: 12, Seed: 3, Now: func() time.Time { return epoch }})
	id := create(t, ts.URL, login(t, ts.URL), weekly("Another one"))
	if slices.ContainsFunc(a, func(r CARRecord) bool { return r.ID == id }) || len(s.CARSchedules()) != 13 {
		t.Fatalf("the created %s repeats a seeded id, or is not stored", id)
	}
}

// Zero (the zero value of Options) seeds none, as does a negative count.
func TestNoScriptSchedulesByDefault(t *testing.T) {
	for _, n := range []int{0, -1} {
		if got := New(Options{WASSchedules: -1, ScriptSchedules: n}).CARSchedules(); len(got) != 0 {
			t.Fatalf("ScriptSchedules %d seeded %d", n, len(got))
		}
	}
}

// At the first CAR request the active recurring schedules and the one-time
// ones already past have runs between their creation and now, each
// reaching the agents the schedule targets; the inactive ones and the
// one-time ones to come have none. Search and get show the seeded
// schedules.
func TestSeededScriptSchedulesHaveRuns(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1, ScriptSchedules: 12, Seed: 1, Now: func() time.Time { return epoch }, TokenTTL: 1000 * time.Hour})
	tok := login(t, ts.URL)
	p := carPageOf[model.CARSearchItem](t, ts.URL+"/sm/v1/scheduler/search", tok, `{"pageSize":100}`)
	if p.TotalCount != 12 || len(p.List) != 12 {
		t.Fatalf("search lists %d of %d", len(p.List), p.TotalCount)
	}
	for _, rec := range s.CARSchedules() {
		sc := rec.Schedule
		if g := get(t, ts.URL, tok, rec.ID); !reflect.DeepEqual(g.Schedule, sc) || g.CreatedMs != rec.Created.UnixMilli() {
			t.Fatalf("get %s: %+v", rec.ID, g)
		}
		js := jobs(t, ts.URL, tok, forSchedule(rec.ID))
		ran := sc.Activate && (sc.ScheduleType != model.OneTime || sc.StartDate <= epoch.Format(model.DateLayout))
		switch {
		case ran && js.TotalCount == 0:
			t.Errorf("%s %q (active, created %s) has no run", sc.ScheduleType, sc.Title, rec.Created)
		case !ran && js.TotalCount != 0:
			t.Errorf("%s %q (active %v, start %s) has %d runs", sc.ScheduleType, sc.Title, sc.Activate, sc.StartDate, js.TotalCount)
		case sc.ScheduleType == model.OneTime && js.TotalCount > 1:
			t.Errorf("one-time %q ran %d times", sc.Title, js.TotalCount)
		}
		want := len(s.targets(sc))
		for _, j := range js.List {
			at := j.Created.Time()
			if !at.After(rec.Created) || at.After(epoch) || j.Scheduler.Title != sc.Title {
				t.Errorf("%q: job %+v (created %s)", sc.Title, j, rec.Created)
			}
		}
		if len(js.List) > 0 {
			if n := len(assetJobs(t, ts.URL, tok, js.List[0].ID, false)); n != want {
				t.Errorf("%q: %d asset jobs, targets %d", sc.Title, n, want)
			}
		}
	}
}

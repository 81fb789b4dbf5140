package sim

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

// testClock is a clock tests set and advance.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *testClock { return &testClock{t: t} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *testClock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

var epoch = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) // a Saturday

// weekly is a valid schedule on the seed's web-01 and web-02: Mondays and
// Wednesdays at 02:00 from Monday 2026-11-23.
func weekly(title string) model.ScriptSchedule {
	return model.ScriptSchedule{
		Activate: true, Title: title, Scripts: []model.ScriptRef{{ID: "226301", Title: "Collect installed patches"}},
		Assets: []model.Asset{{UUId: "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81", ID: "44496319"}, {UUId: "7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f", ID: "49526617"}},
		User:   model.User{ID: customerUUID, Name: "demo"}, StartDate: "2026-11-23", StartTime: "02:00:00", EndDate: model.Ptr("2026-12-31"),
		ScheduleType: model.Weekly, DaysOfWeek: []int{1, 3},
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// create makes a schedule and returns its id.
func create(t *testing.T, base, tok string, sched model.ScriptSchedule) string {
	t.Helper()
	st, out := carDo(t, "POST", base+"/sm/v1/scripts/scheduler", tok, jsonOf(sched))
	body, _ := out["body"].(map[string]any)
	id, _ := body["id"].(string)
	if st != 200 || id == "" {
		t.Fatalf("create: %d %v", st, out)
	}
	return id
}

// get reads a schedule with the guessed GET path.
func get(t *testing.T, base, tok, id string) model.CARSearchItem {
	t.Helper()
	st, out := carDo(t, "GET", base+"/sm/v1/scheduler/"+id, tok, "")
	b, _ := json.Marshal(out["body"])
	var it model.CARSearchItem
	if st != 200 || out["errorCode"] != nil || json.Unmarshal(b, &it) != nil {
		t.Fatalf("get %s: %d %v", id, st, out)
	}
	return it
}

func TestCARLifecyclePathsNeedATokenAndAKnownID(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1, Now: newClock(epoch).Now})
	tok := login(t, ts.URL)
	id := create(t, ts.URL, tok, weekly("Patch check"))
	paths := []struct{ method, path, body string }{
		{"GET", "/sm/v1/scheduler/%s", ""},
		{"POST", "/sm/v1/scheduler/%s", jsonOf(weekly("Patch check"))},
		{"DELETE", "/sm/v1/scheduler/%s", ""},
		{"POST", "/sm/v1/scheduler/%s/activate", ""},
		{"POST", "/sm/v1/scheduler/%s/deactivate", "{}"},
	}
	for _, p := range paths {
		u := ts.URL + fmt.Sprintf(p.path, id)
		if st, _, b := raw(t, p.method, u, "none", p.body, "Content-Type", "application/json"); st != 401 {
			t.Errorf("%s %s without a token: %d %s", p.method, p.path, st, b)
		}
		st, out := carDo(t, p.method, ts.URL+fmt.Sprintf(p.path, "ff7c906f-0000-4000-8000-000000000000"), tok, p.body)
		carRefused(t, p.method+" "+p.path+" of an unknown id", st, out, 404, "was not found")
	}
	if got := get(t, ts.URL, tok, id); got.ID != id || got.Schedule.Title != "Patch check" || got.CustomerUUID == "" || got.CreatedMs != epoch.UnixMilli() {
		t.Fatalf("the schedule was changed by refused calls: %+v", got)
	}
}

func TestCARGetAndUpdateInTheCreateShape(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1, Now: newClock(epoch).Now})
	tok := login(t, ts.URL)
	id := create(t, ts.URL, tok, weekly("Patch check"))
	other := create(t, ts.URL, tok, weekly("Other"))
	it := get(t, ts.URL, tok, id)
	if jsonOf(it.Schedule) != jsonOf(weekly("Patch check")) {
		t.Fatalf("get: %s", jsonOf(it.Schedule))
	}
	// The edit the flow makes: change the days.
	edit := weekly("patch CHECK ") // the same title, in other case and spacing
	edit.DaysOfWeek = []int{2, 4, 6}
	body := jsonOf(edit)
	st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, tok, body)
	if st != 200 || out["errorCode"] != "0" || out["body"].(map[string]any)["id"] != id {
		t.Fatalf("update: %d %v", st, out)
	}
	if got := get(t, ts.URL, tok, id).Schedule; fmt.Sprint(got.DaysOfWeek) != "[2 4 6]" || got.Title != "patch CHECK " {
		t.Fatalf("after update: %+v", got)
	}
	recs := s.CARSchedules()
	if string(recs[0].Raw) != body || !recs[0].Updated.Equal(epoch) || recs[0].ID != id {
		t.Fatalf("stored raw body %s, want %s", recs[0].Raw, body)
	}
	// Full replacement: what is left out takes the create default.
	bare := weekly("Patch check")
	bare.Activate = false
	m := map[string]any{}
	_ = json.Unmarshal([]byte(jsonOf(bare)), &m)
	delete(m, "activate")
	delete(m, "description")
	st, out = carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, tok, jsonOf(m))
	if got := get(t, ts.URL, tok, id).Schedule; st != 200 || got.Activate {
		t.Fatalf("update without activate: %d %v; active %v", st, out, got.Activate)
	}
	for what, c := range map[string]struct {
		mutate func(*model.ScriptSchedule)
		raw    func(string) string
		want   string
	}{
		"another's title": {mutate: func(s *model.ScriptSchedule) { s.Title = " OTHER" }, want: model.CARDuplicateTitlePrefix + " OTHER"},
		"unknown script":  {mutate: func(s *model.ScriptSchedule) { s.Scripts[0].ID = "999" }, want: "Script with id 999 was not found"},
		"no days":         {mutate: func(s *model.ScriptSchedule) { s.DaysOfWeek = nil }, want: "daysOfWeek"},
		"moved to the past": {mutate: func(s *model.ScriptSchedule) { s.StartDate = "2026-11-20" },
			want: "startDate: 2026-11-20 is in the past"},
		"unknown field":    {raw: func(b string) string { return strings.Replace(b, `"title"`, `"Title"`, 1) }, want: `unknown field "Title"`},
		"two bodies":       {raw: func(b string) string { return b + "{}" }, want: "after the JSON object"},
		"RECURRING, mixed": {raw: func(b string) string { return strings.Replace(b, `"WEEKLY"`, `"RECURRING","hourlyInterval":2`, 1) }, want: "one kind only"},
		"negative millis":  {raw: func(b string) string { return strings.Replace(b, `"02:00:00"`, `-5`, 1) }, want: "startTime"},
	} {
		sched := weekly("Patch check")
		if c.mutate != nil {
			c.mutate(&sched)
		}
		b := jsonOf(sched)
		if c.raw != nil {
			b = c.raw(b)
		}
		st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, tok, b)
		carRefused(t, what, st, out, 400, c.want)
	}
	if st, _, b := raw(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, "bearer "+tok, jsonOf(weekly("x")), "Content-Type", "text/plain"); st != 415 {
		t.Errorf("update as text/plain: %d %s", st, b)
	}
	if got := get(t, ts.URL, tok, id).Schedule; got.Title != "Patch check" || got.Activate || get(t, ts.URL, tok, other).Schedule.Title != "Other" {
		t.Fatalf("a refused update changed something: %+v", got)
	}
}

func TestCARUpdateInTheDocumentedShape(t *testing.T) {
	clock := newClock(epoch)
	s, ts := newTest(t, Options{WASSchedules: -1, Now: clock.Now, TokenTTL: 1000 * time.Hour})
	tok := login(t, ts.URL)
	id := create(t, ts.URL, tok, weekly("Patch check"))
	start := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC).UnixMilli()
	at := time.Date(2026, 11, 24, 6, 30, 15, 0, time.UTC).UnixMilli()
	end := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC).UnixMilli()
	base := `"title":"Patch check","scripts":[{"id":226301,"title":"Collect installed patches"}],"assets":[{"UUId":"2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81","id":44496319}],"activate":true,`
	for _, c := range []struct {
		tail     string
		want     model.ScheduleType
		startStr string
		timeStr  string
		check    func(model.ScriptSchedule) bool
	}{
		{fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":%d,"scheduleType":"RECURRING","daysOfWeek":[5]`, start, at, end), model.Weekly, "2026-11-24", "06:30:15",
			func(s model.ScriptSchedule) bool {
				return fmt.Sprint(s.DaysOfWeek) == "[5]" && *s.EndDate == "2027-01-31"
			}},
		{fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":%d,"scheduleType":"RECURRING","hourlyInterval":6`, start, 9*3600*1000, end), model.Hourly, "2026-11-24", "09:00:00",
			func(s model.ScriptSchedule) bool { return *s.HourlyInterval == 6 }},
		{fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":%d,"scheduleType":"RECURRING"`, at, at, end), model.Daily, "2026-11-24", "06:30:15",
			func(model.ScriptSchedule) bool { return true }},
		{fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":%d,"scheduleType":"RECURRING","recurrenceDate":7,"recurrenceMonth":1,"monthlyScheduleType":"MONTHLY_DATE_OF_MONTH_JOB"`, start, at, end), model.Monthly, "2026-11-24", "06:30:15",
			func(s model.ScriptSchedule) bool { return *s.RecurrenceDate == 7 }},
		{fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":null,"scheduleType":"ONE_TIME"`, at, at), model.OneTime, "2026-11-24", "06:30:15",
			func(s model.ScriptSchedule) bool { return s.EndDate == nil }},
		// Mixed: the create types and an integer time.
		{fmt.Sprintf(`"startDate":"2026-11-25","startTime":%d,"endDate":"2026-12-01","scheduleType":"DAILY"`, at), model.Daily, "2026-11-25", "06:30:15",
			func(model.ScriptSchedule) bool { return true }},
	} {
		body := "{" + base + c.tail + "}"
		st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, tok, body)
		if st != 200 {
			t.Errorf("%s: %d %v", c.tail, st, out)
			continue
		}
		rec := s.CARSchedules()[0]
		got := rec.Schedule
		if got.ScheduleType != c.want || got.StartDate != c.startStr || got.StartTime != c.timeStr || !c.check(got) || string(rec.Raw) != body {
			t.Errorf("%s: stored %s", c.tail, jsonOf(got))
		}
		if item := get(t, ts.URL, tok, id); item.Schedule.ScheduleType != c.want || item.Schedule.StartDate != c.startStr {
			t.Errorf("%s: get shows %s", c.tail, jsonOf(item.Schedule))
		}
	}
	// Once the start (2026-11-25 since the last update) is past, an update
	// keeping it is accepted, whatever the millisecond within the day;
	// moving it to another past day is not.
	clock.Set(time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC))
	keep := fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":%d,"scheduleType":"RECURRING"`, start+86400_000+3600_000, at, end)
	if st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, tok, "{"+base+keep+"}"); st != 200 {
		t.Errorf("keeping a past start: %d %v", st, out)
	}
	move := fmt.Sprintf(`"startDate":%d,"startTime":%d,"endDate":%d,"scheduleType":"RECURRING"`, start, at, end)
	st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id, tok, "{"+base+move+"}")
	carRefused(t, "moving the start into the past", st, out, 400, "is in the past")
}

func TestCARDeleteActivateDeactivate(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1, Now: newClock(epoch).Now})
	tok := login(t, ts.URL)
	id := create(t, ts.URL, tok, weekly("Patch check"))
	keep := create(t, ts.URL, tok, weekly("Keep"))
	for _, c := range []struct {
		op, body string
		want     bool
	}{{"deactivate", "", false}, {"deactivate", "{}", false}, {"activate", " { } ", true}, {"activate", "", true}, {"deactivate", "", false}} {
		st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id+"/"+c.op, tok, c.body)
		if st != 200 || out["errorCode"] != "0" || get(t, ts.URL, tok, id).Schedule.Activate != c.want {
			t.Fatalf("%s %q: %d %v", c.op, c.body, st, out)
		}
	}
	if string(s.CARSchedules()[0].Raw) != jsonOf(weekly("Patch check")) {
		t.Error("activate or deactivate changed the stored body")
	}
	st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/"+id+"/activate", tok, `{"activate":true}`)
	carRefused(t, "activate with a body", st, out, 400, "no body or {}")
	st, out = carDo(t, "DELETE", ts.URL+"/sm/v1/scheduler/"+id, tok, "")
	if st != 200 || out["errorCode"] != "0" {
		t.Fatalf("delete: %d %v", st, out)
	}
	st, out = carDo(t, "DELETE", ts.URL+"/sm/v1/scheduler/"+id, tok, "")
	carRefused(t, "delete twice", st, out, 404, "was not found")
	st, out = carDo(t, "GET", ts.URL+"/sm/v1/scheduler/"+id, tok, "")
	carRefused(t, "get after delete", st, out, 404, "was not found")
	if recs := s.CARSchedules(); len(recs) != 1 || recs[0].ID != keep {
		t.Fatalf("left %+v", recs)
	}
	// The title is free again.
	create(t, ts.URL, tok, weekly("Patch check"))
}

package sim

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

// HOURLY and a DAILY occurrenceCount (§15.3's webapp.xsd) are accepted,
// stored and read back as written, in XML and JSON; the next launch of an
// HOURLY schedule keeps its interval in elapsed time; and occurrenceCount
// ends every recurring type: once that many launches are due, the schedule
// has no next launch and reads without nextLaunchDate (U19).
func TestHourlyAndOccurrenceCount(t *testing.T) {
	var clock atomic.Int64
	set := func(s string) {
		t.Helper()
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		clock.Store(tm.UnixNano())
	}
	set("2026-11-21T12:00:00Z")
	s, ts := newTest(t, Options{Now: func() time.Time { return time.Unix(0, clock.Load()).UTC() }, WASSchedules: 5})
	base := ts.URL + "/qps/rest/3.0/"
	sched := func(occ, inner string) string {
		return `<scheduling><startDate>2026-11-23T02:00:00Z</startDate><timeZone><code>Europe/Berlin</code></timeZone><occurrenceType>` + occ +
			`</occurrenceType><occurrence>` + inner + `</occurrence></scheduling>`
	}
	create := func(body string) int64 {
		t.Helper()
		_, r := qps(t, "POST", base+"create/was/wasscanschedule", []byte(body))
		if r.ResponseCode != "SUCCESS" || len(r.Schedules()) != 1 {
			t.Fatalf("create: %+v %+v\n%s", r, r.ErrorDetails, body)
		}
		return r.Schedules()[0].IDValue()
	}
	get := func(id int64) model.WasScanSchedule {
		t.Helper()
		_, r := qps(t, "GET", base+"get/was/wasscanschedule/"+itoa(id), nil)
		if r.ResponseCode != "SUCCESS" || len(r.Schedules()) != 1 {
			t.Fatalf("get %d: %+v", id, r)
		}
		return r.Schedules()[0]
	}
	next := func(id int64) string { t.Helper(); return model.Deref(get(id).NextLaunchDate) }

	hourly := create(createBody(sched("HOURLY", `<hourlyOccurrence><everyNHours>5</everyNHours><occurrenceCount>3</occurrenceCount></hourlyOccurrence>`)))
	daily := create(createBody(sched("DAILY", `<dailyOccurrence><everyNDays>2</everyNDays><occurrenceCount>2</occurrenceCount></dailyOccurrence>`)))
	weekly := create(createBody(sched("WEEKLY", `<weeklyOccurrence><everyNWeeks>2</everyNWeeks><onDays><WeekDay>SATURDAY</WeekDay><WeekDay>SUNDAY</WeekDay></onDays><occurrenceCount>2</occurrenceCount></weeklyOccurrence>`)))
	monthly := create(createBody(sched("MONTHLY", `<monthlyOccurrence><monthlyType><occurDayNbInMonth><dayNb>23</dayNb><everyNMonths>1</everyNMonths></occurDayNbInMonth></monthlyType><occurrenceCount>2</occurrenceCount></monthlyOccurrence>`)))
	endless := create(createBody(sched("HOURLY", `<hourlyOccurrence><everyNHours>23</everyNHours></hourlyOccurrence>`)))

	// Read back as written.
	w := get(hourly)
	if h := w.Scheduling.Occurrence.Hourly; model.Deref(w.Scheduling.OccurrenceType) != "HOURLY" || h == nil || h.EveryNHours != 5 || model.Deref(h.OccurrenceCount) != 3 ||
		w.Scheduling.Occurrence.Daily != nil {
		t.Fatalf("hourly read back %+v", w.Scheduling.Occurrence)
	}
	if d := get(daily).Scheduling.Occurrence.Daily; d == nil || d.EveryNDays != 2 || model.Deref(d.OccurrenceCount) != 2 {
		t.Fatalf("daily read back %+v", d)
	}
	if h := get(endless).Scheduling.Occurrence.Hourly; h == nil || h.OccurrenceCount != nil {
		t.Fatalf("endless hourly read back %+v", h)
	}
	// JSON reads name the same elements.
	sr := js(t, "GET", base+"get/was/wasscanschedule/"+itoa(hourly), "")
	occ := data(t, sr, "WasScanSchedule")[0]["scheduling"].(map[string]any)["occurrence"].(map[string]any)
	if h, _ := occ["hourlyOccurrence"].(map[string]any); h == nil || h["everyNHours"] != json.Number("5") || h["occurrenceCount"] != json.Number("3") {
		t.Fatalf("JSON read %v", occ)
	}

	steps := []struct {
		now  string
		want map[int64]string // "" for no next launch
	}{
		{"2026-11-21T12:00:00Z", map[int64]string{hourly: "2026-11-23T02:00:00Z", daily: "2026-11-23T02:00:00Z",
			weekly: "2026-11-28T02:00:00Z", monthly: "2026-11-23T02:00:00Z", endless: "2026-11-23T02:00:00Z"}},
		{"2026-11-23T02:00:01Z", map[int64]string{hourly: "2026-11-23T07:00:00Z", daily: "2026-11-25T02:00:00Z",
			weekly: "2026-11-28T02:00:00Z", monthly: "2026-12-23T02:00:00Z", endless: "2026-11-24T01:00:00Z"}},
		// The third and last hourly launch is at 12:00; the second and
		// last daily one on the 25th.
		{"2026-11-23T12:00:00Z", map[int64]string{hourly: "2026-11-23T12:00:00Z", daily: "2026-11-25T02:00:00Z"}},
		{"2026-11-23T12:00:01Z", map[int64]string{hourly: "", daily: "2026-11-25T02:00:00Z"}},
		{"2026-11-25T02:00:01Z", map[int64]string{daily: "", weekly: "2026-11-28T02:00:00Z"}},
		// Weeks run Sunday to Saturday: Saturday the 28th is in the
		// start's week, Sunday the 29th in the skipped one.
		{"2026-11-28T02:00:01Z", map[int64]string{weekly: "2026-12-06T02:00:00Z", monthly: "2026-12-23T02:00:00Z"}},
		{"2026-12-06T02:00:01Z", map[int64]string{weekly: "", monthly: "2026-12-23T02:00:00Z"}},
		{"2026-12-23T02:00:01Z", map[int64]string{monthly: "", hourly: "", daily: "", weekly: ""}},
	}
	for _, st := range steps {
		set(st.now)
		for id, want := range st.want {
			if got := next(id); got != want {
				t.Errorf("at %s, %d: next launch %q, want %q", st.now, id, got, want)
			}
		}
	}
	// The endless hourly schedule runs on every 23 hours of elapsed time
	// across the change to summer time (Berlin, 2027-03-28 01:00 UTC).
	set("2027-03-27T12:00:00Z")
	got := next(endless)
	start, _ := time.Parse(time.RFC3339, "2026-11-23T02:00:00Z")
	nt, _ := time.Parse(model.WASTimeLayout, got)
	if d := nt.Sub(start); d%(23*time.Hour) != 0 || nt.Before(time.Unix(0, clock.Load())) || nt.Sub(time.Unix(0, clock.Load())) > 23*time.Hour {
		t.Fatalf("endless hourly after DST: %s (%v after the start)", got, d)
	}
	set(nt.Add(time.Second).Format(time.RFC3339))
	if n2, _ := time.Parse(model.WASTimeLayout, next(endless)); n2.Sub(nt) != 23*time.Hour {
		t.Fatalf("hourly interval %v", n2.Sub(nt))
	}

	// A JSON create of an HOURLY schedule.
	set("2026-11-21T12:00:00Z")
	sr = js(t, "POST", base+"create/was/wasscanschedule", `{"ServiceRequest":{"data":{"WasScanSchedule":{
  "name":"Hourly JSON","type":"VULNERABILITY",
  "target":{"webApp":{"id":2900101},"scannerAppliance":{"type":"EXTERNAL"},"cancelOption":"DEFAULT"},
  "profile":{"id":610001},
  "scheduling":{"startDate":"2026-11-22T00:30:00Z","timeZone":{"code":"America/New_York"},"occurrenceType":"HOURLY",
    "occurrence":{"hourlyOccurrence":{"everyNHours":"4","occurrenceCount":6}}},
  "notification":{"active":false}}}}}`)
	if code(sr) != "SUCCESS" {
		t.Fatalf("JSON create: %v", sr)
	}
	id := data(t, sr, "WasScanSchedule")[0]["id"]
	var jid int64
	for _, w := range s.WASSchedules() {
		if w.NameValue() == "Hourly JSON" {
			jid = w.IDValue()
			if h := w.Scheduling.Occurrence.Hourly; h == nil || h.EveryNHours != 4 || model.Deref(h.OccurrenceCount) != 6 || model.Deref(w.NextLaunchDate) != "2026-11-22T00:30:00Z" {
				t.Fatalf("JSON create stored %+v %v", w.Scheduling.Occurrence, model.Deref(w.NextLaunchDate))
			}
		}
	}
	if jid == 0 || id == nil {
		t.Fatalf("JSON create: %v not stored", id)
	}

	// An update turns an hourly schedule daily and back.
	upd := func(inner string) model.ServiceResponse {
		t.Helper()
		_, r := qps(t, "POST", base+"update/was/wasscanschedule/"+itoa(endless),
			[]byte(`<ServiceRequest><data><WasScanSchedule><scheduling>`+inner+`</scheduling></WasScanSchedule></data></ServiceRequest>`))
		return r
	}
	if r := upd(`<occurrenceType>DAILY</occurrenceType><occurrence><dailyOccurrence><everyNDays>1</everyNDays><occurrenceCount>4</occurrenceCount></dailyOccurrence></occurrence>`); r.ResponseCode != "SUCCESS" {
		t.Fatalf("update to DAILY: %+v", r)
	}
	if d := get(endless).Scheduling.Occurrence; d.Hourly != nil || d.Daily == nil || model.Deref(d.Daily.OccurrenceCount) != 4 {
		t.Fatalf("updated to DAILY: %+v", d)
	}
	if r := upd(`<occurrence><hourlyOccurrence><everyNHours>2</everyNHours></hourlyOccurrence></occurrence>`); r.ResponseCode == "SUCCESS" {
		t.Fatal("an hourlyOccurrence on a DAILY schedule was accepted")
	}
	if r := upd(`<occurrenceType>HOURLY</occurrenceType><occurrence><hourlyOccurrence><everyNHours>2</everyNHours></hourlyOccurrence></occurrence>`); r.ResponseCode != "SUCCESS" {
		t.Fatalf("update to HOURLY: %+v", r)
	}
	if n := next(endless); n != "2026-11-23T02:00:00Z" {
		t.Fatalf("updated to HOURLY: next %s", n)
	}
}

// Strictness: what HOURLY and the counts refuse.
func TestHourlyAndCountRefusals(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	s, ts := newTest(t, Options{Now: func() time.Time { return now }, WASSchedules: 5})
	u := ts.URL + "/qps/rest/3.0/create/was/wasscanschedule"
	sched := func(occ, inner string) string {
		return `<scheduling><startDate>2026-11-23T02:00:00Z</startDate><timeZone><code>UTC</code></timeZone><occurrenceType>` + occ +
			`</occurrenceType>` + inner + `</scheduling>`
	}
	for name, body := range map[string]string{
		"HOURLY without hourlyOccurrence": createBody(sched("HOURLY", "")),
		"HOURLY every 0 hours":            createBody(sched("HOURLY", `<occurrence><hourlyOccurrence><everyNHours>0</everyNHours></hourlyOccurrence></occurrence>`)),
		"HOURLY every 24 hours":           createBody(sched("HOURLY", `<occurrence><hourlyOccurrence><everyNHours>24</everyNHours></hourlyOccurrence></occurrence>`)),
		"HOURLY count 0":                  createBody(sched("HOURLY", `<occurrence><hourlyOccurrence><everyNHours>2</everyNHours><occurrenceCount>0</occurrenceCount></hourlyOccurrence></occurrence>`)),
		"HOURLY count not a number":       createBody(sched("HOURLY", `<occurrence><hourlyOccurrence><everyNHours>2</everyNHours><occurrenceCount>many</occurrenceCount></hourlyOccurrence></occurrence>`)),
		"HOURLY unknown element":          createBody(sched("HOURLY", `<occurrence><hourlyOccurrence><everyNHours>2</everyNHours><everyNMinutes>5</everyNMinutes></hourlyOccurrence></occurrence>`)),
		"HOURLY with a dailyOccurrence":   createBody(sched("HOURLY", `<occurrence><dailyOccurrence><everyNDays>1</everyNDays></dailyOccurrence></occurrence>`)),
		"HOURLY with both":                createBody(sched("HOURLY", `<occurrence><hourlyOccurrence><everyNHours>2</everyNHours></hourlyOccurrence><dailyOccurrence><everyNDays>1</everyNDays></dailyOccurrence></occurrence>`)),
		"DAILY count 0":                   createBody(sched("DAILY", `<occurrence><dailyOccurrence><everyNDays>1</everyNDays><occurrenceCount>0</occurrenceCount></dailyOccurrence></occurrence>`)),
		"DAILY count negative":            createBody(sched("DAILY", `<occurrence><dailyOccurrence><everyNDays>1</everyNDays><occurrenceCount>-2</occurrenceCount></dailyOccurrence></occurrence>`)),
		"DAILY with an hourlyOccurrence":  createBody(sched("DAILY", `<occurrence><hourlyOccurrence><everyNHours>2</everyNHours></hourlyOccurrence></occurrence>`)),
		"ONCE with a weeklyOccurrence":    createBody(sched("ONCE", `<occurrence><weeklyOccurrence><everyNWeeks>1</everyNWeeks><onDays><WeekDay>SUNDAY</WeekDay></onDays></weeklyOccurrence></occurrence>`)),
		"lower-case hourly":               createBody(sched("hourly", `<occurrence><hourlyOccurrence><everyNHours>2</everyNHours></hourlyOccurrence></occurrence>`)),
	} {
		before := len(s.WASSchedules())
		_, r := qps(t, "POST", u, []byte(body))
		if r.ResponseCode == "SUCCESS" {
			t.Errorf("%s: accepted", name)
		}
		if len(s.WASSchedules()) != before {
			t.Errorf("%s: a refused create added a schedule", name)
		}
		if name == "HOURLY every 24 hours" && (r.ErrorDetails == nil || !strings.Contains(r.ErrorDetails.ErrorMessage, "between 1 and 23")) {
			t.Errorf("%s: message %+v", name, r.ErrorDetails)
		}
	}
}

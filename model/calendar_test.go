package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// calWAS is an active WAS schedule on web app app (0: none).
func calWAS(id int64, name, owner string, app int64, sc *WASScheduling) WasScanSchedule {
	s := WasScanSchedule{ID: Ptr(id), Name: Ptr(Text(name)), Owner: &WASUser{ID: 1, Username: owner}, Active: Ptr(true), Scheduling: sc}
	if app != 0 {
		s.Target = &WASTarget{WebApp: &WASWebApp{ID: app}}
	}
	return s
}

// calScript is an active script schedule on the agents given by UUID.
func calScript(id, title, owner string, s ScriptSchedule, agents ...string) CARSearchItem {
	s.Activate, s.Title, s.User = true, title, User{ID: "u", Name: owner}
	for _, a := range agents {
		s.Assets = append(s.Assets, Asset{UUId: a, ID: "1"})
	}
	return CARSearchItem{ID: id, Schedule: s}
}

func dailyWAS(tb testing.TB, start, zone string) *WASScheduling {
	return wsched(tb, start, zone, OccurrenceDaily, &WASOccurrence{Daily: &WASDaily{EveryNDays: 1}})
}

// starts lists the occurrences as "kind:id@RFC3339[!]" (! when flagged).
func starts(occs []Occurrence) []string {
	var out []string
	for _, o := range occs {
		s := o.Kind + ":" + o.ID + "@" + o.Start.Format(time.RFC3339)
		if o.Overlapping() {
			s += "!"
		}
		out = append(out, s)
	}
	return out
}

func TestCalendarOccurrencesInWindow(t *testing.T) {
	now := mustTime(t, "2026-03-02T10:00:00Z") // a Monday
	from, to := CalendarWindow(now, 3, time.UTC)
	if want := mustTime(t, "2026-03-05T00:00:00Z"); !to.Equal(want) || !from.Equal(now) {
		t.Fatalf("window = %v – %v, want %v – %v", from, to, now, want)
	}
	was := []WasScanSchedule{
		calWAS(1, "daily 09:00", "alice", 10, dailyWAS(t, "2026-03-01T09:00:00Z", "UTC")), // today's 09:00 has passed
		calWAS(2, "once later", "alice", 11, wsched(t, "2026-03-04T23:59:00Z", "UTC", OccurrenceOnce, nil)),
		calWAS(3, "once at the end", "alice", 11, wsched(t, "2026-03-05T00:00:00Z", "UTC", OccurrenceOnce, nil)), // excluded bound
	}
	inactive := calWAS(4, "off", "alice", 12, dailyWAS(t, "2026-03-01T12:00:00Z", "UTC"))
	inactive.Active = Ptr(false)
	was = append(was, inactive)
	s := sch(Daily, "2026-03-01", "10:00:00", "")
	scripts := []CARSearchItem{calScript("s-1", "at ten", "bob", s, "agent-a")} // 10:00 today: at `from`, included
	off := calScript("s-2", "inactive", "bob", s, "agent-b")
	off.Schedule.Activate = false
	scripts = append(scripts, off)

	c := BuildCalendar(from, to, time.UTC, was, scripts)
	want := []string{
		"script:s-1@2026-03-02T10:00:00Z",
		"was:1@2026-03-03T09:00:00Z", "script:s-1@2026-03-03T10:00:00Z",
		"was:1@2026-03-04T09:00:00Z", "script:s-1@2026-03-04T10:00:00Z",
		"was:2@2026-03-04T23:59:00Z",
	}
	if got := starts(c.Occurrences); !slices.Equal(got, want) {
		t.Fatalf("occurrences\n got %v\nwant %v", got, want)
	}
	if len(c.Skipped) != 0 || c.Days() != 3 {
		t.Fatalf("skipped %v, days %d", c.Skipped, c.Days())
	}
}

func TestCalendarHourlyFillsTheWindow(t *testing.T) {
	now := mustTime(t, "2026-03-02T00:00:00Z")
	from, to := CalendarWindow(now, 30, time.UTC)
	was := []WasScanSchedule{calWAS(1, "hourly", "a", 1, wsched(t, "2026-01-01T00:30:00Z", "UTC", OccurrenceHourly, hourlyOcc(1, nil)))}
	s := sch(Hourly, "2026-01-01", "00:15:00", "")
	s.HourlyInterval = Ptr(1)
	c := BuildCalendar(from, to, time.UTC, was, []CARSearchItem{calScript("s", "hourly", "b", s, "x")})
	if got := len(c.Occurrences); got != 2*30*24 {
		t.Fatalf("%d occurrences, want %d", got, 2*30*24)
	}
	d := c.Density(c.Occurrences)
	if len(d) != 30 || d[0][0] != 2 || d[29][23] != 2 {
		t.Fatalf("density: %d days, first %v, last %v", len(d), d[0], d[29])
	}
}

func TestCalendarOverlaps(t *testing.T) {
	now := mustTime(t, "2026-03-02T00:00:00Z")
	from, to := CalendarWindow(now, 1, time.UTC)
	once := func(at string) *WASScheduling { return wsched(t, at, "UTC", OccurrenceOnce, nil) }
	at := func(hm string) ScriptSchedule { return sch(OneTime, "2026-03-02", hm, "") }
	was := []WasScanSchedule{
		calWAS(1, "app 7 at 02:00", "a", 7, once("2026-03-02T02:00:00Z")),
		calWAS(2, "app 7 at 02:59", "a", 7, once("2026-03-02T02:59:00Z")), // overlaps 1
		calWAS(3, "app 7 at 04:00", "a", 7, once("2026-03-02T04:00:00Z")), // 1 h after 2:59? no: 61 min
		calWAS(4, "app 8 at 02:00", "a", 8, once("2026-03-02T02:00:00Z")), // same time, other app
		calWAS(5, "app 7 at 05:00", "a", 7, once("2026-03-02T05:00:00Z")), // exactly 1 h after 3: not an overlap
	}
	scripts := []CARSearchItem{
		calScript("a", "agents x,y at 06:00", "b", at("06:00:00"), "x", "y"),
		calScript("b", "agent y at 06:30", "b", at("06:30:00"), "y"), // shares y
		calScript("c", "agent z at 06:00", "b", at("06:00:00"), "z"), // nothing shared
	}
	c := BuildCalendar(from, to, time.UTC, was, scripts)
	got := strings.Join(starts(c.Occurrences), " ")
	want := strings.Join([]string{
		"was:1@2026-03-02T02:00:00Z!", "was:4@2026-03-02T02:00:00Z", "was:2@2026-03-02T02:59:00Z!",
		"was:3@2026-03-02T04:00:00Z", "was:5@2026-03-02T05:00:00Z",
		"script:a@2026-03-02T06:00:00Z!", "script:c@2026-03-02T06:00:00Z", "script:b@2026-03-02T06:30:00Z!",
	}, " ")
	if got != want {
		t.Fatalf("flags\n got %s\nwant %s", got, want)
	}
	first := c.Occurrences[0]
	if len(first.Overlaps) != 1 || first.Overlaps[0].ScheduleRef != (ScheduleRef{CalendarWAS, "2", "app 7 at 02:59"}) {
		t.Fatalf("overlaps of was:1 = %+v", first.Overlaps)
	}
}

// An hourly schedule's runs are an hour apart: never an overlap with
// themselves, even every hour on the same target.
func TestCalendarOneScheduleNeverOverlapsItself(t *testing.T) {
	now := mustTime(t, "2026-03-02T00:00:00Z")
	from, to := CalendarWindow(now, 2, time.UTC)
	s := sch(Hourly, "2026-03-01", "00:00:00", "")
	s.HourlyInterval = Ptr(1)
	c := BuildCalendar(from, to, time.UTC, nil, []CARSearchItem{calScript("h", "hourly", "b", s, "x")})
	for _, o := range c.Occurrences {
		if o.Overlapping() {
			t.Fatalf("run %v flagged: %+v", o.Start, o.Overlaps)
		}
	}
}

// Across the spring change in Berlin, the day has 23 hours and a daily
// 02:30 launch runs at 03:30; the window, the day index and the density
// keep to the wall clock.
func TestCalendarAcrossDST(t *testing.T) {
	berlin := loadZone(t, "Europe/Berlin")
	now := mustTime(t, "2026-03-28T12:00:00+01:00")
	from, to := CalendarWindow(now, 3, berlin)
	if want := mustTime(t, "2026-03-31T00:00:00+02:00"); !to.Equal(want) {
		t.Fatalf("to = %v, want %v", to, want)
	}
	was := []WasScanSchedule{calWAS(1, "02:30 Berlin", "a", 1, dailyWAS(t, "2026-03-01T02:30:00+01:00", "Europe/Berlin"))}
	c := BuildCalendar(from, to, berlin, was, nil)
	want := []string{"was:1@2026-03-29T03:30:00+02:00", "was:1@2026-03-30T02:30:00+02:00"}
	if got := starts(c.Occurrences); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	d := c.Density(c.Occurrences)
	if len(d) != 3 || d[1][3] != 1 || d[2][2] != 1 {
		t.Fatalf("density %v", d)
	}
	if got := c.DayStart(1); !got.Equal(mustTime(t, "2026-03-29T00:00:00+01:00")) {
		t.Fatalf("day 1 starts %v", got)
	}
}

func TestCalendarSkipsUnreadable(t *testing.T) {
	now := mustTime(t, "2026-03-02T00:00:00Z")
	from, to := CalendarWindow(now, 7, time.UTC)
	bad := calWAS(9, "no zone", "a", 1, &WASScheduling{StartDate: Ptr("2026-03-01T00:00:00Z"), OccurrenceType: Ptr(OccurrenceDaily)})
	c := BuildCalendar(from, to, time.UTC, []WasScanSchedule{bad}, nil)
	if len(c.Occurrences) != 0 || len(c.Skipped) != 1 || c.Skipped[0].ID != "9" || c.Skipped[0].Reason != "no time zone" {
		t.Fatalf("got %+v", c)
	}
}

func TestCalendarFilter(t *testing.T) {
	occs := []Occurrence{
		{CalendarSchedule: &CalendarSchedule{ScheduleRef: ScheduleRef{CalendarWAS, "1", "Nightly shop"}, Owner: "Alice"}},
		{CalendarSchedule: &CalendarSchedule{ScheduleRef: ScheduleRef{CalendarScript, "s", "Patch shop"}, Owner: "bob"}},
	}
	c := Calendar{Occurrences: occs}
	for _, tc := range []struct {
		f    CalendarFilter
		want int
	}{
		{CalendarFilter{}, 2},
		{CalendarFilter{Kind: CalendarWAS}, 1},
		{CalendarFilter{Kind: CalendarScript, Name: "SHOP"}, 1},
		{CalendarFilter{Owner: "ali"}, 1},
		{CalendarFilter{Owner: "ali", Name: "patch"}, 0},
	} {
		if got := len(c.Filter(tc.f)); got != tc.want {
			t.Errorf("%+v: %d, want %d", tc.f, got, tc.want)
		}
	}
	if err := (CalendarFilter{Kind: "scan"}).Check(); err == nil || !strings.Contains(err.Error(), "kind") {
		t.Fatalf("Check = %v", err)
	}
	if CheckCalendarDays(0) == nil || CheckCalendarDays(91) == nil || CheckCalendarDays(90) != nil {
		t.Fatal("CheckCalendarDays bounds")
	}
}

// benchSchedules is a tenant of nWAS WAS and nScripts script schedules:
// mostly daily and weekly, some monthly, a few hourly, on a few thousand
// web apps and agents.
func benchSchedules(nWAS, nScripts int) ([]WasScanSchedule, []CARSearchItem) {
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"}
	days := []string{"MONDAY", "WEDNESDAY", "FRIDAY"}
	was := make([]WasScanSchedule, nWAS)
	for i := range was {
		start := time.Date(2025, 1, 1+i%28, i%24, (i*7)%60, 0, 0, time.UTC).Format(WASTimeLayout)
		sc := &WASScheduling{StartDate: &start, TimeZone: &WASTimeZone{Code: zones[i%len(zones)]}}
		switch i % 20 {
		case 0:
			sc.OccurrenceType, sc.Occurrence = Ptr(OccurrenceHourly), &WASOccurrence{Hourly: &WASHourly{EveryNHours: 6}}
		case 1, 2:
			sc.OccurrenceType, sc.Occurrence = Ptr(OccurrenceMonthly), &WASOccurrence{Monthly: &WASMonthly{InnerXML: WASMonthlyRule{DayNb: 1 + i%28, EveryNMonths: 1}.InnerXML()}}
		case 3, 4, 5, 6, 7:
			sc.OccurrenceType, sc.Occurrence = Ptr(OccurrenceWeekly), &WASOccurrence{Weekly: &WASWeekly{EveryNWeeks: 1, OnDays: days[:1+i%3]}}
		default:
			sc.OccurrenceType, sc.Occurrence = Ptr(OccurrenceDaily), &WASOccurrence{Daily: &WASDaily{EveryNDays: 1 + i%3}}
		}
		was[i] = calWAS(int64(i+1), fmt.Sprintf("scan %d", i), "owner", int64(1+i%3000), sc)
	}
	scripts := make([]CARSearchItem, nScripts)
	for i := range scripts {
		s := sch(Daily, "2025-01-01", fmt.Sprintf("%02d:%02d:00", i%24, (i*11)%60), "")
		switch i % 10 {
		case 0:
			s.ScheduleType, s.HourlyInterval = Hourly, Ptr(4)
		case 1, 2, 3:
			s.ScheduleType, s.DaysOfWeek = Weekly, []int{1, 4}
		}
		scripts[i] = calScript(fmt.Sprintf("s-%d", i), "script", "op", s, fmt.Sprintf("agent-%d", i%500))
	}
	return was, scripts
}

// BenchmarkCalendar30Days is the calendar of 10,000 WAS and 1,000 script
// schedules over 30 days (budget: 200 ms/op, docs/performance.md).
func BenchmarkCalendar30Days(b *testing.B) {
	was, scripts := benchSchedules(10000, 1000)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	from, to := CalendarWindow(now, 30, time.UTC)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		c := BuildCalendar(from, to, time.UTC, was, scripts)
		n = len(c.Occurrences)
	}
	b.ReportMetric(float64(n), "runs")
}

// The two ways of sorting runs agree.
func TestCalendarSortPathsAgree(t *testing.T) {
	was, scripts := benchSchedules(300, 50)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	from, to := CalendarWindow(now, 7, time.UTC)
	packed := BuildCalendar(from, to, time.UTC, was, scripts)
	packedOff = true
	defer func() { packedOff = false }()
	plain := BuildCalendar(from, to, time.UTC, was, scripts)
	if len(packed.Occurrences) == 0 || len(packed.Occurrences) != len(plain.Occurrences) {
		t.Fatalf("%d and %d runs", len(packed.Occurrences), len(plain.Occurrences))
	}
	for i, o := range packed.Occurrences {
		p := plain.Occurrences[i]
		if o.ScheduleRef != p.ScheduleRef || !o.Start.Equal(p.Start) || len(o.Overlaps) != len(p.Overlaps) {
			t.Fatalf("run %d: %s %v and %s %v", i, o.ID, o.Start, p.ID, p.Start)
		}
	}
	if !slices.IsSortedFunc(plain.Occurrences, func(a, b Occurrence) int { return a.Start.Compare(b.Start) }) {
		t.Fatal("not sorted by start")
	}
}

// WASLaunchesBefore is WASNextLaunches cut at its bound, for every kind of
// recurrence, with and without an occurrenceCount.
func TestWASLaunchesBeforeIsTheCutOfNextLaunches(t *testing.T) {
	after := mustTime(t, "2026-03-20T00:00:00Z")
	before := mustTime(t, "2026-04-20T00:00:00Z")
	count := Ptr(40)
	for name, sc := range map[string]*WASScheduling{
		"once inside":  wsched(t, "2026-04-02T09:30:00+02:00", "Europe/Berlin", OccurrenceOnce, nil),
		"once after":   wsched(t, "2026-05-02T09:30:00+02:00", "Europe/Berlin", OccurrenceOnce, nil),
		"hourly":       wsched(t, "2026-03-01T00:30:00Z", "America/New_York", OccurrenceHourly, hourlyOcc(5, nil)),
		"hourly count": wsched(t, "2026-03-15T00:30:00Z", "UTC", OccurrenceHourly, hourlyOcc(3, count)),
		"daily":        dailyWAS(t, "2026-03-01T02:30:00+01:00", "Europe/Berlin"),
		"daily count":  wsched(t, "2026-03-01T02:30:00Z", "UTC", OccurrenceDaily, &WASOccurrence{Daily: &WASDaily{EveryNDays: 1, OccurrenceCount: count}}),
		"weekly":       wsched(t, "2026-03-01T06:00:00Z", "UTC", OccurrenceWeekly, weeklyOcc(1, nil, "MONDAY", "THURSDAY")),
		"monthly":      wsched(t, "2026-01-31T06:00:00Z", "UTC", OccurrenceMonthly, monthlyOcc(WASMonthlyRule{DayNb: 31, EveryNMonths: 1})),
	} {
		all, err := WASNextLaunches(sc, after, 1000)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var want []time.Time
		for _, l := range all {
			if l.Before(before) {
				want = append(want, l)
			}
		}
		got, err := WASLaunchesBefore(sc, after, before, 1000)
		if err != nil || !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("%s: got %d launches %v, want %d", name, len(got), err, len(want))
		}
	}
}

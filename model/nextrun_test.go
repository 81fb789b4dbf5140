package model

import (
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones for the tests on machines without tzdata
)

func loadZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		tb.Fatalf("parse %q: %v", s, err)
	}
	return t
}

// sch builds a schedule; end "" means a nil endDate.
func sch(typ ScheduleType, startDate, startTime, end string) ScriptSchedule {
	s := ScriptSchedule{ScheduleType: typ, StartDate: startDate, StartTime: startTime}
	if end != "" {
		s.EndDate = Ptr(end)
	}
	return s
}

func hourly(startDate, startTime, end string, every int) ScriptSchedule {
	s := sch(Hourly, startDate, startTime, end)
	s.HourlyInterval = Ptr(every)
	return s
}

func weekly(startDate, startTime, end string, days ...int) ScriptSchedule {
	s := sch(Weekly, startDate, startTime, end)
	s.DaysOfWeek = days
	return s
}

func monthly(startDate, startTime, end string, day, every int) ScriptSchedule {
	s := sch(Monthly, startDate, startTime, end)
	s.RecurrenceDate, s.RecurrenceMonth = Ptr(day), Ptr(every)
	s.MonthlyScheduleType = Ptr(MonthlyDateOfMonthJob)
	return s
}

func formatRuns(ts []time.Time, utc bool) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		if utc {
			t = t.UTC()
		}
		out[i] = t.Format(time.RFC3339)
	}
	return out
}

type nextRunCase struct {
	name  string
	s     ScriptSchedule
	zone  string
	after string
	n     int
	want  []string // RFC 3339 in the schedule's zone
}

func runNextRunCases(t *testing.T, cases []nextRunCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			loc := loadZone(t, tc.zone)
			got, err := NextRuns(tc.s, loc, mustTime(t, tc.after), tc.n)
			if err != nil {
				t.Fatalf("NextRuns: %v", err)
			}
			if g := formatRuns(got, false); !slices.Equal(g, tc.want) {
				t.Errorf("runs\n got  %q\n want %q", g, tc.want)
			}
			for i, r := range got {
				if r.Location() != loc {
					t.Errorf("run %d in %v, want %v", i, r.Location(), loc)
				}
				if i > 0 && !r.After(got[i-1]) {
					t.Errorf("run %d %v not after run %d %v", i, r, i-1, got[i-1])
				}
			}
		})
	}
}

func TestNextRunsTypes(t *testing.T) {
	runNextRunCases(t, []nextRunCase{
		{name: "one-time future", s: sch(OneTime, "2025-06-01", "10:00:00", ""), zone: "UTC",
			after: "2025-05-01T00:00:00Z", n: 5, want: []string{"2025-06-01T10:00:00Z"}},
		{name: "one-time past gives no run", s: sch(OneTime, "2025-06-01", "10:00:00", ""), zone: "UTC",
			after: "2025-06-01T10:00:01Z", n: 5, want: []string{}},
		{name: "one-time exactly at after", s: sch(OneTime, "2025-06-01", "10:00:00", ""), zone: "UTC",
			after: "2025-06-01T10:00:00Z", n: 1, want: []string{"2025-06-01T10:00:00Z"}},
		{name: "one-time endDate same day", s: sch(OneTime, "2025-06-01", "23:59:59", "2025-06-01"), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 5, want: []string{"2025-06-01T23:59:59Z"}},
		{name: "one-time endDate before start", s: sch(OneTime, "2025-06-01", "10:00:00", "2025-05-31"), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 5, want: []string{}},
		{name: "one-time in zone", s: sch(OneTime, "2025-06-01", "10:00:00", ""), zone: "Europe/Berlin",
			after: "2025-01-01T00:00:00Z", n: 5, want: []string{"2025-06-01T10:00:00+02:00"}},

		{name: "daily through endDate inclusive", s: sch(Daily, "2025-01-30", "08:15:00", "2025-02-02"), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 10,
			want: []string{"2025-01-30T08:15:00Z", "2025-01-31T08:15:00Z", "2025-02-01T08:15:00Z", "2025-02-02T08:15:00Z"}},
		{name: "daily after in the middle", s: sch(Daily, "2025-01-01", "09:00:00", "2025-12-31"), zone: "UTC",
			after: "2025-06-10T12:00:00Z", n: 3,
			want: []string{"2025-06-11T09:00:00Z", "2025-06-12T09:00:00Z", "2025-06-13T09:00:00Z"}},
		{name: "daily after exactly on a run", s: sch(Daily, "2025-01-01", "09:00:00", "2025-12-31"), zone: "UTC",
			after: "2025-06-10T09:00:00Z", n: 2,
			want: []string{"2025-06-10T09:00:00Z", "2025-06-11T09:00:00Z"}},
		{name: "daily after a nanosecond past a run", s: sch(Daily, "2025-01-01", "09:00:00", ""), zone: "UTC",
			after: "2025-06-10T09:00:00.000000001Z", n: 1, want: []string{"2025-06-11T09:00:00Z"}},
		{name: "daily started years ago", s: sch(Daily, "2020-01-01", "09:00:00", ""), zone: "UTC",
			after: "2025-03-01T00:00:00Z", n: 2, want: []string{"2025-03-01T09:00:00Z", "2025-03-02T09:00:00Z"}},
		{name: "daily after is converted to the zone", s: sch(Daily, "2025-01-01", "00:30:00", ""), zone: "Europe/Berlin",
			after: "2025-02-09T23:00:00Z", n: 2, want: []string{"2025-02-10T00:30:00+01:00", "2025-02-11T00:30:00+01:00"}},
		{name: "daily end of endDate is in the zone", s: sch(Daily, "2025-06-01", "23:30:00", "2025-06-02"), zone: "Europe/Berlin",
			after: "2025-01-01T00:00:00Z", n: 10, want: []string{"2025-06-01T23:30:00+02:00", "2025-06-02T23:30:00+02:00"}},
		{name: "daily endDate before startDate", s: sch(Daily, "2025-06-01", "10:00:00", "2025-05-01"), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 10, want: []string{}},
		{name: "daily after the end", s: sch(Daily, "2025-06-01", "10:00:00", "2025-06-30"), zone: "UTC",
			after: "2025-07-01T00:00:00Z", n: 10, want: []string{}},

		{name: "weekly Mon+Tue", s: weekly("2025-03-05", "10:00:00", "2025-03-18", 1, 2), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 10,
			want: []string{"2025-03-10T10:00:00Z", "2025-03-11T10:00:00Z", "2025-03-17T10:00:00Z", "2025-03-18T10:00:00Z"}},
		{name: "weekly Sunday is 7 and startDate counts", s: weekly("2025-03-02", "07:00:00", "", 7), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 2, want: []string{"2025-03-02T07:00:00Z", "2025-03-09T07:00:00Z"}},
		{name: "weekly duplicate day runs once", s: weekly("2025-03-03", "07:00:00", "", 3, 3), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 2, want: []string{"2025-03-05T07:00:00Z", "2025-03-12T07:00:00Z"}},
		{name: "weekly after in the middle", s: weekly("2020-01-01", "18:00:00", "", 5), zone: "UTC",
			after: "2025-03-07T18:00:01Z", n: 2, want: []string{"2025-03-14T18:00:00Z", "2025-03-21T18:00:00Z"}},

		{name: "monthly day 31 clamped in Feb and Apr", s: monthly("2025-01-01", "06:00:00", "", 31, 1), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 5,
			want: []string{"2025-01-31T06:00:00Z", "2025-02-28T06:00:00Z", "2025-03-31T06:00:00Z", "2025-04-30T06:00:00Z", "2025-05-31T06:00:00Z"}},
		{name: "monthly day 31 in leap February", s: monthly("2024-01-31", "06:00:00", "", 31, 1), zone: "UTC",
			after: "2024-01-01T00:00:00Z", n: 3,
			want: []string{"2024-01-31T06:00:00Z", "2024-02-29T06:00:00Z", "2024-03-31T06:00:00Z"}},
		{name: "monthly run on endDate included", s: monthly("2025-01-01", "06:00:00", "2025-04-30", 31, 1), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 10,
			want: []string{"2025-01-31T06:00:00Z", "2025-02-28T06:00:00Z", "2025-03-31T06:00:00Z", "2025-04-30T06:00:00Z"}},
		{name: "monthly every 2 months, first before startDate skipped", s: monthly("2025-01-20", "12:00:00", "", 15, 2), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 3,
			want: []string{"2025-03-15T12:00:00Z", "2025-05-15T12:00:00Z", "2025-07-15T12:00:00Z"}},
		{name: "monthly every month, first before startDate skipped", s: monthly("2025-01-20", "12:00:00", "", 10, 1), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 2, want: []string{"2025-02-10T12:00:00Z", "2025-03-10T12:00:00Z"}},
		{name: "monthly every 3 months day 30 after in the middle", s: monthly("2024-11-05", "00:00:00", "2026-03-01", 30, 3), zone: "UTC",
			after: "2025-06-01T00:00:00Z", n: 10,
			want: []string{"2025-08-30T00:00:00Z", "2025-11-30T00:00:00Z", "2026-02-28T00:00:00Z"}},
		{name: "monthly every 12 months started years ago", s: monthly("2020-03-01", "00:00:00", "", 1, 12), zone: "UTC",
			after: "2025-05-15T00:00:00Z", n: 2, want: []string{"2026-03-01T00:00:00Z", "2027-03-01T00:00:00Z"}},

		{name: "hourly every 5 h until end of endDate", s: hourly("2025-01-01", "22:00:00", "2025-01-02", 5), zone: "UTC",
			after: "2024-12-01T00:00:00Z", n: 100,
			want: []string{"2025-01-01T22:00:00Z", "2025-01-02T03:00:00Z", "2025-01-02T08:00:00Z", "2025-01-02T13:00:00Z", "2025-01-02T18:00:00Z", "2025-01-02T23:00:00Z"}},
		{name: "hourly started years ago, after on a run", s: hourly("2020-01-01", "00:00:00", "", 7), zone: "UTC",
			after: "2025-01-01T00:00:00Z", n: 3,
			want: []string{"2025-01-01T00:00:00Z", "2025-01-01T07:00:00Z", "2025-01-01T14:00:00Z"}},
		{name: "hourly started years ago, after just past a run", s: hourly("2020-01-01", "00:00:00", "", 7), zone: "UTC",
			after: "2025-01-01T00:00:01Z", n: 3,
			want: []string{"2025-01-01T07:00:00Z", "2025-01-01T14:00:00Z", "2025-01-01T21:00:00Z"}},
		{name: "hourly end of endDate is in the zone", s: hourly("2025-06-02", "21:00:00", "2025-06-02", 1), zone: "Europe/Berlin",
			after: "2025-01-01T00:00:00Z", n: 10,
			want: []string{"2025-06-02T21:00:00+02:00", "2025-06-02T22:00:00+02:00", "2025-06-02T23:00:00+02:00"}},
	})
}

// TestNextRunsDST: DAILY, WEEKLY and MONTHLY keep the wall clock; a time in
// the spring-forward gap moves forward by the gap, a time in the fall-back
// overlap takes its first (daylight) occurrence. Go's time.Date alone gets
// New York's gap and Berlin's and Sydney's overlaps wrong for this rule.
func TestNextRunsDST(t *testing.T) {
	const jan = "2025-01-01T00:00:00Z"
	runNextRunCases(t, []nextRunCase{
		{name: "NY daily 02:30 spring gap", s: sch(Daily, "2025-03-08", "02:30:00", ""), zone: "America/New_York", after: jan, n: 3,
			want: []string{"2025-03-08T02:30:00-05:00", "2025-03-09T03:30:00-04:00", "2025-03-10T02:30:00-04:00"}},
		{name: "Berlin daily 02:30 spring gap", s: sch(Daily, "2025-03-29", "02:30:00", ""), zone: "Europe/Berlin", after: jan, n: 3,
			want: []string{"2025-03-29T02:30:00+01:00", "2025-03-30T03:30:00+02:00", "2025-03-31T02:30:00+02:00"}},
		{name: "Sydney daily 02:30 spring gap", s: sch(Daily, "2025-10-04", "02:30:00", ""), zone: "Australia/Sydney", after: jan, n: 3,
			want: []string{"2025-10-04T02:30:00+10:00", "2025-10-05T03:30:00+11:00", "2025-10-06T02:30:00+11:00"}},
		{name: "Lord Howe daily 02:15 half-hour gap", s: sch(Daily, "2025-10-04", "02:15:00", ""), zone: "Australia/Lord_Howe", after: jan, n: 3,
			want: []string{"2025-10-04T02:15:00+10:30", "2025-10-05T02:45:00+11:00", "2025-10-06T02:15:00+11:00"}},
		{name: "NY daily 01:30 fall-back first occurrence", s: sch(Daily, "2025-11-01", "01:30:00", ""), zone: "America/New_York", after: jan, n: 3,
			want: []string{"2025-11-01T01:30:00-04:00", "2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00"}},
		{name: "NY daily 01:30 fall-back, after between the two occurrences", s: sch(Daily, "2025-11-01", "01:30:00", ""), zone: "America/New_York",
			after: "2025-11-02T05:30:01Z", n: 1, want: []string{"2025-11-03T01:30:00-05:00"}},
		{name: "Berlin daily 02:30 fall-back first occurrence", s: sch(Daily, "2025-10-25", "02:30:00", ""), zone: "Europe/Berlin", after: jan, n: 3,
			want: []string{"2025-10-25T02:30:00+02:00", "2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00"}},
		{name: "Sydney daily 02:30 fall-back first occurrence", s: sch(Daily, "2025-04-05", "02:30:00", ""), zone: "Australia/Sydney", after: jan, n: 3,
			want: []string{"2025-04-05T02:30:00+11:00", "2025-04-06T02:30:00+11:00", "2025-04-07T02:30:00+10:00"}},

		{name: "NY weekly Monday 09:00 spring", s: weekly("2025-03-01", "09:00:00", "", 1), zone: "America/New_York", after: jan, n: 2,
			want: []string{"2025-03-03T09:00:00-05:00", "2025-03-10T09:00:00-04:00"}},
		{name: "NY weekly Monday 09:00 fall", s: weekly("2025-10-25", "09:00:00", "", 1), zone: "America/New_York", after: jan, n: 2,
			want: []string{"2025-10-27T09:00:00-04:00", "2025-11-03T09:00:00-05:00"}},
		{name: "Berlin weekly Sunday 09:00 spring", s: weekly("2025-03-23", "09:00:00", "", 7), zone: "Europe/Berlin", after: jan, n: 3,
			want: []string{"2025-03-23T09:00:00+01:00", "2025-03-30T09:00:00+02:00", "2025-04-06T09:00:00+02:00"}},
		{name: "Berlin weekly Sunday 09:00 fall", s: weekly("2025-10-19", "09:00:00", "", 7), zone: "Europe/Berlin", after: jan, n: 2,
			want: []string{"2025-10-19T09:00:00+02:00", "2025-10-26T09:00:00+01:00"}},
		{name: "Berlin weekly Sunday 02:30 in the gap", s: weekly("2025-03-23", "02:30:00", "2025-04-06", 7), zone: "Europe/Berlin", after: jan, n: 10,
			want: []string{"2025-03-23T02:30:00+01:00", "2025-03-30T03:30:00+02:00", "2025-04-06T02:30:00+02:00"}},

		{name: "Berlin monthly day 30 02:30 in the gap", s: monthly("2025-03-01", "02:30:00", "", 30, 1), zone: "Europe/Berlin", after: jan, n: 2,
			want: []string{"2025-03-30T03:30:00+02:00", "2025-04-30T02:30:00+02:00"}},
		{name: "NY one-time in the gap", s: sch(OneTime, "2025-03-09", "02:30:00", ""), zone: "America/New_York", after: jan, n: 2,
			want: []string{"2025-03-09T03:30:00-04:00"}},

		// Samoa skipped 2011-12-30 entirely (-10:00 -> +14:00): the 30th
		// moves forward onto the same instant as the 31st and runs once.
		{name: "Apia skipped day runs once", s: sch(Daily, "2011-12-28", "10:00:00", ""), zone: "Pacific/Apia", after: "2011-01-01T00:00:00Z", n: 4,
			want: []string{"2011-12-28T10:00:00-10:00", "2011-12-29T10:00:00-10:00", "2011-12-31T10:00:00+14:00", "2012-01-01T10:00:00+14:00"}},
	})
}

// TestNextRunsHourlyDST: HOURLY counts elapsed hours, so the wall-clock hour
// shifts across a DST change. Checked as exact UTC instants and local times.
func TestNextRunsHourlyDST(t *testing.T) {
	const jan = "2025-01-01T00:00:00Z"
	cases := []struct {
		name      string
		s         ScriptSchedule
		zone      string
		after     string
		n         int
		wantUTC   []string
		wantLocal []string
	}{
		{name: "NY spring forward", s: hourly("2025-03-09", "00:00:00", "", 1), zone: "America/New_York", after: jan, n: 4,
			wantUTC:   []string{"2025-03-09T05:00:00Z", "2025-03-09T06:00:00Z", "2025-03-09T07:00:00Z", "2025-03-09T08:00:00Z"},
			wantLocal: []string{"2025-03-09T00:00:00-05:00", "2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00", "2025-03-09T04:00:00-04:00"}},
		{name: "NY fall back", s: hourly("2025-11-02", "00:00:00", "", 1), zone: "America/New_York", after: jan, n: 4,
			wantUTC:   []string{"2025-11-02T04:00:00Z", "2025-11-02T05:00:00Z", "2025-11-02T06:00:00Z", "2025-11-02T07:00:00Z"},
			wantLocal: []string{"2025-11-02T00:00:00-04:00", "2025-11-02T01:00:00-04:00", "2025-11-02T01:00:00-05:00", "2025-11-02T02:00:00-05:00"}},
		{name: "Berlin spring forward", s: hourly("2025-03-30", "00:00:00", "", 1), zone: "Europe/Berlin", after: jan, n: 4,
			wantUTC:   []string{"2025-03-29T23:00:00Z", "2025-03-30T00:00:00Z", "2025-03-30T01:00:00Z", "2025-03-30T02:00:00Z"},
			wantLocal: []string{"2025-03-30T00:00:00+01:00", "2025-03-30T01:00:00+01:00", "2025-03-30T03:00:00+02:00", "2025-03-30T04:00:00+02:00"}},
		{name: "Berlin fall back", s: hourly("2025-10-26", "00:00:00", "", 1), zone: "Europe/Berlin", after: jan, n: 5,
			wantUTC:   []string{"2025-10-25T22:00:00Z", "2025-10-25T23:00:00Z", "2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z"},
			wantLocal: []string{"2025-10-26T00:00:00+02:00", "2025-10-26T01:00:00+02:00", "2025-10-26T02:00:00+02:00", "2025-10-26T02:00:00+01:00", "2025-10-26T03:00:00+01:00"}},
		{name: "NY every 5 h through fall back until end of endDate", s: hourly("2025-11-01", "20:00:00", "2025-11-02", 5), zone: "America/New_York", after: jan, n: 100,
			wantUTC:   []string{"2025-11-02T00:00:00Z", "2025-11-02T05:00:00Z", "2025-11-02T10:00:00Z", "2025-11-02T15:00:00Z", "2025-11-02T20:00:00Z", "2025-11-03T01:00:00Z"},
			wantLocal: []string{"2025-11-01T20:00:00-04:00", "2025-11-02T01:00:00-04:00", "2025-11-02T05:00:00-05:00", "2025-11-02T10:00:00-05:00", "2025-11-02T15:00:00-05:00", "2025-11-02T20:00:00-05:00"}},
		{name: "NY every 3 h, after in the middle across spring forward", s: hourly("2025-03-08", "00:00:00", "", 3), zone: "America/New_York", after: "2025-03-09T06:00:00Z", n: 3,
			wantUTC:   []string{"2025-03-09T08:00:00Z", "2025-03-09T11:00:00Z", "2025-03-09T14:00:00Z"},
			wantLocal: []string{"2025-03-09T04:00:00-04:00", "2025-03-09T07:00:00-04:00", "2025-03-09T10:00:00-04:00"}},
		{name: "NY start in the gap moves forward", s: hourly("2025-03-09", "02:30:00", "", 2), zone: "America/New_York", after: jan, n: 2,
			wantUTC:   []string{"2025-03-09T07:30:00Z", "2025-03-09T09:30:00Z"},
			wantLocal: []string{"2025-03-09T03:30:00-04:00", "2025-03-09T05:30:00-04:00"}},
		{name: "Berlin start in the overlap takes the first", s: hourly("2025-10-26", "02:30:00", "", 1), zone: "Europe/Berlin", after: jan, n: 3,
			wantUTC:   []string{"2025-10-26T00:30:00Z", "2025-10-26T01:30:00Z", "2025-10-26T02:30:00Z"},
			wantLocal: []string{"2025-10-26T02:30:00+02:00", "2025-10-26T02:30:00+01:00", "2025-10-26T03:30:00+01:00"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NextRuns(tc.s, loadZone(t, tc.zone), mustTime(t, tc.after), tc.n)
			if err != nil {
				t.Fatalf("NextRuns: %v", err)
			}
			if g := formatRuns(got, true); !slices.Equal(g, tc.wantUTC) {
				t.Errorf("UTC\n got  %q\n want %q", g, tc.wantUTC)
			}
			if g := formatRuns(got, false); !slices.Equal(g, tc.wantLocal) {
				t.Errorf("local\n got  %q\n want %q", g, tc.wantLocal)
			}
		})
	}
}

func TestNextRunsWeeklyWeekdays(t *testing.T) {
	got, err := NextRuns(weekly("2025-03-05", "10:00:00", "", 1, 2), time.UTC, mustTime(t, "2025-01-01T00:00:00Z"), 6)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range got {
		names = append(names, r.Format("Mon 2006-01-02"))
	}
	want := []string{"Mon 2025-03-10", "Tue 2025-03-11", "Mon 2025-03-17", "Tue 2025-03-18", "Mon 2025-03-24", "Tue 2025-03-25"}
	if !slices.Equal(names, want) {
		t.Errorf("got %q, want %q", names, want)
	}
	for i, r := range got {
		if w := []time.Weekday{time.Monday, time.Tuesday}[i%2]; r.Weekday() != w {
			t.Errorf("run %d on %v, want %v", i, r.Weekday(), w)
		}
	}
}

// TestNextRunsMany: n = 1000 without an end; strictly increasing, and the
// last run is where calendar arithmetic puts it.
func TestNextRunsMany(t *testing.T) {
	after := mustTime(t, "2025-01-01T00:00:00Z")
	cases := []struct {
		name     string
		s        ScriptSchedule
		wantLast string
	}{
		{"daily", sch(Daily, "2020-01-01", "09:00:00", ""), "2027-09-27T09:00:00Z"},      // 2025-01-01 + 999 days
		{"hourly", hourly("2025-01-01", "00:00:00", "", 1), "2025-02-11T15:00:00Z"},      // + 999 h
		{"monthly", monthly("2025-01-01", "00:00:00", "", 1, 1), "2108-04-01T00:00:00Z"}, // + 999 months
		{"weekly", weekly("2025-01-01", "00:00:00", "", 1, 2, 3, 4, 5, 6, 7), "2027-09-27T00:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NextRuns(tc.s, time.UTC, after, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1000 {
				t.Fatalf("got %d runs, want 1000", len(got))
			}
			for i := 1; i < len(got); i++ {
				if !got[i].After(got[i-1]) {
					t.Fatalf("run %d %v not after %v", i, got[i], got[i-1])
				}
			}
			if last := got[999].Format(time.RFC3339); last != tc.wantLast {
				t.Errorf("last run %s, want %s", last, tc.wantLast)
			}
		})
	}
}

func TestNextRunsNonPositiveN(t *testing.T) {
	for _, n := range []int{0, -1} {
		got, err := NextRuns(ScriptSchedule{ScheduleType: "BOGUS"}, nil, time.Time{}, n)
		if got != nil || err != nil {
			t.Errorf("n=%d: got %v, %v; want nil, nil", n, got, err)
		}
	}
}

func TestNextRunsErrors(t *testing.T) {
	ok := sch(Daily, "2025-01-01", "09:00:00", "2025-12-31")
	with := func(f func(*ScriptSchedule)) ScriptSchedule { s := ok; f(&s); return s }
	cases := []struct {
		name    string
		s       ScriptSchedule
		nilLoc  bool
		wantSub string
	}{
		{"bad startDate", with(func(s *ScriptSchedule) { s.StartDate = "2025-02-30" }), false, "startDate"},
		{"empty startDate", with(func(s *ScriptSchedule) { s.StartDate = "" }), false, "startDate"},
		{"bad startTime", with(func(s *ScriptSchedule) { s.StartTime = "25:00:00" }), false, "startTime"},
		{"short startTime", with(func(s *ScriptSchedule) { s.StartTime = "09:00" }), false, "startTime"},
		{"bad endDate", with(func(s *ScriptSchedule) { s.EndDate = Ptr("31/12/2025") }), false, "endDate"},
		{"unknown type", with(func(s *ScriptSchedule) { s.ScheduleType = "YEARLY" }), false, "scheduleType"},
		{"empty type", with(func(s *ScriptSchedule) { s.ScheduleType = "" }), false, "scheduleType"},
		{"hourly nil interval", with(func(s *ScriptSchedule) { s.ScheduleType = Hourly }), false, "hourlyInterval"},
		{"hourly interval 0", hourly("2025-01-01", "00:00:00", "", 0), false, "hourlyInterval"},
		{"weekly no days", weekly("2025-01-01", "00:00:00", ""), false, "daysOfWeek"},
		{"weekly day 0", weekly("2025-01-01", "00:00:00", "", 1, 0), false, "daysOfWeek"},
		{"weekly day 8", weekly("2025-01-01", "00:00:00", "", 8), false, "daysOfWeek"},
		{"monthly nil date", with(func(s *ScriptSchedule) { s.ScheduleType = Monthly; s.RecurrenceMonth = Ptr(1) }), false, "recurrenceDate"},
		{"monthly date 0", monthly("2025-01-01", "00:00:00", "", 0, 1), false, "recurrenceDate"},
		{"monthly date 32", monthly("2025-01-01", "00:00:00", "", 32, 1), false, "recurrenceDate"},
		{"monthly nil month", with(func(s *ScriptSchedule) { s.ScheduleType = Monthly; s.RecurrenceDate = Ptr(1) }), false, "recurrenceMonth"},
		{"monthly month 0", monthly("2025-01-01", "00:00:00", "", 1, 0), false, "recurrenceMonth"},
		{"nil location", ok, true, "location"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			loc := time.UTC
			if tc.nilLoc {
				loc = nil
			}
			got, err := NextRuns(tc.s, loc, mustTime(t, "2025-01-01T00:00:00Z"), 5)
			if err == nil {
				t.Fatalf("no error; runs %v", got)
			}
			if !strings.Contains(err.Error(), tc.wantSub) {
				t.Errorf("error %q does not mention %q", err, tc.wantSub)
			}
			if got != nil {
				t.Errorf("runs %v with an error", got)
			}
		})
	}
}

func TestDescribeRun(t *testing.T) {
	berlin := loadZone(t, "Europe/Berlin")
	ny := loadZone(t, "America/New_York")
	run := time.Date(2025, 3, 31, 2, 0, 0, 0, berlin)
	const abs = "Mon 2025-03-31 02:00 CEST"
	cases := []struct {
		name string
		t    time.Time
		now  time.Time
		want string
	}{
		{"days and hours", run, run.Add(-(3*24*time.Hour + 4*time.Hour + 30*time.Minute)), abs + " (in 3 d 4 h)"},
		{"whole days", run, run.Add(-72 * time.Hour), abs + " (in 3 d)"},
		{"hours and minutes", run, run.Add(-(4*time.Hour + 5*time.Minute + 59*time.Second)), abs + " (in 4 h 5 min)"},
		{"whole hours", run, run.Add(-4 * time.Hour), abs + " (in 4 h)"},
		{"minutes", run, run.Add(-(12*time.Minute + 59*time.Second)), abs + " (in 12 min)"},
		{"under a minute", run, run.Add(-30 * time.Second), abs + " (in < 1 min)"},
		{"now", run, run, abs + " (in < 1 min)"},
		{"just past", run, run.Add(30 * time.Second), abs + " (< 1 min ago)"},
		{"hours and minutes ago", run, run.Add(2*time.Hour + 10*time.Minute), abs + " (2 h 10 min ago)"},
		{"days ago", run, run.Add(3*24*time.Hour + 59*time.Minute), abs + " (3 d ago)"},
		{"day and hour ago", run, run.Add(25 * time.Hour), abs + " (1 d 1 h ago)"},
		{"other zone", time.Date(2025, 3, 8, 9, 0, 0, 0, ny), time.Date(2025, 3, 8, 13, 48, 0, 0, time.UTC), "Sat 2025-03-08 09:00 EST (in 12 min)"},
		{"winter time", time.Date(2025, 3, 29, 23, 5, 0, 0, berlin), time.Date(2025, 3, 29, 22, 0, 0, 0, time.UTC), "Sat 2025-03-29 23:05 CET (in 5 min)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DescribeRun(tc.t, tc.now); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// The table cell drops the year and the zone (the column names it) and
// keeps the rest.
func TestDescribeRunShort(t *testing.T) {
	berlin := loadZone(t, "Europe/Berlin")
	run := time.Date(2025, 3, 31, 2, 0, 0, 0, berlin)
	for now, want := range map[time.Time]string{
		run.Add(-(3*24*time.Hour + 4*time.Hour)): "Mon 03-31 02:00 (in 3 d 4 h)",
		run.Add(25 * time.Hour):                  "Mon 03-31 02:00 (1 d 1 h ago)",
	} {
		if got := DescribeRunShort(run, now); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func BenchmarkNextRuns(b *testing.B) {
	s := sch(Daily, "2020-03-01", "09:00:00", "2030-12-31")
	loc := loadZone(b, "Europe/Berlin")
	after := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for b.Loop() {
		runs, err := NextRuns(s, loc, after, 10)
		if err != nil || len(runs) != 10 {
			b.Fatalf("%d runs, %v", len(runs), err)
		}
	}
}

func TestUpcomingIsEmptyForAnInactiveScheduleAndShownInTheDisplayZone(t *testing.T) {
	s := ScriptSchedule{Activate: true, ScheduleType: Daily, StartDate: "2030-01-01", StartTime: "23:30:00", EndDate: Ptr("2030-12-31")}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	now := time.Date(2030, 3, 1, 0, 0, 0, 0, time.UTC)
	runs, err := Upcoming(s, tokyo, now, 1)
	if err != nil || len(runs) != 1 || runs[0].Location() != tokyo || runs[0].Format("2006-01-02 15:04") != "2030-03-02 08:30" {
		t.Fatalf("active: %v %v, want 2030-03-02 08:30 in Tokyo (23:30 UTC)", runs, err)
	}
	s.Activate = false
	if runs, err := Upcoming(s, tokyo, now, 1); err != nil || len(runs) != 0 {
		t.Fatalf("inactive: %v %v, want no run", runs, err)
	}
	if runs, _ := Preview(s, tokyo, now, 1); len(runs) != 1 {
		t.Fatal("a preview of an inactive schedule shows its runs")
	}
}

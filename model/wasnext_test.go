package model

import (
	"strings"
	"testing"
	"time"
)

// wsched builds a scheduling block: start is RFC 3339 (any offset), kept
// as the UTC startDate.
func wsched(tb testing.TB, start, zone, occ string, o *WASOccurrence) *WASScheduling {
	tb.Helper()
	return &WASScheduling{
		StartDate:      Ptr(mustTime(tb, start).UTC().Format(WASTimeLayout)),
		TimeZone:       &WASTimeZone{Code: zone},
		OccurrenceType: Ptr(occ),
		Occurrence:     o,
	}
}

func weeklyOcc(every int, count *int, days ...string) *WASOccurrence {
	return &WASOccurrence{Weekly: &WASWeekly{EveryNWeeks: every, OnDays: days, OccurrenceCount: count}}
}

func hourlyOcc(every int, count *int) *WASOccurrence {
	return &WASOccurrence{Hourly: &WASHourly{EveryNHours: every, OccurrenceCount: count}}
}

func monthlyOcc(r WASMonthlyRule) *WASOccurrence {
	return &WASOccurrence{Monthly: &WASMonthly{InnerXML: r.InnerXML()}}
}

func TestWASNextLaunches(t *testing.T) {
	cases := []struct {
		name  string
		sc    *WASScheduling
		after string
		n     int
		want  []string // RFC 3339 in the schedule's zone
	}{
		{"once ahead", wsched(t, "2026-04-02T09:30:00+02:00", "Europe/Berlin", OccurrenceOnce, nil), "2026-03-30T00:00:00Z", 10,
			[]string{"2026-04-02T09:30:00+02:00"}},
		{"once passed", wsched(t, "2026-03-02T09:30:00+01:00", "Europe/Berlin", OccurrenceOnce, nil), "2026-03-30T00:00:00Z", 10, nil},
		{"daily every 2 days, from a later day", wsched(t, "2026-01-01T22:00:00-05:00", "America/New_York", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 2}}), "2026-01-10T12:00:00-05:00", 3,
			// Jan 1, 3, 5, 7 and 9 have passed.
			[]string{"2026-01-11T22:00:00-05:00", "2026-01-13T22:00:00-05:00", "2026-01-15T22:00:00-05:00"}},
		{"daily keeps the wall clock across summer time", wsched(t, "2026-03-27T09:00:00+01:00", "Europe/Berlin", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 1}}), "2026-03-27T00:00:00Z", 4,
			[]string{"2026-03-27T09:00:00+01:00", "2026-03-28T09:00:00+01:00", "2026-03-29T09:00:00+02:00", "2026-03-30T09:00:00+02:00"}},
		{"daily in the spring gap runs shifted forward", wsched(t, "2025-03-28T02:30:00+01:00", "Europe/Berlin", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 1}}), "2025-03-29T00:00:00Z", 3,
			[]string{"2025-03-29T02:30:00+01:00", "2025-03-30T03:30:00+02:00", "2025-03-31T02:30:00+02:00"}},
		{"daily in the autumn overlap runs at the first occurrence", wsched(t, "2025-10-25T02:30:00+02:00", "Europe/Berlin", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 1}}), "2025-10-25T00:00:00Z", 3,
			[]string{"2025-10-25T02:30:00+02:00", "2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00"}},
		{"daily in New York's gap", wsched(t, "2025-03-08T02:30:00-05:00", "America/New_York", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 1}}), "2025-03-08T00:00:00Z", 3,
			[]string{"2025-03-08T02:30:00-05:00", "2025-03-09T03:30:00-04:00", "2025-03-10T02:30:00-04:00"}},
		{"weekly every 2 weeks, weeks from Sunday", wsched(t, "2026-04-01T06:00:00Z", "UTC", OccurrenceWeekly, // a Wednesday
			weeklyOcc(2, nil, "MONDAY", "FRIDAY")), "2026-03-30T00:00:00Z", 5,
			// Week of Mar 29 (Fri Apr 3), skip week of Apr 5, week of Apr 12 (Mon 13, Fri 17), …
			[]string{"2026-04-03T06:00:00Z", "2026-04-13T06:00:00Z", "2026-04-17T06:00:00Z", "2026-04-27T06:00:00Z", "2026-05-01T06:00:00Z"}},
		{"weekly on Sunday and Saturday of the start's week", wsched(t, "2026-03-29T23:00:00+11:00", "Australia/Sydney", OccurrenceWeekly, // a Sunday
			weeklyOcc(1, nil, "SATURDAY", "SUNDAY")), "2026-03-01T00:00:00Z", 4,
			// Sydney leaves summer time on 2026-04-05 at 03:00.
			[]string{"2026-03-29T23:00:00+11:00", "2026-04-04T23:00:00+11:00", "2026-04-05T23:00:00+10:00", "2026-04-11T23:00:00+10:00"}},
		{"weekly ends after its occurrence count", wsched(t, "2026-03-02T08:00:00Z", "UTC", OccurrenceWeekly,
			weeklyOcc(1, Ptr(3), "MONDAY", "THURSDAY")), "2026-03-06T00:00:00Z", 10,
			// Mon 2, Thu 5 have passed; the third and last is Mon 9.
			[]string{"2026-03-09T08:00:00Z"}},
		{"daily ends after its occurrence count", wsched(t, "2026-03-01T08:00:00Z", "UTC", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 2, OccurrenceCount: Ptr(3)}}), "2026-03-02T00:00:00Z", 10,
			// Mar 1 has passed; Mar 3 and 5 are the second and third, the last.
			[]string{"2026-03-03T08:00:00Z", "2026-03-05T08:00:00Z"}},
		{"daily count spent", wsched(t, "2026-03-01T08:00:00Z", "UTC", OccurrenceDaily,
			&WASOccurrence{Daily: &WASDaily{EveryNDays: 2, OccurrenceCount: Ptr(3)}}), "2026-03-05T08:00:01Z", 10, nil},
		{"hourly every 5 hours runs on across midnight", wsched(t, "2026-04-01T22:00:00Z", "UTC", OccurrenceHourly,
			hourlyOcc(5, nil)), "2026-04-01T22:00:01Z", 4,
			[]string{"2026-04-02T03:00:00Z", "2026-04-02T08:00:00Z", "2026-04-02T13:00:00Z", "2026-04-02T18:00:00Z"}},
		{"hourly keeps its interval across New York's spring gap", wsched(t, "2025-03-08T22:00:00-05:00", "America/New_York", OccurrenceHourly,
			hourlyOcc(2, nil)), "2025-03-09T00:00:00-05:00", 4,
			// 2 hours of elapsed time apart: 00:00 EST, then 03:00 EDT.
			[]string{"2025-03-09T00:00:00-05:00", "2025-03-09T03:00:00-04:00", "2025-03-09T05:00:00-04:00", "2025-03-09T07:00:00-04:00"}},
		{"hourly runs twice in Berlin's repeated autumn hour", wsched(t, "2025-10-26T00:00:00+02:00", "Europe/Berlin", OccurrenceHourly,
			hourlyOcc(1, nil)), "2025-10-25T00:00:00Z", 5,
			[]string{"2025-10-26T00:00:00+02:00", "2025-10-26T01:00:00+02:00", "2025-10-26T02:00:00+02:00", "2025-10-26T02:00:00+01:00", "2025-10-26T03:00:00+01:00"}},
		{"hourly ends after its occurrence count", wsched(t, "2026-03-01T00:00:00+05:30", "Asia/Kolkata", OccurrenceHourly,
			hourlyOcc(6, Ptr(5))), "2026-03-01T13:00:00+05:30", 10,
			// 00:00, 06:00 and 12:00 have passed; 18:00 and the next 00:00 are the last two.
			[]string{"2026-03-01T18:00:00+05:30", "2026-03-02T00:00:00+05:30"}},
		{"hourly count spent", wsched(t, "2026-03-01T00:00:00Z", "UTC", OccurrenceHourly,
			hourlyOcc(6, Ptr(5))), "2026-03-02T00:00:01Z", 10, nil},
		{"hourly, a launch exactly at after", wsched(t, "2026-03-01T00:00:00Z", "UTC", OccurrenceHourly,
			hourlyOcc(23, nil)), "2026-03-01T23:00:00Z", 2,
			[]string{"2026-03-01T23:00:00Z", "2026-03-02T22:00:00Z"}},
		{"monthly day 31 falls on short months' last day", wsched(t, "2026-01-31T07:00:00-08:00", "America/Los_Angeles", OccurrenceMonthly,
			monthlyOcc(WASMonthlyRule{DayNb: 31, EveryNMonths: 1})), "2026-02-01T00:00:00Z", 4,
			[]string{"2026-02-28T07:00:00-08:00", "2026-03-31T07:00:00-07:00", "2026-04-30T07:00:00-07:00", "2026-05-31T07:00:00-07:00"}},
		{"monthly day 10 every 3 months, start after the 10th", wsched(t, "2026-01-20T12:00:00Z", "UTC", OccurrenceMonthly,
			monthlyOcc(WASMonthlyRule{DayNb: 10, EveryNMonths: 3})), "2026-01-01T00:00:00Z", 3,
			[]string{"2026-04-10T12:00:00Z", "2026-07-10T12:00:00Z", "2026-10-10T12:00:00Z"}},
		{"monthly second Tuesday every 2 months", wsched(t, "2026-03-01T05:30:00+05:30", "Asia/Kolkata", OccurrenceMonthly,
			monthlyOcc(WASMonthlyRule{DayOrder: "SECOND", WeekDay: "TUESDAY", EveryNMonths: 2})), "2026-03-30T00:00:00Z", 3,
			[]string{"2026-05-12T05:30:00+05:30", "2026-07-14T05:30:00+05:30", "2026-09-08T05:30:00+05:30"}},
		{"monthly last Friday, with a count", wsched(t, "2026-01-01T22:00:00Z", "UTC", OccurrenceMonthly,
			monthlyOcc(WASMonthlyRule{DayOrder: "LAST", WeekDay: "FRIDAY", EveryNMonths: 1, OccurrenceCount: Ptr(4)})), "2026-02-01T00:00:00Z", 10,
			[]string{"2026-02-27T22:00:00Z", "2026-03-27T22:00:00Z", "2026-04-24T22:00:00Z"}},
		{"monthly first Sunday, before and after summer time", wsched(t, "2026-02-01T02:30:00+01:00", "Europe/Berlin", OccurrenceMonthly,
			monthlyOcc(WASMonthlyRule{DayOrder: "FIRST", WeekDay: "SUNDAY", EveryNMonths: 1})), "2026-02-02T00:00:00Z", 2,
			[]string{"2026-03-01T02:30:00+01:00", "2026-04-05T02:30:00+02:00"}},
		{"monthly last Sunday in the autumn overlap", wsched(t, "2025-09-27T02:30:00+02:00", "Europe/Berlin", OccurrenceMonthly,
			monthlyOcc(WASMonthlyRule{DayOrder: "LAST", WeekDay: "SUNDAY", EveryNMonths: 1})), "2025-10-01T00:00:00Z", 2,
			[]string{"2025-10-26T02:30:00+02:00", "2025-11-30T02:30:00+01:00"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WASNextLaunches(tc.sc, mustTime(t, tc.after), tc.n)
			if err != nil {
				t.Fatal(err)
			}
			var gs []string
			for _, g := range got {
				if g.Location().String() != tc.sc.TimeZone.Code {
					t.Errorf("%v is not in %s", g, tc.sc.TimeZone.Code)
				}
				gs = append(gs, g.Format(time.RFC3339))
			}
			if strings.Join(gs, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got  %v\nwant %v", gs, tc.want)
			}
		})
	}
}

func TestWASNextLaunchesLongAfterTheStart(t *testing.T) {
	// Years of launches are skipped arithmetically, and the result is the
	// same as walking from the start.
	sc := wsched(t, "2016-01-04T03:00:00Z", "UTC", OccurrenceWeekly, weeklyOcc(3, nil, "MONDAY"))
	got, err := WASNextLaunches(sc, mustTime(t, "2026-03-30T00:00:00Z"), 2)
	if err != nil || len(got) != 2 {
		t.Fatal(got, err)
	}
	all, _ := WASNextLaunches(sc, mustTime(t, "2016-01-01T00:00:00Z"), 600)
	var i int
	for i < len(all) && all[i].Before(got[0]) {
		i++
	}
	if i+1 >= len(all) || !all[i].Equal(got[0]) || !all[i+1].Equal(got[1]) {
		t.Fatalf("skipping ahead gave %v, walking gave %v", got, all[i:i+2])
	}
	if d := got[1].Sub(got[0]); d != 21*24*time.Hour {
		t.Fatalf("every 3 weeks: %v apart", d)
	}
	// A huge interval ends rather than walking forever.
	huge := wsched(t, "2026-01-05T03:00:00Z", "UTC", OccurrenceWeekly, weeklyOcc(1<<40, nil, "MONDAY"))
	if got, err := WASNextLaunches(huge, mustTime(t, "2026-03-30T00:00:00Z"), 3); err != nil || len(got) != 3 {
		t.Fatalf("huge interval: %v %v", got, err)
	}
}

func TestWASHourlyLongAfterTheStart(t *testing.T) {
	// Years of hourly launches are skipped arithmetically, the same as
	// walking from the start, across every DST change in between.
	sc := wsched(t, "2016-01-04T03:00:00+01:00", "Europe/Berlin", OccurrenceHourly, hourlyOcc(7, nil))
	after := mustTime(t, "2026-03-29T00:00:00Z")
	got, err := WASNextLaunches(sc, after, 3)
	if err != nil || len(got) != 3 {
		t.Fatal(got, err)
	}
	start := mustTime(t, "2016-01-04T02:00:00Z")
	k := (after.Sub(start) + 7*time.Hour - 1) / (7 * time.Hour)
	for i, g := range got {
		if want := start.Add((k + time.Duration(i)) * 7 * time.Hour); !g.Equal(want) {
			t.Fatalf("launch %d: %v, want %v", i, g, want)
		}
	}
	if d := got[1].Sub(got[0]); d != 7*time.Hour {
		t.Fatalf("every 7 hours: %v apart", d)
	}
	// A count reaching past `after` is honoured without walking.
	sc.Occurrence.Hourly.OccurrenceCount = Ptr(int(k) + 2)
	if got, _ := WASNextLaunches(sc, after, 5); len(got) != 2 {
		t.Fatalf("count k+2: %v", got)
	}
}

func TestWASNextLaunchesRefusesWhatItCannotRead(t *testing.T) {
	ok := wsched(t, "2026-01-01T00:00:00Z", "UTC", OccurrenceDaily, &WASOccurrence{Daily: &WASDaily{EveryNDays: 1}})
	for name, mod := range map[string]func(s *WASScheduling){
		"no start":         func(s *WASScheduling) { s.StartDate = nil },
		"bad start":        func(s *WASScheduling) { s.StartDate = Ptr("2026-01-01 00:00") },
		"no zone":          func(s *WASScheduling) { s.TimeZone = nil },
		"unknown zone":     func(s *WASScheduling) { s.TimeZone.Code = "Mars/Olympus" },
		"local zone":       func(s *WASScheduling) { s.TimeZone.Code = "Local" },
		"no type":          func(s *WASScheduling) { s.OccurrenceType = nil },
		"hourly without N": func(s *WASScheduling) { s.OccurrenceType = Ptr(OccurrenceHourly) },
		"hourly every 0": func(s *WASScheduling) {
			s.OccurrenceType, s.Occurrence = Ptr(OccurrenceHourly), hourlyOcc(0, nil)
		},
		"hourly count 0": func(s *WASScheduling) {
			s.OccurrenceType, s.Occurrence = Ptr(OccurrenceHourly), hourlyOcc(1, Ptr(0))
		},
		"daily count 0": func(s *WASScheduling) {
			s.Occurrence = &WASOccurrence{Daily: &WASDaily{EveryNDays: 1, OccurrenceCount: Ptr(0)}}
		},
		"unknown type":    func(s *WASScheduling) { s.OccurrenceType = Ptr("YEARLY") },
		"daily without N": func(s *WASScheduling) { s.Occurrence = nil },
		"weekly, bad day": func(s *WASScheduling) {
			s.OccurrenceType, s.Occurrence = Ptr(OccurrenceWeekly), weeklyOcc(1, nil, "Monday")
		},
		"monthly, numeric dayOrder": func(s *WASScheduling) {
			s.OccurrenceType = Ptr(OccurrenceMonthly)
			s.Occurrence = &WASOccurrence{Monthly: &WASMonthly{InnerXML: "<monthlyType><occurDayOrderInMonth><dayOrder>2</dayOrder><dayOfMonth>MONDAY</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType>"}}
		},
	} {
		s := *ok
		s.TimeZone = &WASTimeZone{Code: "UTC"}
		mod(&s)
		if got, err := WASNextLaunches(&s, mustTime(t, "2026-03-30T00:00:00Z"), 5); err == nil {
			t.Errorf("%s: no error, %v", name, got)
		}
	}
	if got, err := WASNextLaunches(ok, time.Now(), 0); got != nil || err != nil {
		t.Errorf("n = 0: %v %v", got, err)
	}
}

func TestWASMonthlyRuleReadsAndWrites(t *testing.T) {
	// The stored form, elements in the schema's order.
	r := WASMonthlyRule{DayOrder: "LAST", WeekDay: "FRIDAY", EveryNMonths: 2, OccurrenceCount: Ptr(6)}
	want := "<monthlyType><occurDayOrderInMonth><dayOrder>LAST</dayOrder><dayOfMonth>FRIDAY</dayOfMonth><everyNMonths>2</everyNMonths></occurDayOrderInMonth></monthlyType><occurrenceCount>6</occurrenceCount>"
	if got := r.InnerXML(); got != want {
		t.Fatalf("InnerXML\n got %s\nwant %s", got, want)
	}
	// A read, indented and in another order, reads back the same.
	read := `
        <occurrenceCount> 6 </occurrenceCount>
        <monthlyType>
          <occurDayOrderInMonth>
            <everyNMonths>2</everyNMonths>
            <dayOfMonth>FRIDAY</dayOfMonth>
            <dayOrder>LAST</dayOrder>
          </occurDayOrderInMonth>
        </monthlyType>`
	got, err := ParseWASMonthly(read)
	if err != nil || got.InnerXML() != want {
		t.Fatalf("ParseWASMonthly: %+v %v", got, err)
	}
	d, err := ParseWASMonthly(WASMonthlyRule{DayNb: 15, EveryNMonths: 1}.InnerXML())
	if err != nil || d.DayNb != 15 || d.EveryNMonths != 1 || d.OccurrenceCount != nil {
		t.Fatalf("day number: %+v %v", d, err)
	}
	for _, bad := range []string{
		"", "<monthlyType/>", "<monthlyType><occurDayNbInMonth><dayNb>0</dayNb><everyNMonths>1</everyNMonths></occurDayNbInMonth></monthlyType>",
		"<monthlyType><occurDayNbInMonth><dayNb>5</dayNb><everyNMonths>13</everyNMonths></occurDayNbInMonth></monthlyType>",
		"<monthlyType><occurDayNbInMonth><dayNb>5</dayNb></occurDayNbInMonth></monthlyType>",
		"<monthlyType><occurDayNbInMonth><dayNb>5</dayNb><everyNMonths>1</everyNMonths><extra/></occurDayNbInMonth></monthlyType>",
		"<monthlyType><occurDayOrderInMonth><dayOrder>FIFTH</dayOrder><dayOfMonth>MONDAY</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType>",
		"<monthlyType><occurDayOrderInMonth><dayOrder>FIRST</dayOrder><dayOfMonth>monday</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType>",
		"<monthlyType><occurDayNbInMonth><dayNb>5</dayNb><everyNMonths>1</everyNMonths></occurDayNbInMonth></monthlyType><occurrenceCount>0</occurrenceCount>",
		"<monthlyType><occurDayNbInMonth>",
	} {
		if r, err := ParseWASMonthly(bad); err == nil {
			t.Errorf("%q read as %+v", bad, r)
		}
	}
}

func TestWASStart(t *testing.T) {
	for _, c := range []struct{ date, clock, zone, want string }{
		{"2026-04-02", "09:30", "Europe/Berlin", "2026-04-02T07:30:00Z"},
		{"2026-01-15", "23:45:10", "America/New_York", "2026-01-16T04:45:10Z"},
		{"2025-03-30", "02:30", "Europe/Berlin", "2025-03-30T01:30:00Z"}, // in the gap: 03:30 CEST
		{"2025-10-26", "02:30", "Europe/Berlin", "2025-10-26T00:30:00Z"}, // twice: the first, CEST
		{"2025-03-09", "02:30", "America/New_York", "2025-03-09T07:30:00Z"},
	} {
		got, err := WASStart(c.date, c.clock, c.zone)
		if err != nil || got.Format(WASTimeLayout) != c.want {
			t.Errorf("WASStart(%s, %s, %s) = %v, %v; want %s", c.date, c.clock, c.zone, got.Format(WASTimeLayout), err, c.want)
		}
	}
	for _, c := range [][3]string{{"2026-4-2", "09:30", "UTC"}, {"2026-04-02", "9h30", "UTC"}, {"2026-04-02", "25:00", "UTC"}, {"2026-04-02", "09:30", "Local"}, {"2026-04-02", "09:30", ""}, {"2026-04-02", "09:30", "Nowhere/Town"}} {
		if _, err := WASStart(c[0], c[1], c[2]); err == nil {
			t.Errorf("WASStart%v: no error", c)
		}
	}
}

package model

import (
	"testing"
	"time"
)

// fuzzZones are the zones NextRuns is fuzzed in: UTC, zones with DST
// forward and backward in both hemispheres, a half-hour DST (Lord Howe)
// and a zone that skipped a whole day (Apia, 2011-12-30).
var fuzzZones = []string{"UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo"}

// FuzzNextRuns checks next-run computation for any schedule type, start,
// end, time of day and `after`, across DST changes: at most n runs, strictly
// increasing, none before `after`, none on a day (in the zone) before the
// start date, none after the last moment of the end date, and a one-time
// schedule runs at most once.
func FuzzNextRuns(f *testing.F) {
	f.Add(uint8(1), int16(0), int16(10), uint32(2*3600+30*60), int32(0), uint8(3), uint8(0b0000101), uint8(31), uint8(1), uint8(1), uint8(20))
	f.Add(uint8(1), int16(60), int16(400), uint32(2*3600+30*60), int32(-40), uint8(1), uint8(0), uint8(1), uint8(1), uint8(1), uint8(50))
	f.Add(uint8(5), int16(-30), int16(-1), uint32(86399), int32(3), uint8(4), uint8(0b1000001), uint8(29), uint8(1), uint8(2), uint8(30))
	f.Add(uint8(2), int16(0), int16(0), uint32(0), int32(-500), uint8(2), uint8(0), uint8(1), uint8(1), uint8(0), uint8(5))
	f.Fuzz(func(t *testing.T, zone uint8, startDay, endDays int16, clockSec uint32, afterHours int32, typ uint8, days uint8, dom, every, hours, n uint8) {
		loc, err := time.LoadLocation(fuzzZones[int(zone)%len(fuzzZones)])
		if err != nil {
			t.Skip(err)
		}
		// Dates around 2011–2031, where the zones above changed their rules.
		base := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
		start := base.AddDate(0, 0, int(startDay)%3700)
		s := ScriptSchedule{
			ScheduleType: []ScheduleType{OneTime, Hourly, Daily, Weekly, Monthly}[int(typ)%5],
			StartDate:    start.Format(DateLayout),
			StartTime:    time.Date(2000, 1, 1, 0, 0, int(clockSec%86400), 0, time.UTC).Format(TimeLayout),
		}
		var end time.Time
		if endDays >= 0 {
			end = start.AddDate(0, 0, int(endDays)%800)
			s.EndDate = Ptr(end.Format(DateLayout))
		}
		s.HourlyInterval = Ptr(1 + int(hours)%24)
		for d := 1; d <= 7; d++ {
			if days&(1<<(d-1)) != 0 {
				s.DaysOfWeek = append(s.DaysOfWeek, d)
			}
		}
		if len(s.DaysOfWeek) == 0 {
			s.DaysOfWeek = []int{1 + int(days)%7}
		}
		s.RecurrenceDate, s.RecurrenceMonth = Ptr(1+int(dom)%31), Ptr(1+int(every)%12)
		s.MonthlyScheduleType = Ptr(MonthlyDateOfMonthJob)
		after := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc).Add(time.Duration(afterHours%(24*900)) * time.Hour)
		max := int(n) % 64

		got, err := NextRuns(s, loc, after, max)
		if err != nil {
			t.Fatalf("NextRuns(%+v): %v", s, err)
		}
		if len(got) > max || (s.ScheduleType == OneTime && len(got) > 1) {
			t.Fatalf("%d runs for n=%d (%s)", len(got), max, s.ScheduleType)
		}
		day := func(t time.Time) string { return t.In(loc).Format(DateLayout) }
		for i, r := range got {
			if i > 0 && !r.After(got[i-1]) {
				t.Fatalf("%s: run %d %v is not after run %d %v", loc, i, r, i-1, got[i-1])
			}
			if r.Before(after) {
				t.Fatalf("%s: run %v is before after=%v", loc, r, after)
			}
			if day(r) < s.StartDate {
				t.Fatalf("%s: run %v is before the start date %s", loc, r.In(loc), s.StartDate)
			}
			if s.EndDate != nil && day(r) > *s.EndDate {
				t.Fatalf("%s: run %v is after the end date %s", loc, r.In(loc), *s.EndDate)
			}
		}
	})
}

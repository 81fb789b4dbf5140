package model

import (
	"fmt"
	"time"
)

// This file computes when a ScriptSchedule runs. It is pure: no I/O, no
// clock; the caller passes the zone and the instant to start from.

// civil is a calendar date without a zone. Calendar arithmetic on it is done
// through time.Date in UTC, which has no DST and normalises overflowing
// days and months (Jan 32 -> Feb 1).
type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil { y, m, d := t.Date(); return civil{y, m, d} }

// utc is the civil date at midnight UTC, for day arithmetic and weekdays.
func (c civil) utc() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, time.UTC) }

func (c civil) addDays(n int) civil { return civilOf(time.Date(c.y, c.m, c.d+n, 0, 0, 0, 0, time.UTC)) }

func (c civil) before(o civil) bool { return c.utc().Before(o.utc()) }

// daysIn is the number of days of month m of year y.
func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// clock is a time of day, parsed from TimeLayout.
type clock struct{ h, m, s int }

// wallTime returns the instant at which the wall clock in loc shows date c
// at time k. Go's time.Date does not resolve DST edge cases consistently
// (observed with Go 1.26 and the system tzdata):
//
//   - gap (spring forward): 02:30 on 2025-03-30 in Europe/Berlin becomes
//     03:30 CEST (forward), but 02:30 on 2025-03-09 in America/New_York
//     becomes 01:30 EST (backward);
//   - overlap (fall back): 01:30 on 2025-11-02 in America/New_York becomes
//     the first occurrence (EDT), but 02:30 on 2025-10-26 in Europe/Berlin
//     and on 2025-04-06 in Australia/Sydney become the second (CET, AEST).
//
// Its result depends on the sign of the zone's UTC offset, and its
// documentation promises neither choice. So wallTime resolves these cases
// itself, the project's documented choice:
//
//   - a wall time in a gap is moved forward by the length of the gap
//     (02:30 on a day whose clocks jump 02:00 -> 03:00 runs at 03:30 of the
//     new offset: the instant that 02:30 of the old offset would have been);
//   - a wall time that occurs twice runs at its first occurrence (the
//     earlier instant, still on daylight time).
func wallTime(c civil, k clock, loc *time.Location) time.Time {
	// w is the wall clock read as if it were UTC; the real instant is
	// w - offset for whichever offset of loc is in effect at that instant.
	w := time.Date(c.y, c.m, c.d, k.h, k.m, k.s, 0, time.UTC)
	// Every offset that can apply to w lies within ±window of it (UTC
	// offsets stay within about ±16 h, even for local mean time).
	const window = 36 * time.Hour
	limit := w.Add(window)
	var (
		best      time.Time
		found     bool
		gap       time.Time
		gapFound  bool
		prevOff   int
		prevValid bool
	)
	cursor := w.Add(-window)
	// Walk the zone periods (intervals of constant offset) that overlap the
	// window; a handful at most, the bound only guards against surprises.
	for i := 0; i < 32 && !cursor.After(limit); i++ {
		in := cursor.In(loc)
		_, off := in.Zone()
		start, end := in.ZoneBounds()
		u := w.Add(-time.Duration(off) * time.Second)
		if (start.IsZero() || !u.Before(start)) && (end.IsZero() || u.Before(end)) {
			// w exists in this period; keep the earliest such instant.
			if !found || u.Before(best) {
				best, found = u, true
			}
		}
		// A transition at start from prevOff to off skips w if w read with
		// the old offset is at or after the transition and w read with the
		// new offset is before it. Then run at w read with the old offset.
		if prevValid && !start.IsZero() && !gapFound {
			old := w.Add(-time.Duration(prevOff) * time.Second)
			if !old.Before(start) && u.Before(start) {
				gap, gapFound = old, true
			}
		}
		if end.IsZero() || !end.After(cursor) {
			break
		}
		prevOff, prevValid = off, true
		cursor = end
	}
	switch {
	case found:
		return best.In(loc)
	case gapFound:
		return gap.In(loc)
	default:
		// Not expected with a well-formed zone; fall back on Go's choice.
		return time.Date(c.y, c.m, c.d, k.h, k.m, k.s, 0, loc)
	}
}

// maxInitialCap bounds the capacity allocated up front for the result, so a
// huge n costs memory only as runs are found.
const maxInitialCap = 1024

// NextRuns returns up to n execution times of s at or after `after`, computed in loc, none after the end of s.EndDate (end of that day in loc).
//
// Rules (the project's documented choices):
//   - startDate and startTime are wall-clock values in loc; endDate, when
//     given, ends at the end of that day in loc (runs on endDate are
//     included); a nil endDate means no end bound, for every type.
//   - ONE_TIME: one run at startDate startTime.
//   - DAILY: every day at startTime from startDate through endDate.
//   - WEEKLY: every ISO weekday in daysOfWeek (1 = Monday … 7 = Sunday, see
//     ISOWeekday) at startTime, from startDate through endDate.
//   - MONTHLY: on day recurrenceDate of months m0, m0+N, m0+2N … where m0 is
//     startDate's month and N is recurrenceMonth; a run before startDate is
//     skipped; in a month shorter than recurrenceDate the run falls on the
//     month's last day (MonthlyClampToLastDay).
//   - HOURLY: every hourlyInterval hours of elapsed time from the
//     startDate/startTime instant, so across a DST change the wall-clock
//     hour shifts (00:00 EST, 01:00 EST, 03:00 EDT on 2025-03-09 in New York).
//   - DAILY, WEEKLY and MONTHLY keep the wall clock: a run in a DST gap is
//     moved forward by the gap, a run in a DST overlap happens at the first
//     occurrence (see wallTime).
//
// Results are in loc and strictly increasing; should two wall times resolve
// to the same instant (a day skipped by the zone), it runs once. n <= 0
// returns nil, nil. The schedule is checked only as far as the computation
// needs (s.Validate is not called); errors are plain fmt errors.
func NextRuns(s ScriptSchedule, loc *time.Location, after time.Time, n int) ([]time.Time, error) {
	if n <= 0 {
		return nil, nil
	}
	if loc == nil {
		return nil, fmt.Errorf("next runs: nil location")
	}
	sd, err := time.Parse(DateLayout, s.StartDate)
	if err != nil {
		return nil, fmt.Errorf("startDate %q: not a date in the form YYYY-MM-DD", s.StartDate)
	}
	st, err := time.Parse(TimeLayout, s.StartTime)
	if err != nil {
		return nil, fmt.Errorf("startTime %q: not a time of day in the form HH:MM:SS", s.StartTime)
	}
	start := civilOf(sd)
	k := clock{st.Hour(), st.Minute(), st.Second()}

	var (
		end     civil
		hasEnd  bool
		endWall time.Time // first instant after the end date, exclusive
	)
	if s.EndDate != nil {
		ed, err := time.Parse(DateLayout, *s.EndDate)
		if err != nil {
			return nil, fmt.Errorf("endDate %q: not a date in the form YYYY-MM-DD", *s.EndDate)
		}
		end, hasEnd = civilOf(ed), true
		// The end of endDate is the start of the next day in loc.
		endWall = wallTime(end.addDays(1), clock{}, loc)
	}

	r := runs{after: after, loc: loc, n: n, hasEnd: hasEnd, end: endWall}
	r.out = make([]time.Time, 0, min(n, maxInitialCap))

	switch s.ScheduleType {
	case OneTime:
		r.add(wallTime(start, k, loc))
	case Hourly:
		if s.HourlyInterval == nil {
			return nil, fmt.Errorf("hourlyInterval: required for an HOURLY schedule")
		}
		if *s.HourlyInterval < 1 {
			return nil, fmt.Errorf("hourlyInterval: must be at least 1, got %d", *s.HourlyInterval)
		}
		r.hourly(wallTime(start, k, loc), int64(*s.HourlyInterval)*3600)
	case Daily:
		r.days(start, end, k, nil)
	case Weekly:
		if len(s.DaysOfWeek) == 0 {
			return nil, fmt.Errorf("daysOfWeek: at least one day is required for a WEEKLY schedule")
		}
		var want [7]bool // indexed by time.Weekday
		for _, d := range s.DaysOfWeek {
			if d < 1 || d > 7 {
				return nil, fmt.Errorf("daysOfWeek: %d is not a day (1 = Monday … 7 = Sunday)", d)
			}
			want[ISOWeekday(d)] = true
		}
		r.days(start, end, k, &want)
	case Monthly:
		if s.RecurrenceDate == nil {
			return nil, fmt.Errorf("recurrenceDate: required for a MONTHLY schedule")
		}
		if d := *s.RecurrenceDate; d < 1 || d > 31 {
			return nil, fmt.Errorf("recurrenceDate: must be between 1 and 31, got %d", d)
		}
		if s.RecurrenceMonth == nil {
			return nil, fmt.Errorf("recurrenceMonth: required for a MONTHLY schedule")
		}
		if m := *s.RecurrenceMonth; m < 1 {
			return nil, fmt.Errorf("recurrenceMonth: must be at least 1, got %d", m)
		}
		r.monthly(start, end, k, *s.RecurrenceDate, *s.RecurrenceMonth)
	default:
		return nil, fmt.Errorf("scheduleType %q: not one of ONE_TIME, HOURLY, DAILY, WEEKLY, MONTHLY", string(s.ScheduleType))
	}
	return r.out, nil
}

// runs collects results and applies the bounds common to every type.
type runs struct {
	after  time.Time
	loc    *time.Location
	n      int
	hasEnd bool
	end    time.Time // exclusive, valid if hasEnd
	out    []time.Time
}

func (r *runs) full() bool { return len(r.out) >= r.n }

// pastEnd reports whether t is after the end of endDate.
func (r *runs) pastEnd(t time.Time) bool { return r.hasEnd && !t.Before(r.end) }

// add appends t if it is at or after `after`, before the end bound and
// later than the previous run (so a run never occurs twice).
func (r *runs) add(t time.Time) {
	if t.Before(r.after) || r.pastEnd(t) {
		return
	}
	if len(r.out) > 0 && !t.After(r.out[len(r.out)-1]) {
		return
	}
	r.out = append(r.out, t.In(r.loc))
}

// hourly adds runs every step seconds of elapsed time from t0. It jumps to
// the first k with t0 + k*step >= after without iterating.
func (r *runs) hourly(t0 time.Time, step int64) {
	var k int64
	if r.after.After(t0) {
		// Whole seconds between the two; t0 has no fraction of a second.
		diff := r.after.Unix() - t0.Unix()
		k = diff / step
		if diff%step != 0 || r.after.Nanosecond() > 0 {
			k++
		}
	}
	base := t0.Unix()
	for ; !r.full(); k++ {
		t := time.Unix(base+k*step, 0)
		if r.pastEnd(t) {
			return
		}
		r.add(t)
	}
}

// days adds a run at clock k on every day from start through end (if
// hasEnd) whose weekday is in want (every day if want is nil). Days long
// before `after` are skipped arithmetically.
func (r *runs) days(start, end civil, k clock, want *[7]bool) {
	d := start
	// Begin one day before after's date in loc: no run on an earlier date
	// can be at or after `after` (a gap moves a run forward by an hour or
	// so, at most a day), and starting early is harmless.
	if from := civilOf(r.after.In(r.loc)).addDays(-1); start.before(from) {
		d = from
	}
	// Each week holds at least one wanted day, so 7 days per run plus a
	// margin bounds the loop even if every run were dropped (written as a
	// division so that a huge n cannot overflow).
	for steps := 0; !r.full() && steps/7 <= r.n; steps++ {
		if r.hasEnd && end.before(d) {
			return
		}
		if want == nil || want[d.utc().Weekday()] {
			t := wallTime(d, k, r.loc)
			if r.pastEnd(t) {
				return
			}
			r.add(t)
		}
		d = d.addDays(1)
	}
}

// monthly adds runs on day dom of every every-th month counted from
// start's month.
func (r *runs) monthly(start, end civil, k clock, dom, every int) {
	m0 := start.y*12 + int(start.m) - 1 // months since year 0
	var i int
	// Skip whole periods ending before the month preceding after's month.
	a := civilOf(r.after.In(r.loc))
	if am := a.y*12 + int(a.m) - 1 - 1; am > m0 {
		i = (am - m0) / every
	}
	// Without clamping a month may lack the day; a year holds at most 12
	// periods, so 12 periods per run plus a margin bounds the loop.
	for steps := 0; !r.full() && steps/12 <= r.n; steps, i = steps+1, i+1 {
		m := m0 + i*every
		y, mon := m/12, time.Month(m%12+1)
		day := dom
		if last := daysIn(y, mon); day > last {
			if !MonthlyClampToLastDay {
				continue
			}
			day = last
		}
		c := civil{y, mon, day}
		if c.before(start) {
			continue
		}
		if r.hasEnd && end.before(c) {
			return
		}
		t := wallTime(c, k, r.loc)
		if r.pastEnd(t) {
			return
		}
		r.add(t)
	}
}

// DescribeRun describes run time t for a person: the absolute time in t's
// location (weekday, date, HH:MM, zone abbreviation) and how far it is from
// now, e.g. "Mon 2025-03-31 02:00 CEST (in 3 d 4 h)" or
// "Sun 2025-03-30 09:00 CEST (2 h 10 min ago)". The relative part is
// truncated to its two largest units: days and hours from one day on, hours
// and minutes from one hour on, then minutes; under a minute it reads
// "in < 1 min" or "< 1 min ago".
func DescribeRun(t time.Time, now time.Time) string {
	return t.Format("Mon 2006-01-02 15:04 MST") + " (" + relative(t, now) + ")"
}

// relative is "in 3 h 55 min" or "2 d ago".
func relative(t, now time.Time) string {
	d := t.Sub(now)
	if d >= 0 {
		return "in " + relDuration(d)
	}
	return relDuration(d.Abs()) + " ago"
}

// DescribeRunShort is DescribeRun for a table cell whose header names the
// zone: no year, no zone, "Sun 11-22 04:00 (in 3 h 55 min)".
func DescribeRunShort(t time.Time, now time.Time) string {
	return t.Format("Mon 01-02 15:04") + " (" + relative(t, now) + ")"
}

func relDuration(d time.Duration) string {
	days := int64(d / (24 * time.Hour))
	hours := int64(d % (24 * time.Hour) / time.Hour)
	mins := int64(d % time.Hour / time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d h", hours)
	case mins > 0:
		return fmt.Sprintf("%d min", mins)
	default:
		return "< 1 min"
	}
}

// Upcoming is a schedule's next n runs as an operator sees them: computed
// in CARZone (U29) and shown in display. An inactive schedule has none.
func Upcoming(s ScriptSchedule, display *time.Location, now time.Time, n int) ([]time.Time, error) {
	if !s.Activate {
		return nil, nil
	}
	return Preview(s, display, now, n)
}

// Preview is Upcoming whether or not the schedule is active, for a
// schedule being built or edited.
func Preview(s ScriptSchedule, display *time.Location, now time.Time, n int) ([]time.Time, error) {
	if display == nil {
		display = time.UTC
	}
	runs, err := NextRuns(s, CARZone(), now, n)
	for i := range runs {
		runs[i] = runs[i].In(display)
	}
	return runs, err
}

package model

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// This file reads a WAS schedule's recurrence and computes its next
// launches. It is pure: no I/O, no clock. It shares no code with the
// simulator (client/sim/recur.go computes the same thing on its own), so
// that tests comparing the two mean something (operator-ux §10.6).

// WASDayOrders are the dayOrder values of a monthly "Nth weekday" rule
// (§15.3).
var WASDayOrders = []string{"FIRST", "SECOND", "THIRD", "FOURTH", "LAST"}

// MaxEveryNMonths bounds a monthly rule's interval (§15.3 hypothesis).
const MaxEveryNMonths = 12

// WASMonthlyRule is the content of monthlyOccurrence as §15.3's leading
// hypothesis (Qualys' webapp.xsd) reads it: a day number in the month
// (monthlyType/occurDayNbInMonth{dayNb, everyNMonths}) or the Nth weekday
// (monthlyType/occurDayOrderInMonth{dayOrder, dayOfMonth, everyNMonths}),
// and an optional occurrenceCount. The model keeps the element opaque
// (WASMonthly, U2); this is how qsched reads and writes it.
type WASMonthlyRule struct {
	DayNb           int    // 1–31; 0 for the Nth-weekday form
	DayOrder        string // FIRST … FOURTH, LAST (Nth-weekday form)
	WeekDay         string // SUNDAY … SATURDAY, sent as dayOfMonth (Nth-weekday form)
	EveryNMonths    int    // 1–12
	OccurrenceCount *int   // ends after this many launches; nil: no end
}

// monthlyPaths are the elements a monthlyOccurrence may hold, by parent.
var monthlyPaths = map[string][]string{
	"":                                 {"monthlyType", "occurrenceCount"},
	"monthlyType":                      {"occurDayNbInMonth", "occurDayOrderInMonth"},
	"monthlyType/occurDayNbInMonth":    {"dayNb", "everyNMonths"},
	"monthlyType/occurDayOrderInMonth": {"dayOrder", "dayOfMonth", "everyNMonths"},
}

// ParseWASMonthly reads the inner XML of a monthlyOccurrence (as
// WASMonthly keeps it) and checks it. A numeric dayOrder, which real
// servers are reported to return (§15.3), is refused: what its numbers
// stand for is not documented.
func ParseWASMonthly(inner string) (WASMonthlyRule, error) {
	var r WASMonthlyRule
	d := xml.NewDecoder(strings.NewReader("<m>" + inner + "</m>"))
	var path []string
	vals := map[string]string{}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return r, fmt.Errorf("monthlyOccurrence is not well-formed XML")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if path == nil {
				path = []string{}
				continue
			}
			parent := strings.Join(path, "/")
			if !slices.Contains(monthlyPaths[parent], t.Name.Local) {
				return r, fmt.Errorf("monthlyOccurrence: unexpected element %s", strings.Join(append(path, t.Name.Local), "/"))
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		case xml.CharData:
			if len(path) > 0 {
				k := strings.Join(path, "/")
				vals[k] += string(t)
			}
		}
	}
	for k, v := range vals {
		vals[k] = strings.TrimSpace(v)
	}
	num := func(k string) (int, error) {
		v, ok := vals[k]
		if !ok {
			return 0, fmt.Errorf("monthlyOccurrence: %s is required", k)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, fmt.Errorf("monthlyOccurrence: %s must be a whole number, got %q", k, v)
		}
		return n, nil
	}
	const nb, ord = "monthlyType/occurDayNbInMonth/", "monthlyType/occurDayOrderInMonth/"
	_, byNb := vals[nb+"dayNb"]
	_, byOrder := vals[ord+"dayOrder"]
	var err error
	switch {
	case byNb == byOrder:
		return r, errors.New("monthlyOccurrence: monthlyType needs exactly one of occurDayNbInMonth and occurDayOrderInMonth")
	case byNb:
		if r.DayNb, err = num(nb + "dayNb"); err != nil {
			return r, err
		}
		if r.EveryNMonths, err = num(nb + "everyNMonths"); err != nil {
			return r, err
		}
	default:
		r.DayOrder, r.WeekDay = vals[ord+"dayOrder"], vals[ord+"dayOfMonth"]
		if _, err := strconv.Atoi(r.DayOrder); err == nil {
			return r, fmt.Errorf("monthlyOccurrence: dayOrder %q is a number; what the numbers stand for is not documented (use FIRST … FOURTH or LAST)", r.DayOrder)
		}
		if r.EveryNMonths, err = num(ord + "everyNMonths"); err != nil {
			return r, err
		}
	}
	if _, ok := vals["occurrenceCount"]; ok {
		n, err := num("occurrenceCount")
		if err != nil {
			return r, err
		}
		r.OccurrenceCount = &n
	}
	return r, r.Check()
}

// Check reports the first problem of the rule, or nil.
func (r WASMonthlyRule) Check() error {
	switch {
	case r.DayNb == 0 && !slices.Contains(WASDayOrders, r.DayOrder):
		return fmt.Errorf("monthlyOccurrence: dayOrder must be one of %s, got %q", strings.Join(WASDayOrders, ", "), r.DayOrder)
	case r.DayNb == 0 && !slices.Contains(WeekDays, r.WeekDay):
		return fmt.Errorf("monthlyOccurrence: dayOfMonth must be a WeekDay (SUNDAY … SATURDAY), got %q", r.WeekDay)
	case r.DayNb != 0 && (r.DayNb < 1 || r.DayNb > 31):
		return fmt.Errorf("monthlyOccurrence: dayNb must be 1 to 31, got %d", r.DayNb)
	case r.EveryNMonths < 1 || r.EveryNMonths > MaxEveryNMonths:
		return fmt.Errorf("monthlyOccurrence: everyNMonths must be 1 to %d, got %d", MaxEveryNMonths, r.EveryNMonths)
	case r.OccurrenceCount != nil && *r.OccurrenceCount < 1:
		return fmt.Errorf("monthlyOccurrence: occurrenceCount must be 1 or more, got %d", *r.OccurrenceCount)
	}
	return nil
}

// InnerXML writes the rule as the content of monthlyOccurrence, elements
// in the schema's order.
func (r WASMonthlyRule) InnerXML() string {
	var b strings.Builder
	b.WriteString("<monthlyType>")
	if r.DayNb > 0 {
		fmt.Fprintf(&b, "<occurDayNbInMonth><dayNb>%d</dayNb><everyNMonths>%d</everyNMonths></occurDayNbInMonth>", r.DayNb, r.EveryNMonths)
	} else {
		fmt.Fprintf(&b, "<occurDayOrderInMonth><dayOrder>%s</dayOrder><dayOfMonth>%s</dayOfMonth><everyNMonths>%d</everyNMonths></occurDayOrderInMonth>",
			xmlEscape(r.DayOrder), xmlEscape(r.WeekDay), r.EveryNMonths)
	}
	b.WriteString("</monthlyType>")
	if r.OccurrenceCount != nil {
		fmt.Fprintf(&b, "<occurrenceCount>%d</occurrenceCount>", *r.OccurrenceCount)
	}
	return b.String()
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// WASStart is the startDate of a schedule that starts on date
// (YYYY-MM-DD) at timeOfDay (HH:MM or HH:MM:SS) on the wall clock of zone
// (an IANA name): the instant, in UTC. A wall time that a DST change skips
// is moved forward by the gap, one that occurs twice is its first
// occurrence (as the next launches are, see wallTime).
func WASStart(date, timeOfDay, zone string) (time.Time, error) {
	d, err := time.Parse(DateLayout, strings.TrimSpace(date))
	if err != nil {
		return time.Time{}, fmt.Errorf("start date %q: use YYYY-MM-DD", date)
	}
	k, err := parseClock(timeOfDay)
	if err != nil {
		return time.Time{}, err
	}
	loc, err := wasZone(zone)
	if err != nil {
		return time.Time{}, err
	}
	return wallTime(civilOf(d), k, loc).UTC(), nil
}

func parseClock(s string) (clock, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"15:04:05", "15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return clock{t.Hour(), t.Minute(), t.Second()}, nil
		}
	}
	return clock{}, fmt.Errorf("start time %q: use HH:MM or HH:MM:SS (24 h)", s)
}

// wasZone loads a schedule's time zone: an IANA name ("Local" is the
// machine's zone, not one the service knows).
func wasZone(code string) (*time.Location, error) {
	code = strings.TrimSpace(code)
	if code == "" || code == "Local" {
		return nil, fmt.Errorf("time zone %q: use an IANA name such as Europe/Berlin", code)
	}
	if loc, ok := zoneCache.Load(code); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(code)
	if err != nil {
		return nil, fmt.Errorf("time zone %q is not known: use an IANA name such as Europe/Berlin", code)
	}
	zoneCache.Store(code, loc)
	return loc, nil
}

// zoneCache keeps the zones loaded by name: loading one reads the zone
// database, which would cost more than the launches of a calendar.
var zoneCache sync.Map // string → *time.Location

// WASNextLaunches returns up to n launches of a WAS schedule's scheduling
// at or after `after`, in the schedule's time zone (timeZone/code).
//
// Rules (the project's reading, docs/api-assumptions.md):
//   - Launches fall at the wall-clock time of startDate in the zone, on
//     calendar days of the zone, never before startDate.
//   - ONCE: startDate.
//   - HOURLY: every everyNHours hours of elapsed time from the startDate
//     instant, across midnight and across DST changes alike: the interval
//     stays fixed and the wall-clock hour shifts with the zone's offset
//     (as CAR's HOURLY, model/nextrun.go). It is the one type that does
//     not keep the start's wall-clock time.
//   - DAILY: every everyNDays days from the start's day.
//   - WEEKLY: on the days in onDays of every everyNWeeks-th week, weeks
//     running Sunday to Saturday and counted from the start's week.
//   - MONTHLY (WASMonthlyRule): every everyNMonths-th month counted from
//     the start's month, on day dayNb (the month's last day when it is
//     shorter) or on the FIRST … FOURTH or LAST weekday of the month.
//   - occurrenceCount (HOURLY, DAILY, WEEKLY, MONTHLY) ends the schedule
//     after that many launches, counted from the first (the start's, when
//     it is a launch), whether or not they lie before `after`.
//   - A wall time skipped by a DST change runs shifted forward by the
//     gap; one that occurs twice runs at its first occurrence.
//
// Results are strictly increasing. n <= 0 returns nil, nil. Errors name
// what cannot be read.
func WASNextLaunches(sc *WASScheduling, after time.Time, n int) ([]time.Time, error) {
	return wasLaunches(sc, after, time.Time{}, n)
}

// WASLaunchesBefore is WASNextLaunches bounded above: the launches at or
// after `after` and before `before`, at most n (the calendar's window,
// computed without walking past its end).
func WASLaunchesBefore(sc *WASScheduling, after, before time.Time, n int) ([]time.Time, error) {
	return wasLaunches(sc, after, before, n)
}

// wasLaunches computes the launches in [after, before); a zero before is
// no bound.
func wasLaunches(sc *WASScheduling, after, before time.Time, n int) ([]time.Time, error) {
	if n <= 0 {
		return nil, nil
	}
	if sc == nil || sc.StartDate == nil {
		return nil, errors.New("no start date")
	}
	start, err := time.Parse(WASTimeLayout, *sc.StartDate)
	if err != nil {
		return nil, fmt.Errorf("start date %q: not YYYY-MM-DDTHH:MM:SSZ", *sc.StartDate)
	}
	if sc.TimeZone == nil {
		return nil, errors.New("no time zone")
	}
	loc, err := wasZone(sc.TimeZone.Code)
	if err != nil {
		return nil, err
	}
	ls := start.In(loc)
	rec := wasRecurrence{start: start, day0: civilOf(ls), k: clock{ls.Hour(), ls.Minute(), ls.Second()}, loc: loc, after: after, before: before, n: n}
	occ := sc.Occurrence
	if occ == nil {
		occ = &WASOccurrence{}
	}
	switch Deref(sc.OccurrenceType) {
	case OccurrenceOnce:
		if !start.Before(after) && rec.within(start) {
			return []time.Time{ls}, nil
		}
		return nil, nil
	case OccurrenceHourly:
		h := occ.Hourly
		if h == nil || h.EveryNHours < 1 {
			return nil, errors.New("HOURLY needs everyNHours of 1 or more")
		}
		if c := h.OccurrenceCount; c != nil && *c < 1 {
			return nil, errors.New("HOURLY: occurrenceCount must be 1 or more")
		}
		return hourlyLaunches(start, loc, time.Duration(h.EveryNHours)*time.Hour, h.OccurrenceCount, after, before, n), nil
	case OccurrenceDaily:
		if occ.Daily == nil || occ.Daily.EveryNDays < 1 {
			return nil, errors.New("DAILY needs everyNDays of 1 or more")
		}
		if c := occ.Daily.OccurrenceCount; c != nil && *c < 1 {
			return nil, errors.New("DAILY: occurrenceCount must be 1 or more")
		}
		rec.count = occ.Daily.OccurrenceCount
		return rec.daily(occ.Daily.EveryNDays), nil
	case OccurrenceWeekly:
		w := occ.Weekly
		if w == nil || w.EveryNWeeks < 1 || len(w.OnDays) == 0 {
			return nil, errors.New("WEEKLY needs everyNWeeks of 1 or more and at least one day")
		}
		var days [7]bool
		for _, d := range w.OnDays {
			i := slices.Index(WeekDays, strings.TrimSpace(d))
			if i < 0 {
				return nil, fmt.Errorf("WEEKLY: %q is not a WeekDay (SUNDAY … SATURDAY)", d)
			}
			days[i] = true
		}
		if c := w.OccurrenceCount; c != nil && *c < 1 {
			return nil, errors.New("WEEKLY: occurrenceCount must be 1 or more")
		}
		rec.count = w.OccurrenceCount
		return rec.weekly(w.EveryNWeeks, days), nil
	case OccurrenceMonthly:
		if occ.Monthly == nil {
			return nil, errors.New("MONTHLY needs a monthlyOccurrence")
		}
		m, err := ParseWASMonthly(occ.Monthly.InnerXML)
		if err != nil {
			return nil, err
		}
		rec.count = m.OccurrenceCount
		return rec.monthly(m), nil
	case "":
		return nil, errors.New("no occurrence type")
	default:
		return nil, fmt.Errorf("occurrence type %q is not ONCE, HOURLY, DAILY, WEEKLY or MONTHLY", *sc.OccurrenceType)
	}
}

// hourlyLaunches are the launches start + k·every (k = 0, 1, …, below
// count when there is one) at or after `after`: plain elapsed-time
// arithmetic, so a DST change moves the wall clock, not the interval.
func hourlyLaunches(start time.Time, loc *time.Location, every time.Duration, count *int, after, before time.Time, n int) []time.Time {
	var k int64
	if d := after.Sub(start); d > 0 {
		k = int64((d + every - 1) / every) // the first k with start + k·every >= after
	}
	var out []time.Time
	for ; len(out) < n; k++ {
		if count != nil && k >= int64(*count) {
			break
		}
		t := start.Add(time.Duration(k) * every)
		if !before.IsZero() && !t.Before(before) {
			break
		}
		out = append(out, t.In(loc))
	}
	return out
}

// wasRecurrence collects launches: the start, its day and wall-clock time
// in loc, and the bounds.
type wasRecurrence struct {
	start time.Time
	day0  civil
	k     clock
	loc   *time.Location
	after time.Time
	// before bounds the launches above (zero: no bound); the first one
	// at or past it stops the walk.
	before time.Time
	n      int
	count  *int // occurrenceCount, nil: no end
	stop   bool // a launch reached before

	seen int // launches counted so far (for count)
	out  []time.Time
}

// periods bounds a loop over recurrence periods (each holding at least
// one launch day): the launches wanted, those a count makes it walk
// through before `after`, and a margin.
func (r *wasRecurrence) periods() int {
	p := r.n + 2
	if r.count != nil {
		p += min(*r.count, 1<<20)
	}
	return p
}

// done reports that no more launches are wanted or possible.
func (r *wasRecurrence) done() bool {
	return r.stop || len(r.out) >= r.n || (r.count != nil && r.seen >= *r.count)
}

// within reports that t is before the upper bound, if any.
func (r *wasRecurrence) within(t time.Time) bool { return r.before.IsZero() || t.Before(r.before) }

// launch takes day d as a launch day: it counts, and is kept when at or
// after `after`. A day whose wall time resolves to an instant not after
// the previous launch (a zone that skips a day) is dropped.
func (r *wasRecurrence) launch(d civil) {
	t := r.start // on its own day: the start itself, even in a DST overlap
	if d != r.day0 {
		t = wallTime(d, r.k, r.loc)
	}
	if t.Before(r.start) {
		return
	}
	if len(r.out) > 0 && !t.After(r.out[len(r.out)-1]) {
		return
	}
	if !r.within(t) {
		r.stop = true
		return
	}
	r.seen++
	if !t.Before(r.after) {
		r.out = append(r.out, t.In(r.loc))
	}
}

// from is the first day worth looking at: the start's day, or, when no
// count needs the launches before `after`, the day before after's day in
// loc (a DST gap moves a launch by hours, never by a day).
func (r *wasRecurrence) from() civil {
	if r.count != nil {
		return r.day0
	}
	if a := civilOf(r.after.In(r.loc)).addDays(-1); r.day0.before(a) {
		return a
	}
	return r.day0
}

func daysFrom(a, b civil) int { return int(b.utc().Sub(a.utc()).Hours()+0.5) / 24 }

func (r *wasRecurrence) daily(every int) []time.Time {
	i := (daysFrom(r.day0, r.from()) + every - 1) / every
	for steps := 0; !r.done() && steps <= r.periods(); steps, i = steps+1, i+1 {
		r.launch(r.day0.addDays(i * every))
	}
	return r.out
}

func (r *wasRecurrence) weekly(every int, days [7]bool) []time.Time {
	week0 := r.day0.addDays(-int(r.day0.utc().Weekday())) // the start's Sunday
	f := r.from()
	w := daysFrom(week0, f) / 7
	w = (w + every - 1) / every * every // the first launch week from there
	// Every launch week holds at least one launch day.
	for weeks := 0; !r.done() && weeks <= r.periods(); weeks, w = weeks+1, w+every {
		sunday := week0.addDays(7 * w)
		for wd := range 7 {
			if d := sunday.addDays(wd); days[wd] && !d.before(f) && !r.done() {
				r.launch(d)
			}
		}
	}
	return r.out
}

func (r *wasRecurrence) monthly(m WASMonthlyRule) []time.Time {
	m0 := r.day0.y*12 + int(r.day0.m) - 1
	var i int
	if f := r.from(); f != r.day0 {
		fm := f.y*12 + int(f.m) - 1 - 1 // the month before, for safety
		if fm > m0 {
			i = (fm - m0) / m.EveryNMonths
		}
	}
	// Every period holds exactly one launch day.
	for steps := 0; !r.done() && steps <= r.periods(); i++ {
		mm := m0 + i*m.EveryNMonths
		y, mon := mm/12, time.Month(mm%12+1)
		d := civil{y, mon, monthlyDay(y, mon, m)}
		if d.before(r.day0) {
			continue
		}
		steps++
		r.launch(d)
	}
	return r.out
}

// monthlyDay is the day of month mon of year y on which rule m launches.
func monthlyDay(y int, mon time.Month, m WASMonthlyRule) int {
	last := daysIn(y, mon)
	if m.DayNb > 0 {
		return min(m.DayNb, last)
	}
	want := time.Weekday(slices.Index(WeekDays, m.WeekDay))
	if m.DayOrder == "LAST" {
		lastWd := civil{y, mon, last}.utc().Weekday()
		return last - (int(lastWd)-int(want)+7)%7
	}
	firstWd := civil{y, mon, 1}.utc().Weekday()
	first := 1 + (int(want)-int(firstWd)+7)%7
	return first + 7*slices.Index(WASDayOrders, m.DayOrder)
}

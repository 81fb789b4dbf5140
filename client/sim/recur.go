package sim

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qsched/qsched/model"
)

// The simulator's own recurrence arithmetic. It deliberately shares
// nothing with the client's preview code (model/nextrun.go), so that tests
// comparing the two mean something. Launches fall at the start date's wall
// clock time in the schedule's time zone (a wall time in a DST gap is
// normalised forward by time.Date), except HOURLY, which counts elapsed
// hours from the start. occurrenceCount ends every recurring type after
// that many launches, the start's included.

// monthlyOcc is §15.3's monthlyOccurrence (the leading hypothesis from
// Qualys' own webapp.xsd): a day number in the month, or the Nth weekday.
type monthlyOcc struct {
	DayNb           int    // occurDayNbInMonth/dayNb, 1–31 (0: by order)
	DayOrder        string // occurDayOrderInMonth/dayOrder: FIRST…FOURTH, LAST
	DayOfWeek       string // occurDayOrderInMonth/dayOfMonth, a WeekDay
	EveryNMonths    int
	OccurrenceCount *int
}

var dayOrders = []string{"FIRST", "SECOND", "THIRD", "FOURTH", "LAST"}

// monthlyAllowed is the element tree inside monthlyOccurrence.
var monthlyAllowed = map[string][]string{
	"":                     {"monthlyType", "occurrenceCount"},
	"monthlyType":          {"occurDayNbInMonth", "occurDayOrderInMonth"},
	"occurDayNbInMonth":    {"dayNb", "everyNMonths"},
	"occurDayOrderInMonth": {"dayOrder", "dayOfMonth", "everyNMonths"},
}

// parseMonthly reads and validates the inner XML of monthlyOccurrence.
func parseMonthly(inner string) (monthlyOcc, error) {
	var m monthlyOcc
	d := xml.NewDecoder(strings.NewReader("<m>" + inner + "</m>"))
	var path []string
	vals := map[string]string{}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("monthlyOccurrence is not well-formed: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) == 0 && t.Name.Local == "m" {
				path = append(path, "")
				continue
			}
			parent := path[len(path)-1]
			if !slices.Contains(monthlyAllowed[parent], t.Name.Local) {
				where := "monthlyOccurrence"
				if parent != "" {
					where += "/…/" + parent
				}
				return m, fmt.Errorf("Invalid content was found starting with element '%s' in %s.", t.Name.Local, where)
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if len(path) > 1 {
				key := strings.Join(path[1:], "/")
				vals[key] += string(t)
			}
		}
	}
	atoi := func(k string) (int, bool) {
		var n int
		v := strings.TrimSpace(vals[k])
		_, err := fmt.Sscanf(v, "%d", &n)
		return n, err == nil && fmt.Sprint(n) == v
	}
	if _, ok := vals["occurrenceCount"]; ok {
		n, ok := atoi("occurrenceCount")
		if !ok || n < 1 {
			return m, errors.New("monthlyOccurrence/occurrenceCount must be a positive integer.")
		}
		m.OccurrenceCount = &n
	}
	nb, byNb := vals["monthlyType/occurDayNbInMonth/dayNb"]
	_, byOrder := vals["monthlyType/occurDayOrderInMonth/dayOrder"]
	switch {
	case byNb && byOrder || !byNb && !byOrder:
		return m, errors.New("monthlyOccurrence/monthlyType needs exactly one of occurDayNbInMonth{dayNb,everyNMonths} or occurDayOrderInMonth{dayOrder,dayOfMonth,everyNMonths}.")
	case byNb:
		_ = nb
		n, ok := atoi("monthlyType/occurDayNbInMonth/dayNb")
		if !ok || n < 1 || n > 31 {
			return m, errors.New("monthlyType/occurDayNbInMonth/dayNb must be between 1 and 31.")
		}
		m.DayNb = n
		m.EveryNMonths, ok = atoi("monthlyType/occurDayNbInMonth/everyNMonths")
		if !ok {
			return m, errors.New("monthlyType/occurDayNbInMonth/everyNMonths is required.")
		}
	default:
		m.DayOrder = strings.TrimSpace(vals["monthlyType/occurDayOrderInMonth/dayOrder"])
		m.DayOfWeek = strings.TrimSpace(vals["monthlyType/occurDayOrderInMonth/dayOfMonth"])
		if !slices.Contains(dayOrders, m.DayOrder) {
			return m, fmt.Errorf("dayOrder must be one of %s, got %q.", strings.Join(dayOrders, ", "), m.DayOrder)
		}
		if !slices.Contains(weekDays, m.DayOfWeek) {
			return m, fmt.Errorf("occurDayOrderInMonth/dayOfMonth must be a WeekDay (%s), got %q.", strings.Join(weekDays, ", "), m.DayOfWeek)
		}
		var ok bool
		m.EveryNMonths, ok = atoi("monthlyType/occurDayOrderInMonth/everyNMonths")
		if !ok {
			return m, errors.New("monthlyType/occurDayOrderInMonth/everyNMonths is required.")
		}
	}
	if m.EveryNMonths < 1 || m.EveryNMonths > 12 {
		return m, errors.New("everyNMonths must be between 1 and 12.")
	}
	return m, nil
}

// inner is the stored (and returned) XML of a validated monthlyOccurrence.
func (m monthlyOcc) inner() string {
	var b bytes.Buffer
	b.WriteString("<monthlyType>")
	if m.DayNb > 0 {
		fmt.Fprintf(&b, "<occurDayNbInMonth><dayNb>%d</dayNb><everyNMonths>%d</everyNMonths></occurDayNbInMonth>", m.DayNb, m.EveryNMonths)
	} else {
		fmt.Fprintf(&b, "<occurDayOrderInMonth><dayOrder>%s</dayOrder><dayOfMonth>%s</dayOfMonth><everyNMonths>%d</everyNMonths></occurDayOrderInMonth>", m.DayOrder, m.DayOfWeek, m.EveryNMonths)
	}
	b.WriteString("</monthlyType>")
	if m.OccurrenceCount != nil {
		fmt.Fprintf(&b, "<occurrenceCount>%d</occurrenceCount>", *m.OccurrenceCount)
	}
	return b.String()
}

// monthlyNode renders a stored monthlyOccurrence for a read.
func monthlyNode(inner string) *node {
	m, err := parseMonthly(inner)
	if err != nil {
		return obj("monthlyOccurrence")
	}
	var t *node
	if m.DayNb > 0 {
		t = obj("occurDayNbInMonth", num("dayNb", m.DayNb), num("everyNMonths", m.EveryNMonths))
	} else {
		t = obj("occurDayOrderInMonth", &node{name: "dayOrder", kind: kPlain, val: m.DayOrder},
			&node{name: "dayOfMonth", kind: kPlain, val: m.DayOfWeek}, num("everyNMonths", m.EveryNMonths))
	}
	return obj("monthlyOccurrence", obj("monthlyType", t)).add(numP("occurrenceCount", m.OccurrenceCount))
}

// civil is a calendar date as a UTC midnight, for day arithmetic.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours()+0.5) / 24 }

// nextLaunch is the first launch at or after now, or nil when there is
// none (a ONCE schedule in the past, or scheduling the simulator cannot
// read).
func nextLaunch(w model.WasScanSchedule, now time.Time) *time.Time {
	sc := w.Scheduling
	if sc == nil || sc.StartDate == nil || sc.OccurrenceType == nil {
		return nil
	}
	start, err := time.Parse(model.WASTimeLayout, *sc.StartDate)
	if err != nil {
		return nil
	}
	loc := time.UTC
	if sc.TimeZone != nil {
		if l, err := loadZone(sc.TimeZone.Code); err == nil {
			loc = l
		}
	}
	ls := start.In(loc)
	if *sc.OccurrenceType == model.OccurrenceOnce {
		if start.Before(now) {
			return nil
		}
		return &start
	}
	var qualifies func(d time.Time) bool
	var count *int // occurrenceCount: launches in all, nil for no end
	startDay := civil(ls)
	occ := sc.Occurrence
	switch *sc.OccurrenceType {
	case model.OccurrenceHourly:
		if occ == nil || occ.Hourly == nil || occ.Hourly.EveryNHours < 1 {
			return nil
		}
		return nextHourly(start, time.Duration(occ.Hourly.EveryNHours)*time.Hour, occ.Hourly.OccurrenceCount, now)
	case model.OccurrenceDaily:
		n := 1
		if occ != nil && occ.Daily != nil && occ.Daily.EveryNDays > 0 {
			n = occ.Daily.EveryNDays
			count = occ.Daily.OccurrenceCount
		}
		qualifies = func(d time.Time) bool { return daysBetween(startDay, d)%n == 0 }
	case model.OccurrenceWeekly:
		if occ == nil || occ.Weekly == nil {
			return nil
		}
		count = occ.Weekly.OccurrenceCount
		n := max(occ.Weekly.EveryNWeeks, 1)
		week0 := startDay.AddDate(0, 0, -int(startDay.Weekday()))
		qualifies = func(d time.Time) bool {
			week := d.AddDate(0, 0, -int(d.Weekday()))
			return (daysBetween(week0, week)/7)%n == 0 && slices.Contains(occ.Weekly.OnDays, weekDays[d.Weekday()])
		}
	case model.OccurrenceMonthly:
		if occ == nil || occ.Monthly == nil {
			return nil
		}
		m, err := parseMonthlyCached(occ.Monthly.InnerXML)
		if err != nil {
			return nil
		}
		count = m.OccurrenceCount
		qualifies = func(d time.Time) bool {
			months := (d.Year()-startDay.Year())*12 + int(d.Month()) - int(startDay.Month())
			if months%m.EveryNMonths != 0 {
				return false
			}
			last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if m.DayNb > 0 {
				return d.Day() == min(m.DayNb, last) // a missing day 29–31 falls on the last day
			}
			if weekDays[d.Weekday()] != m.DayOfWeek {
				return false
			}
			if m.DayOrder == "LAST" {
				return d.Day()+7 > last
			}
			return (d.Day()-1)/7 == slices.Index(dayOrders, m.DayOrder)
		}
	default:
		return nil
	}
	// Without a count, walk from the day before now; with one, from the
	// start, counting the launches already due: once count of them have
	// been, the schedule is over (U19: no nextLaunchDate).
	from := civil(now.In(loc)).AddDate(0, 0, -1)
	if from.Before(startDay) || count != nil {
		from = startDay
	}
	days := daysBetween(from, civil(now.In(loc))) + 366*13
	launched := 0
	var prev time.Time
	for d, i := from, 0; i < days; d, i = d.AddDate(0, 0, 1), i+1 {
		if !qualifies(d) {
			continue
		}
		t := time.Date(d.Year(), d.Month(), d.Day(), ls.Hour(), ls.Minute(), ls.Second(), 0, loc).UTC()
		if t.Before(start) || !t.After(prev) {
			continue // before the start, or a day the zone skips
		}
		prev = t
		if count != nil && launched >= *count {
			return nil
		}
		if !t.Before(now) {
			return &t
		}
		launched++
	}
	return nil
}

// nextHourly is the first of start, start+every, start+2·every … at or
// after now: elapsed time, so the interval holds across DST changes and
// the wall-clock hour moves. With a count, launch number count (from 0)
// is the first that never happens.
func nextHourly(start time.Time, every time.Duration, count *int, now time.Time) *time.Time {
	k := 0
	if now.After(start) {
		elapsed := now.Sub(start)
		k = int(elapsed / every)
		if elapsed%every != 0 {
			k++
		}
	}
	if count != nil && k >= *count {
		return nil
	}
	t := start.Add(time.Duration(k) * every).UTC()
	return &t
}

// zoneCache caches time.LoadLocation, which reads the zone database each time:
// seeding 100,000 schedules spent a third of its time there.
var zoneCache sync.Map // string → *time.Location

// loadZone is time.LoadLocation, remembered per name once it loads.
func loadZone(name string) (*time.Location, error) {
	if l, ok := zoneCache.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err == nil {
		zoneCache.Store(name, l)
	}
	return l, err
}

// monthlyCache remembers parsed monthly occurrences: the seed has a few
// dozen distinct ones, and parsing each schedule's again took a fifth of
// seeding. It stops growing at monthlyCacheMx entries, so that what
// clients write cannot grow it without bound.
var (
	monthlyCache   sync.Map // string → monthlyOcc
	monthlyCached  atomic.Int64
	monthlyCacheMx = int64(1024)
)

// parseMonthlyCached is parseMonthly, remembered for inner XML that parses.
func parseMonthlyCached(inner string) (monthlyOcc, error) {
	if m, ok := monthlyCache.Load(inner); ok {
		return m.(monthlyOcc), nil
	}
	m, err := parseMonthly(inner)
	if err == nil && monthlyCached.Load() < monthlyCacheMx {
		if _, loaded := monthlyCache.LoadOrStore(inner, m); !loaded {
			monthlyCached.Add(1)
		}
	}
	return m, err
}

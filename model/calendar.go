package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file builds the calendar: the upcoming runs of every WAS and
// script schedule in a window, with the runs that overlap flagged. It is
// pure (no I/O, no clock) and computes no recurrence itself: WAS launches
// come from WASNextLaunches, script runs from Upcoming.

// The kinds of schedule in a calendar.
const (
	CalendarWAS    = "was"
	CalendarScript = "script"
)

// CalendarKinds are the kinds a calendar filter accepts.
var CalendarKinds = []string{CalendarWAS, CalendarScript}

// AssumedRunDuration is how long qsched takes a run to last when it looks
// for overlaps: neither API says how long a scan or a script run takes,
// so two runs overlap when they share a target and start less than this
// apart (each run taken as [start, start+1 h)).
const AssumedRunDuration = time.Hour

// MaxCalendarDays bounds a calendar's window.
const MaxCalendarDays = 90

// ScheduleRef names a schedule: its kind, id and name (as the server sent
// it; the caller makes it safe to show).
type ScheduleRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CalendarSchedule is what a calendar keeps of a schedule: its name,
// owner and targets, shared by all its runs.
type CalendarSchedule struct {
	ScheduleRef
	Owner string
	// Targets are what the runs act on, as keys: "webapp:ID" and
	// "wastag:ID" (WAS), "agent:UUID", "asset:ID" and "tag:ID" (scripts).
	Targets []string
}

// Occurrence is one upcoming run of a schedule.
type Occurrence struct {
	*CalendarSchedule
	// Start is the run's start, in the calendar's display zone.
	Start time.Time
	// Overlaps are the other schedules with a run on a shared target that
	// starts less than AssumedRunDuration before or after this one.
	Overlaps []*CalendarSchedule
}

// Overlapping reports whether the run overlaps another schedule's run.
func (o Occurrence) Overlapping() bool { return len(o.Overlaps) > 0 }

// CalendarSkip is a schedule left out of a calendar because its
// recurrence could not be read.
type CalendarSkip struct {
	ScheduleRef
	Reason string
}

// Calendar is the runs of a window [From, To), sorted by start (then kind,
// then id), and the schedules whose runs could not be computed.
type Calendar struct {
	From, To    time.Time
	Loc         *time.Location
	Occurrences []Occurrence
	Skipped     []CalendarSkip
}

// CalendarWindow is the window of a calendar of days days shown in loc:
// from now to the start of the day days days after now's day, so that it
// holds the rest of today and days-1 whole days.
func CalendarWindow(now time.Time, days int, loc *time.Location) (from, to time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	today := civilOf(now.In(loc))
	return now, wallTime(today.addDays(days), clock{}, loc)
}

// CheckCalendarDays reports a window length outside 1 to MaxCalendarDays.
func CheckCalendarDays(days int) error {
	if days < 1 || days > MaxCalendarDays {
		return fmt.Errorf("days must be 1 to %d, got %d", MaxCalendarDays, days)
	}
	return nil
}

// BuildCalendar computes the runs of every active schedule in [from, to),
// shown in loc, and flags the overlaps. Inactive schedules have no runs.
// A schedule whose recurrence cannot be read is listed in Skipped.
func BuildCalendar(from, to time.Time, loc *time.Location, was []WasScanSchedule, scripts []CARSearchItem) Calendar {
	if loc == nil {
		loc = time.UTC
	}
	c := Calendar{From: from, To: to, Loc: loc}
	var all []scheduleRuns
	for i := range was {
		if r, ok := c.wasRuns(&was[i]); ok {
			all = append(all, r)
		}
	}
	for i := range scripts {
		if r, ok := c.scriptRuns(&scripts[i]); ok {
			all = append(all, r)
		}
	}
	c.Occurrences = sortedOccurrences(all, loc)
	flagOverlaps(all, c.Occurrences)
	return c
}

// scheduleRuns are one schedule's runs in the window, in order.
type scheduleRuns struct {
	cs *CalendarSchedule
	ts []time.Time
}

// sortedOccurrences lays the runs out in one slice sorted by start, then
// kind, then id: sorting small keys and placing each run once is much
// cheaper than sorting the occurrences themselves.
func sortedOccurrences(all []scheduleRuns, loc *time.Location) []Occurrence {
	// Ties on the start go by kind then id: rank the schedules once so
	// that the sort compares integers only.
	rank := make([]int32, len(all))
	order := make([]int32, len(all))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		x, y := all[a].cs, all[b].cs
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.ID, y.ID), cmp.Compare(a, b))
	})
	for r, i := range order {
		rank[i] = int32(r)
	}
	n, maxRuns := 0, 0
	for _, r := range all {
		n += len(r.ts)
		maxRuns = max(maxRuns, len(r.ts))
	}
	out := make([]Occurrence, 0, n)
	at := func(rank, k int) Occurrence {
		r := &all[order[rank]]
		return Occurrence{CalendarSchedule: r.cs, Start: r.ts[k].In(loc)}
	}
	base, top := int64(math.MaxInt64), int64(math.MinInt64)
	for _, r := range all {
		base, top = min(base, r.ts[0].Unix()), max(top, r.ts[len(r.ts)-1].Unix())
	}
	if len(all) < 1<<packBits && maxRuns < 1<<packBits && top-base < 1<<(64-2*packBits) && !packedOff {
		// Each run as one integer: its start in whole seconds from the
		// earliest (runs start on a whole second) above its schedule's
		// rank above its index: integers sort several times faster than
		// structs through a comparison function.
		keys := make([]uint64, 0, n)
		for si, r := range all {
			for k, t := range r.ts {
				keys = append(keys, uint64(t.Unix()-base)<<(2*packBits)|uint64(rank[si])<<packBits|uint64(k))
			}
		}
		slices.Sort(keys)
		const mask = 1<<packBits - 1
		for _, key := range keys {
			out = append(out, at(int(key>>packBits&mask), int(key&mask)))
		}
		return out
	}
	type key struct {
		ns   int64
		r, k int32 // the schedule's rank, the run in its ts
	}
	keys := make([]key, 0, n)
	for si, r := range all {
		for k, t := range r.ts {
			keys = append(keys, key{t.UnixNano(), rank[si], int32(k)})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.ns, b.ns), cmp.Compare(a.r, b.r))
	})
	for _, k := range keys {
		out = append(out, at(int(k.r), int(k.k)))
	}
	return out
}

// packBits is the width of a schedule's rank and of a run's index in a
// packed sort key; the start's seconds from the earliest run take the
// remaining 24 bits (194 days, more than MaxCalendarDays).
const packBits = 20

// packedOff turns the packed sort off (tests of the other path).
var packedOff bool

// launchesIn collects next(after, n) while they fall before to, asking
// for a few at a time and more each round, so that a daily schedule costs
// a few launches and an hourly one no more than the window holds.
func launchesIn(from, to time.Time, next func(after time.Time, n int) ([]time.Time, error)) ([]time.Time, error) {
	var out []time.Time
	after, n := from, 16
	for {
		ts, err := next(after, n)
		if err != nil {
			return nil, err
		}
		cut, _ := slices.BinarySearchFunc(ts, to, time.Time.Compare)
		if out == nil {
			out = ts[:cut] // most schedules: one call, no copy
		} else {
			out = append(out, ts[:cut]...)
		}
		if cut < len(ts) || len(ts) < n {
			return out, nil
		}
		after, n = ts[len(ts)-1].Add(time.Second), min(n*4, 4096)
	}
}

func (c *Calendar) wasRuns(s *WasScanSchedule) (scheduleRuns, bool) {
	ref := ScheduleRef{Kind: CalendarWAS, Name: string(Deref(s.Name))}
	if s.ID != nil {
		ref.ID = strconv.FormatInt(*s.ID, 10)
	}
	if !Deref(s.Active) {
		return scheduleRuns{}, false
	}
	// At most one launch an hour (HOURLY's everyNHours is 1 or more).
	ts, err := WASLaunchesBefore(s.Scheduling, c.From, c.To, int(c.To.Sub(c.From)/time.Hour)+2)
	if err != nil {
		c.Skipped = append(c.Skipped, CalendarSkip{ref, err.Error()})
		return scheduleRuns{}, false
	}
	cs := &CalendarSchedule{ScheduleRef: ref, Targets: wasTargets(s.Target)}
	if s.Owner != nil {
		cs.Owner = s.Owner.Username
	}
	return scheduleRuns{cs: cs, ts: ts}, len(ts) > 0
}

func (c *Calendar) scriptRuns(it *CARSearchItem) (scheduleRuns, bool) {
	ref := ScheduleRef{Kind: CalendarScript, ID: it.ID, Name: it.Schedule.Title}
	ts, err := launchesIn(c.From, c.To, func(after time.Time, n int) ([]time.Time, error) {
		return Upcoming(it.Schedule, c.Loc, after, n)
	})
	if err != nil {
		c.Skipped = append(c.Skipped, CalendarSkip{ref, err.Error()})
		return scheduleRuns{}, false
	}
	cs := &CalendarSchedule{ScheduleRef: ref, Owner: it.Schedule.User.Name, Targets: scriptTargets(it.Schedule)}
	return scheduleRuns{cs: cs, ts: ts}, len(ts) > 0
}

// wasTargets are a WAS schedule's web apps and, for one that selects web
// apps by tag, its included tags.
func wasTargets(t *WASTarget) []string {
	if t == nil {
		return nil
	}
	var out []string
	if t.WebApp != nil {
		out = append(out, "webapp:"+strconv.FormatInt(t.WebApp.ID, 10))
	}
	for _, a := range t.WebApps.Apps() {
		out = append(out, "webapp:"+strconv.FormatInt(a.ID, 10))
	}
	if t.Tags != nil && t.Tags.Included != nil && t.Tags.Included.TagList != nil {
		for _, g := range listOrSet(t.Tags.Included.TagList.List, t.Tags.Included.TagList.Set) {
			out = append(out, "wastag:"+strconv.FormatInt(g.ID, 10))
		}
	}
	return uniqueSorted(out)
}

// scriptTargets are a script schedule's agents (by UUID, else asset id)
// and asset tags. Excluded assets are not targets.
func scriptTargets(s ScriptSchedule) []string {
	var out []string
	for _, a := range s.Assets {
		if a.UUId != "" {
			out = append(out, "agent:"+a.UUId)
		} else if a.ID != "" {
			out = append(out, "asset:"+string(a.ID))
		}
	}
	for _, g := range s.AssetTags {
		if g.ID != "" {
			out = append(out, "tag:"+string(g.ID))
		} else if g.UUId != "" {
			out = append(out, "tag:"+g.UUId)
		}
	}
	return uniqueSorted(out)
}

func uniqueSorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// flagOverlaps fills Overlaps of occs (sorted by start): per target, a
// sweep over its runs in start order pairs each run with the later ones
// that start less than AssumedRunDuration after it. Runs of one schedule
// never overlap each other. Targets are interned once per schedule, not
// hashed once per run.
func flagOverlaps(all []scheduleRuns, occs []Occurrence) {
	ids := map[string]int32{}
	tix := make(map[*CalendarSchedule][]int32, len(all))
	for _, r := range all {
		var ix []int32
		for _, t := range r.cs.Targets {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			ix = append(ix, id)
		}
		tix[r.cs] = ix
	}
	if len(ids) == 0 {
		return
	}
	// The runs of each target, in start order, as ranges of one array.
	end := make([]int32, len(ids)+1)
	for _, r := range all {
		for _, t := range tix[r.cs] {
			end[t+1] += int32(len(r.ts))
		}
	}
	for t := 1; t < len(end); t++ {
		end[t] += end[t-1]
	}
	flat := make([]int32, end[len(ids)])
	fill := slices.Clone(end[:len(ids)])
	var last *CalendarSchedule
	var ix []int32
	for i := range occs {
		if occs[i].CalendarSchedule != last {
			last, ix = occs[i].CalendarSchedule, tix[occs[i].CalendarSchedule]
		}
		for _, t := range ix {
			flat[fill[t]] = int32(i)
			fill[t]++
		}
	}
	for t := range len(ids) {
		idx := flat[end[t]:end[t+1]]
		for a, i := range idx {
			oi := &occs[i]
			for _, j := range idx[a+1:] {
				oj := &occs[j]
				if oj.Start.Sub(oi.Start) >= AssumedRunDuration {
					break
				}
				if oi.CalendarSchedule == oj.CalendarSchedule {
					continue
				}
				oi.Overlaps = addRef(oi.Overlaps, oj.CalendarSchedule)
				oj.Overlaps = addRef(oj.Overlaps, oi.CalendarSchedule)
			}
		}
	}
}

func addRef(refs []*CalendarSchedule, r *CalendarSchedule) []*CalendarSchedule {
	if slices.Contains(refs, r) {
		return refs
	}
	return append(refs, r)
}

// CalendarFilter narrows what a calendar shows: a kind (CalendarWAS,
// CalendarScript, "" for both), and words looked for, ignoring case, in
// the owner and in the name. Overlaps are computed before filtering: a
// run shown may overlap one that is not.
type CalendarFilter struct {
	Kind, Owner, Name string
}

// Check reports a kind that is not one of CalendarKinds.
func (f CalendarFilter) Check() error {
	if f.Kind != "" && !slices.Contains(CalendarKinds, f.Kind) {
		return fmt.Errorf("kind must be %s, got %q", strings.Join(CalendarKinds, " or "), f.Kind)
	}
	return nil
}

// Match reports whether o passes the filter.
func (f CalendarFilter) Match(o Occurrence) bool {
	return (f.Kind == "" || o.Kind == f.Kind) &&
		containsFold(o.Owner, f.Owner) && containsFold(o.Name, f.Name)
}

func containsFold(s, sub string) bool {
	sub = strings.TrimSpace(sub)
	return sub == "" || strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// Filter returns the occurrences that pass f, in order.
func (c Calendar) Filter(f CalendarFilter) []Occurrence {
	var out []Occurrence
	for _, o := range c.Occurrences {
		if f.Match(o) {
			out = append(out, o)
		}
	}
	return out
}

// Days is how many calendar days of Loc the window touches.
func (c Calendar) Days() int {
	if !c.To.After(c.From) {
		return 0
	}
	return c.DayIndex(c.To.Add(-time.Nanosecond)) + 1
}

// DayIndex is the day of t in the window: 0 for From's day in Loc.
func (c Calendar) DayIndex(t time.Time) int {
	return daysFrom(civilOf(c.From.In(c.Loc)), civilOf(t.In(c.Loc)))
}

// DayStart is the start of day i of the window in Loc (midnight, or the
// first instant after it when a DST change skips midnight).
func (c Calendar) DayStart(i int) time.Time {
	return wallTime(civilOf(c.From.In(c.Loc)).addDays(i), clock{}, c.Loc)
}

// Density counts occs per day of the window and wall-clock hour in Loc.
func (c Calendar) Density(occs []Occurrence) [][24]int {
	out := make([][24]int, c.Days())
	for _, o := range occs {
		if d := c.DayIndex(o.Start); d >= 0 && d < len(out) {
			out[d][o.Start.In(c.Loc).Hour()]++
		}
	}
	return out
}

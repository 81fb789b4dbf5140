package client_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// The preview of the next launch (model.WASNextLaunches) agrees with the
// next launch the simulator computes on its own (client/sim/recur.go) for
// every seeded active schedule, on a day far from DST changes.
func TestNextLaunchPreviewAgreesWithTheSimulator(t *testing.T) {
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	e := setup(t, sim.Options{WASSchedules: 120, Seed: 7, Now: func() time.Time { return now }}, nil)
	all, err := e.c.WAS.All(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	for _, s := range all {
		next, ok := s.NextLaunch()
		if !ok {
			continue
		}
		got, err := model.WASNextLaunches(s.Scheduling, now, 1)
		if err != nil || len(got) != 1 || !got[0].Equal(next) {
			t.Errorf("%d (%s, %s): preview %v %v, server %v", s.IDValue(), s.OccurrenceValue(), s.Scheduling.TimeZone.Code, got, err, next)
		}
		checked[s.OccurrenceValue()]++
		if o := s.Scheduling.Occurrence; o != nil && o.Daily != nil && o.Daily.OccurrenceCount != nil {
			checked["DAILY with a count"]++
		}
	}
	t.Logf("checked %v", checked)
	for _, occ := range []string{model.OccurrenceHourly, model.OccurrenceDaily, "DAILY with a count", model.OccurrenceWeekly, model.OccurrenceMonthly} {
		if checked[occ] == 0 {
			t.Errorf("no %s schedule checked: %v", occ, checked)
		}
	}
}

// Over time, for schedules created through the client: HOURLY across the
// changes to and from summer time, and occurrenceCount on every recurring
// type, the preview's next launch is the simulator's — none once the
// count is spent — at every step of a clock walked through the month
// around each change.
func TestNextLaunchPreviewAgreesWithTheSimulatorOverTime(t *testing.T) {
	var clock atomic.Int64
	at := func(tm time.Time) { clock.Store(tm.UnixNano()) }
	now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	for _, window := range []struct{ from, zone string }{
		{"2027-03-20T00:00:00Z", "Europe/Berlin"},    // summer time from Mar 28
		{"2026-10-27T00:00:00Z", "America/New_York"}, // winter time from Nov 1
		{"2026-09-28T00:00:00Z", "Australia/Sydney"}, // summer time from Oct 4
	} {
		start, _ := time.Parse(time.RFC3339, window.from)
		at(start)
		e := setup(t, sim.Options{WASSchedules: -1, Now: now}, nil)
		first := start.Add(2*time.Hour + 30*time.Minute)
		occs := map[string]*model.WASOccurrence{
			model.OccurrenceHourly:  {Hourly: &model.WASHourly{EveryNHours: 5}},
			"HOURLY, count":         {Hourly: &model.WASHourly{EveryNHours: 3, OccurrenceCount: model.Ptr(40)}},
			model.OccurrenceDaily:   {Daily: &model.WASDaily{EveryNDays: 2, OccurrenceCount: model.Ptr(6)}},
			model.OccurrenceWeekly:  {Weekly: &model.WASWeekly{EveryNWeeks: 1, OnDays: []string{"SUNDAY", "WEDNESDAY"}, OccurrenceCount: model.Ptr(3)}},
			model.OccurrenceMonthly: {Monthly: &model.WASMonthly{InnerXML: model.WASMonthlyRule{DayNb: 10, EveryNMonths: 1, OccurrenceCount: model.Ptr(1)}.InnerXML()}},
		}
		for name, occ := range occs {
			typ, _, _ := strings.Cut(name, ",")
			s := model.WasScanSchedule{
				Name: model.TextPtr(name), Type: model.Ptr(model.WASVulnerability),
				Target: &model.WASTarget{WebApp: &model.WASWebApp{ID: 2900101}, ScannerAppliance: &model.WASScanner{Type: "EXTERNAL"},
					CancelOption: model.Ptr("DEFAULT")},
				Profile: &model.WASRef{ID: model.Ptr(int64(610001))},
				Scheduling: &model.WASScheduling{StartDate: model.Ptr(first.Format(model.WASTimeLayout)), TimeZone: &model.WASTimeZone{Code: window.zone},
					OccurrenceType: model.Ptr(typ), Occurrence: occ},
				Notification: &model.WASNotification{Active: model.Ptr(false)},
			}
			if _, err := e.c.WAS.Create(context.Background(), s); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		ended := map[string]bool{}
		for step := start; step.Before(start.Add(30 * 24 * time.Hour)); step = step.Add(97 * time.Minute) {
			at(step)
			all, err := e.c.WAS.All(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range all {
				got, err := model.WASNextLaunches(s.Scheduling, step, 1)
				if err != nil {
					t.Fatalf("%s: %v", s.NameValue(), err)
				}
				next, ok := s.NextLaunch()
				switch {
				case !ok && len(got) != 0:
					t.Errorf("%s %s at %v: preview %v, server none", window.zone, s.NameValue(), step, got[0])
				case ok && (len(got) != 1 || !got[0].Equal(next)):
					t.Errorf("%s %s at %v: preview %v, server %v", window.zone, s.NameValue(), step, got, next)
				case !ok:
					ended[s.NameValue()] = true
				}
			}
		}
		for _, name := range []string{"HOURLY, count", model.OccurrenceDaily, model.OccurrenceWeekly, model.OccurrenceMonthly} {
			if !ended[name] {
				t.Errorf("%s: %s never ended its count", window.zone, name)
			}
		}
	}
}

package client_test

import (
	"context"
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
	}
	t.Logf("checked %v", checked)
	for _, occ := range []string{model.OccurrenceDaily, model.OccurrenceWeekly, model.OccurrenceMonthly} {
		if checked[occ] == 0 {
			t.Errorf("no %s schedule checked: %v", occ, checked)
		}
	}
}

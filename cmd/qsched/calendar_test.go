package main

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// calendarEnv is a simulator at Wed 2030-05-01 12:00 UTC with a few seeded
// WAS schedules and four planted script schedules: two on one agent half
// an hour apart (an overlap), one on another agent at the same time, and
// one with a hostile title.
func calendarEnv(t *testing.T) (*testEnv, map[string]string) {
	t.Helper()
	e, _ := carEnv(t, sim.Options{Seed: 3, WASSchedules: 12})
	agents := e.sim.Agents()
	daily := func(title, at string, agent sim.Agent) model.ScriptSchedule {
		return model.ScriptSchedule{Activate: true, Title: title, User: model.User{ID: "1", Name: "ops.lead"},
			ScheduleType: model.Daily, StartDate: "2030-04-01", StartTime: at,
			Scripts: []model.ScriptRef{{ID: "11", Title: "patch"}},
			Assets:  []model.Asset{{UUId: agent.AgentUUID, ID: model.IDOf(agent.ID)}}}
	}
	ids := map[string]string{}
	for _, s := range []model.ScriptSchedule{
		daily("Patch A", "14:00:00", agents[0]),
		daily("Patch B", "14:30:00", agents[0]),
		daily("Inventory", "14:00:00", agents[1]),
		daily("Evil\x1b[31m\u202eeman", "16:00:00", agents[2]),
	} {
		ids[s.Title] = e.sim.PlantCARSchedule(s)
	}
	return e, ids
}

type calendarRun struct {
	Kind         string              `json:"kind"`
	ID           string              `json:"id"`
	Name         string              `json:"name"`
	Owner        string              `json:"owner"`
	Start        string              `json:"start"`
	Targets      []string            `json:"targets"`
	Overlap      bool                `json:"overlap"`
	OverlapsWith []model.ScheduleRef `json:"overlapsWith"`
}

func TestCalendarJSONFlagsTheOverlap(t *testing.T) {
	e, ids := calendarEnv(t)
	runs := decodeJSON[[]calendarRun](t, e.run("", "calendar", "--days", "3", "--kind", "script", "--json", "--tz", "Europe/Berlin").must(t, exitOK).stdout)
	byName := map[string][]calendarRun{}
	for _, r := range runs {
		if r.Kind != "script" {
			t.Fatalf("--kind script shows %+v", r)
		}
		byName[r.Name] = append(byName[r.Name], r)
	}
	// Now is 14:00 in Berlin: today's 14:00 UTC (16:00 CEST) and the
	// next two days.
	a := byName["Patch A"]
	if len(a) != 3 || a[0].Start != "2030-05-01T16:00:00+02:00" || a[2].Start != "2030-05-03T16:00:00+02:00" || a[0].Owner != "ops.lead" {
		t.Fatalf("Patch A runs %+v", a)
	}
	for _, r := range append(a, byName["Patch B"]...) {
		other := "Patch B"
		if r.Name == other {
			other = "Patch A"
		}
		if !r.Overlap || len(r.OverlapsWith) != 1 || r.OverlapsWith[0].ID != ids[other] || r.OverlapsWith[0].Kind != "script" {
			t.Fatalf("%s at %s not flagged with %s: %+v", r.Name, r.Start, other, r)
		}
	}
	for _, r := range byName["Inventory"] {
		if r.Overlap || r.OverlapsWith == nil || len(r.Targets) != 1 || !strings.HasPrefix(r.Targets[0], "agent:") {
			t.Fatalf("Inventory: %+v", r)
		}
	}
	if len(byName["Inventory"]) != 3 || len(runs) != 12 {
		t.Fatalf("%d runs: %v", len(runs), byName)
	}
}

func TestCalendarTable(t *testing.T) {
	e, _ := calendarEnv(t)
	e.width = 80
	r := e.run("", "calendar", "--days", "7", "--tz", "UTC").must(t, exitOK)
	for _, l := range strings.Split(r.stdout, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
	for _, want := range []string{"Times in UTC", "Wed 2030-05-01", "Tue 2030-05-07", "  14:00 UTC ! script Patch A  (ops.lead)",
		"  14:00 UTC   script Inventory", "! overlap: a run on the same web app, agent or tag starts less than 1 h apart", "WAS "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	if strings.ContainsAny(r.stdout, "\x1b\u202e") || !strings.Contains(r.stdout, `Evil\u001b[31m\u202eeman`) {
		t.Errorf("hostile title not made safe:\n%s", r.stdout)
	}
	// The strip: a ruler and seven days of 24 two-column cells.
	if !strings.Contains(r.stdout, "          00    03    06") || !strings.Contains(r.stdout, "Wed 05-01 ") {
		t.Errorf("no density strip:\n%s", r.stdout)
	}
	// Seven times 24 hours from 12:00: the eighth day only until 12:00.
	if !strings.Contains(r.stdout, "from 2030-05-01 12:00 UTC to 2030-05-08 12:00 UTC.") {
		t.Errorf("not 7 × 24 hours:\n%s", r.stdout)
	}
	if i := strings.Index(r.stdout, "\nWed 2030-05-08\n"); i >= 0 {
		for _, l := range strings.Split(r.stdout[i+len("\nWed 2030-05-08\n"):], "\n") {
			if strings.HasPrefix(l, "  ") && l >= "  12:00" {
				t.Errorf("a run after the window: %q", l)
			}
		}
	}
}

// --days 1 late in the evening is the next 24 hours: tomorrow's runs too,
// not only the rest of today.
func TestCalendarDaysAreTimesTwentyFourHours(t *testing.T) {
	e, _ := calendarEnv(t)
	e.now = e.now.Add(8 * time.Hour) // 20:00 UTC
	runs := decodeJSON[[]calendarRun](t, e.run("", "calendar", "--days", "1", "--kind", "script", "--json", "--tz", "UTC").must(t, exitOK).stdout)
	if len(runs) != 4 || runs[0].Start != "2030-05-02T14:00:00Z" || runs[3].Start != "2030-05-02T16:00:00Z" {
		t.Fatalf("--days 1 at 20:00: %+v", runs)
	}
	r := e.run("", "calendar", "--help").must(t, exitOK)
	if !strings.Contains(r.stdout, "next --days × 24 hours from now") {
		t.Fatalf("--help does not say what --days means:\n%s", r.stdout)
	}
}

func TestCalendarRefusesBadFlags(t *testing.T) {
	e, _ := calendarEnv(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--days", "0"}, "--days must be 1 to 90, got 0"},
		{[]string{"--days", "91"}, "--days must be 1 to 90, got 91"},
		{[]string{"--kind", "scan"}, `--kind must be was or script, got "scan"`},
	} {
		r := e.run("", append([]string{"calendar"}, tc.args...)...).must(t, exitUsage)
		if !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: stderr %q", tc.args, r.stderr)
		}
	}
	if n := e.requests(searchEP); n != 0 {
		t.Fatalf("bad flags sent %d searches", n)
	}
}

package calendar_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
)

// seededWeek is a simulator at uitest.Epoch (Mon 2026-03-30 09:15 UTC)
// with a dozen seeded WAS schedules and four script schedules: Patch A
// and Patch B on one agent half an hour apart (an overlap), Inventory on
// another agent at Patch A's time (none), and one with a hostile title.
func seededWeek(t *testing.T) *uitest.Env {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 12, Seed: 3}, nil)
	agents := env.Sim.Agents()
	daily := func(title, at string, agent sim.Agent) model.ScriptSchedule {
		return model.ScriptSchedule{Activate: true, Title: title, User: model.User{ID: "1", Name: "ops.lead"},
			ScheduleType: model.Daily, StartDate: "2026-03-01", StartTime: at,
			Scripts: []model.ScriptRef{{ID: "11", Title: "patch"}},
			Assets:  []model.Asset{{UUId: agent.AgentUUID, ID: model.IDOf(agent.ID)}}}
	}
	for _, s := range []model.ScriptSchedule{
		daily("Patch A", "14:00:00", agents[0]),
		daily("Patch B", "14:30:00", agents[0]),
		daily("Inventory", "14:00:00", agents[1]),
		daily("Evil\x1b[31m\u202eeman", "16:00:00", agents[2]),
	} {
		env.Sim.PlantCARSchedule(s)
	}
	return env
}

// open starts the app on the script schedules and switches to the
// calendar, which loads only then.
func open(t *testing.T, w, h int) *apptest.Flow {
	f := apptest.New(t, apptest.Options{Env: seededWeek(t), Start: common.ScriptsScreen, Width: w, Height: h})
	f.Wait("Patch")
	f.Keys("3")
	f.Wait("overlapping", "Mon 2026-03-30")
	return f
}

// The golden views of the seeded week: the strip, the agenda from now
// (09:15 Monday), the flags on Patch A and Patch B, the hostile title
// escaped.
func TestGoldenWeek(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 30}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			f := open(t, sz[0], sz[1])
			f.RequireGolden()
		})
	}
}

// ! moves to the first overlapping run, Patch A at 14:00; the status bar
// names what it overlaps; enter shows it on the script schedules with its
// details open.
func TestOverlapFlaggedAndEnterOpensTheSchedule(t *testing.T) {
	f := open(t, 100, 30)
	f.Keys("n")
	f.Wait("overlaps", "Patch")
	m := f.Final()
	if !strings.Contains(m, "▸ 14:00 UTC ! script Patch A") || !strings.Contains(m, "! overlaps Patch B") {
		t.Fatalf("the cursor is not on the flagged Patch A:\n%s", m)
	}
	uitest.RequireFits(t, m, 100, 30)
}

func TestEnterShowsTheScheduleOnItsScreen(t *testing.T) {
	f := open(t, 100, 30)
	f.Keys("n", "enter")
	f.Wait("Description", "(read")
	m := f.Final()
	if !strings.Contains(m, "Script schedule Patch A") || !strings.Contains(m, "Title          Patch A") || strings.Contains(m, "Calendar ·") {
		t.Fatalf("not on the script schedule's details:\n%s", m)
	}
}

func TestEnterOnAWASRunShowsItsDetails(t *testing.T) {
	f := open(t, 100, 30)
	f.Keys("K")              // WAS only
	f.Wait("webapp:2900136") // the cursor on a WAS run
	f.Keys("enter")          // the first WAS run: 22:00, Nightly Schedule 514
	f.Wait("Multi-Scan", "700514")
	m := f.Final()
	if strings.Contains(m, "Calendar ·") || !strings.Contains(m, "Nightly Schedule 514") {
		t.Fatalf("still on the calendar:\n%s", m)
	}
}

// esc on the details the Calendar's enter opened comes back to the
// Calendar, for a WAS run and a script run alike; the list below them is
// not shown.
func TestEscFromDetailsReturnsToTheCalendar(t *testing.T) {
	t.Run("WAS", func(t *testing.T) {
		f := open(t, 100, 30)
		f.Keys("K")
		f.Wait("webapp:2900136")
		f.Keys("enter")
		f.Wait("Multi-Scan", "700514")
		f.Keys("esc")
		f.Wait("Calendar ·", "overlapping")
		if m := f.Final(); !strings.Contains(m, "Calendar · next 7 days") || strings.Contains(m, "Multi-Scan") {
			t.Fatalf("esc did not come back to the calendar:\n%s", m)
		}
	})
	t.Run("script", func(t *testing.T) {
		f := open(t, 100, 30)
		f.Keys("n", "enter")
		f.Wait("Description", "(read")
		f.Keys("esc")
		f.Wait("Calendar ·", "overlapping")
		if m := f.Final(); !strings.Contains(m, "▸ 14:00 UTC ! script Patch A") {
			t.Fatalf("esc did not come back to the calendar at the run:\n%s", m)
		}
	})
}

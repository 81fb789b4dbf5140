package scripts_test

import (
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

// Enter on a run in the details expands it and scrolls so that its
// per-asset results are in sight (they used to open below the screen),
// with the run's own line still shown.
func TestExpandedRunIsScrolledIntoView(t *testing.T) {
	clk := uitest.NewClock(builderNow, 0)
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2, Now: clk.Now, TokenTTL: 1000 * time.Hour}, nil)
	once := weekly("Runs soon", agents(t, env))
	once.ScheduleType, once.DaysOfWeek = model.OneTime, nil
	once.StartDate, once.StartTime, once.EndDate = "2030-05-01", "10:00:00", model.Ptr("2030-05-01")
	create(t, env, once)
	clk.Advance(2 * time.Hour)
	s := scripts.New(common.New(env.Client, false, clk.Now), scripts.Options{User: "demo"})
	s.SetSize(80, 24)
	run(t, s, s.Init())
	press(t, s, "enter")
	if v := view(t, s); !strings.Contains(v, "▸ ") || strings.Contains(v, " · code ") {
		t.Fatalf("no run chosen, or results before enter:\n%s", v)
	}
	press(t, s, "enter")
	v := view(t, s)
	if !strings.Contains(v, "▸ ") || !strings.Contains(v, " · code ") {
		t.Fatalf("the expanded run's results are not in sight:\n%s", v)
	}
}

package scripts_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

// lifeFlow is a flow whose simulator and app share one clock, so that
// advancing it makes the simulator run schedules.
func lifeFlow(t *testing.T) (*flow, *uitest.Clock) {
	t.Helper()
	clk := uitest.NewClock(builderNow, 0)
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 1, Now: clk.Now, TokenTTL: 1000 * time.Hour}, nil)
	af := apptest.New(t, apptest.Options{Env: env, Clock: clk, Width: 100, Height: 40,
		Routes: func(r app.Routes) app.Routes {
			return r.With(common.ScriptsScreen, func(c common.Common) common.Screen {
				return scripts.New(c, scripts.Options{User: "demo"})
			})
		}})
	return &flow{Flow: af, t: t, env: env}, clk
}

// agents returns two seeded agents as schedule targets, web-01 first.
func agents(t *testing.T, env *uitest.Env) []model.Asset {
	t.Helper()
	hs, err := env.Client.Assets.All(context.Background(), model.AssetQuery{Name: "web-0"})
	if err != nil || len(hs) < 2 {
		t.Fatalf("agents: %v (%d)", err, len(hs))
	}
	var out []model.Asset
	for _, h := range hs[:2] {
		out = append(out, model.Asset{UUId: h.AgentInfo.AgentID, ID: model.IDOf(h.ID)})
	}
	if out[0].ID != "44496319" {
		t.Fatalf("first agent is %s, want web-01 (44496319)", out[0].ID)
	}
	return out
}

func create(t *testing.T, env *uitest.Env, s model.ScriptSchedule) string {
	t.Helper()
	id, err := env.Client.Scripts.CreateSchedule(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func weekly(title string, targets []model.Asset) model.ScriptSchedule {
	return model.ScriptSchedule{
		Activate: true, Title: title, User: model.User{ID: userID, Name: "demo"},
		Scripts: []model.ScriptRef{{ID: "226213", Title: "Sample script title"}},
		Assets:  targets, StartDate: "2030-05-02", StartTime: "02:00:00", EndDate: model.Ptr("2030-06-30"),
		ScheduleType: model.Weekly, DaysOfWeek: []int{1, 3},
	}
}

// TestE2ELifecycle: a weekly schedule built in the builder by searching
// two agents by host name and one tag (the simulator stores the right
// UUID/id pairs) is edited (its days change, and the update the simulator
// stores carries them), cloned under a new title, deactivated and
// deleted; then a second schedule runs when the clock passes it, and its
// details list the run with the per-asset results.
func TestE2ELifecycle(t *testing.T) {
	f, clk := lifeFlow(t)
	targets := agents(t, f.env)
	f.Wait("Press")
	id := buildByPicking(f, "Weekly patch check")
	f.Keys("enter")
	f.movedAnd("WEEKLY") // the list again, with the new schedule

	// Edit: thirteen fields down to the days; Monday off, Friday on.
	f.Keys("e")
	f.moved()
	for range 13 {
		f.Keys("enter")
		f.moved()
	}
	f.Keys("space", "down", "down", "down", "down", "space")
	f.TM.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	f.moved()
	f.submit()
	recs := f.env.Sim.CARSchedules()
	if len(recs) != 1 || recs[0].ID != id {
		t.Fatalf("stored: %+v", recs)
	}
	if raw := compact(t, recs[0].Raw); !strings.Contains(raw, `"daysOfWeek":[3,5]`) || !strings.Contains(raw, `"title":"Weekly patch check"`) {
		t.Fatalf("the update stored %s", raw)
	}
	f.Keys("enter")
	f.movedAnd("Fri") // the list again; the next run moved from Monday to Friday

	// Clone under a new title.
	f.Keys("c")
	f.moved()
	f.field("Nightly copy", true)
	f.TM.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	f.moved()
	f.submit()
	recs = f.env.Sim.CARSchedules()
	if len(recs) != 2 || recs[1].Schedule.Title != "Nightly copy" || !slicesEqual(recs[1].Schedule.DaysOfWeek, []int{3, 5}) {
		t.Fatalf("clone stored: %+v", recs)
	}
	f.Keys("enter")
	f.movedAnd("Nightly")

	// Deactivate the original, found with the filter.
	f.Keys("/")
	f.moved()
	f.Type("weekly")
	f.Keys("enter")
	f.moved()
	f.Keys("d")
	f.movedAnd("not confirmed by Qualys", "reading the schedules again")
	f.Confirm()
	f.step += 2 // sending, then the list (a frame may skip the first)
	f.WaitStep(f.step)
	if recs = f.env.Sim.CARSchedules(); recs[0].Schedule.Activate {
		t.Fatal("the original is still active")
	}

	// Delete it: the confirmation names the title.
	f.Keys("X")
	f.movedAnd("Delete", "Weekly", "patch", "check", "not confirmed by Qualys")
	f.Confirm()
	f.step += 2
	f.WaitStep(f.step)
	if recs = f.env.Sim.CARSchedules(); len(recs) != 1 || recs[0].Schedule.Title != "Nightly copy" {
		t.Fatalf("after delete: %+v", recs)
	}

	// A second schedule runs an hour from now on two agents and a tag;
	// the clock passes the run and the asset jobs' ends.
	tags, err := f.env.Client.Scripts.Tags(context.Background(), "")
	if err != nil || len(tags) < 2 {
		t.Fatalf("tags: %v", err)
	}
	tag := tags[len(tags)-1] // a small one, not "Cloud Agent" (every agent)
	once := model.ScriptSchedule{
		Activate: true, Title: "Runs soon", User: model.User{ID: userID, Name: "demo"},
		Scripts: []model.ScriptRef{{ID: "226213", Title: "Sample script title"}},
		Assets:  targets, AssetTags: []model.Asset{tag.Ref()},
		StartDate: "2030-05-01", StartTime: "10:00:00", EndDate: model.Ptr("2030-05-01"), ScheduleType: model.OneTime,
	}
	create(t, f.env, once)
	clk.Advance(2 * time.Hour)
	f.Keys("/")
	f.moved()
	f.Keys("esc")
	f.moved()
	f.Keys("/")
	f.moved()
	f.Type("runs")
	f.Keys("enter")
	f.moved()
	f.Keys("r")
	f.Wait("ONE_TIME")
	f.Keys("enter")
	f.movedAnd("web-01", "Recent", "newest")
	f.Keys("enter")
	f.Wait("code", "ended")
	f.RequireGolden()
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// movedAnd waits for the next focus move and for tokens drawn with it or
// after it (a read may end before or after the move is drawn).
func (f *flow) movedAnd(tokens ...string) {
	f.t.Helper()
	f.step++
	f.Wait(append([]string{fmt.Sprintf("[step %d]", f.step)}, tokens...)...)
}

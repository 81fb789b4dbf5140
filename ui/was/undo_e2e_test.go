package was_test

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
	"github.com/qsched/qsched/ui/was"
)

// Issue 17 §2: deactivate six rows by filter in the TUI; someone else
// activates the sixth again; z sets back the five still as the action
// left them and leaves the sixth alone, listed. The simulator's clock
// moves between the steps, so each schedule's update time says who
// changed it last.
func TestE2EUndoByFilter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	simClock := uitest.NewClock(uitest.Epoch(), 0)
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 40, Seed: 1, Now: simClock.Now}, func(c *client.Config) {
		c.Now = uitest.NewClock(uitest.Epoch(), 7*time.Millisecond).Now
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "operator"}, Platform: "demo"}
		// The simulator counts the budget per endpoint, and a reload's
		// count and page answer in either order: without the headers the
		// status bar shows "API –" and the final view is the same on
		// every run.
		c.HTTPClient = &http.Client{Transport: noBudget{http.DefaultTransport}}
	})
	var six []string
	for _, s := range env.Sim.WASSchedules() {
		if s.IsActive() && len(six) < 6 {
			six = append(six, strconv.FormatInt(s.IDValue(), 10))
		}
	}
	crit, err := model.ParseCriterion("id IN " + strings.Join(six, ","))
	if err != nil || len(six) != 6 {
		t.Fatalf("%v %v", six, err)
	}
	af := apptest.New(t, apptest.Options{Env: env, Start: common.WASScreen, Width: 120, Height: 30,
		Routes: func(r app.Routes) app.Routes {
			return r.With(common.WASScreen, func(c common.Common) common.Screen {
				return was.New(c, was.Options{Platform: "demo", Criteria: []model.Criterion{crit}})
			})
		}})
	af.Wait(six[0], six[5])
	af.Type("D")
	af.Wait("(default:")
	af.Confirm()
	// The action's note, then the reload after it: the rows show no next
	// launch ("—") once they are read inactive.
	af.Wait("Deactivated", "—")
	for _, id := range six {
		if s := wasSchedule(t, env, id); s.IsActive() {
			t.Fatalf("%s is active after the deactivate", id)
		}
	}

	// Someone else, not through this session, activates the sixth again.
	simClock.Advance(time.Minute)
	other, err := client.New(client.Config{APIURL: env.URL, GatewayURL: env.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	sixth, _ := model.ParseCriterion("id EQUALS " + six[5])
	if _, err := other.WAS.SetActiveByFilter(context.Background(), true, []model.Criterion{sixth}); err != nil {
		t.Fatal(err)
	}
	changedAt := wasSchedule(t, env, six[5]).UpdatedDate

	simClock.Advance(time.Minute)
	af.Type("z")
	af.Wait("Undo", "(default:")
	af.Confirm()
	// The undo's note, then the reload after it: until then every row
	// shows the state the deactivate left ("no").
	af.Wait("Undid", "yes")
	for _, id := range six[:5] {
		if s := wasSchedule(t, env, id); !s.IsActive() || *s.UpdatedDate == *changedAt {
			t.Fatalf("%s after the undo: active %v, updated %v", id, s.IsActive(), *s.UpdatedDate)
		}
	}
	if s := wasSchedule(t, env, six[5]); !s.IsActive() || *s.UpdatedDate != *changedAt {
		t.Fatalf("the sixth was not left alone: active %v, updated %v (changed by someone else at %v)", s.IsActive(), *s.UpdatedDate, *changedAt)
	}
	// The undo is one audited activate of exactly the five, naming the
	// action it undoes.
	recs, err := audit.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in := recs[len(recs)-2]
	if in.Action != client.AuditWASActivate || in.Target.UndoOf != recs[0].ActionID || !slices.Equal(in.Target.IDs, six[:5]) {
		t.Fatalf("the undo's record: %s %+v", in.Action, in.Target)
	}
	af.RequireGolden()
}

// noBudget drops the rate-limit headers of every answer.
type noBudget struct{ inner http.RoundTripper }

func (n noBudget) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := n.inner.RoundTrip(r)
	if resp != nil {
		for k := range resp.Header {
			if strings.HasPrefix(k, "X-Ratelimit") {
				resp.Header.Del(k)
			}
		}
	}
	return resp, err
}

func wasSchedule(t *testing.T, env *uitest.Env, id string) model.WasScanSchedule {
	t.Helper()
	for _, s := range env.Sim.WASSchedules() {
		if strconv.FormatInt(s.IDValue(), 10) == id {
			return s
		}
	}
	t.Fatalf("%s is gone", id)
	return model.WasScanSchedule{}
}

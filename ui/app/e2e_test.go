package app_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
)

// TestE2EAPILog drives the real program against the simulator: a screen
// makes one call (a count), the user opens the API log, sees the call, and
// quits. The final view is compared with testdata/TestE2EAPILog.golden;
// regenerate it with go test ./ui/... -update.
//
// Determinism: one call only (the real screens load concurrently, in no
// fixed order); the client's clock moves 7 ms per reading, so call times
// and durations are fixed; the spinner is static.
func TestE2EAPILog(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 40, Seed: 1}, func(c *client.Config) {
		c.Now = uitest.NewClock(uitest.Epoch(), 7*time.Millisecond).Now
	})
	counter, fc := newFake(common.ScriptsScreen)
	counter.work = func(ctx context.Context) (string, error) {
		n, err := env.Client.WAS.Count(ctx, nil)
		return strconv.Itoa(n), err
	}
	_, idle := newFake(common.WASScreen)
	f := apptest.New(t, apptest.Options{Env: env, Routes: func(r app.Routes) app.Routes {
		return r.With(common.ScriptsScreen, fc).With(common.WASScreen, idle)
	}})
	f.Wait("fake")
	f.Keys("x", "@")
	f.Wait("wasscanschedule", "1999/2000")
	f.RequireGolden()
}

package app_test

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/uitest"
	"github.com/qsched/qsched/ui/placeholder"
)

// TestE2EAPILog drives the real program against the simulator: the app
// starts (the WAS screen counts schedules in the background), the user
// opens the WAS screen, then the API log, sees the call, and quits. The
// final view is compared with testdata/TestE2EAPILog.golden; regenerate
// it with go test ./ui/... -update.
//
// Determinism: the client's clock moves 7 ms per reading, so call times
// and durations are fixed; the spinner is static; the platform label has
// no port.
func TestE2EAPILog(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 40, Seed: 1}, func(c *client.Config) {
		c.Now = uitest.NewClock(uitest.Epoch, 7*time.Millisecond).Now
	})
	m := app.New(app.Options{
		Client: env.Client, Events: env.Events, Platform: "demo", User: "demo",
		Now: uitest.NewClock(uitest.Epoch, 0).Now, StaticSpinner: true,
		// This flow is about the API log: keep the counting placeholder
		// behind 2 so the calls (and the golden) stay the same. The WAS
		// screen has its own flows in ui/was.
		Screens: map[common.ScreenID]app.ScreenFactory{common.WASScreen: placeholder.WAS},
	})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.Ascii),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		),
	)
	wait := func(what string, cond func([]byte) bool) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), cond, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	has := func(subs ...string) func([]byte) bool {
		return func(b []byte) bool {
			for _, s := range subs {
				if !bytes.Contains(b, []byte(s)) {
					return false
				}
			}
			return true
		}
	}
	// Tokens without spaces: the cell-diff renderer may skip cells that
	// did not change, so only contiguous new text is reliable.
	wait("script screen", has("CAR"))
	tm.Type("2")
	wait("WAS count", has("platform."))
	tm.Type("@")
	wait("count call in the API log", has("wasscanschedule", "1999/2000"))
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	teatest.RequireEqualOutput(t, []byte(fm.(*app.Model).View().Content))
}

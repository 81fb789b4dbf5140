package was_test

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
)

// At 80×24: sort by name, mark a range with v and one more row with
// shift+↓, end the range with esc, and show only the marked rows. The
// golden is the ASCII view: markers, the status that explains them, the
// footer within 80 columns.
func TestE2EMarksAt80x24(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 40, Seed: 1}, func(c *client.Config) {
		c.Now = uitest.NewClock(uitest.Epoch(), 7*time.Millisecond).Now
	})
	af := apptest.New(t, apptest.Options{Env: env, Start: common.WASScreen, Width: 80, Height: 24})
	af.Wait("700504")
	// Marks act on the view, which a sort recomputes in a command: wait
	// for the new order before marking. Tokens carry no spaces (the
	// renderer redraws changed cells only).
	af.Type("s")
	af.Wait("name")
	af.Type("v")
	af.Wait("Marking")
	af.Keys("down", "down", "esc")
	af.Wait("Range")
	af.Keys("down", "down")
	af.TM.Send(tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift})
	af.Type("M")
	af.Wait("Showing", "shown")
	af.RequireGolden()
}

package scriptform

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// A field's problem shares its label's line: huh scrolls a tall group by
// lines, and the title's problem used to stay in sight without "Title"
// when the first line was scrolled away (80x24 in the app).
func TestTitleProblemKeepsItsLabel(t *testing.T) {
	for _, h := range []int{19, 20, 30} {
		m := newModel(t, NewDraft(testNow, "demo"), Options{})
		m.SetSize(80, h)
		_ = m.Init()
		m.Update(uitest.Key("enter")) // leave the empty title
		for _, k := range []string{"x", "enter", "enter", "enter"} {
			feed(t, m, uitest.Key(k))
			v := plain(m)
			for _, l := range strings.Split(v, "\n") {
				if strings.Contains(l, "✗") && !strings.Contains(l, "Title") {
					t.Fatalf("height %d, on %s: a problem without its label:\n%s", h, focused(m), v)
				}
			}
			if h == 30 && !strings.Contains(v, "Title  ✗ is required") {
				t.Fatalf("the title's problem is not beside its label:\n%s", v)
			}
		}
	}
}

// The user id is optional and says so; one given must be a UUID, named
// on its label's line, and blocks the submit (the simulator refuses it
// too: model.ScriptSchedule.Validate).
func TestUserIDIsOptionalButMustBeAUUID(t *testing.T) {
	d := validWeekly()
	d.UserID = "abc1111"
	m := newModel(t, d, Options{})
	_ = m.Init()
	v := plain(m)
	if !strings.Contains(v, `User id (UUID, optional)  ✗ "abc1111" is not a UUID`) {
		t.Fatalf("the user id's problem is not on its label:\n%s", v)
	}
	review(m)
	m.Update(uitest.Key("s"))
	if v := plain(m); !strings.Contains(v, `Not sent: 1 problem to fix first: User id: "abc1111" is not a UUID`) {
		t.Fatalf("the submit was not refused:\n%s", v)
	}
	d.UserID = ""
	if _, problems := d.Schedule(); len(problems) > 0 {
		t.Fatalf("an empty user id is a problem: %v", problems)
	}
}

// The builder's toggles read "yes"/"no" as the rest of the app does, and
// its confirmation names the platform by its label and the account, as
// the WAS screen's do.
func TestTogglesAndPlatformReadAsElsewhere(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 1}, nil)
	testClock = uitest.NewClock(testNow, 0)
	c := common.New(env.Client, false, testClock.Now)
	c.Zone = berlin
	m := New(c, Options{Platform: "demo (sim)"}, validWeekly())
	m.SetSize(100, 60)
	_ = m.Init()
	if v := plain(m); !strings.Contains(v, "yes     no") || strings.Contains(v, "Yes") {
		t.Fatalf("the activate toggle:\n%s", v)
	}
	review(m)
	m.Update(uitest.Key("s"))
	user := env.Client.Config().Credentials.Username
	if v := plain(m); !strings.Contains(v, "Platform: demo (sim) · user "+user) {
		t.Fatalf("the confirmation's platform line:\n%s", v)
	}
}

package scriptform

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/task"
)

// An edit that keeps the title says so; the schedule's own title is not
// "a title no schedule has".
func TestEditTitleCheckSaysTheTitleIsUnchanged(t *testing.T) {
	m := editModel(t, stored(model.Daily))
	review(m)
	for _, c := range []struct{ title, want string }{
		{m.opts.Edit.Original.Title, "Title check: ✓ unchanged: the schedule's own title"},
		{"Another title", "Title check: ✓ no schedule has this title yet"},
	} {
		m.checkedTitle = c.title // as checkTitle sets it with a connection
		gen := m.gen.Next()
		m.Update(TitleCheckMsg{Task: task.Task{Gen: gen}, Value: []model.CARSearchItem{{ID: "sched-1"}}})
		if v := plain(m); !strings.Contains(v, c.want) {
			t.Fatalf("title %q:\n%s", c.title, v)
		}
	}
}

// An empty number field is "required", not `not a whole number, got ""`;
// the start time's problem names the forms its hint offers.
func TestEmptyNumbersAreRequiredAndTimesNameBothForms(t *testing.T) {
	d := validWeekly()
	d.Type, d.HourlyInterval = "HOURLY", " "
	d.ScriptID = ""
	d.StartTime = "25:00"
	_, v := d.Schedule()
	for field, want := range map[string]string{
		"hourlyInterval": "is required for an HOURLY schedule",
		"scripts[0].id":  "is required",
		"startTime":      `"25:00" is not a time of day in the form HH:MM or HH:MM:SS`,
	} {
		if got := v.For(field); len(got) != 1 || got[0].Problem != want {
			t.Errorf("%s: %v, want %q", field, got, want)
		}
	}
	d.Type, d.Reboot, d.RebootDelay = "DAILY", true, ""
	if _, v := d.Schedule(); len(v.For("rebootDelayInSeconds")) != 1 || !strings.HasPrefix(v.For("rebootDelayInSeconds")[0].Problem, "is required") {
		t.Errorf("empty reboot delay: %v", v.For("rebootDelayInSeconds"))
	}
	d.StartTime = ""
	if _, v := d.Schedule(); len(v.For("startTime")) != 1 || v.For("startTime")[0].Problem != "is required (HH:MM or HH:MM:SS)" {
		t.Errorf("empty start time: %v", v.For("startTime"))
	}
}

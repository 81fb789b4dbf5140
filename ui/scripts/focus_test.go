package scripts_test

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// The Calendar's enter: the schedule comes under the cursor, the filter
// that hid it is cleared, and its details open; with the builder open,
// nothing moves.
func TestFocusScheduleOpensItsDetails(t *testing.T) {
	s, env := newScreen(t, false, nil)
	plant := func(title string) string {
		return env.Sim.PlantCARSchedule(model.ScriptSchedule{Activate: true, Title: title, ScheduleType: model.Daily,
			StartDate: "2030-05-02", StartTime: "02:00:00", Scripts: []model.ScriptRef{{ID: "1", Title: "x"}}})
	}
	plant("Alpha")
	beta := plant("Beta")
	run(t, s, s.Init())
	s.Update(uitest.Key("/"))
	for _, k := range "alpha" {
		s.Update(uitest.Key(string(k)))
	}
	s.Update(uitest.Key("enter"))
	if strings.Contains(s.View(), "Beta") {
		t.Fatal("the filter does not hide Beta")
	}
	_, cmd := s.Update(common.FocusScheduleMsg{Screen: common.ScriptsScreen, ID: beta})
	run(t, s, cmd)
	if s.Focus() != "details" || !strings.Contains(s.View(), "Script schedule Beta") {
		t.Fatalf("focus %q\n%s", s.Focus(), s.View())
	}

	s.Update(uitest.Key("esc")) // back to the list
	_, cmd = s.Update(uitest.Key("n"))
	run(t, s, cmd)
	before := s.Focus()
	_, cmd = s.Update(common.FocusScheduleMsg{Screen: common.ScriptsScreen, ID: beta})
	run(t, s, cmd)
	if s.Focus() != before || s.Focus() == "details" {
		t.Fatalf("the builder was left for details: %q → %q", before, s.Focus())
	}
}

package main

import (
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// Each type's template is a body the simulator creates as it is.
func TestScriptsTemplateIsAValidStartingBody(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	e.now = time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)
	for name, typ := range templateTypes {
		body := e.run("", "scripts", "schedule", "template", "--type", name).must(t, exitOK).stdout
		s, err := model.DecodeScriptSchedule([]byte(body))
		if err != nil || s.ScheduleType != typ || len(s.ValidateForSend()) != 0 || len(s.CheckStart(e.now)) != 0 {
			t.Fatalf("%s: %v %v %v", name, err, s.ValidateForSend(), s.CheckStart(e.now))
		}
		e.run(body, "scripts", "schedule", "create", "-f", "-").must(t, exitOK)
	}
	if n := len(e.sim.CARSchedules()); n != len(templateTypes) {
		t.Fatalf("%d created, want %d", n, len(templateTypes))
	}
	if r := e.run("", "scripts", "schedule", "template", "--type", "yearly").must(t, exitUsage); r.stderr != "qsched: --type: \"yearly\" is not one-time, hourly, daily, weekly or monthly\n" {
		t.Fatalf("bad type: %q", r.stderr)
	}
}

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/present"
)

// was get prints exactly the label/value pairs of present.WASDetails, the
// ones the TUI's details view shows (ui/was detailLines), for every kind
// of schedule the simulator seeds.
func TestWASGetPrintsThePresentFields(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 8})
	for _, s := range e.sim.WASSchedules() {
		got := e.run("", "was", "get", fmt.Sprint(s.IDValue())).must(t, exitOK).stdout
		want := strings.Join(present.Lines(present.WASDetails(s, e.now)), "\n") + "\n"
		if got != want {
			t.Fatalf("was get %d:\n%s\nwant:\n%s", s.IDValue(), got, want)
		}
		target := "Web app:"
		if s.Target.Tags != nil { // a tag-targeted schedule names tags, not apps
			target = "Tags included:"
		}
		for _, label := range []string{"Name:", "Next launch:", target, "Recipient", "Send mail:"} {
			if !strings.Contains(got, "\n"+label) {
				t.Errorf("was get %d lacks %q", s.IDValue(), label)
			}
		}
	}
}

package scripts_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
)

// A bulk deactivate of the three (Bravo was inactive already) is one
// audited action; someone else activates Charlie again; z sets back only
// Alpha, and the confirmation and the results list Charlie as left alone.
func TestUndoLastDeactivate(t *testing.T) {
	clk := uitest.NewClock(builderNow, 0)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	env := uitest.NewEnv(t, sim.Options{WASSchedules: -1, Seed: 2, Now: clk.Now, TokenTTL: 1000 * time.Hour}, func(c *client.Config) {
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "op"}, Platform: "demo"}
	})
	targets := agents(t, env)
	ids := map[string]string{}
	for _, title := range []string{"Alpha weekly", "Bravo weekly", "Charlie weekly"} {
		w := weekly(title, targets)
		w.Activate = title != "Bravo weekly"
		ids[title] = create(t, env, w)
	}
	s := scripts.New(common.New(env.Client, false, clk.Now), scripts.Options{User: "demo"})
	s.SetSize(80, 24)
	run(t, s, s.Init())

	// Only creates so far: z passes over them and finds nothing to undo.
	press(t, s, "z")
	if v := view(t, s); !strings.Contains(v, "Nothing to undo") {
		t.Fatalf("z after a create:\n%s", v)
	}
	press(t, s, "a", "d")
	clk.Advance(time.Second)
	press(t, s, "y")
	recs, _ := audit.ReadFile(path)
	if in := recs[len(recs)-2]; in.Action != client.AuditScriptsOff || len(in.Target.IDs) != 3 {
		t.Fatalf("the bulk is not one action: %+v", recs)
	}
	other, _ := client.New(client.Config{APIURL: env.URL, GatewayURL: env.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err := other.Scripts.SetScheduleActive(context.Background(), ids["Charlie weekly"], "", true); err != nil {
		t.Fatal(err)
	}

	press(t, s, "z")
	v := view(t, s)
	for _, want := range []string{"Undo deactivate of 1 script schedule?", "Activate 1 script schedule again:", "Alpha weekly", "Left alone (1):", ids["Charlie weekly"][:8], "Type y to undo"} {
		if !strings.Contains(v, want) {
			t.Fatalf("confirmation lacks %q:\n%s", want, v)
		}
	}
	clk.Advance(time.Second)
	press(t, s, "y")
	active := map[string]bool{}
	for _, r := range env.Sim.CARSchedules() {
		active[r.Schedule.Title] = r.Schedule.Activate
	}
	if !active["Alpha weekly"] || active["Bravo weekly"] || !active["Charlie weekly"] {
		t.Fatalf("after the undo: %v", active)
	}
	v = view(t, s)
	if !strings.Contains(v, "Undid deactivate: activated 1 of 1 schedule.") || !strings.Contains(v, "Alpha weekly: ✓ activated") || !strings.Contains(v, "Left alone (1):") {
		t.Fatalf("after the undo:\n%s", v)
	}
}

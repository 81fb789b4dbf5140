package was

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

// auditedRig is newRig with an audit log, so that writes can be undone.
func auditedRig(t *testing.T, schedules int, readOnly bool) *rig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	env := uitest.NewEnv(t, sim.Options{WASSchedules: schedules, Seed: 1}, func(c *client.Config) {
		c.Audit = audit.Trail{Log: audit.Open(path), Actor: audit.Actor{OSUser: "op"}, Platform: "demo"}
	})
	clk := uitest.NewClock(uitest.Epoch(), 0)
	c := common.New(env.Client, readOnly, clk.Now)
	c.StaticSpinner = true
	c.SetSize(120, 30)
	m := New(c, Options{Platform: "demo"})
	m.SetSize(120, 30)
	r := &rig{t: t, m: m, mgr: task.NewManager(context.Background(), clk.Now), clk: clk, env: env}
	runner := &uitest.Runner{T: t, Deliver: r.deliver, Limit: time.Minute}
	r.run = runner.Run
	r.run(m.Init())
	return r
}

// z undoes the last deactivate: the confirmation names the count and the
// action and lists the row someone changed since; only the others are
// activated again, and the list shows what the server holds.
func TestUndoLastDeactivate(t *testing.T) {
	r := auditedRig(t, 40, false)
	m := r.m
	r.keys("z")
	if m.mode != modeList || !strings.Contains(m.note, "Nothing to undo") {
		t.Fatalf("z with an empty log: mode %d, note %q", m.mode, m.note)
	}
	var ids []int64
	for _, s := range r.env.Sim.WASSchedules() {
		if s.IsActive() && len(ids) < 3 {
			ids = append(ids, s.IDValue())
		}
	}
	if res := r.env.Client.WAS.SetActive(context.Background(), false, ids, nil); len(res.Succeeded()) != 3 {
		t.Fatalf("deactivate: %+v", res)
	}
	// Someone else activates the second again (a client without audit).
	other, _ := client.New(client.Config{APIURL: r.env.URL, GatewayURL: r.env.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	other.WAS.SetActive(context.Background(), true, ids[1:2], nil)

	r.keys("z")
	if m.mode != modeConfirm {
		t.Fatalf("no confirmation: note %q", m.note)
	}
	spec := m.dialog.Spec()
	lines := strings.Join(spec.Lines, "\n")
	if spec.Title != "Undo deactivate of 2 WAS schedules?" || spec.Verb != "undo" ||
		!strings.Contains(lines, "Left alone (1): "+strconv.FormatInt(ids[1], 10)+" (now active: changed since)") || !strings.Contains(lines, "Activate 2 WAS schedules again") {
		t.Fatalf("confirmation %q:\n%s", spec.Title, lines)
	}
	uitest.RequireFits(t, m.View(), 120, 30)
	r.confirm()
	uitest.RequireFits(t, m.View(), 120, 30)
	for _, id := range ids {
		if s, _ := r.env.Sim.WASSchedule(id); !s.IsActive() {
			t.Fatalf("%d is inactive", id)
		}
		if row := m.rows[m.index[id]]; !row.active {
			t.Fatalf("row %d shows inactive", id)
		}
	}
	if !strings.Contains(m.note, "Undid deactivate: activated 2 of 2 schedules.") || !strings.Contains(m.note, "Left alone (1)") {
		t.Fatalf("note %q", m.note)
	}

	// After an update, which cannot be undone, z passes over it to the
	// newest activate: the undo just sent.
	if err := r.env.Client.WAS.Update(context.Background(), ids[0], model.WasScanSchedule{SendMail: model.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	r.keys("z")
	if m.mode != modeConfirm || m.dialog.Spec().Title != "Undo activate of 2 WAS schedules?" ||
		!strings.Contains(strings.Join(m.dialog.Spec().Lines, "\n"), "Passed over 1 newer action that cannot be undone (was.update).") {
		t.Fatalf("z after an update: mode %d, note %q, lines %q", m.mode, m.note, m.dialog.Spec().Lines)
	}
}

// Read-only: z sends nothing and says why.
func TestUndoReadOnly(t *testing.T) {
	r := auditedRig(t, 5, true)
	r.keys("z")
	if r.m.mode != modeList || !strings.Contains(r.m.note, "read-only") {
		t.Fatalf("mode %d note %q", r.m.mode, r.m.note)
	}
}

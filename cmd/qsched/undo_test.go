package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
)

const activateEP = "POST /qps/rest/3.0/activate/was/wasscanschedule"

type undoPreviewJSON struct {
	Action string `json:"action"`
	Sent   bool   `json:"sent"`
	Undoes struct {
		ID     string `json:"id"`
		Action string `json:"action"`
	} `json:"undoes"`
	Set       string `json:"set"`
	Count     int    `json:"count"`
	Schedules []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"schedules"`
	Skipped []struct{ ID, Why string } `json:"skipped"`
}

type undoSentJSON struct {
	Sent      bool `json:"sent"`
	Requested int  `json:"requested"`
	Succeeded int  `json:"succeeded"`
	Results   []struct {
		ID, Status string
	} `json:"results"`
	Skipped []struct{ ID, Why string } `json:"skipped"`
}

// Deactivate four by id, someone activates one again, undo --last: the
// preview names the count and the action and lists the one left alone;
// --dry-run and no --yes send nothing; --yes activates exactly the three.
func TestUndoLast(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 40, Seed: 6})
	ids := e.activeIDs(4)
	args := []string{"was", "deactivate", "--yes"}
	for _, id := range ids {
		args = append(args, fmt.Sprint(id))
	}
	e.run("", args...).must(t, exitOK)
	actionID := e.auditRecords()[0].ActionID
	// Someone else (not through qsched) activates the second again.
	e.run("", "was", "activate", fmt.Sprint(ids[1]), "--yes").must(t, exitOK)
	// That activate is itself the newest undoable action: undo the
	// deactivate by its id.
	r := e.run("", "undo", actionID).must(t, exitUsage)
	for _, want := range []string{"Would undo deactivate of 3 WAS schedules on ", "Activate again:", "Left alone (1):", fmt.Sprint(ids[1]), "now active: changed since", "Nothing was sent."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("preview lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "qsched: nothing was sent: undo deactivate of 3 WAS schedules needs --yes\n" || e.requests(activateEP) != 1 {
		t.Fatalf("preview: %q, %d activate requests", r.stderr, e.requests(activateEP))
	}
	p := decodeJSON[undoPreviewJSON](t, e.run("", "undo", actionID, "--json").must(t, exitUsage).stdout)
	if p.Action != "undo" || p.Sent || p.Undoes.ID != actionID || p.Undoes.Action != "was.deactivate" || p.Set != "active" || p.Count != 3 ||
		len(p.Schedules) != 3 || p.Schedules[0].Name == "" || len(p.Skipped) != 1 || p.Skipped[0].ID != fmt.Sprint(ids[1]) {
		t.Fatalf("preview --json: %+v", p)
	}
	r = e.run("", "undo", actionID, "--dry-run").must(t, exitOK)
	if !strings.Contains(r.stdout, activateEP) || !strings.Contains(r.stdout, fmt.Sprintf("%d,%d,%d", ids[0], ids[2], ids[3])) || e.requests(activateEP) != 1 {
		t.Fatalf("dry run (%d activate requests):\n%s", e.requests(activateEP), r.stdout)
	}

	res := decodeJSON[undoSentJSON](t, e.run("", "undo", actionID, "--yes", "--json").must(t, exitOK).stdout)
	if !res.Sent || res.Requested != 3 || res.Succeeded != 3 || len(res.Skipped) != 1 || e.requests(activateEP) != 2 {
		t.Fatalf("undo --yes: %+v", res)
	}
	for _, id := range ids {
		if !e.isActive(id) {
			t.Fatalf("%d is inactive after the undo", id)
		}
	}
	recs := e.auditRecords()
	if in := recs[len(recs)-2]; in.Action != "was.activate" || in.Target.UndoOf != actionID {
		t.Fatalf("the undo's intent: %+v", in.Target)
	}

	// An update came after it: --last passes over it to that undo, and
	// says so in one line.
	e.run("", "was", "update", fmt.Sprint(ids[0]), "--send-mail=true").must(t, exitOK)
	undoID := recs[len(recs)-1].ActionID
	r = e.run("", "undo", "--last", "--dry-run").must(t, exitOK)
	if first, _, _ := strings.Cut(r.stdout, "\n"); first != "--last: action "+undoID+" (was.activate), passed over 1 newer action that cannot be undone (was.update)." {
		t.Fatalf("--last --dry-run after an update:\n%s", r.stdout)
	}

	// --last is now that undo: undoing it deactivates the three again.
	r = e.run("", "undo", "--last", "--yes").must(t, exitOK)
	if !strings.Contains(r.stdout, "Undid activate ") || !strings.Contains(r.stdout, "deactivated 3 of 3 WAS schedules") {
		t.Fatalf("undo --last:\n%s", r.stdout)
	}
	if e.isActive(ids[0]) || !e.isActive(ids[1]) || e.isActive(ids[3]) {
		t.Fatal("undo of the undo did not set the states back")
	}
}

// Deletes, updates and creates are refused in one line; so are old records
// and bad input.
func TestUndoRefusals(t *testing.T) {
	e, _ := carEnv(t, sim.Options{})
	one := e.createSeed("000-weekly.json", "")
	e.run("", "scripts", "schedule", "delete", one, "--yes").must(t, exitOK)
	recs := e.auditRecords()
	del := recs[len(recs)-1].ActionID
	r := e.run("", "undo", del, "--yes").must(t, exitUsage)
	if !strings.Contains(r.stderr, "(scripts.delete) cannot be undone: a delete cannot be undone") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("delete: %q", r.stderr)
	}
	create := recs[0].ActionID
	if r := e.run("", "undo", create).must(t, exitUsage); !strings.Contains(r.stderr, "a create cannot be undone") {
		t.Fatalf("create: %q", r.stderr)
	}
	// Only a create and a delete: --last passes over them and says so.
	if r := e.run("", "undo", "--last").must(t, exitUsage); !strings.Contains(r.stderr, "--last: no undoable action by ") || !strings.Contains(r.stderr, "; passed over 2 newer actions that cannot be undone (scripts.delete, scripts.create)") {
		t.Fatalf("--last after a delete: %q", r.stderr)
	}
	if r := newTestEnv(t, sim.Options{WASSchedules: 5}).run("", "undo", "--last").must(t, exitUsage); !strings.Contains(r.stderr, "--last: no undoable action by ") {
		t.Fatalf("--last with nothing undoable: %q", r.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "give the ACTION-ID to undo"},
		{[]string{"abc", "--last"}, "not both"},
		{[]string{"../x"}, "ACTION-ID: \"../x\" is not an action id"},
		{[]string{"0123abcd"}, "ACTION-ID: no action 0123abcd in the audit log"},
	} {
		r := e.run("", append([]string{"undo"}, c.args...)...).must(t, exitUsage)
		if !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("undo %v: %q, want %q", c.args, r.stderr, c.want)
		}
	}
}

// A script bulk deactivate is one action, undone by one undo; --read-only
// refuses --yes before anything is sent.
func TestUndoScriptsAndReadOnly(t *testing.T) {
	e, _ := carEnv(t, sim.Options{})
	one := e.createSeed("000-weekly.json", "")
	two := e.createSeed("000-daily.json", "")
	e.run("", "scripts", "schedule", "deactivate", one, two, "--yes").must(t, exitOK)
	recs := e.auditRecords()
	if in := recs[len(recs)-2]; in.Action != "scripts.deactivate" || !slices.Equal(in.Target.IDs, []string{one, two}) || in.Target.Previous[one] != "active" {
		t.Fatalf("one action for the bulk: %+v", in.Target)
	}
	activates := e.requests(carActivateEP)
	if r := e.run("", "--read-only", "undo", "--last", "--yes").must(t, exitUsage); !strings.Contains(r.stderr, "read-only") || e.requests(carActivateEP) != activates {
		t.Fatalf("read-only: %q", r.stderr)
	}
	// The daily seed was inactive before the deactivate: only the weekly
	// one is activated again.
	res := decodeJSON[undoSentJSON](t, e.run("", "undo", "--last", "--yes", "--json").must(t, exitOK).stdout)
	if res.Succeeded != 1 || res.Results[0].ID != one || e.requests(carActivateEP) != activates+1 {
		t.Fatalf("undo: %+v", res)
	}
	if rec, _ := e.stored(one); !rec.Schedule.Activate {
		t.Fatalf("%s still inactive", one)
	}
	if rec, _ := e.stored(two); rec.Schedule.Activate {
		t.Fatalf("%s was inactive before the action and is active now", two)
	}
}

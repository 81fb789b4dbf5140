package was_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
)

const deactivateEP = "POST /qps/rest/3.0/deactivate/was/wasscanschedule"

// Issue 14 §1: 3,000 marked rows, d, y; the server stores the second
// chunk of 1,000 but its answer does not come (sim.Hang) and the operator
// presses esc. The first chunk is done, the second's outcome unknown
// until read again, the third never sent; after the read the report and
// every row shown say what the server holds.
func TestE2ECancelPartWayThrough3000(t *testing.T) {
	f := newFlow(t, 3000)
	f.wait("row", "1/3,000", "refreshed") // loaded
	before := active(f.env)
	// The ids go in ascending order, 1,000 per request: the first two
	// chunks end up inactive, with those inactive before.
	var all []int64
	for _, s := range f.env.Sim.WASSchedules() {
		all = append(all, s.IDValue())
	}
	slices.Sort(all)
	want := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(before), all[:2000]...))))
	f.tm.Type("a")
	f.wait("3,000", "selected")
	f.tm.Type("d")
	f.wait("(default:")
	f.env.Sim.AddFault(sim.Fault{Endpoint: deactivateEP, Kind: sim.Hang, Calls: []int{2}})
	f.confirm()

	// Wait for the server to have stored the second chunk, then cancel.
	waitFor(t, "the second chunk to be stored", func() bool {
		return f.env.Sim.Stats().Requests[deactivateEP] == 2 && len(active(f.env)) == len(want)
	})
	f.key(uitest.Key("esc"))
	f.wait("Read", "again:")

	inactive := active(f.env)
	if !slices.Equal(inactive, want) {
		t.Fatalf("%d inactive on the server, want %d", len(inactive), len(want))
	}
	if n := f.env.Sim.Stats().Requests[deactivateEP]; n != 2 {
		t.Fatalf("%d deactivate requests; the third chunk must not be sent", n)
	}
	view := f.af.Final()
	uitest.RequireGolden(t, view)
	final := ansi.Strip(view)
	report := strings.Join(strings.Fields(final), " ")
	if !strings.Contains(report, "Deactivated 2,000 of 3,000 schedules in 2 requests. 1,000 not sent (cancelled) — still marked; press d to retry them. Of 1,000 whose answer was lost, read again: 1,000 deactivated, 0 unchanged.") {
		t.Fatalf("the report does not say what the server holds:\n%s", final)
	}
	// Every row shown has the state the server holds.
	held := map[int64]bool{}
	for _, id := range inactive {
		held[id] = true
	}
	rows := 0
	for _, l := range strings.Split(final, "\n") {
		m := rowLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		rows++
		if (m[2] == "no") != held[id] {
			t.Errorf("row %d shows active=%s; the server holds inactive=%v", id, m[2], held[id])
		}
	}
	if rows < 10 {
		t.Fatalf("only %d rows read off the screen:\n%s", rows, final)
	}
}

// rowLine reads a WAS row: its id and ACT column.
var rowLine = regexp.MustCompile(`^\S?\s+(\d{3,})\s.*\s(yes|no)\s+(?:yes|no)\s*$`)

// waitFor polls cond until it holds; the deadline is the flows' own.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(apptest.Deadline)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

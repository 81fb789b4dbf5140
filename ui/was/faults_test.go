package was

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client/sim"
)

const searchEndpoint = "POST /qps/rest/3.0/search/was/wasscanschedule"

// What the WAS screen shows for each fault the simulator can inject
// (`qsched sim --faults NAME`) on the list's reads, as docs/reliability.md
// records: a fault on one call is retried through (the list loads whole,
// no error), except an HTML 403 and a truncated answer, which are not
// retried; a fault on every call leaves the rows loaded before and one
// line naming the problem, within the width.
func TestListLoadUnderEachFault(t *testing.T) {
	t.Parallel()
	notRetried := map[string]bool{"html-403": true, "truncate": true}
	for _, name := range sim.FaultNames() {
		if name == "hang" {
			continue // held until the client gives up: TestE2ECancelPartWayThrough3000
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, err := sim.ParseFaults(name)
			if err != nil {
				t.Fatal(err)
			}
			r := newRig(t, 30, false, Options{})
			if len(r.m.rows) != 30 {
				t.Fatalf("first load: %d rows", len(r.m.rows))
			}

			once := f[0]
			once.Endpoint, once.Calls = searchEndpoint, []int{1}
			if once.Kind == sim.Slow {
				once.Delay = time.Millisecond // 16-byte pieces: a page trickles for seconds
			}
			r.env.Sim.AddFault(once)
			r.keys("r")
			if notRetried[name] {
				checkLoadError(t, r, name)
				return
			}
			if len(r.m.rows) != 30 || r.m.load.err != "" || r.m.load.running {
				t.Fatalf("one %s: %d rows, error %q", name, len(r.m.rows), r.m.load.err)
			}
			if name == "slow" {
				return // a slow answer is served every time
			}

			always := f[0]
			always.Endpoint = searchEndpoint
			r.env.Sim.ClearFaults()
			r.env.Sim.AddFault(always)
			r.keys("r")
			checkLoadError(t, r, name)
		})
	}
}

// checkLoadError: the refresh failed, the rows loaded before stay, and
// the error is one line in the view.
func checkLoadError(t *testing.T, r *rig, name string) {
	t.Helper()
	if len(r.m.rows) != 30 || r.m.load.err == "" || r.m.load.running {
		t.Fatalf("%s on every call: %d rows, error %q", name, len(r.m.rows), r.m.load.err)
	}
	v := plainView(r.m)
	if !strings.Contains(v, "Load failed: ") {
		t.Fatalf("%s: no error line:\n%s", name, v)
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 120 {
			t.Fatalf("%s: line wider than the screen: %q", name, l)
		}
	}
	if strings.HasPrefix(name, "html") && !strings.Contains(r.m.load.err, "HTML page") {
		t.Fatalf("%s: %q does not say an HTML page came back", name, r.m.load.err)
	}
}

package apilog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/apilog"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/uitest"
)

func newLog(w, h int) *apilog.Model {
	m := apilog.New(common.New(nil, false, nil))
	m.SetSize(w, h)
	return m
}

func feed(m *apilog.Model, recs ...client.CallRecord) {
	m.Update(events.Msg{Calls: recs})
}

func rec(i int) client.CallRecord {
	return client.CallRecord{
		Time: uitest.Epoch().Add(time.Duration(i) * time.Second), Method: "POST",
		Path: fmt.Sprintf("/qps/rest/3.0/search/was/wasscanschedule#%03d", i), Status: 200, Code: "SUCCESS",
		Duration: 120 * time.Millisecond, Attempt: 1,
		RateLimit: client.RateLimit{Limit: 2000, WindowSec: 3600, Remaining: 2000 - i, ToWaitSec: -1, ConcurrencyLimit: 10, ConcurrencyRunning: 1},
	}
}

// Rendering at fixed sizes; regenerate with go test ./ui/... -update.
func TestRender(t *testing.T) {
	for _, size := range [][2]int{{80, 20}, {120, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newLog(size[0], size[1])
			feed(m, rec(1), rec(2))
			feed(m, client.CallRecord{Time: uitest.Epoch().Add(3 * time.Second), Method: "POST", Path: "/auth", Status: 401,
				Duration: 1500 * time.Millisecond, Attempt: 1, RateLimit: client.RateLimit{Limit: -1, WindowSec: -1, Remaining: -1, ToWaitSec: -1, ConcurrencyLimit: -1, ConcurrencyRunning: -1}})
			feed(m, client.CallRecord{Time: uitest.Epoch().Add(4 * time.Second), Method: "GET", Path: "/qps/rest/3.0/get/was/wasscanschedule/1688", Attempt: 2,
				Duration: 30 * time.Second, Err: "network error", RateLimit: client.RateLimit{Limit: 2000, Remaining: 0, ToWaitSec: 12, WindowSec: 3600, ConcurrencyLimit: 2, ConcurrencyRunning: 2}})
			v := m.View()
			uitest.RequireFits(t, v, size[0], size[1])
			uitest.RequireGolden(t, v)
		})
	}
}

func TestEmpty(t *testing.T) {
	v := newLog(80, 20).View()
	uitest.RequireFits(t, v, 80, 20)
	if !strings.Contains(ansi.Strip(v), "No API calls yet") {
		t.Fatalf("empty log: %q", ansi.Strip(v))
	}
}

func TestNewestStaysVisibleUntilTheUserScrollsUp(t *testing.T) {
	m := newLog(80, 20)
	for i := range 100 {
		feed(m, rec(i))
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "#099") || strings.Contains(v, "#050") || m.Cursor() != 99 {
		t.Fatalf("newest not visible (cursor %d):\n%s", m.Cursor(), v)
	}
	uitest.RequireFits(t, m.View(), 80, 20)
	m.Update(uitest.Key("up"))
	m.Update(uitest.Key("pgup"))
	at := m.Cursor()
	feed(m, rec(100))
	if m.Cursor() != at {
		t.Fatalf("cursor moved from %d to %d while the user was reading", at, m.Cursor())
	}
	if strings.Contains(ansi.Strip(m.View()), "#100") {
		t.Fatal("view jumped to the newest call while scrolled up")
	}
	m.Update(uitest.Key("g"))
	if m.Cursor() != 0 || !strings.Contains(ansi.Strip(m.View()), "#000") {
		t.Fatalf("g: cursor %d", m.Cursor())
	}
	m.Update(uitest.Key("G"))
	feed(m, rec(101))
	if m.Cursor() != 101 || !strings.Contains(ansi.Strip(m.View()), "#101") {
		t.Fatalf("after G the log does not follow new calls: cursor %d", m.Cursor())
	}
}

func TestCapacityDropsOldest(t *testing.T) {
	m := newLog(80, 20)
	recs := make([]client.CallRecord, apilog.DefaultCapacity+5)
	for i := range recs {
		recs[i] = rec(i % 1000)
	}
	feed(m, recs...)
	m.Update(events.Msg{Dropped: 2})
	if m.Len() != apilog.DefaultCapacity || !strings.Contains(ansi.Strip(m.View()), "(7 older not kept)") {
		t.Fatalf("len %d; %q", m.Len(), strings.SplitN(ansi.Strip(m.View()), "\n", 2)[0])
	}
}

func TestServerTextIsShownEscaped(t *testing.T) {
	m := newLog(120, 20)
	feed(m, client.CallRecord{Time: uitest.Epoch(), Method: "GET", Path: "/x\x1b]0;pwned\x07/\x1b[2Jy\nz", Code: "E\x1b[31mRR", Err: "bad\x9b2J", Status: 500})
	v := m.View()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x9b", "\x1b[31mRR"} {
		if strings.Contains(v, bad) {
			t.Fatalf("view contains %q:\n%q", bad, v)
		}
	}
	if p := ansi.Strip(v); !strings.Contains(p, `/x\u001b]0;pwned\u0007/\u001b[2Jy\u000az`) || !strings.Contains(p, `500 E\u001b[31mRR`) {
		t.Fatalf("escaped text missing:\n%s", p)
	}
}

// Real calls against the simulator: the log lists them, and neither the
// password, the Authorization header nor the gateway token ever shows, in
// any row or in the detail pane of any row.
func TestCredentialsAndTokensNeverShown(t *testing.T) {
	const user, pass = "ops", "S3cret-Pa55"
	env := uitest.NewEnv(t, sim.Options{Username: user, Password: pass, WASSchedules: 40, Seed: 1},
		func(c *client.Config) { c.Credentials = client.Credentials{Username: user, Password: pass} })
	ctx := context.Background()
	if _, err := env.Client.WAS.Count(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, err := range env.Client.Scripts.Schedules(ctx, "") { // logs in, then searches
		if err != nil {
			t.Fatal(err)
		}
	}
	m := newLog(200, 40)
	for m.Len() < 3 {
		m.Update(uitest.Exec(t, env.Events.Listen())[0])
	}
	secrets := append(env.Seen.All(), pass)
	if len(secrets) < 5 {
		t.Fatalf("the test did not capture the secrets on the wire: %d", len(secrets))
	}
	views := []string{m.View()}
	for range m.Len() {
		m.Update(uitest.Key("up"))
		views = append(views, m.View())
	}
	all := ansi.Strip(strings.Join(views, "\n"))
	for _, want := range []string{"/qps/rest/3.0/count/was/wasscanschedule", "/auth", "/sm/v1/scheduler/search", "201"} {
		if !strings.Contains(all, want) {
			t.Fatalf("log lacks %q:\n%s", want, all)
		}
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Fatalf("the API log shows a secret (%d chars)", len(s))
		}
	}
	for _, s := range []string{"Authorization", "Bearer", "Basic "} {
		if strings.Contains(all, s) {
			t.Fatalf("the API log mentions %q", s)
		}
	}
}

package apilog_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/apilog"
	"github.com/qsched/qsched/ui/uitest"
)

// clipboard is the text a command puts on the clipboard with OSC 52.
func clipboard(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	msg := cmd()
	if fmt.Sprintf("%T", msg) != "tea.setClipboardMsg" {
		t.Fatalf("not a clipboard message: %T", msg)
	}
	return reflect.ValueOf(msg).String()
}

func call(at int, method, path string, status int) client.CallRecord {
	r := rec(at)
	r.Method, r.Path, r.Status, r.Code = method, path, status, ""
	r.URL = "https://qualysapi.example.com" + path
	return r
}

func shownPaths(m *apilog.Model) string { return ansi.Strip(m.View()) }

func typeKeys(m *apilog.Model, s string) {
	for _, c := range s {
		m.Update(uitest.Key(string(c)))
	}
}

// / keeps the calls whose status and path match every term; esc clears.
func TestFilterByStatusAndEndpoint(t *testing.T) {
	m := newLog(120, 30)
	feed(m, call(1, "POST", "/qps/rest/3.0/search/was/wasscanschedule", 200), call(2, "POST", "/auth", 401),
		call(3, "POST", "/qps/rest/3.0/update/was/wasscanschedule/7", 409), call(4, "POST", "/sm/v1/scheduler/search", 500),
		call(5, "GET", "/qps/rest/3.0/get/was/wasscanschedule/9", 0))
	for _, c := range []struct {
		q    string
		want int
	}{{"4xx", 2}, {"401", 1}, {"err", 4}, {"wasscanschedule", 3}, {"4xx wasscan", 1}, {"5xx", 1}, {"post /auth", 1}, {"nothing", 0}} {
		q, want := c.q, c.want
		m.Update(uitest.Key("/"))
		if !m.CapturesInput() {
			t.Fatal("/ opened no filter")
		}
		m.Update(uitest.Key("ctrl+u"))
		typeKeys(m, q)
		m.Update(uitest.Key("enter"))
		if m.Shown() != want {
			t.Fatalf("filter %q: %d shown, want %d:\n%s", q, m.Shown(), want, shownPaths(m))
		}
		uitest.RequireFits(t, m.View(), 120, 30)
	}
	if v := shownPaths(m); !strings.Contains(v, "No call matches the filter") || !strings.Contains(v, "0 of 5 calls shown") {
		t.Fatalf("empty result:\n%s", v)
	}
	m.Update(uitest.Key("esc"))
	if m.Shown() != 5 {
		t.Fatalf("esc left %d shown", m.Shown())
	}
}

// Calls are reported when they end; the log lists them by when they
// started.
func TestCallsInTimeOrder(t *testing.T) {
	m := newLog(120, 30)
	feed(m, call(5, "GET", "/late", 200), call(2, "GET", "/early", 200))
	feed(m, call(3, "GET", "/middle", 200))
	v := shownPaths(m)
	e, mid, l := strings.Index(v, "/early"), strings.Index(v, "/middle"), strings.Index(v, "/late")
	if e < 0 || !(e < mid && mid < l) {
		t.Fatalf("not in time order:\n%s", v)
	}
}

// y copies the selected call as curl: the full URL, the body kept, no
// credential (they come from the environment), nothing raw from a server.
func TestCopyCurlIsRedactedAndSafe(t *testing.T) {
	m := newLog(120, 30)
	r := call(1, "POST", "/qps/rest/3.0/update/was/wasscanschedule/7", 200)
	r.Auth, r.ContentType = client.AuthBasic, "text/xml"
	r.Request = client.CallBody{Text: "<ServiceRequest><name>it's \x1b]52;c;x\x07</name><password>" + client.Redacted + "</password></ServiceRequest>", Size: 90}
	feed(m, r)
	_, cmd := m.Update(uitest.Key("y"))
	got := clipboard(t, cmd)
	want := `curl -sS -X 'POST' 'https://qualysapi.example.com/qps/rest/3.0/update/was/wasscanschedule/7' \
  -H 'Content-Type: text/xml' \
  -H 'X-Requested-With: qsched' \
  -u "$QUALYS_USERNAME:$QUALYS_PASSWORD" \
  --data-binary '<ServiceRequest><name>it'\''s \u001b]52;c;x\u0007</name><password>REDACTED</password></ServiceRequest>'`
	if got != want {
		t.Fatalf("curl:\n%s\nwant:\n%s", got, want)
	}
	if v := shownPaths(m); !strings.Contains(v, "as curl (OSC 52)") {
		t.Fatalf("not said:\n%s", v)
	}
	// The gateway's login: the form is rebuilt from the environment.
	login := call(2, "POST", "/auth", 201)
	login.Auth, login.Request = client.AuthForm, client.CallBody{Withheld: "the login form"}
	feed(m, login)
	_, cmd = m.Update(uitest.Key("c"))
	if got := clipboard(t, cmd); !strings.Contains(got, `--data-urlencode "password=$QUALYS_PASSWORD"`) || strings.Contains(got, "--data-binary") {
		t.Fatalf("login curl:\n%s", got)
	}
}

// enter shows the call whole: the full URL, both bodies (a hostile body
// escaped, a long one cut into lines, nothing past the width), and the
// login's bodies withheld.
func TestCallViewShowsBodiesSafely(t *testing.T) {
	m := newLog(80, 24)
	r := call(1, "POST", "/qps/rest/3.0/search/was/wasscanschedule/"+strings.Repeat("x", 100), 200)
	r.Request = client.CallBody{Text: "<ServiceRequest/>", Size: 17}
	long := strings.Repeat("<a>0123456789</a>", 300)
	r.Response = client.CallBody{Text: "<name>\x1b[2J\u202eevil\x9b31m</name>\n" + long, Size: 200000, Truncated: true}
	feed(m, r)
	m.Update(uitest.Key("enter"))
	if !m.CapturesInput() {
		t.Fatal("enter opened nothing")
	}
	v := m.View()
	uitest.RequireFits(t, v, 80, 24)
	for _, bad := range []string{"\x1b[2J", "\u202e", "\x9b"} {
		if strings.Contains(v, bad) {
			t.Fatalf("raw %q in the view", bad)
		}
	}
	p := ansi.Strip(v)
	for _, want := range []string{"https://qualysapi.example.com/qps/rest/3.0/search", "<ServiceRequest/>", `<name>\u001b[2J\u202eevil\x9b31m</name>`, "200,000 bytes; the first 16,384 shown"} {
		if !strings.Contains(p, want) {
			t.Fatalf("call view lacks %q:\n%s", want, p)
		}
	}
	for range 200 {
		m.Update(uitest.Key("pgdown"))
	}
	uitest.RequireFits(t, m.View(), 80, 24)
	if p := ansi.Strip(m.View()); !strings.Contains(p, "<a>0123456789</a>") {
		t.Fatalf("the long body is not all there:\n%s", p)
	}
	m.Update(uitest.Key("esc"))
	if m.CapturesInput() {
		t.Fatal("esc did not close the call")
	}
}

// Only the newest calls keep their bodies.
func TestOldCallsDropTheirBodies(t *testing.T) {
	m := newLog(80, 24)
	for i := range apilog.BodiesKept + 3 {
		r := call(i, "GET", fmt.Sprintf("/c/%d", i), 200)
		r.Response = client.CallBody{Text: "body", Size: 4}
		feed(m, r)
	}
	m.Update(uitest.Key("g"))
	m.Update(uitest.Key("enter"))
	if p := ansi.Strip(m.View()); !strings.Contains(p, "not kept: the log keeps the bodies of the newest") {
		t.Fatalf("oldest call:\n%s", p)
	}
	m.Update(uitest.Key("esc"))
	m.Update(uitest.Key("G"))
	m.Update(uitest.Key("enter"))
	if p := ansi.Strip(m.View()); !strings.Contains(p, "body") || strings.Contains(p, "not kept") {
		t.Fatalf("newest call:\n%s", p)
	}
}

// Real calls against the simulator: every call view and every curl is
// free of the password, the Authorization value and the gateway token.
func TestBodiesAndCurlNeverHoldSecrets(t *testing.T) {
	const user, pass = "ops", "S3cret-Pa55"
	env := uitest.NewEnv(t, sim.Options{Username: user, Password: pass, WASSchedules: 40, Seed: 1},
		func(c *client.Config) { c.Credentials = client.Credentials{Username: user, Password: pass} })
	ctx := context.Background()
	if _, err := env.Client.WAS.All(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, err := range env.Client.Scripts.Schedules(ctx, "") {
		if err != nil {
			t.Fatal(err)
		}
	}
	m := newLog(200, 60)
	deadline := time.Now().Add(10 * time.Second)
	for m.Len() < 3 && time.Now().Before(deadline) {
		m.Update(uitest.Exec(t, env.Events.Listen())[0])
	}
	var all []string
	m.Update(uitest.Key("g"))
	for range m.Len() {
		_, cmd := m.Update(uitest.Key("y"))
		all = append(all, clipboard(t, cmd))
		m.Update(uitest.Key("enter"))
		all = append(all, m.View())
		m.Update(uitest.Key("esc"))
		m.Update(uitest.Key("down"))
	}
	text := strings.Join(all, "\n")
	if !strings.Contains(text, "<ServiceRequest>") || !strings.Contains(text, "not kept: the gateway's token") {
		t.Fatalf("bodies missing:\n%s", ansi.Strip(text))
	}
	for _, s := range append(env.Seen.All(), pass) {
		if strings.Contains(text, s) {
			t.Fatalf("a secret (%d chars) is shown or copied", len(s))
		}
	}
}

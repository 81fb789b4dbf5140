package hostiletest_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/uitest"
)

const width, height = 80, 24

// rig drives the whole app like bubbletea does, without a terminal: every
// command runs in its own goroutine, every message goes back to the root
// model, and every frame the root would render is checked.
type rig struct {
	t   *testing.T
	m   *app.Model
	clk *uitest.Clock
	evs chan tea.Msg
	run func(tea.Cmd) // runs a command and what follows, until all is quiet

	phase  string            // the view the test is on
	step   string            // the last key, for failures
	frames map[string]string // plain text of the frames, by phase
	last   string            // the last frame, raw
	count  int
	since  time.Time
}

func newRig(t *testing.T, c *client.Client, ev *events.Events, routes app.Routes, start common.ScreenID) *rig {
	t.Helper()
	clk := uitest.NewClock(uitest.Epoch(), 0)
	r := &rig{
		t: t, clk: clk, evs: make(chan tea.Msg, 256), frames: map[string]string{},
		m: app.New(app.Options{
			Client: c, Platform: "demo", User: "demo", Now: clk.Now, StaticSpinner: true,
			Start: start, Routes: routes,
			// Events stays nil: the rig feeds the API log itself, so that
			// the never-ending Listen command is not counted as running.
		}),
	}
	// Forward the client's events for as long as the test runs.
	go func() {
		for {
			msg := ev.Listen()()
			if msg == nil {
				return
			}
			r.evs <- msg
		}
	}()
	runner := &uitest.Runner{T: t, Deliver: r.deliver, Extra: r.evs}
	r.run = runner.Run
	r.phase, r.since = "start", time.Now()
	r.run(r.deliver(tea.WindowSizeMsg{Width: width, Height: height}))
	r.run(r.m.Init())
	return r
}

// deliver gives a message to the app and checks the frame it renders.
// Cursor blinks are dropped: the forms drop them too (an idle form sends
// nothing), and feeding them back would blink forever.
func (r *rig) deliver(msg tea.Msg) tea.Cmd {
	inner := msg
	if w, ok := msg.(interface{ Unwrap() tea.Msg }); ok {
		inner = w.Unwrap() // a screen's message, stamped by the app
	}
	switch msg := inner.(type) {
	case cursor.BlinkMsg:
		return nil
	case common.ScreenMsg:
		if _, ok := msg.Msg.(cursor.BlinkMsg); ok {
			return nil // the builder's blinks come wrapped for its screen
		}
	case tea.QuitMsg:
		r.t.Fatalf("%s, %s: the app quit", r.phase, r.step)
	}
	_, cmd := r.m.Update(msg)
	r.frame()
	return cmd
}

// press sends each key, settling after each.
func (r *rig) press(ks ...string) {
	r.t.Helper()
	for _, k := range ks {
		r.step = "key " + k
		_, cmd := r.m.Update(uitest.Key(k))
		r.frame()
		r.run(cmd)
	}
}

// send sends any message and settles.
func (r *rig) send(msg tea.Msg) {
	r.t.Helper()
	_, cmd := r.m.Update(msg)
	r.frame()
	r.run(cmd)
}

// typeText types s one key at a time, then settles once.
func (r *rig) typeText(s string) {
	r.t.Helper()
	var cmds []tea.Cmd
	for _, c := range s {
		_, cmd := r.m.Update(tea.KeyPressMsg{Code: c, Text: string(c)})
		r.frame()
		cmds = append(cmds, cmd)
	}
	r.run(tea.Batch(cmds...))
}

// confirm answers an open confirmation with y once its grace period is
// over.
func (r *rig) confirm() {
	r.t.Helper()
	r.clk.Advance(time.Second)
	r.press("y")
}

// view is the plain text of the current frame.
func (r *rig) view() string { return ansi.Strip(r.m.View().Content) }

// sgr is the styling the app itself writes: Select Graphic Rendition.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// frame renders the root view and checks it: it fits 80×24; apart from
// SGR styling it holds no ESC at all and no C1 control (so no OSC 52, no
// OSC 8 hyperlink, no cursor movement, no CSI in either form); its text
// holds no rune that safe shows as an escape (controls, bidi, zero-width,
// separators), newlines between lines excepted.
func (r *rig) frame() {
	r.t.Helper()
	v := r.m.View().Content
	if v == r.last {
		return
	}
	r.last = v
	r.count++
	plain := ansi.Strip(v)
	r.frames[r.phase] += plain + "\n"
	what := fmt.Sprintf("%s, after %s (frame %d)", r.phase, r.step, r.count)
	if !utf8.ValidString(v) {
		r.t.Errorf("%s: invalid UTF-8", what)
	}
	uitest.RequireFits(r.t, v, width, height)
	unstyled := sgr.ReplaceAllString(v, "")
	for i, c := range unstyled {
		if c == 0x1b || (c >= 0x80 && c <= 0x9f) {
			r.t.Errorf("%s: raw U+%04X that is not SGR styling at byte %d: %q\n%s", what, c, i, around(unstyled, i), plain)
			break
		}
	}
	for i, c := range plain {
		if c != '\n' && safe.Escaped(c) {
			r.t.Errorf("%s: raw U+%04X at byte %d: %q\n%s", what, c, i, around(plain, i), plain)
			break
		}
	}
}

func around(s string, i int) string {
	return s[max(i-40, 0):min(i+40, len(s))]
}

// at names the view the test goes on to, and checks its frame.
func (r *rig) at(phase string) {
	r.t.Helper()
	if testing.Verbose() {
		r.t.Logf("%-20s %v", r.phase, time.Since(r.since).Round(time.Millisecond))
	}
	r.phase, r.last, r.since = phase, "", time.Now()
	r.frame()
}

// seen reports whether any frame rendered during a phase whose name
// starts with prefix showed want.
func (r *rig) seen(prefix, want string) bool {
	for phase, text := range r.frames {
		if strings.HasPrefix(phase, prefix) && strings.Contains(text, want) {
			return true
		}
	}
	return false
}

// requireSeen fails unless want was shown during the steps named prefix.
func (r *rig) requireSeen(prefix string, wants ...string) {
	r.t.Helper()
	for _, want := range wants {
		if !r.seen(prefix, want) {
			r.t.Errorf("%s: never showed %q; last frame:\n%s", prefix, want, r.view())
		}
	}
}

// rewriter serves the simulator and lets a test change its answers:
// plant text the simulator cannot store (web application names) and
// answer chosen calls with an error message of the test's choosing.
type rewriter struct {
	sim     *sim.Server
	replace [][2]string // in every XML answer
	// json, when set, may rewrite a JSON answer (CAR) to a request.
	json func(r *http.Request, body []byte) []byte
	fail func(r *http.Request) (status int, body []byte) // nil body: pass
}

func (w *rewriter) ServeHTTP(rw http.ResponseWriter, req *http.Request) {
	if w.fail != nil {
		if status, body := w.fail(req); body != nil {
			rw.Header().Set("Content-Type", "application/xml")
			rw.WriteHeader(status)
			_, _ = rw.Write(body)
			return
		}
	}
	rec := httptest.NewRecorder()
	w.sim.ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/xml") {
		for _, p := range w.replace {
			body = bytes.ReplaceAll(body, []byte(p[0]), []byte(p[1]))
		}
	}
	if w.json != nil && strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		body = w.json(req, body)
	}
	for k, v := range rec.Header() {
		rw.Header()[k] = v
	}
	rw.Header().Del("Content-Length")
	rw.WriteHeader(rec.Code)
	_, _ = rw.Write(body)
}

// newClient starts h on loopback and returns a client of it whose calls
// feed ev.
func newClient(t *testing.T, h http.Handler, ev *events.Events) *client.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{
		APIURL: srv.URL, GatewayURL: srv.URL,
		Credentials: client.Credentials{Username: "demo", Password: "demo"},
		MinBackoff:  10 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		Observer: ev.Observer, OnWait: ev.OnWait,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

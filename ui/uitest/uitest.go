// Package uitest holds test helpers shared by the ui packages and the
// command's tests (like net/http/httptest, it is imported by tests only).
//
// Golden files: importing this package registers the -update flag (via
// x/exp/golden) in every ui test package, so goldens are regenerated with
//
//	go test ./ui/... -update
//
// Run -update only on ./ui/...: most packages outside ui do not define the flag
// and would fail with "flag provided but not defined: -update".
package uitest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	_ "github.com/charmbracelet/x/exp/golden" // registers -update (see package doc)
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/events"
)

// Epoch is the fixed time tests start from (a constant value: time.Time
// cannot be a Go constant).
func Epoch() time.Time { return time.Date(2026, 3, 30, 9, 15, 0, 0, time.UTC) }

// Key returns the key press for s: a single character, "ctrl+" and a
// character, or one of "esc", "enter", "space", "up", "down", "left",
// "right", "pgup", "pgdown", "home", "end", "tab", "shift+tab",
// "backspace".
func Key(s string) tea.KeyPressMsg {
	switch s {
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	if c, ok := strings.CutPrefix(s, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(s)
	if len(r) != 1 {
		panic("uitest.Key: unknown key " + s)
	}
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// Clock is a settable clock, safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

// NewClock returns a clock at t that moves by step on every Now call
// (0 keeps it still).
func NewClock(t time.Time, step time.Duration) *Clock { return &Clock{t: t, step: step} }

// Now returns the time, then advances it by the step.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

// Advance moves the clock.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Env is a simulator on loopback and a client wired to Events.
type Env struct {
	Sim    *sim.Server
	URL    string
	Client *client.Client
	Events *events.Events
	// Seen records what went over the wire that must never be shown: the
	// Authorization headers sent and the tokens /auth returned.
	Seen *Secrets
}

// Secrets collects sensitive strings seen on the wire.
type Secrets struct {
	mu sync.Mutex
	s  []string
}

func (s *Secrets) add(v string) {
	if v = strings.TrimSpace(v); v != "" {
		s.mu.Lock()
		s.s = append(s.s, v)
		s.mu.Unlock()
	}
}

// All returns the strings seen, each header also split into its scheme
// and credential parts.
func (s *Secrets) All() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, v := range s.s {
		out = append(out, v)
		if _, cred, ok := strings.Cut(v, " "); ok {
			out = append(out, cred)
		}
	}
	return out
}

// NewEnv starts a simulator and a client whose Observer and OnRetryWait feed
// Events. mod may adjust the client config. The simulator's clock, and
// the client's, stand at Epoch unless o.Now is set.
func NewEnv(t testing.TB, o sim.Options, mod func(*client.Config)) *Env {
	t.Helper()
	if o.Now == nil {
		// Seeded next launches derive from the simulator's clock: a fixed
		// one keeps golden files valid on any day.
		o.Now = Epoch
	}
	s := sim.New(o)
	seen := &Secrets{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.Header.Get("Authorization"))
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		if r.URL.Path == "/auth" {
			seen.add(rec.Body.String())
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	ev := events.New()
	t.Cleanup(ev.Close)
	cfg := client.Config{
		APIURL: srv.URL, GatewayURL: srv.URL,
		Credentials: client.Credentials{Username: o.Username, Password: o.Password},
		MinBackoff:  10 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		Observer: ev.Observer, OnRetryWait: ev.OnRetryWait,
		// The client's clock is the platform's, as in production (give or
		// take minutes): token expiry and "created since this call" compare
		// the two.
		Now: o.Now,
	}
	if cfg.Credentials.Username == "" {
		cfg.Credentials = client.Credentials{Username: "demo", Password: "demo"}
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &Env{Sim: s, URL: srv.URL, Client: c, Events: ev, Seen: seen}
}

// Exec runs cmd and returns the messages it produces, running the
// commands of a tea.BatchMsg too. Each command runs in its own goroutine;
// a command that has not returned after a minute fails the test. Do not pass
// commands that wait for input (events.Listen with no events).
func Exec(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(time.Minute): // a hang, not a wait
		t.Fatal("command did not return within a minute")
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, Exec(t, c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// RequireFits fails unless view has at most h lines, each at most w cells.
func RequireFits(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, more than the height %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, lw, w, l)
		}
	}
}

// Quits reports whether running cmd (and its batches) asks the program to
// quit.
func Quits(t testing.TB, cmd tea.Cmd) bool {
	t.Helper()
	for _, m := range Exec(t, cmd) {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

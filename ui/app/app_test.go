package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
	"github.com/qsched/qsched/ui/was"
)

type harness struct {
	t       *testing.T
	m       *app.Model
	scripts *fakeScreen
	was     *fakeScreen
	clk     *uitest.Clock
}

func newHarness(t *testing.T, readOnly bool) *harness {
	t.Helper()
	fakeScripts, fs := newFake(common.ScriptsScreen)
	fakeWAS, fw := newFake(common.WASScreen)
	clk := uitest.NewClock(uitest.Epoch(), 0)
	m := app.New(app.Options{
		Platform: "US1", User: "ops", ReadOnly: readOnly, Now: clk.Now, StaticSpinner: true,
		Routes: app.DefaultRoutes(scripts.Options{}, was.Options{}).With(common.ScriptsScreen, fs).With(common.WASScreen, fw),
	})
	h := &harness{t: t, m: m, scripts: fakeScripts, was: fakeWAS, clk: clk}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

// send updates the model and returns the command.
func (h *harness) send(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	return cmd
}

func (h *harness) keys(ks ...string) tea.Cmd {
	h.t.Helper()
	var cmds []tea.Cmd
	for _, k := range ks {
		cmds = append(cmds, h.send(uitest.Key(k)))
	}
	return tea.Batch(cmds...)
}

// run executes cmd and feeds every message back, once.
func (h *harness) run(cmd tea.Cmd) []tea.Msg {
	h.t.Helper()
	msgs := uitest.Exec(h.t, cmd)
	for _, msg := range msgs {
		h.send(msg)
	}
	return msgs
}

// startTask presses x on the active fake screen and hands the StartedMsg
// to the root; it returns the command that runs the work.
func (h *harness) startTask() tea.Cmd {
	h.t.Helper()
	msgs := uitest.Exec(h.t, h.keys("x"))
	if len(msgs) != 1 {
		h.t.Fatalf("x gave %d messages", len(msgs))
	}
	before := len(h.m.Tasks())
	cmd := h.send(msgs[0])
	if len(h.m.Tasks()) != before+1 {
		h.t.Fatalf("x gave %T, which started no task", msgs[0])
	}
	return cmd
}

func (h *harness) view() string { return h.m.View().Content }

func (h *harness) plain() string { return ansi.Strip(h.view()) }

func TestScreenKeysSwitchScreens(t *testing.T) {
	h := newHarness(t, false)
	for _, c := range []struct {
		key  string
		want common.ScreenID
	}{{"2", common.WASScreen}, {"@", common.APILogScreen}, {"1", common.ScriptsScreen}} {
		h.keys(c.key)
		if h.m.Active() != c.want {
			t.Fatalf("after %q active is %s, want %s", c.key, h.m.Active(), c.want)
		}
	}
	if !strings.Contains(h.plain(), "fake screen scripts") || !strings.Contains(h.plain(), "3 selected") {
		t.Fatalf("screen view or screen status missing:\n%s", h.plain())
	}
}

func TestResultGoesToOwnerAfterSwitch(t *testing.T) {
	h := newHarness(t, false)
	release := make(chan struct{})
	h.was.work = func(ctx context.Context) (string, error) { <-release; return "loaded", nil }
	h.keys("2")
	run := h.startTask()
	if n := len(h.m.Tasks()); n != 1 || !strings.Contains(h.plain(), "Fake work") {
		t.Fatalf("%d tasks running; status bar:\n%s", n, h.plain())
	}
	h.keys("@")
	close(release)
	h.run(run)
	if h.m.Active() != common.APILogScreen {
		t.Fatalf("the result switched the screen to %s", h.m.Active())
	}
	if len(h.was.results) != 1 || h.was.results[0].Value != "loaded" || h.was.results[0].Task.Owner != common.WASScreen {
		t.Fatalf("owner got %+v", h.was.results)
	}
	if len(h.scripts.results) != 0 || len(h.scripts.others) != 0 {
		t.Fatalf("another screen got the result: %+v %+v", h.scripts.results, h.scripts.others)
	}
	if len(h.m.Tasks()) != 0 || strings.Contains(h.plain(), "Fake work") {
		t.Fatalf("finished task still shown:\n%s", h.plain())
	}
}

func TestStaleGenerationIsDropped(t *testing.T) {
	h := newHarness(t, false)
	first := make(chan struct{})
	h.was.work = func(ctx context.Context) (string, error) { <-first; return "old", nil }
	h.keys("2")
	runOld := h.startTask()
	oldDone := make(chan []tea.Msg, 1)
	go func() { oldDone <- []tea.Msg{runOld()} }() // blocks until first is closed
	h.was.work = func(ctx context.Context) (string, error) { return "new", nil }
	runNew := h.startTask() // a reload: generation 2
	h.run(runNew)
	close(first)
	for _, msg := range <-oldDone {
		h.send(msg)
	}
	if len(h.was.results) != 1 || h.was.results[0].Value != "new" || h.was.stale != 1 {
		t.Fatalf("results %+v, stale %d; want only the newer one kept", h.was.results, h.was.stale)
	}
}

func TestEscCancelsTheRunningTask(t *testing.T) {
	h := newHarness(t, false)
	saw := make(chan error, 1)
	h.was.work = func(ctx context.Context) (string, error) {
		<-ctx.Done()
		saw <- ctx.Err()
		return "", fmt.Errorf("count: %w", ctx.Err())
	}
	h.keys("2")
	run := h.startTask()
	res := make(chan tea.Msg, 1)
	go func() { res <- run() }()
	if !strings.Contains(h.plain(), "esc back / cancel calls") {
		t.Fatalf("help line does not offer esc while a task runs:\n%s", h.plain())
	}
	h.keys("esc")
	select {
	case err := <-saw:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("work saw %v", err)
		}
	case <-time.After(time.Minute): // a hang, not a wait
		t.Fatal("esc did not cancel the task's context")
	}
	if !strings.Contains(h.plain(), "(cancelling)") {
		t.Fatalf("status bar does not say cancelling:\n%s", h.plain())
	}
	if got := strings.Join(h.was.keys, " "); got != "x" {
		t.Fatalf("esc also reached the screen: %v", got)
	}
	h.send(<-res)
	if len(h.m.Tasks()) != 0 || !strings.Contains(h.plain(), "Cancelled: Fake work") || h.m.LastError() != "" {
		t.Fatalf("after cancel: tasks %d, error %q\n%s", len(h.m.Tasks()), h.m.LastError(), h.plain())
	}
	if len(h.was.results) != 1 || !errors.Is(h.was.results[0].Err, context.Canceled) {
		t.Fatalf("owner did not get the cancelled result: %+v", h.was.results)
	}
	// With nothing running, esc first clears the message, then reaches the screen.
	h.keys("esc")
	if strings.Contains(h.plain(), "Cancelled") || len(h.was.keys) != 1 {
		t.Fatalf("esc did not clear the message: keys %v", h.was.keys)
	}
	h.keys("esc")
	if got := strings.Join(h.was.keys, " "); got != "x esc" {
		t.Fatalf("idle esc did not reach the screen: %v", got)
	}
}

func TestTaskErrorShownEscaped(t *testing.T) {
	h := newHarness(t, false)
	h.scripts.work = func(ctx context.Context) (string, error) {
		return "", errors.New("search: \x1b]0;pwned\x07INVALID\x1b[2J\nsecond line")
	}
	h.run(h.startTask())
	v := h.view()
	if strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[2J") {
		t.Fatalf("raw escape in view: %q", v)
	}
	if !strings.Contains(ansi.Strip(v), `error: search: \u001b]0;pwned\u0007INVALID\u001b[2J\u000asecond line`) {
		t.Fatalf("error not shown:\n%s", ansi.Strip(v))
	}
	uitest.RequireFits(t, v, 80, 24)
	h.send(common.ErrorMsg{Err: errors.New(strings.Repeat("long ", 100))})
	uitest.RequireFits(t, h.view(), 80, 24)
}

func TestQuit(t *testing.T) {
	t.Run("clean quits at once", func(t *testing.T) {
		h := newHarness(t, false)
		if !uitest.Quits(t, h.keys("q")) {
			t.Fatal("q did not quit")
		}
		h = newHarness(t, false)
		if !uitest.Quits(t, h.keys("ctrl+c")) {
			t.Fatal("ctrl+c did not quit")
		}
	})
	t.Run("dirty asks, no is the default", func(t *testing.T) {
		h := newHarness(t, false)
		h.was.dirty = true
		for _, quitKey := range []string{"q", "ctrl+c"} {
			for _, answer := range []string{"enter", "n", "esc", "q", "space"} {
				if uitest.Quits(t, h.keys(quitKey)) {
					t.Fatalf("%s quit without asking", quitKey)
				}
				if !h.m.ConfirmingQuit() || !strings.Contains(h.plain(), "[y/N]") || !strings.Contains(h.plain(), "Fake was") {
					t.Fatalf("no quit question after %s:\n%s", quitKey, h.plain())
				}
				uitest.RequireFits(t, h.view(), 80, 24)
				if uitest.Quits(t, h.keys(answer)) || h.m.ConfirmingQuit() {
					t.Fatalf("%q answered the quit question with yes", answer)
				}
				if len(h.was.keys) != 0 {
					t.Fatalf("the answer reached the screen: %v", h.was.keys)
				}
			}
		}
		h.keys("q")
		if !uitest.Quits(t, h.keys("y")) {
			t.Fatal("y did not quit")
		}
	})
}

func TestCapturingScreenGetsSingleLetterKeys(t *testing.T) {
	h := newHarness(t, false)
	h.scripts.captures = true
	for _, k := range []string{"q", "2", "@", "esc"} {
		if uitest.Quits(t, h.keys(k)) {
			t.Fatalf("%q quit while typing", k)
		}
	}
	if h.m.Active() != common.ScriptsScreen || h.m.ShowingHelp() {
		t.Fatalf("global keys fired while typing: active %s, help %v", h.m.Active(), h.m.ShowingHelp())
	}
	// ? opens help even from a field, saying how to type a ?; a second ?
	// closes help and types it; keys pressed over help reach nothing.
	h.keys("?")
	if !h.m.ShowingHelp() || !strings.Contains(h.plain(), "esc closes, ? types ?") {
		t.Fatalf("? from a field did not open help with the note:\n%s", h.plain())
	}
	// Only the global keys that work over a field are listed: the
	// others would be typed into it.
	body := strings.SplitN(h.plain(), "\n", 3)[2] // below the header's tabs
	for _, typed := range []string{"q quit", "1 script schedules", "@ API log", "next/prev screen", "whole message"} {
		if strings.Contains(body, typed) {
			t.Errorf("help over a field lists %q, which types text there:\n%s", typed, h.plain())
		}
	}
	if !strings.Contains(h.plain(), "ctrl+c quit") {
		t.Errorf("help over a field lacks ctrl+c:\n%s", h.plain())
	}
	h.keys("x")
	h.keys("?")
	if h.m.ShowingHelp() {
		t.Fatal("the second ? did not close help")
	}
	if got := strings.Join(h.scripts.keys, " "); got != "q 2 @ esc ?" {
		t.Fatalf("screen got %q", got)
	}
	if !uitest.Quits(t, h.keys("ctrl+c")) {
		t.Fatal("ctrl+c must quit even while typing")
	}
}

func TestHelp(t *testing.T) {
	for _, ro := range []bool{false, true} {
		t.Run(fmt.Sprintf("readOnly=%v", ro), func(t *testing.T) {
			h := newHarness(t, ro)
			short := h.plain()
			h.keys("?")
			if !h.m.ShowingHelp() {
				t.Fatal("? did not open help")
			}
			full := h.plain()
			for _, want := range []string{"refresh", "filter", "script schedules", "WAS schedules", "API log", "quit", "cancel calls"} {
				if !strings.Contains(full, want) {
					t.Errorf("full help lacks %q:\n%s", want, full)
				}
			}
			writes := []string{"new schedule", "update", "activate", "deactivate"}
			for _, w := range writes {
				if got := strings.Contains(full, w) || strings.Contains(short, w); got == ro {
					t.Errorf("read-only=%v: help shows %q = %v", ro, w, got)
				}
			}
			if ro != strings.Contains(full, "read-only") {
				t.Errorf("read-only note: %v", !ro)
			}
			uitest.RequireFits(t, h.view(), 80, 24)
			h.keys("d") // over help: ignored
			h.keys("?")
			if h.m.ShowingHelp() {
				t.Fatal("? did not close help")
			}
			h.keys("d")
			if want := map[bool]int{false: 1, true: 0}[ro]; h.scripts.deactivated != want {
				t.Errorf("deactivate key fired %d times, want %d", h.scripts.deactivated, want)
			}
		})
	}
}

func TestReadOnlyClientTurnsOnReadOnly(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5}, func(c *client.Config) { c.ReadOnly = true })
	m := app.New(app.Options{Client: env.Client, Events: env.Events, Platform: "demo", User: "demo", StaticSpinner: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !m.ReadOnly || !strings.Contains(ansi.Strip(m.View().Content), "READ-ONLY") {
		t.Fatal("a read-only client must put the UI in read-only mode")
	}
}

func TestScreenMsgReachesItsScreenWhileHidden(t *testing.T) {
	type tick struct{}
	h := newHarness(t, false)
	h.keys("@")
	h.run(common.Wrap(common.WASScreen, func() tea.Msg { return tick{} }))
	if len(h.was.others) != 1 || len(h.scripts.others) != 0 {
		t.Fatalf("was got %v, scripts got %v", h.was.others, h.scripts.others)
	}
}

// API events reach the API log while another screen is shown, update the
// budget and the wait countdown, and re-arm the listener.
func TestEventsFeedLogAndStatusBar(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	ev := events.New(events.WithClock(clk.Now))
	t.Cleanup(ev.Close)
	m := app.New(app.Options{Events: ev, Now: clk.Now, StaticSpinner: true})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	ev.Observer(client.CallRecord{Time: uitest.Epoch(), Method: "POST", Path: "/qps/rest/3.0/count/was/wasscanschedule", Status: 200, Attempt: 1,
		RateLimit: client.RateLimit{Limit: 300, Remaining: 5, WindowSec: 3600, ToWaitSec: -1, ConcurrencyLimit: -1, ConcurrencyRunning: -1}})
	ev.OnRetryWait(client.RetryWait{Op: "count WAS schedules", Delay: 20 * time.Second, Status: 409, Limited: true})
	msgs := uitest.Exec(t, ev.Listen())
	_, cmd := m.Update(msgs[0])
	if cmd == nil {
		t.Fatal("no listener re-armed / no countdown tick")
	}
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "API 5/300 per h low") || !strings.Contains(v, "retry in 20s") {
		t.Fatalf("status bar:\n%s", v)
	}
	m.Update(uitest.Key("@"))
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "/qps/rest/3.0/count/was/wasscanschedule") {
		t.Fatalf("API log lacks the call:\n%s", v)
	}
	clk.Advance(8 * time.Second)
	if _, cmd := m.Update(countdownTick()); cmd == nil || !strings.Contains(ansi.Strip(m.View().Content), "retry in 12s") {
		t.Fatalf("countdown not re-armed or wrong:\n%s", ansi.Strip(m.View().Content))
	}
	clk.Advance(13 * time.Second)
	if _, cmd := m.Update(countdownTick()); cmd != nil || strings.Contains(ansi.Strip(m.View().Content), "retry in") {
		t.Fatal("countdown still running after the wait ended")
	}
}

// countdownTick fakes the app's unexported tick by asking the model to
// process a message it routes nowhere; see export_test.go.
func countdownTick() tea.Msg { return app.CountdownTickMsg() }

func TestLayoutFits(t *testing.T) {
	sizes := [][2]int{{80, 24}, {100, 30}, {160, 50}, {40, 10}}
	states := map[string]func(h *harness){
		"scripts": func(h *harness) {},
		"was":     func(h *harness) { h.keys("2") },
		"apilog":  func(h *harness) { h.keys("@") },
		"help":    func(h *harness) { h.keys("?") },
		"help-ro": func(h *harness) { h.keys("2", "?") },
		"quit":    func(h *harness) { h.was.dirty = true; h.keys("q") },
		"error": func(h *harness) {
			h.send(common.ErrorMsg{Err: errors.New(strings.Repeat("a very long error ", 30))})
		},
		"busy": func(h *harness) {
			h.was.work = func(ctx context.Context) (string, error) { return "", nil }
			h.keys("2")
			h.startTask()
		},
	}
	for _, size := range sizes {
		for name, setup := range states {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				h := newHarness(t, strings.HasSuffix(name, "-ro"))
				setup(h)
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				v := h.view()
				uitest.RequireFits(t, v, size[0], size[1])
				if n := strings.Count(v, "\n") + 1; n != size[1] {
					t.Errorf("%d lines, want the full height %d", n, size[1])
				}
			})
		}
	}
}

// Over help, a screen key switches screens (closing help) and other keys
// reach nothing; over a field's help it does not switch.
func TestScreenKeyOverHelp(t *testing.T) {
	h := newHarness(t, false)
	h.keys("?", "d", "2")
	if h.m.ShowingHelp() || h.m.Active() != common.WASScreen || h.scripts.deactivated != 0 {
		t.Fatalf("help %v, active %s, deactivated %d", h.m.ShowingHelp(), h.m.Active(), h.scripts.deactivated)
	}
	h.was.captures = true
	h.keys("?", "1")
	if !h.m.ShowingHelp() || h.m.Active() != common.WASScreen {
		t.Fatalf("a screen key over a field's help switched: help %v, active %s", h.m.ShowingHelp(), h.m.Active())
	}
}

// Below the minimum size the app says so, within whatever room there is,
// and q still quits; at the minimum the screen is drawn.
func TestTerminalTooSmallSaysSo(t *testing.T) {
	h := newHarness(t, false)
	for _, size := range [][2]int{{30, 8}, {39, 24}, {80, 9}, {12, 3}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := h.plain()
		lines := strings.Split(v, "\n")
		if !strings.Contains(strings.Join(strings.Fields(v), " "), "Terminal too small") || len(lines) > size[1] {
			t.Fatalf("%dx%d:\n%s", size[0], size[1], v)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > size[0] {
				t.Fatalf("%dx%d: a line of %d cells: %q", size[0], size[1], ansi.StringWidth(l), l)
			}
		}
	}
	h.send(tea.WindowSizeMsg{Width: app.MinWidth, Height: app.MinHeight})
	if v := h.plain(); strings.Contains(v, "too small") || !strings.Contains(v, "fake screen") {
		t.Fatalf("at the minimum:\n%s", v)
	}
}

// tab and shift+tab go to the next and previous screen in tab order
// (wrapping), unless the screen takes text; help lists them.
func TestTabCyclesScreens(t *testing.T) {
	h := newHarness(t, false)
	var got []common.ScreenID
	for range 4 {
		h.keys("tab")
		got = append(got, h.m.Active())
	}
	want := []common.ScreenID{common.WASScreen, common.CalendarScreen, common.APILogScreen, common.ScriptsScreen}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("tab went %v, want %v", got, want)
	}
	h.keys("shift+tab")
	if h.m.Active() != common.APILogScreen {
		t.Fatalf("shift+tab from the first screen went to %s", h.m.Active())
	}
	h.keys("1")
	h.scripts.captures = true
	h.keys("tab")
	if h.m.Active() != common.ScriptsScreen || !strings.HasSuffix(strings.Join(h.scripts.keys, " "), "tab") {
		t.Fatalf("tab left a screen taking text (active %s, keys %v)", h.m.Active(), h.scripts.keys)
	}
	h.scripts.captures = false
	h.keys("?")
	if !strings.Contains(h.plain(), "tab/shift+tab next/prev screen") {
		t.Fatalf("help does not list tab:\n%s", h.plain())
	}
}

// A FocusScheduleMsg names the screen that asked as the one to return
// to; the screen's ReturnMsg (its details closed) shows it again.
func TestFocusNamesTheScreenToReturnTo(t *testing.T) {
	h := newHarness(t, false)
	h.keys("@")
	h.send(common.FocusScheduleMsg{Screen: common.WASScreen, ID: "7"})
	if h.m.Active() != common.WASScreen || len(h.was.others) != 1 {
		t.Fatalf("active %s, WAS got %v", h.m.Active(), h.was.others)
	}
	if got := h.was.others[0].(common.FocusScheduleMsg); got.Return != common.APILogScreen || got.ID != "7" {
		t.Fatalf("focus message %+v", got)
	}
	h.run(common.Return(common.APILogScreen))
	if h.m.Active() != common.APILogScreen {
		t.Fatalf("ReturnMsg left %s active", h.m.Active())
	}
}

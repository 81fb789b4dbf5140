package app_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
	"github.com/qsched/qsched/ui/was"
)

// overlayScreen is a fake screen with an overlay that does not capture
// input (like details) and a legend for its row markers.
type overlayScreen struct {
	*fakeScreen
	overlay bool
}

func (o *overlayScreen) CloseOverlay() (tea.Cmd, bool) {
	was := o.overlay
	o.overlay = false
	return nil, was
}

func (o *overlayScreen) Legend() string { return "Rows: ● marked (legend of the fake)" }

func (o *overlayScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	_, cmd := o.fakeScreen.Update(msg)
	return o, cmd
}

func newOverlayHarness(t *testing.T) (*harness, *overlayScreen) {
	t.Helper()
	f, _ := newFake(common.WASScreen)
	o := &overlayScreen{fakeScreen: f}
	fs, fsNew := newFake(common.ScriptsScreen)
	clk := uitest.NewClock(uitest.Epoch(), 0)
	m := app.New(app.Options{
		Platform: "US1", User: "ops", Now: clk.Now, StaticSpinner: true, Start: common.WASScreen,
		Routes: app.DefaultRoutes(scripts.Options{}, was.Options{}).With(common.ScriptsScreen, fsNew).
			With(common.WASScreen, func(c common.Common) common.Screen { f.Common = c; return o }),
	})
	h := &harness{t: t, m: m, scripts: fs, was: f, clk: clk}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h, o
}

// q closes an open overlay first and quits only when none is open; help
// shows the screen's legend of row markers.
func TestQClosesOverlayBeforeQuitting(t *testing.T) {
	h, o := newOverlayHarness(t)
	o.overlay = true
	if uitest.Quits(t, h.keys("q")) {
		t.Fatal("q quit with an overlay open")
	}
	if o.overlay {
		t.Fatal("q did not close the overlay")
	}
	h.keys("?")
	if !strings.Contains(h.plain(), "legend of the fake") {
		t.Fatalf("help does not explain the row markers:\n%s", h.plain())
	}
	h.keys("q") // closes help, does not quit
	if h.m.ShowingHelp() {
		t.Fatal("q did not close help")
	}
	if !uitest.Quits(t, h.keys("q")) {
		t.Fatal("q with nothing open did not quit")
	}
}

// esc on the API log goes back to the screen shown before it.
func TestEscLeavesAPILogForPreviousScreen(t *testing.T) {
	h := newHarness(t, false)
	h.keys("2", "@")
	if h.m.Active() != common.APILogScreen {
		t.Fatalf("@ showed %s", h.m.Active())
	}
	h.run(h.keys("esc"))
	if h.m.Active() != common.WASScreen {
		t.Fatalf("esc on the API log showed %s, want the WAS screen", h.m.Active())
	}
	h.keys("1", "@")
	h.run(h.keys("esc"))
	if h.m.Active() != common.ScriptsScreen {
		t.Fatalf("esc on the API log showed %s, want the script screen", h.m.Active())
	}
	// esc on a list screen stays there.
	h.run(h.keys("esc"))
	if h.m.Active() != common.ScriptsScreen {
		t.Fatalf("esc on the script screen moved to %s", h.m.Active())
	}
}

// ? lists every key of each list screen, and the row markers, at 80×24;
// the footer fits the width.
func TestHelpListsEveryKeyAt80x24(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5}, nil)
	for _, id := range []common.ScreenID{common.WASScreen, common.ScriptsScreen} {
		t.Run(string(id), func(t *testing.T) {
			m := app.New(app.Options{Client: env.Client, Events: env.Events, Platform: "demo", User: "demo", StaticSpinner: true, Start: id})
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			uitest.RequireFits(t, m.View().Content, 80, 24)
			m.Update(uitest.Key("?"))
			v := ansi.Strip(m.View().Content)
			uitest.RequireFits(t, m.View().Content, 80, 24)
			var groups [][]key.Binding
			groups = append(groups, m.Screen(id).FullHelp()...)
			groups = append(groups, m.Keys.ScreenBindings(), m.Keys.GlobalBindings())
			for _, g := range groups {
				for _, b := range g {
					if !b.Enabled() {
						continue
					}
					if h := b.Help(); !strings.Contains(v, h.Key) || !strings.Contains(v, h.Desc) {
						t.Errorf("help lacks %q %q:\n%s", h.Key, h.Desc, v)
					}
				}
			}
			if !strings.Contains(v, "● marked") || !strings.Contains(v, "! marked, last action failed") {
				t.Errorf("help does not explain the row markers:\n%s", v)
			}
		})
	}
}

// At 60×15 the WAS help does not fit: it scrolls with the list keys and
// says so, and every key is reachable; its title fits.
func TestHelpScrollsWhenItDoesNotFit(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5}, nil)
	m := app.New(app.Options{Client: env.Client, Events: env.Events, Platform: "demo", User: "demo", StaticSpinner: true, Start: common.WASScreen, ReadOnly: true})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	m.Update(uitest.Key("?"))
	seen := ""
	for range 40 {
		v := m.View().Content
		uitest.RequireFits(t, v, 60, 15)
		seen += ansi.Strip(v)
		m.Update(uitest.Key("down"))
	}
	first := ansi.Strip(m.View().Content)
	if !strings.Contains(seen, "lines 1–") || !strings.Contains(seen, "scroll") {
		t.Fatalf("no scroll hint:\n%s", first)
	}
	for _, g := range append(m.Screen(common.WASScreen).FullHelp(), m.Keys.ScreenBindings(), m.Keys.GlobalBindings()) {
		for _, b := range g {
			if b.Enabled() && !strings.Contains(seen, b.Help().Desc) {
				t.Errorf("scrolling never shows %q %q", b.Help().Key, b.Help().Desc)
			}
		}
	}
	m.Update(uitest.Key("g"))
	if top := ansi.Strip(m.View().Content); !strings.Contains(top, "Keys — WAS schedules · read-only") {
		t.Fatalf("g did not go back to the top:\n%s", top)
	}
}

// The help title fits 80 columns, read-only and over a field.
func TestHelpTitleFitsAt80(t *testing.T) {
	h := newHarness(t, true)
	h.scripts.captures = true
	h.keys("?")
	title := strings.SplitN(h.plain(), "\n", 4)[2]
	if !strings.Contains(title, "read-only") || !strings.HasSuffix(strings.TrimSpace(title), "? types ?") {
		t.Fatalf("title cut: %q", title)
	}
}

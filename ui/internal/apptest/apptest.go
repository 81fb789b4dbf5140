// Package apptest is the one harness for teatest flows: the whole app on a
// simulator on loopback, a fixed size, the ASCII colour profile, a fixed
// clock, and waits for what the flow expects (never fixed sleeps).
package apptest

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// Deadline bounds every wait. It only turns a hang into a failure: a
// flow never sleeps, it waits for the text it expects, so a busy machine
// makes it slower, not flaky.
const Deadline = 90 * time.Second

// Options configure a flow.
type Options struct {
	Env *uitest.Env
	// Routes adjusts the default routes (nil keeps them).
	Routes func(app.Routes) app.Routes
	// Clock is the app's clock (default: uitest.Epoch(), standing still).
	Clock         *uitest.Clock
	Start         common.ScreenID
	Width, Height int // default 100×30
}

// Flow is a running app.
type Flow struct {
	T     *testing.T
	TM    *teatest.TestModel
	Env   *uitest.Env
	Clock *uitest.Clock
}

// New starts the app.
func New(t *testing.T, o Options) *Flow {
	t.Helper()
	if o.Clock == nil {
		o.Clock = uitest.NewClock(uitest.Epoch(), 0)
	}
	if o.Width == 0 {
		o.Width, o.Height = 100, 30
	}
	routes := app.DefaultRoutes(scriptsDefaults(), wasDefaults())
	if o.Routes != nil {
		routes = o.Routes(routes)
	}
	m := &tracked{Model: app.New(app.Options{
		Client: o.Env.Client, Events: o.Env.Events, Platform: "demo", User: "demo",
		Now: o.Clock.Now, StaticSpinner: true, Start: o.Start, Routes: routes,
	})}
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(o.Width, o.Height),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.Ascii),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		),
	)
	return &Flow{T: t, TM: tm, Env: o.Env, Clock: o.Clock}
}

// focuser is a screen that says where its focus is (a form field, a
// review); the harness counts the moves.
type focuser interface{ Focus() string }

// tracked wraps the app and numbers focus moves in the window title,
// which the renderer writes whole whenever it changes: a flow waits for
// "[step N]" before its next key, because huh moves the focus through
// commands and a key sent too early lands on the old field.
type tracked struct {
	*app.Model
	focus string
	steps int
}

func (t *tracked) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := t.Model.Update(msg)
	if f, ok := t.Screen(t.Active()).(focuser); ok {
		if now := f.Focus(); now != t.focus {
			t.focus = now
			t.steps++
		}
	}
	return t, cmd
}

func (t *tracked) View() tea.View {
	v := t.Model.View()
	v.WindowTitle = fmt.Sprintf("qsched [step %d]", t.steps)
	return v
}

// WaitStep waits until the focus has moved n times since the start.
func (f *Flow) WaitStep(n int) {
	f.T.Helper()
	f.Wait(fmt.Sprintf("[step %d]", n))
}

// Wait blocks until every token has appeared in the output since the last
// wait (teatest drains what it reads). Tokens should carry no spaces: the
// cell-diff renderer may skip cells that did not change.
func (f *Flow) Wait(tokens ...string) {
	f.T.Helper()
	teatest.WaitFor(f.T, f.TM.Output(), func(b []byte) bool {
		for _, s := range tokens {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(Deadline), teatest.WithCheckInterval(10*time.Millisecond))
}

// Keys presses keys by name (see uitest.Key).
func (f *Flow) Keys(ks ...string) {
	for _, k := range ks {
		f.TM.Send(uitest.Key(k))
	}
}

// Type types text, one key per character.
func (f *Flow) Type(s string) { f.TM.Type(s) }

// Confirm answers an open confirmation with y once its grace period has
// passed on the app's clock.
func (f *Flow) Confirm() {
	f.Clock.Advance(time.Second)
	f.Keys("y")
}

// Final quits with ctrl+c (answering y if asked) and returns the last
// view.
func (f *Flow) Final() string {
	f.T.Helper()
	f.TM.Quit()
	fm := f.TM.FinalModel(f.T, teatest.WithFinalTimeout(Deadline))
	return fm.(*tracked).Model.View().Content
}

// RequireGolden compares the final view with testdata/<test>.golden,
// written through the ASCII profile (no colour codes).
func (f *Flow) RequireGolden() {
	f.T.Helper()
	uitest.RequireGolden(f.T, f.Final())
}

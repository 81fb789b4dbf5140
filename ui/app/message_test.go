package app_test

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/statusbar"
	"github.com/qsched/qsched/ui/uitest"
	"github.com/qsched/qsched/ui/was"
)

// A server error too long for the status bar is cut at a word boundary
// and ends with "… (! for full)"; ! opens it whole, esc closes it.
func TestLongErrorIsCutAtAWordAndOpensWhole(t *testing.T) {
	h := newHarness(t, false)
	words := strings.Repeat("the server refused the criteria ", 12) + "LAST_WORD"
	h.send(common.ErrorMsg{Err: errors.New(words)})
	v := h.plain()
	uitest.RequireFits(t, h.view(), 80, 24)
	bar := ""
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, "error: ") {
			bar = l
		}
	}
	if !strings.Contains(bar, statusbar.MoreHint) {
		t.Fatalf("no hint in the status bar:\n%s", v)
	}
	shown := strings.TrimPrefix(bar[:strings.Index(bar, statusbar.MoreHint)], "error: ")
	if !strings.HasPrefix(words, shown) || words[len(shown)] != ' ' {
		t.Fatalf("cut inside a word: %q", shown)
	}
	h.keys("!")
	v = h.plain()
	uitest.RequireFits(t, h.view(), 80, 24)
	if !strings.Contains(v, "The whole message") || !strings.Contains(v, "LAST_WORD") {
		t.Fatalf("! did not open the whole message:\n%s", v)
	}
	h.keys("esc")
	if strings.Contains(h.plain(), "The whole message") || h.m.LastError() == "" {
		t.Fatalf("esc did not close the message, or cleared it:\n%s", h.plain())
	}
	// A short message is whole: ! does nothing.
	h.send(common.ErrorMsg{Err: errors.New("short")})
	h.keys("!")
	if strings.Contains(h.plain(), "The whole message") {
		t.Fatal("! opened a message that was not cut")
	}
}

// noteScreen is a fake screen whose own message line was cut.
type noteScreen struct {
	*fakeScreen
	note string
}

func (n noteScreen) FullNote() string { return n.note }

// ! opens a screen's cut message line whole when the status bar's is not
// cut.
func TestBangOpensTheScreensCutNote(t *testing.T) {
	_, fs := newFake(common.ScriptsScreen)
	f, _ := newFake(common.WASScreen)
	ns := noteScreen{fakeScreen: f, note: "update 700504 failed: " + strings.Repeat("the server says no ", 10) + "END"}
	clk := uitest.NewClock(uitest.Epoch(), 0)
	m := app.New(app.Options{
		Platform: "US1", User: "ops", Now: clk.Now, StaticSpinner: true,
		Routes: app.DefaultRoutes(scripts.Options{}, was.Options{}).With(common.ScriptsScreen, fs).
			With(common.WASScreen, func(c common.Common) common.Screen { f.Common = c; return ns }),
	})
	h := &harness{t: t, m: m, clk: clk}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.keys("2", "!")
	if v := h.plain(); !strings.Contains(v, "The whole message") || !strings.Contains(v, "END") {
		t.Fatalf("! did not open the screen's note:\n%s", v)
	}
	uitest.RequireFits(t, h.view(), 80, 24)
	h.keys("!")
	if strings.Contains(h.plain(), "The whole message") {
		t.Fatal("! did not close it")
	}
}

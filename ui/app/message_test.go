package app_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/statusbar"
	"github.com/qsched/qsched/ui/uitest"
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

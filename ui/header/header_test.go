package header_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/uitest"
)

var tabs = []header.Tab{
	{ID: common.ScriptsScreen, Key: "1", Title: "Script schedules"},
	{ID: common.WASScreen, Key: "2", Title: "WAS schedules"},
	{ID: common.APILogScreen, Key: "@", Title: "API log"},
}

func render(readOnly bool, platform string, w int) string {
	h := header.New(common.New(nil, readOnly, nil), platform, "ops\x1b[2J")
	h.SetSize(w, header.Height)
	return h.View(tabs, common.WASScreen)
}

// Rendering at a fixed size; regenerate with go test ./ui/... -update.
func TestRender(t *testing.T) {
	for name, ro := range map[string]bool{"read-write": false, "read-only": true} {
		t.Run(name, func(t *testing.T) {
			v := render(ro, "US1", 80)
			uitest.RequireFits(t, v, 80, header.Height)
			uitest.RequireGolden(t, v)
		})
	}
}

func TestReadOnlyBadge(t *testing.T) {
	long := "demo (" + strings.Repeat("127.0.0.1:8787 ", 10) + ")"
	for _, w := range []int{40, 80, 160} {
		ro, rw := ansi.Strip(render(true, long, w)), ansi.Strip(render(false, long, w))
		if !strings.Contains(ro, "READ-ONLY") {
			t.Errorf("width %d: no READ-ONLY badge: %q", w, ro)
		}
		if strings.Contains(rw, "READ-ONLY") {
			t.Errorf("width %d: READ-ONLY badge without read-only mode", w)
		}
		uitest.RequireFits(t, render(true, long, w), w, header.Height)
	}
	if v := render(false, "US1", 80); strings.Contains(v, "\x1b[2J") || !strings.Contains(ansi.Strip(v), "user ops") {
		t.Fatalf("user not sanitized or missing: %q", v)
	}
}

// The header of the demo in the local zone fits 80 columns whole: the
// zone is named in few cells.
func TestLocalZoneFitsAt80(t *testing.T) {
	c := common.New(nil, true, nil)
	c.Zone = time.Local
	h := header.New(c, "demo (127.0.0.1:40521)", "demo")
	h.SetSize(80, header.Height)
	line := strings.SplitN(ansi.Strip(h.View(tabs, common.WASScreen)), "\n", 2)[0]
	if !strings.Contains(line, "times local UTC") || !strings.Contains(line, "READ-ONLY") || strings.Contains(line, "…") {
		t.Fatalf("header cut or zone missing: %q", line)
	}
}

package scripts_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/uitest"
)

// plant stores schedules with the titles given, as another tool could.
func plant(t *testing.T, env *uitest.Env, titles ...string) []string {
	t.Helper()
	var ids []string
	for _, title := range titles {
		b, _ := json.Marshal(title)
		body := `{"activate":true,"assetTags":[],"assets":[{"UUId":"2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81","id":44496319}],"description":"","excludedAssets":[],"scripts":[{"id":226213,"title":"Sample script title"}],"title":` + string(b) + `,"user":{"id":"","name":""},"endDate":"2030-06-30","startDate":"2030-05-02","startTime":"02:00:00","scheduleType":"DAILY"}`
		sched, err := model.DecodeScriptSchedule([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, env.Sim.PlantCARSchedule(sched))
	}
	return ids
}

func TestYCopiesTheIDAndShiftYTheTitle(t *testing.T) {
	s, env := newScreen(t, true, nil)
	ids := plant(t, env, "Only one\x1b[2J")
	run(t, s, s.Init())
	_, cmd := s.Update(uitest.Key("y"))
	if got, ok := uitest.Clipboard(cmd); !ok || got != ids[0] {
		t.Fatalf("y: clipboard %q (%v), want %q", got, ok, ids[0])
	}
	if v := ansi.Strip(s.View()); !strings.Contains(v, "Copied id “"+ids[0]) {
		t.Fatalf("y: not said:\n%s", v)
	}
	_, cmd = s.Update(uitest.Key("Y"))
	if got, ok := uitest.Clipboard(cmd); !ok || got != `Only one\u001b[2J` {
		t.Fatalf("Y: clipboard %q", got)
	}
	v := s.View()
	if strings.Contains(v, "\x1b[2J") || !strings.Contains(ansi.Strip(v), `Copied title “Only one\u001b[2J”`) {
		t.Fatalf("Y: view %q", ansi.Strip(v))
	}
}

// E writes the schedules shown, filtered and in the order shown, to the
// file named at the prompt (CSV, or JSON for a .json name).
func TestExportWritesTheFilteredRows(t *testing.T) {
	s, env := newScreen(t, false, nil)
	ids := plant(t, env, "alpha nightly", "=cmd|' /C calc'!A0 nightly", "beta weekly")
	run(t, s, s.Init())
	s.Update(uitest.Key("/"))
	for _, c := range "nightly" {
		s.Update(uitest.Key(string(c)))
	}
	s.Update(uitest.Key("enter"))
	dir := t.TempDir()
	for _, name := range []string{"x.csv", "x.json"} {
		s.Update(uitest.Key("E"))
		if !s.CapturesInput() || !strings.Contains(ansi.Strip(s.View()), "Export to (.csv or .json): qsched-scripts-") {
			t.Fatalf("E opened no prompt:\n%s", ansi.Strip(s.View()))
		}
		uitest.RequireFits(t, s.View(), 80, 24)
		s.Update(uitest.Key("ctrl+u"))
		path := filepath.Join(dir, name)
		for _, c := range path {
			s.Update(tea.KeyPressMsg{Code: c, Text: string(c)})
		}
		_, cmd := s.Update(uitest.Key("enter"))
		run(t, s, cmd)
		if v := ansi.Strip(s.View()); !strings.Contains(v, "exported 2 rows to "+path) {
			t.Fatalf("not said where:\n%s", v)
		}
		e := uitest.ReadExport(t, path)
		if name == "x.json" {
			if len(e.JSON) != 2 || e.JSON[0]["nextRun"] == nil {
				t.Fatalf("JSON:\n%s", e.Raw)
			}
			continue
		}
		recs := e.CSV
		if len(recs) != 3 || recs[0][1] != "title" {
			t.Fatalf("CSV:\n%s", e.Raw)
		}
		got := map[string]string{recs[1][0]: recs[1][1], recs[2][0]: recs[2][1]}
		if got[ids[0]] != "alpha nightly" || got[ids[1]] != "'=cmd|' /C calc'!A0 nightly" {
			t.Fatalf("CSV rows %v", got)
		}
	}
}

// A notice longer than the screen is cut at a word boundary with the
// hint; FullNote gives it whole for !.
func TestLongNoticeIsCutAtAWord(t *testing.T) {
	s, env := newScreen(t, false, nil)
	plant(t, env, "A schedule whose title is long enough to push the notice past the edge")
	run(t, s, s.Init())
	s.Update(uitest.Key("Y"))
	full := s.FullNote()
	if !strings.HasPrefix(full, "Copied title “A schedule whose title") || !strings.HasSuffix(full, "(OSC 52).") {
		t.Fatalf("FullNote %q", full)
	}
	v := ansi.Strip(s.View())
	uitest.RequireFits(t, s.View(), 80, 24)
	for _, l := range strings.Split(v, "\n") {
		if i := strings.Index(l, "… (! for full)"); i >= 0 {
			if full[i] != ' ' || !strings.HasPrefix(full, l[:i]) {
				t.Fatalf("cut inside a word: %q", l)
			}
			return
		}
	}
	t.Fatalf("no hint:\n%s", v)
}

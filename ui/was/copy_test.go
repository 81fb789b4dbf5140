package was

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/uitest"
)

func TestYCopiesTheIDAndShiftYTheName(t *testing.T) {
	r := newRig(t, 20, true, Options{}) // read-only sessions copy too
	m := r.m
	r.keys("down", "down")
	row := m.cursorRow()
	_, cmd := m.Update(uitest.Key("y"))
	if got, ok := uitest.Clipboard(cmd); !ok || got != strconv.FormatInt(row.id, 10) {
		t.Fatalf("y: clipboard %q (%v), want the id %d", got, ok, row.id)
	}
	if !strings.Contains(m.note, "copied id") || !strings.Contains(m.note, strconv.FormatInt(row.id, 10)) || m.noteBad {
		t.Fatalf("y: note %q", m.note)
	}
	_, cmd = m.Update(uitest.Key("Y"))
	if got, ok := uitest.Clipboard(cmd); !ok || got != row.name {
		t.Fatalf("Y: clipboard %q, want the name %q", got, row.name)
	}
	if !strings.Contains(m.note, "copied name") {
		t.Fatalf("Y: note %q", m.note)
	}
}

// A hostile name is copied as the list shows it: no escape sequence
// reaches the clipboard (a paste into a terminal would run it).
func TestCopiedNameIsTheSafeForm(t *testing.T) {
	r := newRig(t, 3, false, Options{})
	m := r.m
	hostile(r, "evil\x1b]52;c;AAAA\x07\nrm -rf ~")
	for m.cursorRow().name[:4] != "evil" {
		r.keys("down")
	}
	_, cmd := m.Update(uitest.Key("Y"))
	got, _ := uitest.Clipboard(cmd)
	if strings.ContainsAny(got, "\x1b\x07\n") || got != `evil\u001b]52;c;AAAA\u0007\u000arm -rf ~` {
		t.Fatalf("clipboard %q", got)
	}
}

// hostile renames the first row as another client could have named it.
func hostile(r *rig, name string) {
	m := r.m
	id := m.rows[0].id
	rows := append([]*row(nil), m.rows...)
	rows[0] = newRow(model.WasScanSchedule{ID: &id, Name: model.TextPtr(name), Owner: &model.WASUser{Username: "+owner"}})
	m.rows = rows
	r.run(m.refilter())
}

// E writes the rows shown, filtered and in the order shown, to the file
// named at the prompt, and says where.
func TestExportWritesTheFilteredSortedRows(t *testing.T) {
	r := newRig(t, 40, true, Options{})
	m := r.m
	hostile(r, "=HYPERLINK(\"http://x\",\"y\")\u009b2J")
	r.keys("/")
	r.typeText("1")
	r.keys("enter", "s", "S") // name, descending
	if len(m.view) == 0 || len(m.view) == len(m.rows) {
		t.Fatalf("the filter should leave some rows: %d of %d", len(m.view), len(m.rows))
	}
	var want []int64
	for _, p := range m.view {
		want = append(want, m.vrows[p].id)
	}
	dir := t.TempDir()
	for _, name := range []string{"out.csv", "out.json"} {
		r.keys("E")
		if m.export == nil || !m.CapturesInput() {
			t.Fatal("E opened no prompt")
		}
		if p := m.export.Path(); !strings.HasPrefix(p, "qsched-was-20260330-091500") || !strings.HasSuffix(p, ".csv") {
			t.Fatalf("default name %q", p)
		}
		uitest.RequireFits(t, m.View(), 120, 30)
		path := filepath.Join(dir, name)
		m.export.SetPath(path)
		r.keys("enter")
		if m.export != nil || m.note != fmt.Sprintf("exported %d rows to %s", len(want), path) {
			t.Fatalf("note %q", m.note)
		}
		e := uitest.ReadExport(t, path)
		var got []int64
		if name == "out.csv" {
			if h := e.CSV[0]; h[0] != "id" || h[1] != "name" || h[len(h)-1] != "owner" {
				t.Fatalf("CSV header %q", h)
			}
			for _, rec := range e.CSV[1:] {
				if rec[len(rec)-1] == "" {
					t.Fatalf("owner cell empty, as `was list` gives it: %q", rec)
				}
				id, _ := strconv.ParseInt(rec[0], 10, 64)
				got = append(got, id)
				if rec[1][0] == '=' || strings.Contains(rec[1], "\u009b") {
					t.Fatalf("hostile name exported unsafely: %q", rec[1])
				}
			}
			if !strings.Contains(e.Raw, ",'+owner") {
				t.Fatalf("owner not guarded as a formula:\n%s", e.Raw)
			}
			if !strings.Contains(e.Raw, `'=HYPERLINK(""http://x"",""y"")\u009b2J`) {
				t.Fatalf("hostile name not guarded:\n%s", e.Raw)
			}
		} else {
			for _, rec := range e.JSON {
				got = append(got, int64(rec["id"].(float64)))
				for _, k := range []string{"name", "type", "active", "invalid", "webApp", "occurrence", "nextLaunch", "owner"} {
					if _, ok := rec[k]; !ok {
						t.Fatalf("JSON record lacks %q: %v", k, rec)
					}
				}
			}
			if strings.Contains(e.Raw, "\u009b") || !strings.Contains(e.Raw, `\u009b2J`) {
				t.Fatal("C1 control written raw in JSON")
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: ids %v, want the view's %v", name, got, want)
		}
	}
	// An existing file is never replaced; esc closes the prompt.
	r.keys("E")
	m.export.SetPath(filepath.Join(dir, "out.csv"))
	r.keys("enter")
	if !m.noteBad || !strings.Contains(m.note, "exists") {
		t.Fatalf("note %q", m.note)
	}
	r.keys("E", "esc")
	if m.export != nil || m.CapturesInput() {
		t.Fatal("esc left the prompt open")
	}
}

// A long note wraps at word boundaries onto up to three lines; longer
// still, the third line is cut at a word with the hint, and FullNote gives
// it whole for !. A note that fits its lines has no FullNote.
func TestLongNoteIsCutAtAWord(t *testing.T) {
	r := newRig(t, 3, false, Options{})
	m := r.m
	m.SetSize(80, 20)
	one := "update 700504 failed: the server answered INVALID_REQUEST because the recipients list holds an address it refuses."
	long := strings.TrimSpace(strings.Repeat(one+" ", 3))
	m.setNote(long, true)
	uitest.RequireFits(t, m.View(), 80, 20)
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	shown := strings.Join(lines[len(lines)-maxNoteLines:], " ")
	i := strings.Index(shown, "… (! for full)")
	if i < 0 || long[i] != ' ' || !strings.HasPrefix(long, shown[:i]) {
		t.Fatalf("note lines %q", shown)
	}
	if m.FullNote() != long {
		t.Fatalf("FullNote %q", m.FullNote())
	}
	m.setNote(one, true) // two lines: whole
	if m.FullNote() != "" {
		t.Fatal("FullNote of a note that fits its lines")
	}
	m.setNote("short", false)
	if m.FullNote() != "" {
		t.Fatal("FullNote of a note that fits")
	}
}

package scriptform

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/picker"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

const (
	web01    = "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81 44496319"
	typedOne = "0479cf1f-46a8-47ac-af52-3984e60f825b 1"
)

// simModel is a builder connected to a simulator.
func simModel(t *testing.T, o sim.Options, d Draft) *Model {
	t.Helper()
	o.WASSchedules, o.Seed = -1, 1
	env := uitest.NewEnv(t, o, nil)
	testClock = uitest.NewClock(testNow, 0)
	c := common.New(env.Client, false, testClock.Now)
	c.Zone = berlin
	m := New(c, Options{}, d)
	m.SetSize(100, 40)
	return m
}

// runTasks runs the tasks among cmd's messages as the root's manager does
// and hands their results to the builder. Other messages (ticks, form
// steps) are not run: tests send the picker's debounce message themselves.
func runTasks(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			runTasks(t, m, c)
		}
	case task.StartedMsg:
		runTasks(t, m, m.Update(task.NewManager(context.Background(), nil).Start(msg)()))
	case picker.ResultMsg:
		runTasks(t, m, m.Update(msg))
	}
}

// search types text into the open picker and runs the search its
// debounce starts.
func search(t *testing.T, m *Model, text string) {
	t.Helper()
	for _, r := range text {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	runTasks(t, m, m.Update(m.pick.Due()))
	if err := m.pick.Err(); err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
}

func keys(m *Model, ks ...string) {
	for _, k := range ks {
		m.Update(uitest.Key(k))
	}
}

func TestAgentPickerAddsLinesAndKeepsTypedOnes(t *testing.T) {
	d := validWeekly()
	d.Assets = typedOne
	m := simModel(t, sim.Options{}, d)
	runTasks(t, m, m.openPicker("assets"))
	if !m.CapturesInput() || !strings.HasSuffix(m.Focus(), ":picker:assets:1") {
		t.Fatalf("picker not open: focus %q", m.Focus())
	}
	v := plain(m)
	for _, want := range []string{"Assets: search the platform", "showing the first 300 agents; more match — refine the search", "1 selected", "Last check-in"} {
		if !strings.Contains(v, want) {
			t.Fatalf("picker lacks %q:\n%s", want, v)
		}
	}
	search(t, m, "web-01")
	if got := m.pick.Rows(); len(got) == 0 || got[0].Label != "web-01.example.com" {
		t.Fatalf("rows %+v", got)
	}
	keys(m, "down", "space", "enter")
	if m.pick != nil {
		t.Fatal("enter did not close the picker")
	}
	if got := m.Draft().Assets; got != typedOne+"\n"+web01 {
		t.Fatalf("assets %q", got)
	}
	// (the form shows it: the hostile-text rig sees it rendered)
	if h := m.targetHint("assets"); h != "2: web-01.example.com, 1 without a name · ctrl+f changes" {
		t.Fatalf("hint %q", h)
	}
	review(m)
	v = plain(m)
	if !strings.Contains(v, "asset    web-01.example.com  "+web01) || !strings.Contains(v, "asset    (no name)  "+typedOne) {
		t.Fatalf("review does not name the targets:\n%s", v)
	}
	// The draft keeps the picked name: restored, it names the host again.
	if got := m.Draft().Names; len(got) != 1 || got[web01] != "web-01.example.com" {
		t.Fatalf("names kept %v", got)
	}
	restored := newModel(t, m.Draft(), Options{})
	if h := restored.targetHint("assets"); h != "2: web-01.example.com, 1 without a name · ctrl+f changes" {
		t.Fatalf("restored hint %q", h)
	}
	review(restored)
	if v := plain(restored); !strings.Contains(v, "asset    web-01.example.com  "+web01) {
		t.Fatalf("the restored review does not name the host:\n%s", v)
	}
}

func TestAgentPickerUnselectRemovesTheLine(t *testing.T) {
	d := validWeekly()
	d.Assets = web01 + "\n" + typedOne
	m := simModel(t, sim.Options{}, d)
	runTasks(t, m, m.openPicker("assets"))
	search(t, m, "web-01.example")
	keys(m, "down", "space", "enter") // unselects web-01
	if got := m.Draft().Assets; got != typedOne {
		t.Fatalf("assets %q", got)
	}
}

func TestPickerEscChangesNothing(t *testing.T) {
	d := validWeekly()
	m := simModel(t, sim.Options{}, d)
	runTasks(t, m, m.openPicker("excluded"))
	search(t, m, "db-")
	keys(m, "down", "space", "esc")
	if m.pick != nil || m.Draft().Excluded != "" {
		t.Fatalf("esc: picker %v, excluded %q", m.pick != nil, m.Draft().Excluded)
	}
}

func TestTagPickerUsesTheTagRef(t *testing.T) {
	m := simModel(t, sim.Options{}, validWeekly())
	runTasks(t, m, m.openPicker("assetTags"))
	search(t, m, "Web servers")
	rows := m.pick.Rows()
	if len(rows) == 0 || rows[0].Label != "Web servers" {
		t.Fatalf("rows %+v", rows)
	}
	keys(m, "down", "space", "enter")
	s, _ := m.Draft().Schedule()
	if len(s.AssetTags) != 1 || assetKey(s.AssetTags[0]) != rows[0].Key || s.AssetTags[0].ID == "" {
		t.Fatalf("tags %+v, want the row %q", s.AssetTags, rows[0].Key)
	}
	if h := m.targetHint("assetTags"); !strings.HasPrefix(h, "1: Web servers") {
		t.Fatalf("hint %q", h)
	}
}

func TestScriptPickerFillsIDAndTitle(t *testing.T) {
	d := validWeekly()
	d.ScriptID, d.ScriptTitle = "", ""
	m := simModel(t, sim.Options{}, d)
	runTasks(t, m, m.openPicker("scriptId"))
	if v := plain(m); !strings.Contains(v, "25 scripts") || !strings.Contains(v, "Script · pick one") {
		t.Fatalf("script picker:\n%s", v)
	}
	search(t, m, "patches")
	keys(m, "enter")
	if got := m.Draft(); got.ScriptID != "226301" || got.ScriptTitle != "Collect installed patches" {
		t.Fatalf("script %q %q", got.ScriptID, got.ScriptTitle)
	}
	if s, _ := m.Draft().Schedule(); s.Scripts[0].ID != "226301" {
		t.Fatalf("body script %+v", s.Scripts[0])
	}
}

func TestScriptSearchRefusedFallsBackToTyping(t *testing.T) {
	d := validWeekly()
	d.ScriptID, d.ScriptTitle = "", ""
	m := simModel(t, sim.Options{NoScriptSearch: true}, d)
	runTasks(t, m, m.openPicker("scriptId"))
	if m.pick != nil {
		t.Fatal("the picker stayed open after the refusal")
	}
	if h := m.scriptHint(); h != noScriptSearch {
		t.Fatalf("the script id's hint is %q", h)
	}
	if cmd := m.openPicker("scriptId"); cmd != nil || m.pick != nil {
		t.Fatal("ctrl+f tried the refused search again")
	}
}

func TestPickerWithoutAConnectionSaysSo(t *testing.T) {
	m := newModel(t, validWeekly(), Options{})
	runTasks(t, m, m.openPicker("assets"))
	if v := plain(m); !strings.Contains(v, "✗ search failed: no connection to the platform") {
		t.Fatalf("view:\n%s", v)
	}
}

func TestPickerFitsAt80x24(t *testing.T) {
	m := simModel(t, sim.Options{}, validWeekly())
	m.SetSize(80, 24)
	runTasks(t, m, m.openPicker("assets"))
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("line of %d cells: %q", w, ansi.Strip(l))
		}
	}
	// Every column but the tags fits at 80 columns.
	if v := plain(m); !strings.Contains(v, "Host") || !strings.Contains(v, "Address") || !strings.Contains(v, "Last check-in") {
		t.Fatalf("columns:\n%s", v)
	}
}

func TestApplySelection(t *testing.T) {
	a, b, c := web01, typedOne, "7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f 49526617"
	got := applySelection(a+"\n\nnot a line\n"+b, []picker.Row{{Key: a}, {Key: b}}, []picker.Row{{Key: b}, {Key: c}})
	if want := "not a line\n" + b + "\n" + c; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

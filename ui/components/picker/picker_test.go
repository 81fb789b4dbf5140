package picker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

// fake is a search over n hosts "host-NNNN"; it records the texts it was
// asked for.
type fake struct {
	mu    sync.Mutex
	n     int
	asked []string
	err   error
}

func (f *fake) search(_ context.Context, text string, limit int) (Result, error) {
	f.mu.Lock()
	f.asked = append(f.asked, text)
	f.mu.Unlock()
	if f.err != nil {
		return Result{}, f.err
	}
	var r Result
	for i := 1; i <= f.n; i++ {
		name := fmt.Sprintf("host-%04d", i)
		if !strings.Contains(name, text) {
			continue
		}
		r.Total++
		if len(r.Rows) < limit {
			r.Rows = append(r.Rows, Row{Key: fmt.Sprint(i), Label: name, Cells: []string{name, "Linux"}})
		} else {
			r.More = true
		}
	}
	return r, nil
}

func newPicker(t *testing.T, f *fake, single bool, w, h int) *Model {
	t.Helper()
	c := common.New(nil, false, func() time.Time { return uitest.Epoch() })
	c.Width, c.Height = w, h
	return New(c, Spec{
		Owner: common.ScriptsScreen, Title: "Assets", Noun: "agents", Hint: "words search the name",
		Columns: []table.Column{{Title: "Host", Width: 10, Flex: 1, Priority: 9}, {Title: "OS", Width: 6, Priority: 5}},
		Search:  f.search, Single: single, Limit: 50,
	})
}

// answer runs a search command as the root's task manager does and
// returns its result message (without delivering it).
func answerOf(t *testing.T, cmd tea.Cmd) ResultMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no search was started")
	}
	started, ok := cmd().(task.StartedMsg)
	if !ok {
		t.Fatal("the command is not a task")
	}
	msg, ok := task.NewManager(context.Background(), nil).Start(started)().(ResultMsg)
	if !ok {
		t.Fatal("the task gave no ResultMsg")
	}
	return msg
}

// typeText types s and returns the debounce message the last key's tick
// would deliver.
func typeText(m *Model, s string) DebounceMsg {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return DebounceMsg{picker: m.id, seq: m.seq}
}

func deliver(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	m.Update(answerOf(t, cmd))
}

func TestOpenSearchesAtOnceAndCapsResults(t *testing.T) {
	f := &fake{n: 120}
	m := newPicker(t, f, false, 80, 24)
	deliver(t, m, m.Init())
	if len(m.Rows()) != 50 {
		t.Fatalf("%d rows, want the limit 50", len(m.Rows()))
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{"showing 50 of 120 agents — refine the search", "0 selected", "host-0001", "Search: "} {
		if !strings.Contains(v, want) {
			t.Fatalf("view lacks %q:\n%s", want, v)
		}
	}
	checkFits(t, v, 80, 24)
}

func TestTypingSearchesOnlyAfterTheLastKeysDebounce(t *testing.T) {
	f := &fake{n: 30}
	m := newPicker(t, f, false, 80, 24)
	deliver(t, m, m.Init())
	first := typeText(m, "00")
	last := typeText(m, "2")
	if _, cmd := m.Update(first); cmd != nil {
		t.Fatal("an older key's debounce started a search")
	}
	if !m.Pending() || !strings.Contains(m.Status(), "searching…") {
		t.Fatalf("typed text not shown as pending: %q", m.Status())
	}
	_, cmd := m.Update(last)
	deliver(t, m, cmd)
	if got := f.asked; len(got) != 2 || got[1] != "002" {
		t.Fatalf("searches %q, want the opening one and \"002\"", got)
	}
	if len(m.Rows()) != 11 || m.Rows()[0].Label != "host-0002" || m.Status() != "11 agents" {
		t.Fatalf("rows %d, first %+v, status %q", len(m.Rows()), m.Rows()[0], m.Status())
	}
	// The same debounce again (a duplicate tick) searches nothing.
	if _, cmd := m.Update(last); cmd != nil {
		t.Fatal("a search ran twice for one key")
	}
}

func TestStaleAnswersAreDropped(t *testing.T) {
	f := &fake{n: 30}
	m := newPicker(t, f, false, 80, 24)
	old := answerOf(t, m.Init())
	_, cmd := m.Update(typeText(m, "0025"))
	fresh := answerOf(t, cmd)
	m.Update(fresh)
	m.Update(old) // the opening search answers last
	if len(m.Rows()) != 1 || m.Rows()[0].Label != "host-0025" || m.Status() != "1 agent" {
		t.Fatalf("a stale answer replaced the rows: %d rows, status %q", len(m.Rows()), m.Status())
	}
	// Another picker's answer never lands here.
	other := newPicker(t, f, false, 80, 24)
	m.Update(answerOf(t, other.Init()))
	if len(m.Rows()) != 1 {
		t.Fatal("another picker's answer was taken")
	}
}

func TestSpaceTogglesAndTheCountStaysVisible(t *testing.T) {
	f := &fake{n: 30}
	m := newPicker(t, f, false, 80, 24)
	deliver(t, m, m.Init())
	m.Update(uitest.Key("down")) // into the results
	if !m.InResults() {
		t.Fatal("down did not move into the results")
	}
	m.Update(uitest.Key("space"))
	m.Update(uitest.Key("down"))
	m.Update(uitest.Key("space"))
	if got := m.Selected(); len(got) != 2 || got[0].Key != "1" || got[1].Key != "2" {
		t.Fatalf("selected %+v", got)
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "2 selected") || !strings.Contains(v, "Selected (2): host-0001, host-0002") || !strings.Contains(v, "✓ host-0001") {
		t.Fatalf("view:\n%s", v)
	}
	m.Update(uitest.Key("space")) // unselects host-0002
	if len(m.Selected()) != 1 {
		t.Fatalf("toggle did not unselect: %+v", m.Selected())
	}
	// Typing goes back to the search; the selection survives a new search.
	_, cmd := m.Update(typeText(m, "3"))
	if m.InResults() || m.Query() != "3" {
		t.Fatalf("typing in the results: in results %v, query %q", m.InResults(), m.Query())
	}
	deliver(t, m, cmd)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "1 selected") || !strings.Contains(v, "Selected (1): host-0001") {
		t.Fatalf("selection lost after a search:\n%s", v)
	}
	if act, _ := m.Update(uitest.Key("enter")); act != Done {
		t.Fatalf("enter gave %v, want Done", act)
	}
}

func TestSpaceInTheSearchIsTyped(t *testing.T) {
	f := &fake{n: 3}
	m := newPicker(t, f, false, 80, 24)
	deliver(t, m, m.Init())
	m.Update(uitest.Key("space"))
	if m.Query() != " " || len(m.Selected()) != 0 {
		t.Fatalf("space in the search: query %q, selected %d", m.Query(), len(m.Selected()))
	}
}

func TestEscCancels(t *testing.T) {
	m := newPicker(t, &fake{n: 3}, false, 80, 24)
	if act, _ := m.Update(uitest.Key("esc")); act != Cancel {
		t.Fatalf("esc gave %v", act)
	}
}

func TestSingleSelectPicksTheCursorRow(t *testing.T) {
	f := &fake{n: 5}
	m := newPicker(t, f, true, 80, 24)
	deliver(t, m, m.Init())
	m.Update(uitest.Key("down"))
	m.Update(uitest.Key("down"))
	if act, _ := m.Update(uitest.Key("enter")); act != Done {
		t.Fatalf("enter gave %v", act)
	}
	if got := m.Selected(); len(got) != 1 || got[0].Label != "host-0002" {
		t.Fatalf("picked %+v", got)
	}
}

// Enter before the answer for the typed text searches at once and picks
// the answer's first row.
func TestEnterWhileTypedTextIsPendingSearchesFirst(t *testing.T) {
	f := &fake{n: 5}
	m := newPicker(t, f, true, 80, 24)
	deliver(t, m, m.Init())
	typeText(m, "4")
	act, cmd := m.Update(uitest.Key("enter"))
	if act != None || cmd == nil {
		t.Fatalf("enter before the debounce: action %v, command %v", act, cmd != nil)
	}
	if act, _ := m.Update(answerOf(t, cmd)); act != Done || m.Selected()[0].Label != "host-0004" {
		t.Fatalf("the answer after enter: %v %+v", act, m.Selected())
	}
}

func TestFailureAndNothingFound(t *testing.T) {
	f := &fake{n: 5, err: errors.New("503 \x1b[31mbusy")}
	m := newPicker(t, f, false, 80, 24)
	deliver(t, m, m.Init())
	if v := ansi.Strip(m.View()); !strings.Contains(v, `✗ search failed: 503 \u001b[31mbusy`) {
		t.Fatalf("failure not shown safely:\n%s", v)
	}
	f.err = nil
	_, cmd := m.Update(typeText(m, "zzz"))
	deliver(t, m, cmd)
	if m.Status() != "no agents match" || m.Err() != nil {
		t.Fatalf("status %q, err %v", m.Status(), m.Err())
	}
}

func TestInitialSelectionAndLoading(t *testing.T) {
	c := common.New(nil, false, nil)
	m := New(c, Spec{Title: "Tags", Selected: []Row{{Key: "a", Label: "Production"}}, Search: (&fake{n: 2}).search})
	m.SetSize(40, 10)
	cmd := m.Init()
	if !m.Loading() || m.Status() != "searching…" {
		t.Fatalf("loading %v, status %q", m.Loading(), m.Status())
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "1 selected") || !strings.Contains(v, "Selected (1): Production") {
		t.Fatalf("view:\n%s", v)
	}
	checkFits(t, v, 40, 10)
	deliver(t, m, cmd)
}

func TestViewFitsSmallSizes(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {40, 12}, {20, 6}, {1, 1}} {
		m := newPicker(t, &fake{n: 200}, false, sz[0], sz[1])
		deliver(t, m, m.Init())
		checkFits(t, ansi.Strip(m.View()), sz[0], sz[1])
	}
}

func checkFits(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, v)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Fatalf("line wider than %d: %q", w, l)
		}
	}
}

// A selected row that came without a name (a typed line) is named by an
// answer that lists it.
func TestSelectedRowsLearnTheirLabels(t *testing.T) {
	c := common.New(nil, false, nil)
	m := New(c, Spec{Title: "Assets", Selected: []Row{{Key: "2"}}, Search: (&fake{n: 3}).search})
	m.SetSize(80, 10)
	deliver(t, m, m.Init())
	if got := m.Selected(); got[0].Label != "host-0002" {
		t.Fatalf("selected %+v", got)
	}
}

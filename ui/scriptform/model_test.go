package scriptform

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

var testNow = time.Date(2030, 5, 1, 9, 0, 0, 0, time.UTC)

// berlin is the display zone of the tests: runs are computed in UTC (U29)
// and shown here.
var berlin, _ = time.LoadLocation("Europe/Berlin")

// validWeekly is a complete weekly draft.
func validWeekly() Draft {
	d := seedDraft("Patch window", "WEEKLY", "2030-05-02", "2030-06-30", "22:30")
	d.Days = []string{"Monday", "Thursday"}
	return d
}

// testClock is the clock of the model newModel built last; confirmations
// answer only after their grace period on it.
var testClock *uitest.Clock

func newModel(t *testing.T, d Draft, opts Options) *Model {
	t.Helper()
	testClock = uitest.NewClock(testNow, 0)
	c := common.New(nil, false, testClock.Now)
	c.Width, c.Height = 100, 200
	c.Zone = berlin
	m := New(c, opts, d)
	m.SetSize(100, 200)
	return m
}

func plain(m *Model) string { return ansi.Strip(m.View()) }

// review opens the review as finishing the last field does.
func review(m *Model) { m.Update(m.ed.ToReview()) }

// toSending confirms the submit: the editor waits for the result.
func toSending(t *testing.T, m *Model) {
	t.Helper()
	review(m)
	m.Update(uitest.Key("s"))
	testClock.Advance(time.Second)
	m.Update(uitest.Key("y"))
	if m.ed.Stage() != form.Sending {
		t.Fatalf("not sending: stage %d", m.ed.Stage())
	}
}

func TestReviewShowsRunsBodyAndCurlWithoutToken(t *testing.T) {
	m := newModel(t, validWeekly(), Options{})
	review(m)
	v := plain(m)
	for _, want := range []string{
		"WEEKLY · weekly on Mon, Thu at 22:30:00 from 2030-05-02 until 2030-06-30",
		"Next 10 runs, times in Europe/Berlin (the start is read as UTC",
		"Fri 2030-05-03 00:30 CEST (in 1 d 13 h)", // first run (Thursday 22:30 UTC), in the display zone, weekday named
		"Tue 2030-05-07 00:30 CEST",
		`"daysOfWeek": [`,
		"-H 'Authorization: Bearer <token>'",
		`"title": "Patch window"`,
		"curl -X POST 'https://<gateway>/sm/v1/scripts/scheduler'",
		"-H 'Content-Type: application/json'",
		"-d '{",
	} {
		if !strings.Contains(v, want) {
			t.Fatalf("review lacks %q:\n%s", want, v)
		}
	}
	if n := strings.Count(v, " CEST ("); n != PreviewRuns {
		t.Fatalf("%d runs listed, want %d", n, PreviewRuns)
	}
}

func TestReviewRefusesSubmitWhileProblemsRemain(t *testing.T) {
	d := validWeekly()
	d.Days = nil
	d.Assets = "nope 1"
	d.Title = strings.Repeat("x", 300)
	m := newModel(t, d, Options{})
	review(m)
	v := plain(m)
	if !strings.Contains(v, "Fix these before submitting") || !strings.Contains(v, "✗ Days of the week: at least one day") || strings.Contains(v, "daysOfWeek") || !strings.Contains(v, `"nope" is not an agent UUID`) {
		t.Fatalf("review:\n%s", v)
	}
	m.Update(uitest.Key("s"))
	if m.ed.Stage() != form.Reviewing || !strings.Contains(plain(m), "Not sent: 4 problems to fix first: Title: is 300 characters long") {
		t.Fatalf("s with problems moved to stage %d:\n%s", m.ed.Stage(), plain(m))
	}
	// b goes back to the form, with the input kept.
	m.Update(uitest.Key("b"))
	if m.ed.Stage() != form.Editing || m.Draft().Title != d.Title || m.Draft().Assets != "nope 1" || !m.CapturesInput() {
		t.Fatalf("back: stage %d, draft %+v", m.ed.Stage(), m.Draft())
	}
	// The problems show beside their fields: the title's on the first step.
	if v := plain(m); !strings.Contains(v, "✗ is 300 characters long") {
		t.Fatalf("form shows no field problem:\n%s", v)
	}
}

func TestConfirmDefaultsToNo(t *testing.T) {
	m := newModel(t, validWeekly(), Options{})
	review(m)
	for _, k := range []string{"enter", "n", "esc"} {
		m.Update(uitest.Key("s"))
		if m.ed.Stage() != form.Confirming {
			t.Fatalf("s did not ask for confirmation")
		}
		if v := plain(m); !strings.Contains(v, "Type y to create it") || !strings.Contains(v, "no reboot") {
			t.Fatalf("confirmation:\n%s", v)
		}
		// Within the grace period even y is ignored.
		if m.Update(uitest.Key("y")); m.ed.Stage() != form.Confirming {
			t.Fatal("y answered within the grace period")
		}
		testClock.Advance(time.Second)
		if m.Update(uitest.Key("space")); m.ed.Stage() != form.Confirming {
			t.Fatal("space answered the confirmation")
		}
		if cmd := m.Update(uitest.Key(k)); cmd != nil || m.ed.Stage() != form.Reviewing {
			t.Fatalf("%s answered the confirmation (stage %d)", k, m.ed.Stage())
		}
	}
}

func TestDuplicateTitleReturnsToTheTitleWithInputKept(t *testing.T) {
	m := newModel(t, validWeekly(), Options{})
	toSending(t, m)
	gen := m.gen.Next()
	err := &client.Error{Op: "create script schedule", Status: 400, Code: "400", Message: "Scheduler with the same title already exists: Patch window"}
	m.Update(CreatedMsg{Task: task.Task{Gen: gen}, Err: err})
	if m.ed.Stage() != form.Editing || m.ed.Form().GetFocusedField().GetKey() != "title" {
		t.Fatalf("not back on the title: stage %d", m.ed.Stage())
	}
	v := plain(m)
	if !strings.Contains(v, "Scheduler with the same title already exists: Patch window") {
		t.Fatalf("server message not shown:\n%s", v)
	}
	d := m.Draft()
	if d.Type != "WEEKLY" || len(d.Days) != 2 || d.EndDate != "2030-06-30" || d.Assets == "" {
		t.Fatalf("input lost: %+v", d)
	}
	// A result of an older submit is dropped.
	m.draft.Title = "Patch window 2"
	toSending(t, m)
	m.gen.Next()
	if m.Update(CreatedMsg{Task: task.Task{Gen: gen}, Value: client.Created[string]{ID: "x"}}); m.ed.Stage() != form.Sending {
		t.Fatal("a stale result was applied")
	}
}

func TestOtherErrorsStayOnTheReviewAndAreNotRetried(t *testing.T) {
	m := newModel(t, validWeekly(), Options{})
	toSending(t, m)
	gen := m.gen.Next()
	cmd := m.Update(CreatedMsg{Task: task.Task{Gen: gen}, Err: errors.New("network error: connection reset")})
	if cmd != nil || m.ed.Stage() != form.Reviewing || !strings.Contains(plain(m), "not retried automatically") {
		t.Fatalf("stage %d cmd %v:\n%s", m.ed.Stage(), cmd, plain(m))
	}
}

func TestTypingSavesTheDraftAndEscLeaves(t *testing.T) {
	var saved []Draft
	m := newModel(t, NewDraft(testNow, "demo"), Options{SaveDraft: func(d Draft) error { saved = append(saved, d); return nil }})
	if m.Dirty() {
		t.Fatal("a fresh builder counts as unsaved input")
	}
	_ = m.Init() // focuses the title; its blink command is not needed here
	for _, r := range "Nightly" {
		for _, msg := range uitest.Exec(t, m.Update(uitest.Key(string(r)))) {
			m.Update(msg)
		}
	}
	if !m.Dirty() || len(saved) == 0 || saved[len(saved)-1].Title != "Nightly" {
		t.Fatalf("dirty %v, saved %d, last %+v", m.Dirty(), len(saved), saved)
	}
	var closed bool
	for _, msg := range uitest.Exec(t, m.Update(uitest.Key("esc"))) {
		if sm, ok := msg.(common.ScreenMsg); ok {
			_, closed = sm.Msg.(ClosedMsg)
		}
	}
	if !closed {
		t.Fatal("esc did not close the builder")
	}
}

func TestBuilderFitsSmallTerminals(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newModel(t, validWeekly(), Options{})
		m.SetSize(size[0], size[1])
		uitest.RequireFits(t, m.View(), size[0], size[1])
		review(m)
		uitest.RequireFits(t, m.View(), size[0], size[1])
		m.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
		uitest.RequireFits(t, m.View(), size[0], size[1])
	}
}

// feed sends msg and then the messages its commands produce, until
// nothing more comes (huh moves the focus through commands), at most 4
// (a cursor blink would go on for ever).
func feed(t *testing.T, m *Model, msg tea.Msg) {
	t.Helper()
	queue := []tea.Msg{msg}
	for i := 0; i < 4 && len(queue) > 0; i++ {
		next := queue[0]
		queue = queue[1:]
		for _, out := range uitest.Exec(t, m.Update(next)) {
			switch out := out.(type) {
			case nil, tea.BatchMsg:
			case common.ScreenMsg: // the editor's commands, addressed to the screen
				queue = append(queue, out.Msg)
			default:
				queue = append(queue, out)
			}
		}
	}
}

// A new draft shows a field's problem only once the user has left the
// field, not before typing; the review then shows all of them.
func TestProblemsShowAfterAFieldIsLeft(t *testing.T) {
	m := newModel(t, NewDraft(testNow, "demo"), Options{})
	_ = m.Init() // focuses the title
	if v := plain(m); strings.Contains(v, "✗") || !strings.Contains(v, "unique among your schedules") {
		t.Fatalf("problems before typing:\n%s", v)
	}
	// Leave the empty title: the problem shows at once, before any other
	// message (the move and the redraw happen within the key).
	m.Update(uitest.Key("enter"))
	if v := plain(m); !strings.Contains(v, "✗ is required") || m.ed.Form().GetFocusedField().GetKey() != "description" {
		t.Fatalf("the title's problem does not show as it is left:\n%s", v)
	}
	feed(t, m, uitest.Key("x")) // a key in the description
	if v := plain(m); !strings.Contains(v, "✗ is required") {
		t.Fatalf("the title's problem does not show once it was left:\n%s", v)
	}
	if v := plain(m); strings.Count(v, "✗") != 1 {
		t.Fatalf("problems of fields not yet visited show:\n%s", v)
	}
}

// A create found by a search after its answer was lost is shown as
// created, with a sentence saying so, wrapped at word boundaries to the
// width; a plain create has no such sentence.
func TestCreatedAfterLostAnswerSaysSo(t *testing.T) {
	for _, found := range []bool{false, true} {
		m := newModel(t, validWeekly(), Options{})
		m.SetSize(60, 20)
		toSending(t, m)
		gen := m.gen.Next()
		created := client.Created[string]{ID: "5f1c", Found: found}
		m.Update(CreatedMsg{Task: task.Task{Gen: gen}, Value: created})
		v := plain(m)
		// Wrapped, not cut: the words joined again are the whole note.
		lost := strings.Contains(strings.Join(strings.Fields(v), " "), "The answer was lost; a search found the new schedule (id 5f1c): it exists once and was not sent again.")
		if !m.done || !strings.Contains(v, "✓ Created script schedule 5f1c") || lost != found {
			t.Fatalf("found %v, done %v:\n%s", found, m.done, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if w := len([]rune(l)); w > 60 {
				t.Fatalf("line of %d cells: %q", w, l)
			}
		}
	}
}

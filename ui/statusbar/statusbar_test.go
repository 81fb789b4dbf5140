package statusbar_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/statusbar"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

func newBar(clk *uitest.Clock, w int) *statusbar.Model {
	c := common.New(nil, false, clk.Now)
	c.StaticSpinner = true
	b := statusbar.New(c)
	b.SetSize(w, 1)
	return b
}

func rate(remaining, limit int) client.RateLimit {
	return client.RateLimit{Limit: limit, Remaining: remaining, WindowSec: 3600, ToWaitSec: -1, ConcurrencyLimit: -1, ConcurrencyRunning: -1}
}

// Rendering at a fixed size; regenerate with go test ./ui/... -update.
func TestRender(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	tests := map[string]func(b *statusbar.Model){
		"idle": func(*statusbar.Model) {},
		"busy": func(b *statusbar.Model) {
			b.SetTasks([]task.Running{{Task: task.Task{Title: "Counting WAS schedules"}}, {Task: task.Task{Title: "Loading script schedules"}}})
			b.Observe(events.Msg{Calls: []client.CallRecord{{RateLimit: rate(1999, 2000)}}})
			b.SetScreenStatus("3 selected")
		},
		"error": func(b *statusbar.Model) {
			b.SetError(errors.New("search WAS schedules: \x1b[31mINVALID_REQUEST\x1b[0m:\nbad\tcriteria " + strings.Repeat("x", 100)))
			b.Observe(events.Msg{Calls: []client.CallRecord{{RateLimit: rate(3, 300)}}})
		},
		"waiting": func(b *statusbar.Model) {
			b.SetTasks([]task.Running{{Task: task.Task{Title: "Counting WAS schedules"}}})
			b.Observe(events.Msg{Waits: []events.Wait{{Op: "count", At: uitest.Epoch(), Delay: 42 * time.Second, Cause: events.WaitRateLimit}}})
		},
	}
	for name, setup := range tests {
		t.Run(name, func(t *testing.T) {
			b := newBar(clk, 80)
			setup(b)
			v := b.View()
			uitest.RequireFits(t, v, 80, 1)
			uitest.RequireGolden(t, v)
		})
	}
}

func TestErrorIsShownEscapedOnOneLine(t *testing.T) {
	b := newBar(uitest.NewClock(uitest.Epoch(), 0), 200)
	b.SetError(errors.New("boom\x1b]0;owned\x07 \x1b[2Jline1\nline2"))
	v := b.View()
	plain := ansi.Strip(v)
	if strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\n") {
		t.Fatalf("raw escape or newline in the error: %q", v)
	}
	if !strings.Contains(plain, `error: boom\u001b]0;owned\u0007 \u001b[2Jline1\u000aline2`) {
		t.Fatalf("error missing: %q", plain)
	}
	b.SetError(nil)
	if strings.Contains(ansi.Strip(b.View()), "error") || b.HasMessage() {
		t.Fatal("error not cleared")
	}
}

func TestBudgetWarnsWhenLow(t *testing.T) {
	b := newBar(uitest.NewClock(uitest.Epoch(), 0), 80)
	if !strings.HasSuffix(ansi.Strip(b.View()), "API –") {
		t.Fatalf("unknown budget: %q", ansi.Strip(b.View()))
	}
	b.Observe(events.Msg{Calls: []client.CallRecord{{RateLimit: rate(250, 300)}, {RateLimit: client.RateLimit{Limit: -1, Remaining: -1, ToWaitSec: -1, ConcurrencyLimit: -1}}}})
	if got := ansi.Strip(b.View()); !strings.HasSuffix(got, "API 250/300 per h") {
		t.Fatalf("a record without headers must not reset the budget: %q", got)
	}
	b.Observe(events.Msg{Calls: []client.CallRecord{{RateLimit: rate(9, 300)}}})
	if got := ansi.Strip(b.View()); !strings.HasSuffix(got, "API 9/300 per h low") {
		t.Fatalf("low budget: %q", got)
	}
}

// The budget names the endpoint it belongs to (Qualys counts per
// endpoint); of several, the bar shows the tightest, whatever order the
// answers came in.
func TestBudgetOfTheTightestEndpoint(t *testing.T) {
	at := func(left int, ep string) client.CallRecord {
		r := rate(left, 2000)
		r.Endpoint = ep
		return client.CallRecord{RateLimit: r}
	}
	for _, calls := range [][]client.CallRecord{
		{at(1200, "search wasscanschedule"), at(1500, "scheduler search"), at(1201, "search wasscanschedule")},
		{at(1201, "search wasscanschedule"), at(1500, "scheduler search"), at(1200, "search wasscanschedule")},
	} {
		b := newBar(uitest.NewClock(uitest.Epoch(), 0), 100)
		b.Observe(events.Msg{Calls: calls})
		if got := ansi.Strip(b.View()); !strings.HasSuffix(got, "API 1200/2000 per h · search wasscanschedule") {
			t.Fatalf("budget: %q", got)
		}
		b.Observe(events.Msg{Calls: []client.CallRecord{at(1100, "scheduler search")}})
		if got := ansi.Strip(b.View()); !strings.HasSuffix(got, "API 1100/2000 per h · scheduler search") {
			t.Fatalf("the tighter endpoint: %q", got)
		}
	}
}

func TestCountdownFollowsTheClock(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	b := newBar(clk, 80)
	if !b.Observe(events.Msg{Waits: []events.Wait{{Op: "count", At: uitest.Epoch(), Delay: 30 * time.Second}}}) {
		t.Fatal("Observe did not report a running countdown")
	}
	clk.Advance(4500 * time.Millisecond)
	if got := ansi.Strip(b.View()); !strings.Contains(got, "in 26s") {
		t.Fatalf("countdown: %q", got)
	}
	clk.Advance(26 * time.Second)
	if b.Waiting() || strings.Contains(ansi.Strip(b.View()), "retrying in") {
		t.Fatalf("countdown still shown after the wait: %q", ansi.Strip(b.View()))
	}
}

func TestSpinnerTicksOnlyWhileTasksRun(t *testing.T) {
	c := common.New(nil, false, nil)
	b := statusbar.New(c)
	b.SetSize(80, 1)
	cmd := b.SetTasks([]task.Running{{Task: task.Task{Title: "x"}}})
	if cmd == nil {
		t.Fatal("no spinner tick when a task starts")
	}
	if b.SetTasks([]task.Running{{Task: task.Task{Title: "x"}}}) != nil {
		t.Fatal("a second spinner loop was started")
	}
	tick := uitest.Exec(t, cmd)[0]
	if b.Update(tick) == nil {
		t.Fatal("spinner stopped while a task runs")
	}
	b.SetTasks(nil)
	if b.Update(tick) != nil {
		t.Fatal("spinner keeps ticking with no task")
	}
	if b.SetTasks([]task.Running{{Task: task.Task{Title: "y"}}}) == nil {
		t.Fatal("spinner not restarted for a new task")
	}
}

func TestLongMessageIsCutAtAWordBoundary(t *testing.T) {
	clk := uitest.NewClock(uitest.Epoch(), 0)
	for _, w := range []int{40, 60, 80, 100} {
		b := newBar(clk, w)
		msg := "update 700504: the server answered INVALID_REQUEST because the recipients list holds an address it refuses"
		b.SetError(errors.New(msg))
		b.SetScreenStatus("3 selected")
		v := ansi.Strip(b.View())
		uitest.RequireFits(t, b.View(), w, 1)
		if !b.Cut() {
			t.Fatalf("width %d: not cut: %q", w, v)
		}
		i := strings.Index(v, statusbar.MoreHint)
		if i < 0 {
			t.Fatalf("width %d: no hint: %q", w, v)
		}
		shown := strings.TrimPrefix(v[:i], "error: ")
		if !strings.HasPrefix(msg, shown) || msg[len(shown)] != ' ' {
			t.Fatalf("width %d: cut inside a word: %q", w, shown)
		}
		if b.Message() != "error: "+msg {
			t.Fatalf("whole message %q", b.Message())
		}
		b.Expand()
		full := ansi.Strip(b.FullView(w, 10))
		uitest.RequireFits(t, b.FullView(w, 10), w, 10)
		if !strings.Contains(strings.Join(strings.Fields(full), " "), msg) {
			t.Fatalf("width %d: full view lacks the message:\n%s", w, full)
		}
	}
	b := newBar(clk, 200)
	b.SetError(errors.New("short"))
	b.SetScreenStatus("3 selected")
	if v := ansi.Strip(b.View()); b.Cut() || strings.Contains(v, "…") || !strings.Contains(v, "short │ 3 selected") {
		t.Fatalf("a short message is cut: %q", v)
	}
}

// A retry wait is worded by its cause: only a 409/429 is "rate limited".
func TestWaitSaysItsCause(t *testing.T) {
	for cause, want := range map[events.WaitCause]string{
		events.WaitRateLimit:    "rate limited: retry in 30s",
		events.WaitNetworkError: "network error: retrying in 30s",
		events.WaitServerError:  "HTTP 503: retrying in 30s",
	} {
		b := newBar(uitest.NewClock(uitest.Epoch(), 0), 100)
		status := 0
		if cause == events.WaitServerError {
			status = 503
		}
		b.Observe(events.Msg{Waits: []events.Wait{{Op: "count", At: uitest.Epoch(), Delay: 30 * time.Second, Cause: cause, Status: status}}})
		got := ansi.Strip(b.View())
		if !strings.Contains(got, want) || cause != events.WaitRateLimit && strings.Contains(got, "rate limited") {
			t.Errorf("cause %d: %q, want %q", cause, got, want)
		}
	}
}

// One 409 among answers reporting 1998 of 2000 left must not leave the
// bar at "API 0/2000 … low": the block's count stands only until the
// endpoint answers again, and an answer with only some of the headers
// keeps the rest of what is known.
func TestOneBlockDoesNotLeaveAZeroBudget(t *testing.T) {
	const ep = "count wasscanschedule"
	at := func(sec, status, left, limit, toWait int) client.CallRecord {
		r := client.RateLimit{Limit: limit, WindowSec: -1, Remaining: left, ToWaitSec: toWait, ConcurrencyLimit: -1, ConcurrencyRunning: -1,
			Seen: uitest.Epoch().Add(time.Duration(sec) * time.Second), Endpoint: ep}
		if limit > 0 {
			r.WindowSec = 3600
		}
		return client.CallRecord{Status: status, RateLimit: r}
	}
	b := newBar(uitest.NewClock(uitest.Epoch(), 0), 100)
	b.Observe(events.Msg{Calls: []client.CallRecord{at(0, 200, 1998, 2000, -1)}})
	b.Observe(events.Msg{Calls: []client.CallRecord{at(1, 409, 0, 2000, 1)}})
	if got := ansi.Strip(b.View()); !strings.Contains(got, "API 0/2000 per h low") {
		t.Fatalf("while blocked: %q", got)
	}
	b.Observe(events.Msg{Calls: []client.CallRecord{at(3, 200, 1997, 2000, -1)}})
	if got := ansi.Strip(b.View()); !strings.Contains(got, "API 1997/2000 per h") || strings.Contains(got, "low") {
		t.Fatalf("after the retry answered: %q", got)
	}
	// A block that names only the wait, or only a count, keeps the rest.
	b.Observe(events.Msg{Calls: []client.CallRecord{at(4, 409, -1, -1, 2)}})
	if got := ansi.Strip(b.View()); !strings.Contains(got, "API 1997/2000 per h") {
		t.Fatalf("after a block with only ToWait: %q", got)
	}
	b.Observe(events.Msg{Calls: []client.CallRecord{at(5, 200, 1990, -1, -1)}})
	if got := ansi.Strip(b.View()); !strings.Contains(got, "API 1990/2000 per h") {
		t.Fatalf("after an answer with only Remaining: %q", got)
	}
	// An answer without a count after a block does not inherit its 0.
	b.Observe(events.Msg{Calls: []client.CallRecord{at(6, 409, 0, 2000, 1)}})
	b.Observe(events.Msg{Calls: []client.CallRecord{at(8, 200, -1, 2000, -1)}})
	if got := ansi.Strip(b.View()); strings.Contains(got, "API 0/") || strings.Contains(got, "low") {
		t.Fatalf("a block's 0 carried over to an answer without a count: %q", got)
	}
}

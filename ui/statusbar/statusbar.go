// Package statusbar renders the one-line status bar: running tasks with a
// spinner, a rate-limit wait countdown, the last error, the active screen's
// status text, and the API budget (X-RateLimit-Remaining/Limit).
package statusbar

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// LowBudget is the X-RateLimit-Remaining below which the budget is shown
// as a warning.
const LowBudget = 10

// Model is the status bar. The root feeds it state with the setters and
// renders it with View.
type Model struct {
	common.Common
	spinner  spinner.Model
	spinning bool

	tasks  []task.Running
	err    string
	info   string
	status string
	rate   client.RateLimit
	// rates is each endpoint's budget (Qualys counts per endpoint); the
	// bar shows the tightest, so the order calls answer in does not matter.
	rates map[string]endpointRate
	waits []events.Wait

	// full is the whole message opened over the body; text, when set, is
	// a screen's message shown there instead of the bar's.
	text      string
	full      *viewport.Model
	fullSized bool
}

// New returns an empty status bar.
func New(c common.Common) *Model {
	return &Model{
		Common:  c,
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.StatusBar.Spinner)),
		rate:    client.RateLimit{Limit: -1, WindowSec: -1, Remaining: -1, ToWaitSec: -1, ConcurrencyLimit: -1, ConcurrencyRunning: -1},
	}
}

// SetTasks sets the running tasks. It returns the command that starts the
// spinner when tasks appear (nil with Common.StaticSpinner).
func (m *Model) SetTasks(ts []task.Running) tea.Cmd {
	m.tasks = ts
	if len(ts) > 0 && !m.spinning && !m.StaticSpinner {
		m.spinning = true
		return m.spinner.Tick
	}
	return nil
}

// SetError shows err (sanitized, on one line) until replaced or cleared.
// A message too long for the bar is cut at a word boundary and ends with
// MoreHint; the whole message is then one key away (Expand).
func (m *Model) SetError(err error) {
	m.info, m.full = "", nil
	if err == nil {
		m.err = ""
		return
	}
	m.err = safe.Line(err.Error(), 0)
}

// SetInfo shows a neutral message (e.g. "cancelled: …") in place of the
// error.
func (m *Model) SetInfo(s string) { m.err, m.info, m.full = "", safe.Line(s, 0), nil }

// HasMessage reports whether an error or info message is shown.
func (m *Model) HasMessage() bool { return m.err != "" || m.info != "" }

// Error returns the error shown, "" for none.
func (m *Model) Error() string { return m.err }

// SetScreenStatus sets the active screen's status text.
func (m *Model) SetScreenStatus(s string) { m.status = safe.Line(s, 0) }

// Observe takes API events: the newest known rate-limit state and new
// rate-limit waits. It returns true when a countdown is running.
func (m *Model) Observe(msg events.Msg) bool {
	for _, r := range msg.Calls {
		if r.RateLimit.Known() {
			m.observeRate(r.RateLimit, r.Status == http.StatusConflict || r.Status == http.StatusTooManyRequests)
		}
	}
	m.waits = append(m.waits, msg.Waits...)
	return m.Waiting()
}

// rateRenewal is how much later an endpoint's report must be to replace
// a lower budget of the same endpoint (its window rolled on): within it,
// the lowest count stands, whatever order the answers came in.
const rateRenewal = time.Minute

// endpointRate is an endpoint's budget and whether it came with a block
// (409/429).
type endpointRate struct {
	client.RateLimit
	blocked bool
}

// observeRate keeps r as its endpoint's budget and shows the tightest
// endpoint: the fewest calls left, then the lowest share of its limit,
// then by name. A header r lacks keeps the endpoint's last known value
// (a partial answer says nothing about the rest), and a block's count
// stands only until the endpoint's next answer: a 409 may report 0 left
// while the calls before and after it report the budget (the
// concurrency limit, or a window that rolled on), and the status bar
// must not show "0 … low" for a minute after one block.
func (m *Model) observeRate(r client.RateLimit, blocked bool) {
	if m.rates == nil {
		m.rates = map[string]endpointRate{}
	}
	old, ok := m.rates[r.Endpoint]
	if ok {
		r = fillRate(r, old.RateLimit, old.blocked)
	}
	if !ok || old.blocked && !r.Seen.Before(old.Seen) || r.Remaining < old.Remaining || r.Seen.After(old.Seen.Add(rateRenewal)) {
		m.rates[r.Endpoint] = endpointRate{r, blocked}
	}
	first := true
	for _, c := range m.rates {
		if first || tighter(c.RateLimit, m.rate) {
			m.rate, first = c.RateLimit, false
		}
	}
}

// fillRate is r with each budget field it lacks (-1) taken from old; a
// block's count (oldBlocked) is not carried over.
func fillRate(r, old client.RateLimit, oldBlocked bool) client.RateLimit {
	keep := func(v *int, o int) {
		if *v < 0 {
			*v = o
		}
	}
	keep(&r.Limit, old.Limit)
	keep(&r.WindowSec, old.WindowSec)
	if !oldBlocked {
		keep(&r.Remaining, old.Remaining)
	}
	return r
}

// tighter orders budgets for the bar (see observeRate).
func tighter(a, b client.RateLimit) bool {
	left := func(r client.RateLimit) int {
		if r.Remaining < 0 {
			return math.MaxInt // unknown: after every known count
		}
		return r.Remaining
	}
	if left(a) != left(b) {
		return left(a) < left(b)
	}
	if a.Limit != b.Limit {
		return a.Limit < b.Limit
	}
	return a.Endpoint < b.Endpoint
}

// ClearWaits forgets rate-limit waits (when no task is left to wait).
func (m *Model) ClearWaits() { m.waits = nil }

// Waiting reports whether a rate-limit wait is still running; it drops
// waits that have ended.
func (m *Model) Waiting() bool {
	now := m.Now()
	live := m.waits[:0]
	for _, w := range m.waits {
		if w.Until().After(now) {
			live = append(live, w)
		}
	}
	m.waits = live
	return len(live) > 0
}

// Update advances the spinner. Ticks stop while no task runs.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if t, ok := msg.(spinner.TickMsg); ok {
		if len(m.tasks) == 0 || m.StaticSpinner {
			m.spinning = false
			return nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(t)
		return cmd
	}
	return nil
}

// View renders one line of exactly Width cells.
func (m *Model) View() string {
	v, _ := m.render()
	return v
}

// render is the bar, and whether its message was cut to fit.
func (m *Model) render() (string, bool) {
	st := m.Styles.StatusBar
	var parts []string
	if w, ok := m.longestWait(); ok {
		secs := int(math.Ceil(w.Until().Sub(m.Now()).Seconds()))
		parts = append(parts, st.Warn.Render(waitText(w, secs))+st.Info.Render(" (esc cancels)"))
	}
	if len(m.tasks) > 0 {
		glyph := st.Spinner.Render("•")
		if !m.StaticSpinner {
			glyph = m.spinner.View()
		}
		t := m.tasks[len(m.tasks)-1]
		title := safe.Line(t.Title, 0)
		if t.Cancelling {
			title += " (cancelling)"
		}
		if n := len(m.tasks) - 1; n > 0 {
			title += fmt.Sprintf(" (+%d)", n)
		}
		parts = append(parts, glyph+" "+st.Task.Render(title))
	}
	sep := st.Info.Render(" │ ")
	w, budget := max(m.Width, 1), m.budget()
	room := w - ansi.StringWidth(budget) - 1
	for _, p := range parts {
		room -= ansi.StringWidth(p) + ansi.StringWidth(sep)
	}
	cut := false
	if msg := m.Message(); msg != "" {
		// The message gets the room the other parts leave; it is never
		// cut inside a word.
		msg, fits := cutWords(msg, max(room, 0))
		cut = !fits
		room -= ansi.StringWidth(msg) + ansi.StringWidth(sep)
		style := st.Info
		if m.err != "" {
			style = st.Error
		}
		if msg != "" {
			parts = append(parts, style.Render(msg))
		}
	}
	// The screen's status when it fits whole after the message.
	if m.status != "" && (m.Message() == "" || ansi.StringWidth(m.status) <= room) {
		parts = append(parts, st.Screen.Render(m.status))
	}
	left := strings.Join(parts, sep)
	return st.Bar.Render(common.Spread(left, budget, w)), cut
}

// waitText says a retry wait by its cause: only a 409/429 is the rate
// limit; a network error or a 5xx is named as such.
func waitText(w events.Wait, secs int) string {
	switch w.Cause {
	case events.WaitRateLimit:
		return fmt.Sprintf("rate limited: retry in %ds", secs)
	case events.WaitServerError:
		return fmt.Sprintf("HTTP %d: retrying in %ds", w.Status, secs)
	case events.WaitNetworkError:
		return fmt.Sprintf("network error: retrying in %ds", secs)
	}
	return fmt.Sprintf("retrying in %ds", secs)
}

func (m *Model) longestWait() (events.Wait, bool) {
	now := m.Now()
	var best events.Wait
	found := false
	for _, w := range m.waits {
		if w.Until().After(now) && (!found || w.Until().After(best.Until())) {
			best, found = w, true
		}
	}
	return best, found
}

func (m *Model) budget() string {
	st := m.Styles.StatusBar
	r := m.rate
	if r.Remaining < 0 && r.Limit < 0 {
		return st.Budget.Render("API –")
	}
	s := fmt.Sprintf("API %s/%s%s", num(r.Remaining), num(r.Limit), window(r.WindowSec))
	low := r.Remaining >= 0 && r.Remaining < LowBudget
	if low {
		s += " low"
	}
	if r.Endpoint != "" {
		// Qualys counts per endpoint: the numbers are this one's.
		s += " · " + safe.Line(r.Endpoint, 28)
	}
	if low {
		return st.Warn.Render(s)
	}
	return st.Budget.Render(s)
}

// window is the limit's window, " per h" or " per 24 h", "" when unknown.
func window(sec int) string {
	switch {
	case sec <= 0:
		return ""
	case sec == 3600:
		return " per h"
	case sec%3600 == 0:
		return fmt.Sprintf(" per %d h", sec/3600)
	case sec%60 == 0:
		return fmt.Sprintf(" per %d min", sec/60)
	}
	return fmt.Sprintf(" per %d s", sec)
}

func num(n int) string {
	if n < 0 {
		return "?"
	}
	return fmt.Sprint(n)
}

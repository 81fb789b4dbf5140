package apilog

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Layout: a title line, a column header, the rows, a blank line and a
// detail pane for the selected call (dropped when the screen is short).
const (
	detailHeight = 3
	timeLayout   = "15:04:05.000"
)

// columns of the log; the call (its operation, see operation) takes the
// rest and is cut at the end (the verb and the object stay, and an id's
// start); the path is in the detail pane.
var columns = []table.Column{
	{Title: "TIME", Width: 12, Priority: 8},
	{Title: "METHOD", Width: 6, Priority: 7},
	{Title: "STATUS", Width: 12, Priority: 9},
	{Title: "DUR", Width: 6, Priority: 5},
	{Title: "TRY", Width: 3, Priority: 3},
	{Title: "BUDGET", Width: 9, Priority: 4},
	{Title: "CALL", Width: 12, Flex: 1, Priority: 10},
}

func (m *Model) showDetail() bool { return m.Height >= 10 }

func (m *Model) rowsHeight() int {
	h := m.Height - 3 // title, header, note or filter line
	if m.showDetail() {
		h -= detailHeight + 1
	}
	return max(h, 0)
}

// View implements common.Screen.
func (m *Model) View() string {
	st := m.Styles.APILog
	w := max(m.Width, 1)
	if m.call != nil {
		head := m.Styles.Title.Render(ansi.Truncate("API call — esc closes, y copies it as curl", w, "…"))
		return common.Fit(head+"\n"+m.call.View(), w, m.Height)
	}
	title := "API log — " + present.Plural(len(m.entries), "call")
	if m.query != "" {
		title = fmt.Sprintf("API log — %s of %s shown", present.Count(len(m.view)), present.Plural(len(m.entries), "call"))
	}
	if m.dropped > 0 {
		title += fmt.Sprintf(" (%d older not kept)", m.dropped)
	}
	lines := []string{m.Styles.Title.Render(ansi.Truncate(title, w, "…"))}
	if len(m.entries) == 0 {
		lines = append(lines, st.Empty.Render(ansi.Truncate("No API calls yet. Every call the app makes is listed here; credentials and tokens never are.", w, "…")))
		return common.Fit(strings.Join(lines, "\n"), w, m.Height)
	}
	if len(m.view) == 0 {
		lines = append(lines, st.Empty.Render(ansi.Truncate("No call matches the filter (esc clears it).", w, "…")))
	} else {
		lines = append(lines, strings.Split(m.table.View(), "\n")...)
	}
	for len(lines) < m.rowsHeight()+2 {
		lines = append(lines, "")
	}
	lines = append(lines, m.filterLine(w))
	if m.showDetail() && len(m.view) > 0 {
		rule := fmt.Sprintf("── call %s ", strings.Replace(m.table.Position(), "/", " of ", 1))
		lines = append(lines, st.Label.Render(rule+strings.Repeat("─", max(w-ansi.StringWidth(rule), 0))))
		lines = append(lines, m.detail(*m.selected(), w)...)
	}
	return common.Fit(strings.Join(lines, "\n"), w, m.Height)
}

// filterLine is the filter being typed, the filter applied, or what the
// last key did.
func (m *Model) filterLine(w int) string {
	st := m.Styles.APILog
	switch {
	case m.filterIn != nil:
		m.filterIn.SetWidth(w)
		return ansi.Truncate(m.filterIn.View(), w, "…")
	case m.note != "":
		return m.Styles.StatusBar.Info.Render(ansi.Truncate(m.note, w, "…"))
	case m.query != "":
		return st.Label.Render(ansi.Truncate("filter: "+safe.Line(m.query, 0)+" (/ edits, esc clears)", w, "…"))
	}
	return st.Empty.Render(ansi.Truncate("/ filter (401, 4xx, err, activate, path) · enter: whole call · y: curl", w, "…"))
}

func (m *Model) detail(e entry, w int) []string {
	st := m.Styles.APILog
	label := func(s string) string { return st.Label.Render(s) }
	l1 := st.Detail.Render(e.method + " " + common.TruncateMiddle(e.path, max(w-len(e.method)-1, 4)))
	l2 := label("status ") + e.statusText() + label(" · took ") + formatDuration(e.duration) +
		label(" · attempt ") + fmt.Sprint(e.attempt) + label(" · at ") + e.time.Format("2006-01-02 "+timeLayout)
	if e.err != "" {
		l2 += label(" · ") + st.Failed.Render(e.err)
	}
	return []string{ansi.Truncate(l1, w, "…"), ansi.Truncate(l2, w, "…"), ansi.Truncate(m.rateText(e), w, "…")}
}

// rateText is the call's rate-limit state on one line.
func (m *Model) rateText(e entry) string {
	label := func(s string) string { return m.Styles.APILog.Label.Render(s) }
	r := e.rate
	window := ""
	if r.WindowSec >= 0 {
		window = fmt.Sprintf(" per %ds", r.WindowSec)
	}
	return label("rate limit ") + orDash(r.Limit) + window + label(" · remaining ") + orDash(r.Remaining) +
		label(" · to-wait ") + orDash(r.ToWaitSec) + label("s · concurrency ") + orDash(r.ConcurrencyRunning) + "/" + orDash(r.ConcurrencyLimit)
}

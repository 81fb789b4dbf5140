package apilog

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
)

// Layout: a title line, a column header, the rows, a blank line and a
// detail pane for the selected call (dropped when the screen is short).
const (
	detailHeight = 3
	timeLayout   = "15:04:05.000"
)

// column widths; the path takes the rest.
var cols = []struct {
	title string
	width int
}{{"TIME", 12}, {"METHOD", 6}, {"STATUS", 12}, {"DUR", 6}, {"TRY", 3}, {"BUDGET", 9}}

func (m *Model) showDetail() bool { return m.Height >= 10 }

func (m *Model) rowsHeight() int {
	h := m.Height - 2
	if m.showDetail() {
		h -= detailHeight + 1
	}
	return max(h, 0)
}

// View implements common.Screen.
func (m *Model) View() string {
	st := m.Styles.APILog
	w := max(m.Width, 1)
	title := fmt.Sprintf("API log — %d %s", len(m.entries), plural(len(m.entries), "call", "calls"))
	if m.dropped > 0 {
		title += fmt.Sprintf(" (%d older not kept)", m.dropped)
	}
	lines := []string{m.Styles.Title.Render(ansi.Truncate(title, w, "…"))}
	if len(m.entries) == 0 {
		lines = append(lines, st.Empty.Render(ansi.Truncate("No API calls yet. Every call the app makes is listed here; credentials and tokens never are.", w, "…")))
		return common.Fit(strings.Join(lines, "\n"), w, m.Height)
	}
	lines = append(lines, st.Header.Render(m.row(headerCells(), "PATH", w)))
	rows := m.rowsHeight()
	for i := m.offset; i < min(m.offset+rows, len(m.entries)); i++ {
		e := m.entries[i]
		pathW := m.pathWidth(w)
		line := m.row(rowCells(e), common.TruncateMiddle(e.path, pathW), w)
		switch {
		case i == m.cursor:
			line = st.Selected.Render(padRight(line, w))
		case e.failed():
			line = st.Failed.Render(line)
		default:
			line = st.Row.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < rows+2 {
		lines = append(lines, "")
	}
	if m.showDetail() {
		rule := fmt.Sprintf("── call %d of %d ", m.cursor+1, len(m.entries))
		lines = append(lines, st.Label.Render(rule+strings.Repeat("─", max(w-ansi.StringWidth(rule), 0))))
		lines = append(lines, m.detail(m.entries[m.cursor], w)...)
	}
	return common.Fit(strings.Join(lines, "\n"), w, m.Height)
}

func headerCells() []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.title
	}
	return out
}

func rowCells(e entry) []string {
	return []string{
		e.time.Format(timeLayout), e.method, e.statusText(),
		formatDuration(e.duration), fmt.Sprint(e.attempt), e.budget(),
	}
}

func (m *Model) pathWidth(w int) int {
	used := 0
	for _, c := range cols {
		used += c.width + 1
	}
	return max(w-used, 4)
}

func (m *Model) row(cells []string, path string, w int) string {
	var b strings.Builder
	for i, c := range cols {
		b.WriteString(padRight(ansi.Truncate(cells[i], c.width, "…"), c.width))
		b.WriteByte(' ')
	}
	b.WriteString(path)
	return ansi.Truncate(b.String(), w, "…")
}

func padRight(s string, w int) string {
	if n := w - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

func (m *Model) detail(e entry, w int) []string {
	st := m.Styles.APILog
	label := func(s string) string { return st.Label.Render(s) }
	r := e.rate
	l1 := st.Detail.Render(e.method + " " + common.TruncateMiddle(e.path, max(w-len(e.method)-1, 4)))
	l2 := label("status ") + e.statusText() + label(" · took ") + formatDuration(e.duration) +
		label(" · attempt ") + fmt.Sprint(e.attempt) + label(" · at ") + e.time.Format("2006-01-02 "+timeLayout)
	if e.err != "" {
		l2 += label(" · ") + st.Failed.Render(e.err)
	}
	window := ""
	if r.WindowSec >= 0 {
		window = fmt.Sprintf(" per %ds", r.WindowSec)
	}
	l3 := label("rate limit ") + orDash(r.Limit) + window + label(" · remaining ") + orDash(r.Remaining) +
		label(" · to-wait ") + orDash(r.ToWaitSec) + label("s · concurrency ") + orDash(r.ConcurrencyRunning) + "/" + orDash(r.ConcurrencyLimit)
	return []string{ansi.Truncate(l1, w, "…"), ansi.Truncate(l2, w, "…"), ansi.Truncate(l3, w, "…")}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

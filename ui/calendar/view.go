package calendar

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Layout, top to bottom: the title, the filter line, the density strip
// (a ruler, a row per day, at most about half the height: a window of
// days around the cursor's), the agenda, and one line about the run under
// the cursor (or the last note).
const fixedLines = 3 // title, filter line, the line at the bottom

// stripDays is how many day rows of the strip are shown.
func (m *Model) stripDays() int {
	if m.cal == nil {
		return 0
	}
	avail := m.c.Height - fixedLines
	return min(m.cal.Days(), max(avail/2-1, 1))
}

// stripHeight is the strip's lines: a ruler, the days and the legend.
func (m *Model) stripHeight() int {
	if m.cal == nil {
		return 0
	}
	return m.stripDays() + 2
}

func (m *Model) agendaHeight() int {
	return max(m.c.Height-fixedLines-m.stripHeight(), 0)
}

// View implements common.Screen.
func (m *Model) View() string {
	w := max(m.c.Width, 1)
	fit := func(s string) string { return ansi.Truncate(s, w, "…") }
	st := m.c.Styles
	lines := []string{st.Title.Render(fit(m.title()))}
	if m.entry != nil {
		lines = append(lines, fit(m.entry.View()))
	} else {
		lines = append(lines, st.Muted.Render(fit(m.filterLine())))
	}
	switch {
	case m.cal == nil && m.loadErr != "":
		lines = append(lines, st.Error.Render(fit("Could not load the schedules: "+m.loadErr)), fit("r tries again."))
	case m.cal == nil && (m.loading || m.building):
		lines = append(lines, st.Muted.Render(fit("Loading every WAS and script schedule…")))
	case m.cal == nil:
		lines = append(lines, st.Muted.Render(fit("Nothing loaded yet: r loads every WAS and script schedule.")))
	default:
		lines = append(lines, m.strip(fit)...)
		lines = append(lines, m.agenda(fit)...)
	}
	body := common.Fit(strings.Join(lines, "\n"), w, max(m.c.Height-1, 0))
	if m.c.Height <= 1 {
		return common.Fit(body, w, m.c.Height)
	}
	return body + "\n" + m.bottom(fit)
}

func (m *Model) title() string {
	t := fmt.Sprintf("Calendar · next %d days", m.days)
	if m.cal != nil {
		t += " from " + present.DateTime(m.cal.From.In(m.cal.Loc))
	}
	return t + " · times in " + header.Zone(m.c.Loc(), m.c.Now())
}

func (m *Model) filterLine() string {
	kind := "all"
	if m.filter.Kind != "" {
		kind = present.CalendarKind(m.filter.Kind)
	}
	or := func(s string) string {
		if s == "" {
			return "–"
		}
		return safe.Line(s, 0)
	}
	s := "kind " + kind + " · owner " + or(m.filter.Owner) + " · name " + or(m.filter.Name)
	if m.cal != nil {
		s += " · " + present.Plural(len(m.shown), "run") + ", " + present.Count(m.overlapping()) + " " + present.OverlapMark + " overlapping"
	}
	return s
}

// strip is the density strip: the days around the cursor's, the
// cursor's marked ▸.
func (m *Model) strip(fit func(string) string) []string {
	grid := m.cal.Density(m.shown)
	n := m.stripDays()
	cur := 0
	if o := m.current(); o != nil {
		cur = m.cal.DayIndex(o.Start)
	}
	first := min(max(cur-n/2, 0), max(len(grid)-n, 0))
	peak := present.DensityPeak(grid)
	out := []string{m.c.Styles.Muted.Render(fit("  " + present.DensityRuler()))}
	for d := first; d < first+n && d < len(grid); d++ {
		mark := "  "
		if d == cur {
			mark = "▸ "
		}
		out = append(out, fit(mark+present.DensityRow(m.cal.DayStart(d), grid[d], peak)))
	}
	legend := strings.Repeat(" ", 2+present.DensityLabelWidth) + present.DensityLegend(peak)
	if n < len(grid) {
		legend += fmt.Sprintf(" · days %d–%d of %d", first+1, first+n, len(grid))
	}
	return append(out, m.c.Styles.Muted.Render(fit(legend)))
}

// agenda is the rows on screen: day headings and runs, the cursor's run
// marked ▸ and reversed.
func (m *Model) agenda(fit func(string) string) []string {
	st := m.c.Styles
	if len(m.shown) == 0 {
		msg := fmt.Sprintf("No runs in the next %d days.", m.days)
		if m.filter != (model.CalendarFilter{}) {
			msg = "No run matches the filter."
		}
		return []string{"", st.Muted.Render(fit(msg))}
	}
	var out []string
	for r := m.top; r < len(m.rows) && r < m.top+m.agendaHeight(); r++ {
		x := m.rows[r]
		if x.occ < 0 {
			out = append(out, st.Title.Render(fit(present.CalendarDay(m.cal.DayStart(x.day)))))
			continue
		}
		line := present.AgendaLine(m.shown[x.occ])
		if x.occ == m.cursor {
			out = append(out, st.Table.Cursor.Render(fit("▸"+line[1:])))
			continue
		}
		out = append(out, fit(line))
	}
	return out
}

// bottom is the last note, or the run under the cursor: its schedule,
// targets and overlaps.
func (m *Model) bottom(fit func(string) string) string {
	st := m.c.Styles
	if m.note != "" {
		return st.Warn.Render(fit(m.note))
	}
	o := m.current()
	if o == nil {
		return ""
	}
	where := "the script schedules (1)"
	if o.Kind == model.CalendarWAS {
		where = "the WAS schedules (2)"
	}
	s := present.CalendarKind(o.Kind) + " " + safe.Line(o.ID, 0)
	if o.Overlapping() {
		s += " · " + present.OverlapMark + " overlaps " + overlapNames(o, 2)
	} else if len(o.Targets) > 0 {
		s += " · on " + safe.Line(strings.Join(o.Targets, ", "), 0)
	}
	return st.Muted.Render(fit(s + " · enter shows it in " + where))
}

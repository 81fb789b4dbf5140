package calendar

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/safe"
)

// row is one line of the agenda: a day heading (occ < 0) or a run.
type row struct {
	day int // the day of the window
	occ int // index in shown; -1 for a heading
}

// refilter recomputes the runs shown and the agenda's rows, keeping the
// cursor on the same run, else on the first one after it.
func (m *Model) refilter() {
	var keep *model.Occurrence
	if o := m.current(); o != nil {
		c := *o
		keep = &c
	}
	m.shown, m.rows, m.occRow = nil, nil, nil
	if m.cal == nil {
		return
	}
	m.shown = m.cal.Filter(m.filter)
	day := -1
	for i, o := range m.shown {
		if d := m.cal.DayIndex(o.Start); d != day {
			day = d
			m.rows = append(m.rows, row{day: d, occ: -1})
		}
		m.occRow = append(m.occRow, len(m.rows))
		m.rows = append(m.rows, row{day: day, occ: i})
	}
	m.cursor = 0
	if keep != nil {
		m.cursor = -1
		for i, o := range m.shown {
			if o.Start.Before(keep.Start) {
				continue
			}
			if m.cursor < 0 {
				m.cursor = i // the first at or after it
			}
			if o.Start.After(keep.Start) {
				break
			}
			if o.ScheduleRef == keep.ScheduleRef {
				m.cursor = i
				break
			}
		}
		if m.cursor < 0 {
			m.cursor = max(len(m.shown)-1, 0)
		}
	}
	m.scroll()
}

// current is the run under the cursor, nil when none is shown.
func (m *Model) current() *model.Occurrence {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return nil
	}
	return &m.shown[m.cursor]
}

// move moves the cursor by d runs, within the list.
func (m *Model) move(d int) {
	if len(m.shown) == 0 {
		return
	}
	m.cursor = min(max(m.cursor+d, 0), len(m.shown)-1)
	m.scroll()
}

// scroll keeps the cursor's row on screen and, at the top, its day's
// heading too.
func (m *Model) scroll() {
	h := m.agendaHeight()
	if len(m.occRow) == 0 || h <= 0 {
		m.top = 0
		return
	}
	r := m.occRow[m.cursor]
	first := r
	if r > 0 && m.rows[r-1].occ < 0 {
		first = r - 1 // the heading just above
	}
	switch {
	case first < m.top:
		m.top = first
	case r >= m.top+h:
		m.top = r - h + 1
	}
	m.top = max(min(m.top, len(m.rows)-h), 0)
}

// nextOverlap moves to the next flagged run after the cursor, round to
// the first.
func (m *Model) nextOverlap() {
	n := len(m.shown)
	for i := 1; i <= n; i++ {
		if j := (m.cursor + i) % n; m.shown[j].Overlapping() {
			m.cursor = j
			m.scroll()
			return
		}
	}
	m.note = "No run shown overlaps another."
}

func (m *Model) overlapping() int {
	n := 0
	for _, o := range m.shown {
		if o.Overlapping() {
			n++
		}
	}
	return n
}

// overlapNames names up to n schedules a run overlaps, made safe.
func overlapNames(o *model.Occurrence, n int) string {
	var names []string
	for i, x := range o.Overlaps {
		if i == n {
			names = append(names, "…")
			break
		}
		names = append(names, safe.Line(x.Name, 0))
	}
	return strings.Join(names, ", ")
}

func (m *Model) openEntry(md mode, prompt, value string) {
	m.mode = md
	m.entry = textentry.New(prompt, value)
	m.entry.SetWidth(max(m.c.Width, 10))
}

// typeFilter edits the name or owner filter: each key refilters; enter
// keeps it, esc clears it.
func (m *Model) typeFilter(msg tea.KeyPressMsg) tea.Cmd {
	set := func(v string) {
		if m.mode == modeName {
			m.filter.Name = v
		} else {
			m.filter.Owner = v
		}
		m.refilter()
	}
	switch {
	case key.Matches(msg, m.c.Keys.Form.Choose):
		m.mode, m.entry = modeList, nil
		return nil
	case key.Matches(msg, m.c.Keys.Global.Back):
		set("")
		m.mode, m.entry = modeList, nil
		return nil
	}
	changed, cmd := m.entry.Update(msg)
	if changed {
		set(m.entry.Value())
	}
	return cmd
}

package scripts

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
)

// View implements common.Screen.
func (s *Screen) View() string {
	w, h := s.c.Width, s.c.Height
	if s.builder != nil {
		return s.builder.View()
	}
	var lines []string
	if s.draft != nil {
		title := s.draft.Draft.Title
		if title == "" {
			title = "untitled"
		}
		lines = append(lines, common.Line(fmt.Sprintf("A draft is saved (%q, %s): c continues it, x discards it.", title, s.draft.SavedAt.Local().Format("2006-01-02 15:04")), w))
	}
	if s.notice != "" {
		lines = append(lines, common.Line(s.notice, w))
	}
	switch {
	case s.loadErr != "":
		lines = append(lines, common.Line("✗ "+s.loadErr+" (r retries)", w))
	case s.loading && len(s.items) == 0:
		lines = append(lines, "Loading script schedules…")
	case len(s.items) == 0:
		lines = append(lines, "No script schedules yet. Press n to build one.")
	}
	if len(s.items) > 0 {
		lines = append(lines, s.table(w, h-len(lines))...)
	}
	return common.Fit(strings.Join(lines, "\n"), w, h)
}

// table renders the visible rows only: title, type, active, next run, id.
func (s *Screen) table(w, h int) []string {
	rows := max(h-1, 1)
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+rows {
		s.offset = s.cursor - rows + 1
	}
	const typeW, activeW, nextW = 9, 6, 40
	titleW := max(w-typeW-activeW-nextW-6-2, 10)
	cell := func(v string, n int) string {
		v = ansi.Truncate(v, n, "…")
		return v + strings.Repeat(" ", max(n-ansi.StringWidth(v), 0))
	}
	out := []string{"  " + cell("TITLE", titleW) + "  " + cell("TYPE", typeW) + "  " + cell("ACTIVE", activeW) + "  " + "NEXT RUN (UTC)"}
	now := s.c.Now()
	for i := s.offset; i < len(s.items) && i < s.offset+rows; i++ {
		it := s.items[i].Schedule
		mark := "  "
		if i == s.cursor {
			mark = "> "
		}
		active := "no"
		if it.Activate {
			active = "yes"
		}
		next := "-"
		if t := s.next[i]; !t.IsZero() {
			next = model.DescribeRun(t, now)
		}
		line := mark + cell(common.Line(it.Title, 0), titleW) + "  " + cell(string(it.ScheduleType), typeW) + "  " + cell(active, activeW) + "  " + next
		if i == s.cursor {
			line = s.c.Styles.Table.Cursor.Render(ansi.Truncate(line, w, ""))
		}
		out = append(out, line)
	}
	return out
}

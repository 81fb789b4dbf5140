package scripts

import (
	"fmt"
	"strings"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// columns of the list; the title takes the slack, the type goes first on
// a narrow terminal.
const (
	colTitle = 0
	colNext  = 3
)

var columns = []table.Column{
	{Title: "TITLE", Width: 16, Flex: 1, Priority: 10},
	{Title: "TYPE", Width: 9, Priority: 5},
	{Title: "ACTIVE", Width: 6, Priority: 7},
	{Title: "NEXT RUN", Width: 33, Priority: 8}, // "Thu 05-02 02:00 (23 h 59 min ago)"; + the zone: table.ZoneTitled
}

// listRows feeds the table from the loaded schedules.
type listRows struct{ s *Screen }

func (r listRows) Len() int { return len(r.s.view) }

func (r listRows) Cells(i int) []string {
	i = r.s.view[i]
	it := r.s.items[i].Schedule
	next := "—"
	if t := r.s.next[i]; !t.IsZero() {
		next = model.DescribeRunShort(t, r.s.c.Now())
	}
	return []string{safe.Line(it.Title, 0), string(it.ScheduleType), present.YesNo(it.Activate), next}
}

// head is what the list shows above the table: the saved draft, the last
// outcome, and the load state.
func (s *Screen) head(w int) []string {
	var lines []string
	if l := s.draftLine(w); l != "" {
		lines = append(lines, l)
	}
	if s.notice != "" {
		lines = append(lines, cutNote(safe.Line(s.notice, 0), w))
	}
	if s.writing != "" {
		lines = append(lines, safe.Line("Sending: "+s.writing+"…", w))
	}
	const maxResults = 5
	for i, r := range s.results {
		if i == maxResults {
			lines = append(lines, fmt.Sprintf("  and %s more", present.Plural(len(s.results)-maxResults, "result")))
			break
		}
		lines = append(lines, safe.Line("  "+r, w))
	}
	if f := s.filterLine(); f != "" {
		lines = append(lines, safe.Line(f, w))
	}
	if s.mode == modeFilter && s.filterIn != nil {
		lines = append(lines, s.filterIn.View())
	}
	if s.export != nil {
		lines = append(lines, s.export.View(w))
	}
	switch {
	case s.loadErr != "":
		lines = append(lines, cutNote("✗ "+s.loadErr+" (r retries)", w))
	case s.loading && len(s.items) == 0:
		lines = append(lines, "Loading script schedules…")
	case len(s.items) == 0 && s.c.Keys.List.New.Enabled():
		lines = append(lines, "No script schedules yet. Press n to build one.")
	case len(s.items) == 0:
		lines = append(lines, "No script schedules yet.")
	default:
		lines = append(lines, s.c.Styles.Title.Render(safe.Line("Script schedules · "+present.Plural(len(s.items), "schedule")+" · row "+s.table.Position(), w)))
	}
	return lines
}

func (s *Screen) tableHeight() int { return max(s.c.Height-len(s.head(s.c.Width)), 0) }

// View implements common.Screen.
func (s *Screen) View() string {
	w, h := s.c.Width, s.c.Height
	if s.builder != nil && s.mode == modeConfirm && s.dialog != nil {
		return common.Fit(s.dialog.View(w, h), w, h)
	}
	if s.builder != nil {
		return s.builder.View()
	}
	switch {
	case s.mode == modeDetails && s.details != nil:
		return common.Fit(s.details.view(s.c.Styles, w, h), w, h)
	case s.mode == modeDrafts && s.draftTable != nil:
		return s.draftsView(w, h)
	case s.mode == modeConfirm && s.dialog != nil:
		return common.Fit(s.dialog.View(w, h), w, h)
	}
	lines := s.head(w)
	if len(s.items) > 0 {
		s.table.SetSize(w, h-len(lines))
		lines = append(lines, s.table.View())
	}
	return common.Fit(strings.Join(lines, "\n"), w, h)
}

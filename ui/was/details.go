package was

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/task"
)

type detailsResult struct{ S model.WasScanSchedule }

// detailsMsg is the result of the get call behind enter.
type detailsMsg = task.DoneMsg[detailsResult]

// details shows every field of one schedule, as the get endpoint returns
// it; all server text is sanitized.
type details struct {
	id      int64
	loading bool
	err     string
	lines   []string
	top     int
}

func (m *Model) openDetails() tea.Cmd {
	r := m.cursorRow()
	if r == nil || m.Client == nil {
		return nil
	}
	m.details, m.mode = &details{id: r.id, loading: true}, modeDetails
	w, id := m.Client.WAS, r.id
	return task.Run(m.ID(), m.fetch.Next(), fmt.Sprintf("Getting WAS schedule %d", id), func(ctx context.Context) (detailsResult, error) {
		s, err := w.Get(ctx, id)
		return detailsResult{s}, err
	})
}

func (m *Model) onDetails(msg detailsMsg) {
	if !m.fetch.Current(msg.Task) || m.details == nil {
		return
	}
	d := m.details
	d.loading = false
	if msg.Err != nil {
		d.err = common.Line(msg.Err.Error(), 0)
		return
	}
	d.lines = detailLines(msg.Value.S, m.Now())
}

func (m *Model) updateDetails(msg tea.KeyPressMsg) {
	d := m.details
	switch msg.String() {
	case "esc", "enter", "q", "backspace":
		m.details, m.mode = nil, modeList
	case "up", "k":
		d.top = max(d.top-1, 0)
	case "down", "j":
		d.top = min(d.top+1, max(len(d.lines)-1, 0))
	case "pgup":
		d.top = max(d.top-10, 0)
	case "pgdown", "space":
		d.top = min(d.top+10, max(len(d.lines)-1, 0))
	}
}

func (d *details) view(st *common.Styles, w, h int) string {
	lines := []string{st.Title.Render(fmt.Sprintf("WAS schedule %d", d.id)) + st.Muted.Render("  (esc back · ↑/↓ scroll)")}
	switch {
	case d.loading:
		lines = append(lines, "", "Loading…")
	case d.err != "":
		lines = append(lines, "", st.StatusBar.Error.Render("Could not get the schedule: "+d.err))
	default:
		end := min(d.top+max(h-1, 0), len(d.lines))
		for _, l := range d.lines[min(d.top, end):end] {
			lines = append(lines, truncate(l, w))
		}
	}
	return strings.Join(lines, "\n")
}

// detailLines renders the schedule as present.Lines of
// present.WASDetails, the same label/value pairs as qsched was get.
func detailLines(s model.WasScanSchedule, now time.Time) []string {
	return present.Lines(present.WASDetails(s, now))
}

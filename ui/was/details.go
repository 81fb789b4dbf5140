package was

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

type detailsResult struct{ S model.WasScanSchedule }

// detailsMsg is the result of the get call behind enter.
type detailsMsg = task.DoneMsg[detailsResult]

// details shows every field of one schedule, as the get endpoint returns
// it, in a scrolling view; all server text is made safe.
type details struct {
	id      int64
	loading bool
	err     string
	vp      viewport.Model
	// returnTo is the screen that opened them (the Calendar's enter):
	// closing them shows it again.
	returnTo common.ScreenID
}

func (m *Model) openDetails() tea.Cmd {
	r := m.cursorRow()
	if r == nil || m.Client == nil {
		return nil
	}
	m.details, m.mode = &details{id: r.id, loading: true, vp: scroll.New(m.Common, m.Width, m.Height-1)}, modeDetails
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
		d.err = safe.Line(msg.Err.Error(), 0)
		return
	}
	scroll.SetText(&d.vp, strings.Join(detailLines(msg.Value.S, m.Loc(), m.Now()), "\n"))
}

// updateDetails closes the details (esc, q, enter) or scrolls them.
func (m *Model) updateDetails(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Global.Back, k.Global.Quit, k.List.Details):
		return m.closeDetails()
	case key.Matches(msg, k.List.Update, k.List.Edit):
		// The schedule shown is edited, as from its row.
		if r := m.cursorRow(); r != nil && r.id == m.details.id {
			m.closeDetails()
			return m.handleKey(msg)
		}
		m.setNote("u and e work on the list's rows: esc, then put the cursor on the schedule.", false)
		return nil
	}
	var cmd tea.Cmd
	m.details.vp, cmd = m.details.vp.Update(msg)
	return cmd
}

// closeDetails goes back to the list, or to the screen that opened them.
func (m *Model) closeDetails() tea.Cmd {
	back := m.details.returnTo
	m.details, m.mode = nil, modeList
	return common.Return(back)
}

func (d *details) view(st *common.Styles, w, h int) string {
	title := st.Title.Render(fmt.Sprintf("WAS schedule %d", d.id)) + st.Muted.Render("  (esc back · ↑/↓ scroll)")
	switch {
	case d.loading:
		return title + "\n\nLoading…"
	case d.err != "":
		return title + "\n\n" + st.Error.Render("Could not get the schedule: "+d.err)
	}
	d.vp.SetWidth(max(w, 1))
	d.vp.SetHeight(max(h-1, 1))
	return title + "\n" + d.vp.View()
}

// detailLines renders the schedule as present.Lines of
// present.WASDetails, the same label/value pairs as qsched was get, its
// times in loc, the display zone.
func detailLines(s model.WasScanSchedule, loc *time.Location, now time.Time) []string {
	return present.Lines(present.WASDetails(s, loc, now))
}

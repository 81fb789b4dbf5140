package was

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
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
		d.err = common.Line(msg.Err.Error(), 0)
		return
	}
	d.vp.SetContent(strings.Join(detailLines(msg.Value.S), "\n"))
}

// updateDetails closes the details (esc, q, enter) or scrolls them.
func (m *Model) updateDetails(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	if key.Matches(msg, k.Global.Back, k.Global.Quit, k.List.Details) {
		m.details, m.mode = nil, modeList
		return nil
	}
	var cmd tea.Cmd
	m.details.vp, cmd = m.details.vp.Update(msg)
	return cmd
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

// detailLines renders the schedule as "label: value" lines.
func detailLines(s model.WasScanSchedule) []string {
	var out []string
	add := func(label, v string) {
		out = append(out, fmt.Sprintf("%-22s %s", label+":", common.Line(v, 0)))
	}
	section := func(t string) { out = append(out, "", "— "+t) }
	add("Name", s.NameValue())
	add("Type", s.TypeValue())
	add("Active", yesNo(s.IsActive()))
	add("Invalid", yesNo(s.IsInvalid()))
	add("Multi-Scan", yesNo(model.Deref(s.Multi)))
	if o := s.Owner; o != nil {
		add("Owner", fmt.Sprintf("%s %s (%s, id %d)", o.FirstName, o.LastName, o.Username, o.ID))
	}
	add("Created", model.Deref(s.CreatedDate))
	add("Updated", model.Deref(s.UpdatedDate))
	add("Launched", strconv.Itoa(model.Deref(s.LaunchedCount))+" time(s)")
	if s.Profile != nil {
		add("Option profile", ref(s.Profile))
	}

	section("Scheduling")
	if t, ok := s.NextLaunch(); ok {
		add("Next launch", t.UTC().Format("2006-01-02 15:04 UTC"))
	} else {
		add("Next launch", "—")
	}
	if sc := s.Scheduling; sc != nil {
		add("Occurrence", model.Deref(sc.OccurrenceType))
		add("Start", model.Deref(sc.StartDate))
		if sc.TimeZone != nil {
			add("Time zone", sc.TimeZone.Code)
		}
		if o := sc.Occurrence; o != nil {
			switch {
			case o.Daily != nil:
				add("Every", fmt.Sprintf("%d day(s)", o.Daily.EveryNDays))
			case o.Weekly != nil:
				add("Every", fmt.Sprintf("%d week(s) on %s", o.Weekly.EveryNWeeks, strings.Join(o.Weekly.OnDays, ", ")))
			case o.Monthly != nil:
				add("Monthly (raw)", o.Monthly.InnerXML)
			}
		}
		if sc.CancelAfterNHours != nil {
			add("Cancel after", fmt.Sprintf("%d hour(s)", *sc.CancelAfterNHours))
		}
	}

	section("Target")
	if t := s.Target; t != nil {
		if a := t.WebApp; a != nil {
			add("Web app", fmt.Sprintf("%s (id %d) %s", model.Deref(a.Name), a.ID, model.Deref(a.URL)))
		}
		if t.WebApps != nil {
			for _, a := range append(t.WebApps.List, t.WebApps.Set...) {
				add("Web app", fmt.Sprintf("%s (id %d) %s", model.Deref(a.Name), a.ID, model.Deref(a.URL)))
			}
		}
		if t.Tags != nil {
			add("Tags", "selected by tags")
		}
		if sa := t.ScannerAppliance; sa != nil {
			add("Scanner", strings.TrimSpace(sa.Type+" "+string(model.Deref(sa.FriendlyName))))
		}
		add("Cancel option", model.Deref(t.CancelOption))
	}

	section("Notification")
	n := s.Notification
	if n == nil {
		n = &model.WASNotification{}
	}
	add("Active", yesNo(model.Deref(n.Active)))
	add("Reschedule", yesNo(model.Deref(n.Reschedule)))
	if n.Delay != nil {
		add("Delay", n.Delay.String())
	}
	rs := n.Recipients.Emails()
	if len(rs) == 0 {
		add("Recipients", "none")
	}
	for _, r := range rs {
		add("Recipient", r)
	}
	add("Message", string(model.Deref(n.Message)))
	add("Send mail", yesNo(model.Deref(s.SendMail)))
	add("Send one mail", yesNo(model.Deref(s.SendOneMail)))

	if l := s.LastScan; l != nil {
		section("Last scan")
		add("Scan", fmt.Sprintf("%s (id %d)", model.Deref(l.Name), l.ID))
		add("Launched", model.Deref(l.LaunchedDate))
		add("Status", model.Deref(l.Status))
	}
	return out
}

func ref(r *model.WASRef) string {
	if r.ID == nil {
		return string(model.Deref(r.Name))
	}
	return fmt.Sprintf("%s (id %d)", model.Deref(r.Name), *r.ID)
}

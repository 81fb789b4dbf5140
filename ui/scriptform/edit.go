package scriptform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Edit puts the builder in edit mode: it was opened on schedule ID, which
// held Original when it was read. The review lists what changes and the
// submit replaces the schedule (client UpdateSchedule) instead of
// creating one.
type Edit struct {
	ID       string
	Original model.ScriptSchedule
}

// UpdateOutcome is what an update ended with. Held is the schedule as
// read again after an unknown outcome (Reread), nil otherwise.
type UpdateOutcome struct {
	Reread bool
	Held   *model.ScriptSchedule
	// ReadErr is why reading it again failed.
	ReadErr error
}

// UpdatedMsg is the result of an edit's submit.
type UpdatedMsg = task.DoneMsg[UpdateOutcome]

func (m *Model) editing() bool { return m.opts.Edit != nil }

// check validates the draft. A start date in the past blocks a new
// schedule, but not an edit that keeps the stored start (the simulator
// accepts it too: a running schedule keeps its first day).
func (m *Model) check() (model.ScriptSchedule, model.ValidationErrors) {
	if !m.editing() {
		return m.draft.Check(m.now())
	}
	s, v := m.draft.Schedule()
	if s.StartDate != m.opts.Edit.Original.StartDate {
		v = append(v, s.CheckStart(m.now())...)
	}
	return s, v
}

// others drops the schedule being edited from the title check's hits: its
// own title is not taken.
func (m *Model) others(items []model.CARSearchItem) []model.CARSearchItem {
	if !m.editing() {
		return items
	}
	var out []model.CARSearchItem
	for _, it := range items {
		if it.ID != m.opts.Edit.ID {
			out = append(out, it)
		}
	}
	return out
}

// Change is one field that an edit changes.
type Change struct {
	Field, Before, After string
}

// Changes lists, field by field in the form's order, what differs between
// two schedules as the builder shows them. Recurrence fields count only
// for the schedule's type.
func Changes(before, after model.ScriptSchedule) []Change {
	b, a := fieldValues(before), fieldValues(after)
	var out []Change
	seen := map[string]bool{}
	for _, f := range append(append([]fieldValue{}, b...), a...) {
		if seen[f.name] {
			continue
		}
		seen[f.name] = true
		bv, av := lookup(b, f.name), lookup(a, f.name)
		if bv != av {
			out = append(out, Change{f.name, bv, av})
		}
	}
	return out
}

type fieldValue struct{ name, value string }

func lookup(fs []fieldValue, name string) string {
	for _, f := range fs {
		if f.name == name {
			return f.value
		}
	}
	return "—"
}

func fieldValues(s model.ScriptSchedule) []fieldValue {
	var out []fieldValue
	add := func(n, v string) { out = append(out, fieldValue{n, v}) }
	add("Title", s.Title)
	add("Description", s.Description)
	add("Active", present.YesNo(s.Activate))
	add("User", strings.TrimSpace(s.User.Name+" "+s.User.ID))
	for i, sc := range s.Scripts {
		n := "Script"
		if i > 0 {
			n = fmt.Sprintf("Script %d", i+1)
		}
		add(n, fmt.Sprintf("%s (%s)", sc.Title, sc.ID))
		var ps []string
		for _, p := range sc.Params {
			ps = append(ps, p.Key+"="+p.Value)
		}
		add(n+" parameters", strings.Join(ps, ", "))
	}
	add("Assets", assetList(s.Assets))
	add("Asset tags", assetList(s.AssetTags))
	add("Excluded assets", assetList(s.ExcludedAssets))
	add("Require all tags", present.YesNo(model.Deref(s.AllTagsForAssetsEnabled)))
	add("Schedule type", string(s.ScheduleType))
	add("Start date", s.StartDate)
	add("Start time", s.StartTime)
	if s.ScheduleType != model.OneTime {
		add("End date", model.Deref(s.EndDate))
	}
	switch s.ScheduleType {
	case model.Hourly:
		add("Every N hours", fmt.Sprint(model.Deref(s.HourlyInterval)))
	case model.Weekly:
		var days []string
		for _, d := range s.DaysOfWeek {
			if d >= 1 && d <= 7 {
				days = append(days, weekdays[d-1])
			} else {
				days = append(days, fmt.Sprint(d))
			}
		}
		add("Days of the week", strings.Join(days, ", "))
	case model.Monthly:
		add("Day of the month", fmt.Sprint(model.Deref(s.RecurrenceDate)))
		add("Every N months", fmt.Sprint(model.Deref(s.RecurrenceMonth)))
		add("Monthly kind", model.Deref(s.MonthlyScheduleType))
	}
	reboot := "no"
	if s.RebootOn() {
		reboot = "after " + present.Duration(time.Duration(model.Deref(s.RebootDelayInSeconds))*time.Second)
	}
	add("Reboot", reboot)
	add("Bypass the execution policy", present.YesNo(model.Deref(s.ExecutionPolicyBypassEnabled)))
	add("Share with FIM", present.YesNo(model.Deref(s.ShareScriptResultWithFim)))
	return out
}

func assetList(as []model.Asset) string {
	if len(as) == 0 {
		return "none"
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = string(a.ID)
	}
	return strings.Join(ids, ", ")
}

// editReview is the review of an edit: what changes, the summary, the
// problems, the next runs and the exact update request.
func (m *Model) editReview() string {
	var b strings.Builder
	e := m.opts.Edit
	fmt.Fprintf(&b, "Editing %s (id %s)\n", safe.Line(e.Original.Title, 0), safe.Line(e.ID, 0))
	ch := Changes(e.Original, m.sched)
	if len(ch) == 0 {
		b.WriteString("\nNo changes yet (b goes back to the form).\n")
	} else {
		fmt.Fprintf(&b, "\nWhat changes (%s):\n", present.Plural(len(ch), "field"))
		for _, c := range ch {
			fmt.Fprintf(&b, "  %s: %s → %s\n", c.Field, safe.Line(present.OrNone(c.Before), 0), safe.Line(present.OrNone(c.After), 0))
		}
	}
	b.WriteString("\n")
	for _, l := range Summary(m.sched) {
		b.WriteString("  " + safe.Line(l, 0) + "\n")
	}
	m.writeChecks(&b)
	req, err := client.NewScriptScheduleUpdateRequest(e.ID, m.sched)
	if err != nil {
		b.WriteString("\ncannot build the request: " + safe.Line(err.Error(), 0) + "\n")
		return b.String()
	}
	fmt.Fprintf(&b, "\nThe update replaces the whole schedule (sent in the shape search returns):\n%s %s\n%s\n", req.Method(), safe.Line(req.Path(), 0), safe.JSON(req.Body()))
	return b.String()
}

// editBlocked adds "nothing changed" to the builder's reasons.
func (m *Model) editBlocked() string {
	if len(Changes(m.opts.Edit.Original, m.sched)) == 0 && len(m.problems) == 0 {
		return "Not sent: nothing changed (b goes back to the form)."
	}
	return ""
}

// editConfirmSpec is the typed confirmation before the update.
func (m *Model) editConfirmSpec() confirm.Spec {
	e := m.opts.Edit
	ch := Changes(e.Original, m.sched)
	lines := []string{}
	for _, c := range ch {
		lines = append(lines, fmt.Sprintf("  %s: %s → %s", c.Field, safe.Line(present.OrNone(c.Before), 0), safe.Line(present.OrNone(c.After), 0)))
	}
	ep := client.EndpointOf(client.CARUpdate)
	where := fmt.Sprintf("  %s %s", ep.Method, ep.Path)
	if !ep.Confirmed {
		where += " (path not confirmed by Qualys documentation)"
	}
	lines = append(lines, where)
	if m.c.Client != nil {
		lines = append(lines, "  "+m.platformLine())
	}
	lines = append(lines, "", "The whole schedule is replaced; it runs scripts on real hosts when it is due.")
	return confirm.Spec{
		Title: fmt.Sprintf("Update the script schedule %q (%s)?", safe.Line(e.Original.Title, 0), present.Plural(len(ch), "change")),
		Lines: lines,
		Verb:  "update it",
	}
}

// submitUpdate sends the edit. An unknown outcome is never retried: the
// schedule is read again and the review shows what the server holds.
func (m *Model) submitUpdate() tea.Cmd {
	s, cl, id := m.sched, m.c.Client, m.opts.Edit.ID
	return task.Run(Owner, m.gen.Next(), "Updating the schedule", func(ctx context.Context) (UpdateOutcome, error) {
		if cl == nil {
			return UpdateOutcome{}, errors.New("not sent: no connection to the platform")
		}
		err := cl.Scripts.UpdateSchedule(ctx, id, s)
		var unknown *client.UnknownOutcomeError
		if !errors.As(err, &unknown) {
			return UpdateOutcome{}, err
		}
		it, rerr := cl.Scripts.GetSchedule(context.WithoutCancel(ctx), id)
		out := UpdateOutcome{Reread: true, ReadErr: rerr}
		if rerr == nil {
			out.Held = &it.Schedule
		}
		return out, err
	})
}

// updated ends the edit's submit: done when the server took it (or, read
// again after an unknown outcome, holds it); otherwise back to the review
// saying what the server holds.
func (m *Model) updated(msg UpdatedMsg) tea.Cmd {
	if !m.gen.Current(msg.Task) || m.ed.Stage() != form.Sending {
		return nil
	}
	o := msg.Value
	switch {
	case msg.Err == nil, o.Reread && o.Held != nil && len(Changes(m.sched, *o.Held)) == 0:
		if msg.Err != nil {
			m.doneNote = "The answer was lost; read again, the server holds the change."
		}
		m.done = true
		m.createdID = m.opts.Edit.ID
		id, title := m.opts.Edit.ID, m.sched.Title
		return common.Wrap(Owner, func() tea.Msg { return SubmittedMsg{ID: id, Title: title, Updated: true} })
	case o.Reread && o.Held != nil:
		ch := Changes(m.opts.Edit.Original, *o.Held)
		held := "the schedule as it was"
		if len(ch) > 0 {
			held = fmt.Sprintf("a version that differs from both (%d field(s) changed)", len(ch))
		}
		m.ed.Sent("Outcome unknown; read again, the server holds "+held+" — not retried automatically.", true)
	case errors.Is(msg.Err, client.ErrDuplicateTitle):
		m.dupMsg = "the server refused it: " + msg.Err.Error()
		m.dupTitle = strings.TrimSpace(m.draft.Title)
		return m.ed.ToForm()
	case o.Reread:
		m.ed.Sent("Outcome unknown and reading it again failed ("+safe.Line(o.ReadErr.Error(), 0)+"): refresh the list before trying again.", true)
	default:
		m.ed.Sent(safe.Line(msg.Err.Error(), 0)+" — not retried automatically", true)
	}
	return nil
}

// WouldDiscard reports whether msg would leave the builder (esc on the
// form or the review) while it holds an edit with changes or a clone:
// input that no draft keeps, so the screen asks first.
func (m *Model) WouldDiscard(msg tea.KeyPressMsg, clone bool) bool {
	if m.done || m.opts.SaveDraft != nil || !key.Matches(msg, m.c.Keys.Form.Leave) || m.ed.FieldTakes(msg) {
		return false // a select's esc closes its filter: nothing is left
	}
	if st := m.ed.Stage(); st != form.Editing && st != form.Reviewing {
		return false
	}
	if clone {
		return true
	}
	if !m.editing() {
		return false
	}
	s, _ := m.draft.Schedule()
	return len(Changes(m.opts.Edit.Original, s)) > 0
}

package was

import (
	"context"
	"fmt"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Undo (z): the last WAS activate or deactivate of this session's user on
// this platform, found in the audit log (so it may be from an earlier
// session or a headless command), is read again and set back behind a
// typed confirmation that names the count and the action; the ids
// changed since are left alone and listed (client.ReadUndo). When a WAS
// update or create of the user's came after it, z says that one cannot
// be undone (client.LastUndoable).

// undoFound is the plan of the last undoable action; ok is false when
// there is none.
type undoFound struct {
	plan client.UndoPlan
	ok   bool
}

// undoPlanMsg is the result of askUndo.
type undoPlanMsg = task.DoneMsg[undoFound]

// undoDoneMsg is the result of undoCmd.
type undoDoneMsg = task.DoneMsg[client.UndoResult]

// askUndo finds the last undoable action and reads its schedules again.
func (m *Model) askUndo() tea.Cmd {
	if m.busy() || m.Client == nil {
		return nil
	}
	c := m.Client
	m.setNote("Reading your last activate or deactivate again…", false)
	return task.Run(m.ID(), m.fetch.Next(), "Reading the last WAS action again", func(ctx context.Context) (undoFound, error) {
		a, ok, err := c.LastUndoable(client.UndoWAS)
		if err != nil || !ok {
			return undoFound{}, err
		}
		p, err := c.ReadUndo(ctx, a)
		return undoFound{plan: p, ok: true}, err
	})
}

func (m *Model) onUndoPlan(msg undoPlanMsg) {
	if !m.fetch.Current(msg.Task) {
		return
	}
	switch {
	case msg.Err != nil:
		m.setNote(common.CannotUndoText(msg.Err), true)
		return
	case !msg.Value.ok:
		m.setNote("Nothing to undo: no activate or deactivate of yours on this platform in the audit log.", false)
		return
	}
	p := msg.Value.plan
	if len(p.Restore) == 0 {
		m.setNote(fmt.Sprintf("Nothing to undo: every schedule the last %s changed has changed since (%s left alone: %s).",
			p.Verb(), present.Count(len(p.Skipped)), skippedText(p, 5)), true)
		return
	}
	m.setNote("", false)
	f := p.Action.First()
	back := present.Verb(!p.Set)
	lines := []string{
		m.platformLine(),
		fmt.Sprintf("Action %s: %s at %s.", safe.Line(p.Action.ID, 0), safe.Line(f.Action, 0), present.DateTime(f.Time.In(m.Loc()))),
		fmt.Sprintf("%s %s again, by id:", back.Title().Base, present.Plural(len(p.Restore), "WAS schedule")),
	}
	ts := make([]target, 0, len(p.Restore))
	for _, s := range p.Restore {
		id, _ := strconv.ParseInt(s, 10, 64)
		ts = append(ts, target{id, safe.Line(p.Names[s], 0)})
	}
	lines = append(lines, targetLines(ts)...)
	if len(p.Skipped) > 0 {
		lines = append(lines, fmt.Sprintf("Left alone (%s): %s", present.Count(len(p.Skipped)), skippedText(p, 5)))
	}
	m.openConfirm(confirm.Spec{
		Title: fmt.Sprintf("Undo %s of %s?", p.Verb(), present.Plural(len(p.Restore), "WAS schedule")),
		Lines: lines, Verb: "undo",
	}, func() tea.Cmd { return m.undoCmd(p) })
}

// skippedText lists the first n ids left alone with why, then "and N more".
func skippedText(p client.UndoPlan, n int) string {
	s := ""
	for i, k := range p.Skipped {
		if i == n {
			s += fmt.Sprintf(", and %s more", present.Count(len(p.Skipped)-n))
			break
		}
		if i > 0 {
			s += ", "
		}
		s += safe.Line(k.ID, 0) + " (" + safe.Line(k.Why, 0) + ")"
	}
	return s
}

// undoCmd sets the plan's ids back (client.Undo: one audited action).
func (m *Model) undoCmd(p client.UndoPlan) tea.Cmd {
	m.writing = fmt.Sprintf("Undoing %s of %s", p.Verb(), present.Plural(len(p.Restore), "WAS schedule"))
	m.progress = [2]int{} // one action; no chunk progress is reported
	c := m.Client
	return task.Run(m.ID(), 0, m.writing, func(ctx context.Context) (client.UndoResult, error) {
		return c.Undo(ctx, p, nil), nil
	})
}

// onUndo says what the undo did and reloads the list: the rows show what
// the server holds.
func (m *Model) onUndo(msg undoDoneMsg) tea.Cmd {
	m.writing, m.progress = "", [2]int{}
	r := msg.Value
	p := r.Plan
	if r.Refused != nil {
		m.setNote("Undo: "+safe.Line(r.Refused.Error(), 0), true)
		return nil
	}
	back := present.Verb(!p.Set)
	done := r.Done()
	s := fmt.Sprintf("Undid %s: %s %s of %s.", p.Verb(), back.Past, present.Count(done), present.Plural(len(r.Items), "schedule"))
	if n := len(r.Items) - done; n > 0 {
		s += fmt.Sprintf(" %s not %s (see the audit log).", present.Count(n), back.Past)
	}
	if len(p.Skipped) > 0 {
		s += fmt.Sprintf(" Left alone (%s): %s.", present.Count(len(p.Skipped)), skippedText(p, 5))
	}
	m.setNote(s, done < len(r.Items) || len(p.Skipped) > 0)
	return m.reload(false)
}

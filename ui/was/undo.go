package was

import (
	"fmt"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/components/undo"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Undo (z, ui/components/undo): the last WAS activate or deactivate (it
// may be from an earlier session or a headless command) is set back; the
// ids changed since are left alone and listed. When a WAS update or
// create of the user's came after it, z says that one cannot be undone
// (client.LastUndoable). This screen lists the schedules by id and the
// ids left alone in one line.

// undoPlanMsg is the result of askUndo.
type undoPlanMsg = undo.PlanMsg

// undoDoneMsg is the result of undoCmd.
type undoDoneMsg = undo.DoneMsg

// askUndo finds the last undoable action and reads its schedules again.
func (m *Model) askUndo() tea.Cmd {
	if m.busy() || m.Client == nil {
		return nil
	}
	m.setNote("Reading your last activate or deactivate again…", false)
	return task.Run(m.ID(), m.fetch.Next(), "Reading the last WAS action again", undo.Find(m.Client, client.UndoWAS))
}

func (m *Model) onUndoPlan(msg undoPlanMsg) {
	if !m.fetch.Current(msg.Task) {
		return
	}
	if note, bad := undo.Unavailable(msg); note != "" {
		m.setNote(note, bad)
		return
	}
	p := msg.Value.Plan
	if len(p.Restore) == 0 {
		m.setNote(fmt.Sprintf("%s (%s left alone: %s).", undo.AllChanged(p), present.Count(len(p.Skipped)), skippedText(p, 5)), true)
		return
	}
	m.setNote("", false)
	lines := []string{undo.Again(p, "WAS schedule") + ", by id:"}
	ts := make([]target, 0, len(p.Restore))
	for _, s := range p.Restore {
		id, _ := strconv.ParseInt(s, 10, 64)
		ts = append(ts, target{id, safe.Line(p.Names[s], 0)})
	}
	lines = append(lines, targetLines(ts)...)
	if len(p.Skipped) > 0 {
		lines = append(lines, fmt.Sprintf("Left alone (%s): %s", present.Count(len(p.Skipped)), skippedText(p, 5)))
	}
	m.openConfirm(undo.Spec(p, "WAS schedule", m.platformLine(), m.Loc(), lines...), func() tea.Cmd { return m.undoCmd(p) })
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
	return task.Run(m.ID(), 0, m.writing, undo.Send(m.Client, p))
}

// onUndo says what the undo did and reloads the list: the rows show what
// the server holds.
func (m *Model) onUndo(msg undoDoneMsg) tea.Cmd {
	m.writing, m.progress = "", [2]int{}
	r := msg.Value
	s, refused := undo.Summary(r)
	if refused {
		m.setNote(s, true)
		return nil
	}
	p := r.Plan
	back := present.Verb(!p.Set)
	done := r.Done()
	if n := len(r.Items) - done; n > 0 {
		s += fmt.Sprintf(" %s not %s (see the audit log).", present.Count(n), back.Past)
	}
	if len(p.Skipped) > 0 {
		s += fmt.Sprintf(" Left alone (%s): %s.", present.Count(len(p.Skipped)), skippedText(p, 5))
	}
	m.setNote(s, done < len(r.Items) || len(p.Skipped) > 0)
	return m.reload(false)
}

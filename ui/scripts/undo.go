package scripts

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/undo"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Undo (z, ui/components/undo): the last script-schedule activate or
// deactivate is set back; the schedules changed since are left alone and
// listed. Deletes cannot be undone. This screen lists the schedules by
// name, the endpoint called once per schedule, and what is left alone.

type undoPlanMsg = undo.PlanMsg

type undoDoneMsg = undo.DoneMsg

// shownSkips is how many ids left alone a confirmation lists.
const shownSkips = 8

func (s *Screen) askUndo() tea.Cmd {
	if s.c.Client == nil {
		return nil
	}
	if s.writing != "" {
		s.notice = "Wait: " + s.writing + " is still running."
		return nil
	}
	s.notice, s.results = "Reading your last activate or deactivate again…", nil
	return task.Run(s.ID(), s.fetch.Next(), "Reading the last script action again", undo.Find(s.c.Client, client.UndoScripts))
}

func (s *Screen) onUndoPlan(msg undoPlanMsg) {
	if !s.fetch.Current(msg.Task) {
		return
	}
	if note, _ := undo.Unavailable(msg); note != "" {
		s.notice = note
		return
	}
	p := msg.Value.Plan
	if len(p.Restore) == 0 {
		s.notice = undo.AllChanged(p) + "."
		s.results = skipLines(p)
		return
	}
	s.notice = ""
	op := client.CARDeactivate
	if !p.Set {
		op = client.CARActivate
	}
	ep := client.EndpointOf(op)
	var lines []string
	if !ep.Confirmed {
		lines = append(lines, "This call's path is not confirmed by Qualys documentation;", "qsched checks the result by reading the schedules again:")
	}
	lines = append(lines, fmt.Sprintf("  %s %s, once per schedule", ep.Method, ep.Path), "", undo.Again(p, "script schedule")+":")
	for i, id := range p.Restore {
		if i == shownSkips {
			lines = append(lines, fmt.Sprintf("  and %s more", present.Count(len(p.Restore)-shownSkips)))
			break
		}
		lines = append(lines, fmt.Sprintf("  %s  %s", safe.Line(p.Names[id], 0), safe.Line(id, 0)))
	}
	lines = append(lines, skipLines(p)...)
	platform := s.platformLine()
	s.dialog, s.mode = confirm.New(s.c, undo.Spec(p, "script schedule", platform, s.c.Loc(), lines...)), modeConfirm
	s.onYes = func() tea.Cmd { return s.undoCmd(p) }
}

// skipLines list the ids left alone, with why.
func skipLines(p client.UndoPlan) []string {
	if len(p.Skipped) == 0 {
		return nil
	}
	out := []string{fmt.Sprintf("Left alone (%s):", present.Count(len(p.Skipped)))}
	for i, k := range p.Skipped {
		if i == shownSkips {
			out = append(out, fmt.Sprintf("  and %s more", present.Count(len(p.Skipped)-shownSkips)))
			break
		}
		out = append(out, fmt.Sprintf("  %s  %s", safe.Line(k.ID, 0), safe.Line(k.Why, 0)))
	}
	return out
}

func (s *Screen) undoCmd(p client.UndoPlan) tea.Cmd {
	s.writing = fmt.Sprintf("undo %s of %s", p.Verb(), present.Plural(len(p.Restore), "schedule"))
	s.results, s.notice = nil, ""
	return task.Run(s.ID(), 0, "Script schedules: "+s.writing, undo.Send(s.c.Client, p))
}

// onUndo shows a result per schedule and reloads the list: it shows what
// the server holds.
func (s *Screen) onUndo(msg undoDoneMsg) tea.Cmd {
	s.writing = ""
	r := msg.Value
	summary, refused := undo.Summary(r)
	if refused {
		s.notice = summary
		return nil
	}
	p := r.Plan
	back := present.Verb(!p.Set)
	s.results = s.results[:0]
	for _, it := range r.Items {
		line := "✓ " + back.Past
		switch {
		case it.Status == client.Unknown && it.Now != "":
			line = "? outcome unknown (answer lost); read again: " + it.Now
		case it.Status == client.Unknown:
			line = "? outcome unknown (answer lost); reading it again failed"
		case it.Err != nil:
			line = "✗ " + it.Err.Error()
		}
		s.results = append(s.results, safe.Line(p.Names[it.ID], 0)+": "+safe.Line(line, 0))
	}
	s.results = append(s.results, skipLines(p)...)
	s.notice = summary
	return s.loadCmd()
}

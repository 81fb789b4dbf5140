package scripts

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Undo (z): the last script-schedule activate or deactivate of this
// session's user on this platform, found in the audit log, is read again
// and set back behind a typed confirmation naming the count and the
// action; the schedules changed since are left alone and listed
// (client.ReadUndo). Deletes cannot be undone.

// undoFound is the plan of the last undoable action; ok is false when
// there is none.
type undoFound struct {
	plan client.UndoPlan
	ok   bool
}

type undoPlanMsg = task.DoneMsg[undoFound]

type undoDoneMsg = task.DoneMsg[client.UndoResult]

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
	cl := s.c.Client
	s.notice, s.results = "Reading your last activate or deactivate again…", nil
	return task.Run(s.ID(), s.fetch.Next(), "Reading the last script action again", func(ctx context.Context) (undoFound, error) {
		a, ok, err := cl.LastUndoable(client.UndoScripts)
		if err != nil || !ok {
			return undoFound{}, err
		}
		p, err := cl.ReadUndo(ctx, a)
		return undoFound{plan: p, ok: true}, err
	})
}

func (s *Screen) onUndoPlan(msg undoPlanMsg) {
	if !s.fetch.Current(msg.Task) {
		return
	}
	switch {
	case msg.Err != nil:
		s.notice = common.CannotUndoText(msg.Err)
		return
	case !msg.Value.ok:
		s.notice = "Nothing to undo: no activate or deactivate of yours on this platform in the audit log."
		return
	}
	p := msg.Value.plan
	if len(p.Restore) == 0 {
		s.notice = fmt.Sprintf("Nothing to undo: every schedule the last %s changed has changed since.", p.Verb())
		s.results = skipLines(p)
		return
	}
	s.notice = ""
	f := p.Action.First()
	back := present.Verb(!p.Set)
	op := client.CARDeactivate
	if !p.Set {
		op = client.CARActivate
	}
	ep := client.EndpointOf(op)
	lines := []string{
		"Platform: " + safe.Line(s.c.Client.Config().GatewayURL, 0),
		fmt.Sprintf("Action %s: %s at %s.", safe.Line(p.Action.ID, 0), safe.Line(f.Action, 0), present.DateTime(f.Time.In(s.c.Loc()))),
	}
	if !ep.Confirmed {
		lines = append(lines, "Calls an unconfirmed endpoint (U22: the path is a guess):")
	}
	lines = append(lines, fmt.Sprintf("  %s %s, once per schedule", ep.Method, ep.Path), "",
		fmt.Sprintf("%s %s again:", back.Title().Base, present.Plural(len(p.Restore), "script schedule")))
	for i, id := range p.Restore {
		if i == shownSkips {
			lines = append(lines, fmt.Sprintf("  and %s more", present.Count(len(p.Restore)-shownSkips)))
			break
		}
		lines = append(lines, fmt.Sprintf("  %s  %s", safe.Line(p.Names[id], 0), safe.Line(id, 0)))
	}
	lines = append(lines, skipLines(p)...)
	s.dialog, s.mode = confirm.New(s.c, confirm.Spec{
		Title: fmt.Sprintf("Undo %s of %s?", p.Verb(), present.Plural(len(p.Restore), "script schedule")),
		Lines: lines, Verb: "undo",
	}), modeConfirm
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
	cl := s.c.Client
	return task.Run(s.ID(), 0, "Script schedules: "+s.writing, func(ctx context.Context) (client.UndoResult, error) {
		return cl.Undo(ctx, p, nil), nil
	})
}

// onUndo shows a result per schedule and reloads the list: it shows what
// the server holds.
func (s *Screen) onUndo(msg undoDoneMsg) tea.Cmd {
	s.writing = ""
	r := msg.Value
	p := r.Plan
	if r.Refused != nil {
		s.notice = "Undo: " + safe.Line(r.Refused.Error(), 0)
		return nil
	}
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
	s.notice = fmt.Sprintf("Undid %s: %s %s of %s.", p.Verb(), back.Past, present.Count(r.Done()), present.Plural(len(r.Items), "schedule"))
	return s.loadCmd()
}

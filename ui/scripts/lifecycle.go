package scripts

import (
	"context"
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/task"
)

// action is a write over one or more schedules.
type action int

const (
	actActivate action = iota + 1
	actDeactivate
	actDelete
)

func (a action) op() client.CAROp {
	switch a {
	case actActivate:
		return client.CARActivate
	case actDeactivate:
		return client.CARDeactivate
	}
	return client.CARDelete
}

func (a action) verb() string {
	return map[action]string{actActivate: "activate", actDeactivate: "deactivate", actDelete: "delete"}[a]
}

func (a action) past() string {
	return map[action]string{actActivate: "activated", actDeactivate: "deactivated", actDelete: "deleted"}[a]
}

// target is one schedule a write acts on.
type target struct{ ID, Title string }

// outcome is what one schedule's write ended with. When the answer was
// lost the schedule was read again: held says what the server holds.
type outcome struct {
	target
	err     error
	unknown bool
	held    string // after a re-read: "active", "inactive", "not found", or why it could not be read
	reread  bool   // the re-read answered: the outcome is known
	done    bool   // the server holds what was asked (answered, or read again)
}

type bulkResult struct {
	act      action
	outcomes []outcome
}

type bulkMsg = task.DoneMsg[bulkResult]

// targets are the marked schedules (hidden ones too), else the row under
// the cursor.
func (s *Screen) targets() []target {
	if len(s.marks) > 0 {
		var out []target
		for _, it := range s.items { // list order, so the confirmation reads like the list
			if title, ok := s.marks[it.ID]; ok {
				out = append(out, target{it.ID, title})
			}
		}
		return out
	}
	if it := s.cursorItem(); it != nil {
		return []target{{it.ID, it.Schedule.Title}}
	}
	return nil
}

// ask opens the typed confirmation for act over the targets; the slice
// confirmed is the slice sent.
func (s *Screen) ask(act action) tea.Cmd {
	if s.c.Client == nil {
		return nil
	}
	if s.writing != "" {
		s.notice = "Wait: " + s.writing + " is still running."
		return nil
	}
	ts := s.targets()
	if len(ts) == 0 {
		s.notice = "Nothing to " + act.verb() + "."
		return nil
	}
	ep := client.EndpointOf(act.op())
	lines := []string{s.platformLine()}
	if !ep.Confirmed {
		lines = append(lines, "This call's path is not confirmed by Qualys documentation;", "qsched checks the result by reading the schedules again:")
	}
	lines = append(lines, fmt.Sprintf("  %s %s, once per schedule", ep.Method, ep.Path), "")
	const shown = 8
	for i, t := range ts {
		if i == shown {
			lines = append(lines, fmt.Sprintf("  and %s more", present.Count(len(ts)-shown)))
			break
		}
		lines = append(lines, fmt.Sprintf("  %s  %s", safe.Line(t.Title, 0), safe.Line(t.ID, 0)))
	}
	if hidden := s.hiddenMarks(); hidden > 0 && len(s.marks) > 0 {
		lines = append(lines, fmt.Sprintf("%s of them hidden by the filter.", present.Count(hidden)))
	}
	if act != actDelete {
		if n := s.alreadyIn(act == actActivate, ts); n > 0 {
			lines = append(lines, common.AlreadyInState(n, len(ts), act == actActivate)+" (as last loaded); they are sent too.")
		}
	}
	switch act {
	case actActivate:
		lines = append(lines, "", "Active schedules run scripts on real hosts when they are due.")
	case actDeactivate:
		lines = append(lines, "", "Deactivated schedules stop running until activated again.")
	case actDelete:
		lines = append(lines, "", "Deleting cannot be undone; past runs stay listed.")
	}
	title := fmt.Sprintf("%s %s?", present.Verb(act == actActivate).Title().Base, present.Plural(len(ts), "script schedule"))
	if act == actDelete {
		title = fmt.Sprintf("Delete %s?", present.Plural(len(ts), "script schedule"))
	}
	if len(ts) == 1 {
		title = fmt.Sprintf("%s the script schedule %q?", map[action]string{actActivate: "Activate", actDeactivate: "Deactivate", actDelete: "Delete"}[act], safe.Line(ts[0].Title, 0))
	}
	s.dialog, s.mode = confirm.New(s.c, confirm.Spec{Title: title, Lines: lines, Verb: act.verb()}), modeConfirm
	s.onYes = func() tea.Cmd { return s.run(act, ts) }
	return nil
}

// askDiscard asks before esc drops an edit's changes or a clone.
func (s *Screen) askDiscard() {
	what := "your changes to"
	if s.kind == "clone" {
		what = "the clone of"
	}
	s.dialog, s.mode = confirm.New(s.c, confirm.Spec{
		Title: fmt.Sprintf("Discard %s %q?", what, safe.Line(s.editTitle, 0)),
		Lines: []string{"Nothing has been sent; no draft keeps an edit or a clone."},
		Verb:  "discard",
	}), modeConfirm
	s.onYes = func() tea.Cmd {
		s.builder = nil
		s.notice = "Discarded: nothing was sent."
		return nil
	}
}

// answer handles a key while the confirmation is open.
func (s *Screen) answer(msg tea.KeyPressMsg) tea.Cmd {
	switch s.dialog.Update(msg) {
	case confirm.Accept:
		yes := s.onYes
		s.dialog, s.onYes, s.mode, s.dialogBack = nil, nil, s.dialogBack, modeList
		return yes()
	case confirm.Cancel:
		s.dialog, s.onYes, s.mode, s.dialogBack = nil, nil, s.dialogBack, modeList
		if s.builder == nil {
			s.notice = "Cancelled: nothing was sent."
		}
	}
	return nil
}

// run sends act to each target in turn. Nothing is retried: an unknown
// outcome is read again (GetSchedule) and reported as what the server
// holds.
func (s *Screen) run(act action, ts []target) tea.Cmd {
	s.writing = fmt.Sprintf("%s %s", act.verb(), present.Plural(len(ts), "schedule"))
	s.results, s.notice = nil, ""
	sc := s.c.Client.Scripts
	return task.Run(s.ID(), 0, "Script schedules: "+s.writing, func(ctx context.Context) (bulkResult, error) {
		r := bulkResult{act: act}
		if act != actDelete {
			// One audited action for them all, undoable with z.
			cts := make([]client.ScriptTarget, len(ts))
			for i, t := range ts {
				cts[i] = client.ScriptTarget{ID: t.ID, Title: t.Title}
			}
			for i, o := range sc.SetActive(ctx, act == actActivate, cts) {
				r.outcomes = append(r.outcomes, settle(ctx, sc, act, ts[i], o.Err))
			}
			return r, nil
		}
		for _, t := range ts {
			r.outcomes = append(r.outcomes, settle(ctx, sc, act, t, sc.DeleteSchedule(ctx, t.ID, t.Title)))
			if ctx.Err() != nil {
				for _, rest := range ts[len(r.outcomes):] {
					r.outcomes = append(r.outcomes, outcome{target: rest, err: errors.New("not sent: cancelled")})
				}
				break
			}
		}
		return r, nil
	})
}

// settle is one schedule's outcome; a lost answer is read again.
func settle(ctx context.Context, sc *client.Scripts, act action, t target, err error) outcome {
	o := outcome{target: t, err: err, done: err == nil}
	var unk *client.UnknownOutcomeError
	if errors.As(err, &unk) {
		o.unknown = true
		it, rerr := sc.GetSchedule(context.WithoutCancel(ctx), t.ID)
		switch {
		case rerr == nil:
			o.reread = true
			o.held = map[bool]string{true: "active", false: "inactive"}[it.Schedule.Activate]
			o.done = act != actDelete && it.Schedule.Activate == (act == actActivate)
		case errors.Is(rerr, client.ErrNotFound):
			o.held, o.done, o.reread = "not found", act == actDelete, true
		default:
			o.held = "could not be read again: " + rerr.Error()
		}
	}
	return o
}

// onBulk shows a result per schedule, unmarks those done and keeps the
// others marked with their problem, then reloads the list.
func (s *Screen) onBulk(msg bulkMsg) tea.Cmd {
	s.writing = ""
	r := msg.Value
	done := 0
	s.results = s.results[:0]
	for _, o := range r.outcomes {
		line, glyph := "", common.GlyphFailed
		switch {
		case o.done && !o.unknown:
			line = "✓ " + r.act.past()
		case o.unknown && o.done:
			line = "✓ " + r.act.past() + " (answer lost; read again: " + o.held + ")"
		case o.unknown && o.reread:
			// Read again and found unchanged: not done, and known.
			line = "✗ not " + r.act.past() + " (answer lost; read again: " + o.held + ")"
		case o.unknown:
			line, glyph = "? outcome unknown (answer lost); read again: "+o.held, common.GlyphUnknown
		default:
			line = "✗ " + o.err.Error()
		}
		if o.done {
			done++
			delete(s.marks, o.ID)
			delete(s.markOutcome, o.ID)
		} else if _, ok := s.marks[o.ID]; ok {
			s.markOutcome[o.ID] = glyph
		}
		s.results = append(s.results, safe.Line(o.Title, 0)+": "+safe.Line(line, 0))
	}
	s.notice = fmt.Sprintf("%s %s of %s.", titleCase(r.act.past()), present.Count(done), present.Plural(len(r.outcomes), "schedule"))
	if done < len(r.outcomes) {
		s.notice += " The others stay marked; the same key tries them again."
	}
	return s.loadCmd()
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// openEdit opens the builder on the schedule under the cursor: edit
// replaces it, clone creates a new one (its title must be new).
func (s *Screen) openEdit(clone bool) tea.Cmd {
	it := s.cursorItem()
	if it == nil {
		return nil
	}
	d := scriptform.FromSchedule(it.Schedule, s.c.Now())
	s.editTitle = it.Schedule.Title
	opts := scriptform.Options{Platform: s.opts.Platform}
	s.kind = "edit"
	if clone {
		s.kind = "clone"
		d.Title = model.CloneName(d.Title) // as a WAS clone is named
	} else {
		opts.Edit = &scriptform.Edit{ID: it.ID, Original: it.Schedule}
	}
	s.notice, s.results, s.draftID = "", nil, "" // an edit or a clone keeps no draft
	s.builder = scriptform.New(s.c, opts, d)
	s.builder.SetSize(s.c.Width, s.c.Height)
	return s.builder.Init()
}

// hiddenMarks counts the marks the filter hides.
func (s *Screen) hiddenMarks() int {
	shown := map[string]bool{}
	for _, i := range s.view {
		shown[s.items[i].ID] = true
	}
	n := 0
	for id := range s.marks {
		if !shown[id] {
			n++
		}
	}
	return n
}

// keepMarks drops marks of schedules that are gone after a reload.
func (s *Screen) keepMarks() {
	for id := range s.marks {
		if !slices.ContainsFunc(s.items, func(it model.CARSearchItem) bool { return it.ID == id }) {
			delete(s.marks, id)
			delete(s.markOutcome, id)
		}
	}
}

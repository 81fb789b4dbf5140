package was

import (
	"fmt"
	"strings"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// review is the review's content: the problems, what changes, the
// recipient diff and the exact request, built by the function that sends
// it. Every value is shown through safe.Line.
func (f *updateForm) review() string {
	f.recheck()
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	if len(f.problems) > 0 {
		line("Fix these before sending (b goes back to the form):")
		for _, p := range f.problems {
			line("  ✗ %s: %s", fieldTitles[fieldOf[p.Field]], safe.Line(p.Problem, 0))
		}
		line("")
	}
	changes := f.changes()
	if len(changes) == 0 {
		line("Nothing changed: nothing to send.")
		return b.String()
	}
	line("Changes (everything else stays as it is):")
	for _, c := range changes {
		line("  %s", c)
	}
	if e := f.edit(); e.Recipients != nil {
		line("")
		line("Recipients are replaced as a whole list: everyone not listed stops getting mail.")
		for _, l := range f.recipientDiff() {
			line("  %s", l)
		}
	}
	line("")
	req, err := client.NewWASUpdateRequest(f.id, f.update)
	if err != nil {
		line("✗ cannot build the request: %s", safe.Line(err.Error(), 0))
		return b.String()
	}
	line("%s %s — exactly this body:", req.Method(), req.Path())
	for _, l := range strings.Split(strings.TrimRight(string(req.Body()), "\n"), "\n") {
		t := strings.TrimLeft(l, " ")
		line("%s%s", l[:len(l)-len(t)], safe.Line(t, 0))
	}
	return b.String()
}

// changes names each changed field, with before → after for short values.
func (f *updateForm) changes() []string {
	e, b, v := f.edit(), f.before, *f.v
	yes := map[bool]string{true: "yes", false: "no"}
	var out []string
	for _, c := range []struct {
		key      string
		set      bool
		from, to string
	}{
		{"name", e.Name != nil, b.Name, v.Name},
		{"active", e.Active != nil, yes[b.Active], yes[v.Active]},
		{"reschedule", e.Reschedule != nil, yes[b.Reschedule], yes[v.Reschedule]},
		{"delay", e.Delay != nil, b.Delay, v.Delay},
		{"recipients", e.Recipients != nil, "", ""},
		{"message", e.Message != nil, b.Message, v.Message},
		{"sendMail", e.SendMail != nil, yes[b.SendMail], yes[v.SendMail]},
		{"sendOneMail", e.SendOneMail != nil, yes[b.SendOneMail], yes[v.SendOneMail]},
	} {
		switch {
		case !c.set:
		case c.key == "recipients":
			out = append(out, fieldTitles[c.key]+": replaced (below)")
		default:
			out = append(out, fmt.Sprintf("%s: %s → %s", fieldTitles[c.key], present.OrNone(shown(c.from, 40)), present.OrNone(shown(c.to, 40))))
		}
	}
	return out
}

// changeLines are changes, indented, for the confirmation and the
// discard question: a replaced recipient list is followed by its
// before → after lines, which its "(below)" points to.
func (f *updateForm) changeLines() []string {
	var out []string
	recipients := f.edit().Recipients != nil
	for _, c := range f.changes() {
		out = append(out, "  "+c)
		if recipients && strings.HasPrefix(c, fieldTitles["recipients"]+":") {
			for _, l := range f.recipientDiff() {
				out = append(out, "    "+l)
			}
		}
	}
	return out
}

// recipientDiff is the before → after view of the recipients.
func (f *updateForm) recipientDiff() []string {
	before := model.ParseRecipients(f.before.Recipients)
	after := model.ParseRecipients(f.v.Recipients)
	removed, added := model.RecipientsDiff(before, after)
	out := []string{
		"before: " + present.OrNone(shownList(before)),
		"after:  " + present.OrNone(shownList(after)),
	}
	for _, a := range removed {
		out = append(out, "- "+shown(a, 0))
	}
	for _, a := range added {
		out = append(out, "+ "+shown(a, 0))
	}
	return out
}

// blocked says why s cannot send now ("" when it can).
func (f *updateForm) blocked() string {
	f.recheck()
	switch {
	case len(f.problems) == 1:
		return "Not sent: 1 problem remains; b goes back to the form to fix it."
	case len(f.problems) > 1:
		return fmt.Sprintf("Not sent: %d problems remain; b goes back to the form to fix them.", len(f.problems))
	case f.edit().Empty():
		return "Nothing changed: nothing to send (b back to the form, esc leaves)."
	}
	return ""
}

// confirmSpec is the typed confirmation before the update is sent.
func (f *updateForm) confirmSpec(platform string) confirm.Spec {
	lines := []string{"Name: " + shown(f.before.Name, 0)}
	if platform != "" {
		// Before the changes: a long recipient list is cut at the
		// bottom, never the platform.
		lines = append(lines, "Platform: "+safe.Line(platform, 0))
	}
	lines = append(append(lines, "Changes:"), f.changeLines()...)
	return confirm.Spec{
		Title: fmt.Sprintf("Update WAS schedule %d?", f.id),
		Lines: lines,
		Verb:  "update it",
	}
}

// discardSpec asks before an esc drops the changes.
func (f *updateForm) discardSpec() confirm.Spec {
	lines := append([]string{"Name: " + shown(f.before.Name, 0), "Changed:"}, f.changeLines()...)
	return confirm.Spec{
		Title: fmt.Sprintf("Discard your changes to WAS schedule %d?", f.id),
		Lines: append(lines, "Nothing has been sent."),
		Verb:  "discard them",
	}
}

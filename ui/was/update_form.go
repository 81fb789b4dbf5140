package was

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/safe"
)

// visible is how a value read from the server is shown in an editable
// field: safe to display, and what an untouched field is compared with,
// so that showing a value can never change it (edit sends a field only
// when its text differs from its visible form). It is safe.Line: every
// control, bidi and zero-width character shown as a \uXXXX escape.
// fromVisible undoes those escapes in an edited field.
func visible(s string) string { return safe.Line(s, 0) }

// visibleLines is visible line by line, for multi-line values.
func visibleLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = visible(l)
	}
	return strings.Join(lines, "\n")
}

// shown displays a value in its visible form (a field's text) once more,
// cut to width cells: escapes stay single, and anything typed raw that
// must not reach the terminal is escaped.
func shown(v string, width int) string { return safe.Line(fromVisible(v), width) }

// shownList is shown for each value, joined with ", ".
func shownList(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = shown(v, 0)
	}
	return strings.Join(out, ", ")
}

// fromVisible turns an edited field back into the value sent: an escape
// shown by visible stands for its character (safe.Unescape).
func fromVisible(s string) string { return safe.Unescape(s) }

// wasValues are the form's values, bound to its huh fields.
type wasValues struct {
	Name, Delay, Recipients, Message          string
	Active, Reschedule, SendMail, SendOneMail bool
}

// valuesOf is the visible form of a schedule's updatable settings.
func valuesOf(s model.WasScanSchedule) wasValues {
	n := s.Notification
	if n == nil {
		n = &model.WASNotification{}
	}
	v := wasValues{
		Name:        visible(s.NameValue()),
		Active:      model.Deref(n.Active),
		Reschedule:  model.Deref(n.Reschedule),
		Message:     visibleLines(string(model.Deref(n.Message))),
		SendMail:    model.Deref(s.SendMail),
		SendOneMail: model.Deref(s.SendOneMail),
	}
	if n.Delay != nil {
		v.Delay = fmt.Sprintf("%dd", n.Delay.Nb)
	}
	rs := n.Recipients.Emails()
	for i, r := range rs {
		rs[i] = visible(r)
	}
	v.Recipients = strings.Join(rs, "\n")
	return v
}

// Field keys, in form order.
var fieldKeys = []string{"name", "active", "reschedule", "delay", "recipients", "message", "sendMail", "sendOneMail"}

// fieldTitles are the fields' titles, by key (also used in the review).
var fieldTitles = map[string]string{
	"name": "Name", "active": "Notification active", "reschedule": "Notify on reschedule",
	"delay": "Notify delay", "recipients": "Recipients", "message": "Message",
	"sendMail": "Send mail when scan completes", "sendOneMail": "Send one mail per scan",
}

// fieldOf maps model.WASUpdateFromEdit's problem fields to field keys.
var fieldOf = map[string]string{"name": "name", "notification.delay": "delay", "notification.recipients": "recipients"}

// hint is a field's description while it has no problem.
type hint struct {
	key, text string
	set       func(string)
}

// build binds a huh form to f.v. No field has a validator (huh also
// validates on shift+tab, which can trap the user: charmbracelet/huh#650);
// each field's description shows its problems as the user types (set
// from the event loop by describe), and the review refuses to send while
// any remain.
func (f *updateForm) build() *huh.Form {
	f.hints = f.hints[:0]
	v := f.v
	in := func(key, hintText string) *huh.Input {
		fd := huh.NewInput().Key(key).Title(fieldTitles[key]).Description(hintText)
		f.hints = append(f.hints, hint{key, hintText, func(s string) { fd.Description(s) }})
		return fd
	}
	text := func(key, hintText string, lines int) *huh.Text {
		fd := form.Text().Key(key).Title(fieldTitles[key]).Lines(lines).Description(hintText)
		f.hints = append(f.hints, hint{key, hintText, func(s string) { fd.Description(s) }})
		return fd
	}
	yesNo := func(key string, val *bool) *huh.Confirm {
		return huh.NewConfirm().Key(key).Title(fieldTitles[key]).Affirmative("yes").Negative("no").Value(val)
	}
	hf := huh.NewForm(
		huh.NewGroup(
			in("name", fmt.Sprintf("1 to %d characters", model.MaxTitleLen)).Value(&v.Name),
		).Title("Schedule"),
		huh.NewGroup(
			yesNo("active", &v.Active),
			yesNo("reschedule", &v.Reschedule),
			in("delay", fmt.Sprintf("days before the scan, %d to %d, e.g. 4d", model.MinNotifyDelayDays, model.MaxNotifyDelayDays)).Value(&v.Delay),
		).Title("Notification"),
		huh.NewGroup(
			text("recipients", "one per line or comma-separated; replaces the whole list", 4).Value(&v.Recipients),
			text("message", "alt+enter starts a new line", 3).Value(&v.Message),
		).Title("Notification: recipients and message"),
		huh.NewGroup(
			yesNo("sendMail", &v.SendMail),
			yesNo("sendOneMail", &v.SendOneMail),
		).Title("Mail after the scan"),
	)
	f.describe()
	return hf
}

// edit is what the user changed: a field is set only when its text
// differs from the visible form of the value read (recipients: when the
// addresses differ, not only their layout).
func (f *updateForm) edit() model.WASEdit {
	var e model.WASEdit
	b, v := f.before, *f.v
	str := func(s string) *string { s = fromVisible(s); return &s }
	boolean := func(now, was bool) *bool {
		if now == was {
			return nil
		}
		return &now
	}
	if name := strings.TrimSpace(v.Name); name != strings.TrimSpace(b.Name) {
		e.Name = str(name)
	}
	e.Active = boolean(v.Active, b.Active)
	e.Reschedule = boolean(v.Reschedule, b.Reschedule)
	if strings.TrimSpace(v.Delay) != strings.TrimSpace(b.Delay) {
		e.Delay = str(v.Delay)
	}
	if v.Recipients != b.Recipients && !sameSet(model.ParseRecipients(v.Recipients), model.ParseRecipients(b.Recipients)) {
		e.Recipients = str(v.Recipients)
	}
	if v.Message != b.Message {
		e.Message = str(v.Message)
	}
	e.SendMail = boolean(v.SendMail, b.SendMail)
	e.SendOneMail = boolean(v.SendOneMail, b.SendOneMail)
	return e
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// recheck rebuilds the update and its problems from the values.
func (f *updateForm) recheck() {
	f.update, f.problems = model.WASUpdateFromEdit(f.edit())
}

// describe shows each field's problems beside it, or its hint.
func (f *updateForm) describe() {
	f.recheck()
	for _, h := range f.hints {
		text := h.text
		if p := f.fieldProblems(h.key); p != "" {
			text = "✗ " + p
		}
		h.set(text)
	}
}

// fieldProblems are the problems of one field, on one line.
func (f *updateForm) fieldProblems(key string) string {
	var out []string
	for _, e := range f.problems {
		if fieldOf[e.Field] == key {
			out = append(out, safe.Line(e.Problem, 0))
		}
	}
	return strings.Join(out, "; ")
}

// firstProblem is the first field, in form order, with a problem ("" for
// none), and the field keys: b from the review reopens the form there
// (form.Spec.Reopen), as the script builder does.
func (f *updateForm) firstProblem() (string, []string) {
	f.recheck()
	for _, k := range fieldKeys {
		if f.fieldProblems(k) != "" {
			return k, fieldKeys
		}
	}
	return "", fieldKeys
}

// changed reports an edit that a close would lose.
func (f *updateForm) changed() bool { return f.v != nil && !f.edit().Empty() }

// focusStep is the focused field's title and position ("Notify delay
// (4/8)"), for the form's heading: every focus move changes it, which
// also lets end-to-end tests wait for each move (huh moves the focus
// through commands).
func (f *updateForm) focusStep() string {
	fd := f.ed.Form().GetFocusedField()
	if fd == nil {
		return ""
	}
	i := slices.Index(fieldKeys, fd.GetKey())
	if i < 0 {
		return ""
	}
	return fmt.Sprintf("%s (%d/%d)", fieldTitles[fieldKeys[i]], i+1, len(fieldKeys))
}

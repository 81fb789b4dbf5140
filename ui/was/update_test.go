package was

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/task"
	"github.com/qsched/qsched/ui/uitest"
)

const updateEndpoint = "POST /qps/rest/3.0/update/was/wasscanschedule/{id}" // the simulator's pattern

// press sends messages to the screen one after the other, then settles
// (rig.run) on all their commands together. A burst saves a settle per
// key: each settle waits for the last key's cursor-blink command (huh
// starts one on every edit; the form drops its message). Keys that move
// the focus must end a burst: huh moves it through a command.
func (r *rig) press(msgs ...tea.Msg) {
	r.t.Helper()
	var cmds []tea.Cmd
	for _, msg := range msgs {
		if k, ok := msg.(string); ok {
			msg = uitest.Key(k)
		}
		_, cmd := r.m.Update(msg)
		cmds = append(cmds, cmd)
	}
	r.run(tea.Batch(cmds...))
}

func paste(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

var altEnter = tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}

// focused is the key of the form's focused field.
func focused(t *testing.T, m *Model) string {
	t.Helper()
	if m.form == nil || m.form.ed == nil || m.form.ed.Stage() != form.Editing {
		t.Fatalf("the form is not editing")
	}
	return m.form.ed.Form().GetFocusedField().GetKey()
}

func requireFocus(t *testing.T, m *Model, key string) {
	t.Helper()
	if got := focused(t, m); got != key {
		t.Fatalf("focus on %q, want %q", got, key)
	}
}

// clearText empties the focused huh text field (its cursor is at the end).
func (r *rig) clearText(v string) {
	r.t.Helper()
	var keys []tea.Msg
	for range strings.Count(v, "\n") + 1 {
		keys = append(keys, "ctrl+u", "backspace")
	}
	r.press(keys...)
}

func plainView(m *Model) string { return ansi.Strip(m.View()) }

// Seed 002, first sample: notification on, 4 days, three recipients, a
// message, filled in the huh form. A bad address is shown beside its
// field, never traps the focus, and blocks only the send; the update
// holds only what changed; the review shows the diff and the exact XML;
// the simulator stores it and the row shows what was read back.
func TestUpdateNotificationAsSeed002(t *testing.T) {
	t.Parallel()
	r := newRig(t, 5, false, Options{})
	m := r.m
	id := m.cursorRow().id
	orig, _ := r.env.Sim.WASSchedule(id)
	r.keys("u")
	requireFocus(t, m, "name")
	f := m.form
	if !strings.Contains(plainView(m), "Name (1/8)") {
		t.Fatalf("heading lacks the focused field:\n%s", plainView(m))
	}
	r.press("tab")
	requireFocus(t, m, "active")
	r.press("y") // yes, and on to the next field
	requireFocus(t, m, "reschedule")
	r.press("tab")
	requireFocus(t, m, "delay")
	r.press("ctrl+u", paste("4d"), "tab")
	requireFocus(t, m, "recipients")
	r.clearText(f.v.Recipients)
	r.press(paste("alice.ops@example.com, bob.secops@example.com"), altEnter, paste("not-an-address"))
	if p := f.fieldProblems("recipients"); !strings.Contains(p, `"not-an-address" is not a valid e-mail address`) {
		t.Fatalf("recipient problem %q", p)
	}
	if v := plainView(m); !strings.Contains(v, "✗ ") || !strings.Contains(v, "not-an-address") {
		t.Fatalf("the problem is not beside the field:\n%s", v)
	}
	// A problem never traps: back and forth work, the review blocks s.
	r.press("shift+tab")
	requireFocus(t, m, "delay")
	r.press("tab")
	requireFocus(t, m, "recipients")
	r.press("ctrl+s")
	if f.ed.Stage() != form.Reviewing || !strings.Contains(f.review(), "Fix these before sending") {
		t.Fatalf("review:\n%s", f.review())
	}
	r.press("s")
	if f.ed.Stage() != form.Reviewing || !strings.Contains(plainView(m), "Not sent: 1 problem remains") {
		t.Fatalf("s with a problem: stage %d\n%s", f.ed.Stage(), plainView(m))
	}
	r.press("b") // back to the form, on the field with the problem, values kept
	requireFocus(t, m, "recipients")
	r.clearText(f.v.Recipients)
	r.press(paste("alice.ops@example.com, bob.secops@example.com"), altEnter, paste("carol.soc@example.com"), "tab")
	requireFocus(t, m, "message")
	r.clearText(f.v.Message)
	r.press(paste("The schedule notification message"), "ctrl+s")
	p := f.update
	if p.Name != nil || p.SendMail != nil || p.SendOneMail != nil || p.Notification.Reschedule != nil {
		t.Fatalf("unchanged fields in the update: %+v", p)
	}
	review := f.review()
	req, err := client.NewWASUpdateRequest(id, p)
	if err != nil {
		t.Fatal(err)
	}
	path := req.Path()
	for _, want := range []string{"POST " + path + " — exactly this body:", "<recipients>", "<set>", "alice.ops@example.com",
		"+ carol.soc@example.com", "<nb>4</nb>", "replaced as a whole list"} {
		if !strings.Contains(review, want) {
			t.Fatalf("review lacks %q:\n%s", want, review)
		}
	}
	if model.Deref(orig.Notification.Active) && strings.Contains(review, "<active>") {
		t.Fatal("an unchanged active flag is sent")
	}
	if v := plainView(m); !strings.Contains(v, "exactly this body") {
		t.Fatalf("review view:\n%s", v)
	}
	r.press("s")
	if f.ed.Stage() != form.Confirming || !strings.Contains(plainView(m), "Type y to update it") {
		t.Fatalf("no confirmation:\n%s", plainView(m))
	}
	r.press("y") // within the grace period: ignored
	if f.ed.Stage() != form.Confirming || r.env.Sim.Stats().Requests[updateEndpoint] != 0 {
		t.Fatal("a key within the grace period answered")
	}
	r.clk.Advance(time.Second)
	r.press("y")
	if m.mode != modeList || m.form != nil || !strings.Contains(m.note, "Saved WAS schedule") {
		t.Fatalf("mode %d note %q", m.mode, m.note)
	}
	s, _ := r.env.Sim.WASSchedule(id)
	n := s.Notification
	want := []string{"alice.ops@example.com", "bob.secops@example.com", "carol.soc@example.com"}
	if !slices.Equal(n.Recipients.Emails(), want) || !*n.Active || n.Delay.Nb != 4 || n.Delay.Scale != "DAY" || string(*n.Message) != "The schedule notification message" {
		t.Fatalf("stored %+v / %v", n, n.Recipients.Emails())
	}
	if s.NameValue() != orig.NameValue() || r.env.Sim.Stats().Requests[updateEndpoint] != 1 {
		t.Fatal("name changed, or not exactly one update sent")
	}
}

// esc without changes closes at once; with changes it asks first: y
// discards (nothing sent), any other key returns to the form with the
// values kept. Neither a problem nor the review stops esc.
func TestUpdateEscapeAsksBeforeDiscarding(t *testing.T) {
	t.Parallel()
	r := newRig(t, 5, false, Options{})
	m := r.m
	r.keys("u")
	requireFocus(t, m, "name")
	r.press("esc")
	if m.mode != modeList || m.form != nil || !strings.Contains(m.note, "nothing was sent") {
		t.Fatalf("esc without changes: mode %d note %q", m.mode, m.note)
	}
	r.keys("u")
	r.press("ctrl+u")
	if !m.Dirty() || m.form.fieldProblems("name") == "" {
		t.Fatalf("an emptied name: dirty %v, problem %q", m.Dirty(), m.form.fieldProblems("name"))
	}
	r.press("esc")
	v := plainView(m)
	if m.form == nil || m.form.discard == nil || !strings.Contains(v, "Discard your changes to WAS schedule") || !strings.Contains(v, "Type y to discard them") {
		t.Fatalf("esc with changes did not ask:\n%s", v)
	}
	r.press("y") // within the grace period: ignored
	if m.form == nil || m.form.discard == nil {
		t.Fatal("a key within the grace period answered")
	}
	r.clk.Advance(time.Second)
	r.press("x")
	if m.form == nil || m.form.discard != nil || focused(t, m) != "name" || m.form.v.Name != "" {
		t.Fatal("another key did not return to the form with the values kept")
	}
	r.press("ctrl+s", "esc") // from the review too
	if m.form.discard == nil {
		t.Fatal("esc in the review did not ask")
	}
	r.clk.Advance(time.Second)
	r.press("y")
	if m.mode != modeList || m.form != nil || m.Dirty() || !strings.Contains(m.note, "discarded") {
		t.Fatalf("y did not discard: mode %d note %q", m.mode, m.note)
	}
	if n := r.env.Sim.Stats().Requests[updateEndpoint]; n != 0 {
		t.Fatalf("%d updates sent", n)
	}
}

// Server values holding controls, bidi or zero-width characters are shown
// in their visible form and compared against it: an untouched form sends
// nothing, and changing only the delay sends only the delay.
func TestUpdateUntouchedHostileValuesAreNeverSent(t *testing.T) {
	t.Parallel()
	r := newRig(t, 5, false, Options{})
	m := r.m
	id := m.cursorRow().id
	hostile := model.WasScanSchedule{
		ID:   &id,
		Name: model.TextPtr("Nightly\u009b31m scan\nsecond line\u202e"),
		Notification: &model.WASNotification{
			Active:     model.Ptr(true),
			Delay:      &model.WASDelay{Nb: 2, Scale: "DAY"},
			Message:    model.TextPtr("Hello\u009b2J\nwo\u200brld"),
			Recipients: &model.WASRecipients{List: model.SetRecipients([]string{"ops\u009b@example.com", "x\ny@example.com"}).Set},
		},
	}
	start, ok := m.openForm()().(task.StartedMsg)
	if !ok {
		t.Fatal("u did not start the get")
	}
	r.press(formLoadMsg{Task: start.Task, Value: formLoad{S: hostile}})
	requireFocus(t, m, "name")
	f := m.form
	// (The form holds visible forms, bidi and zero-width characters escaped too.)
	for _, s := range []string{f.v.Name, f.v.Message, f.v.Recipients, plainView(m)} {
		if strings.ContainsAny(s, "\u009b\x1b") {
			t.Fatalf("a control reached the form: %q", s)
		}
	}
	if strings.Contains(f.v.Name, "\n") {
		t.Fatalf("a newline in the one-line name: %q", f.v.Name)
	}
	if m.Dirty() {
		t.Fatalf("an untouched form has changes: %+v", f.edit())
	}
	// Walk every field without typing, then review.
	for range 7 {
		r.press("tab")
	}
	requireFocus(t, m, "sendOneMail")
	r.press("ctrl+s")
	if !strings.Contains(f.review(), "Nothing changed: nothing to send.") {
		t.Fatalf("review:\n%s", f.review())
	}
	r.press("s")
	if f.ed.Stage() != form.Reviewing || !strings.Contains(plainView(m), "Nothing changed") {
		t.Fatalf("s with nothing to send: stage %d\n%s", f.ed.Stage(), plainView(m))
	}
	// Change only the delay.
	r.press("b")
	for range 3 {
		r.press("tab")
	}
	requireFocus(t, m, "delay")
	r.press("ctrl+u", paste("5d"), "ctrl+s")
	req, err := client.NewWASUpdateRequest(f.id, f.update)
	if err != nil {
		t.Fatal(err)
	}
	xml := string(req.Body())
	if !strings.Contains(xml, "<delay>") || !strings.Contains(xml, "<nb>5</nb>") {
		t.Fatalf("the delay is not sent:\n%s", xml)
	}
	for _, not := range []string{"<name>", "<message>", "<recipients>", "<active>", "<reschedule>", "<sendMail>", "<sendOneMail>"} {
		if strings.Contains(xml, not) {
			t.Fatalf("untouched %s is sent:\n%s", not, xml)
		}
	}
	if !strings.Contains(f.review(), xml[strings.Index(xml, "<delay>"):strings.Index(xml, "</delay>")]) {
		t.Fatalf("the review does not show the body:\n%s", f.review())
	}
}

// A send that got no answer has an unknown outcome: the note says so and
// the schedule is read again; a send the server refused keeps the review
// open with the values.
func TestUpdateOutcomes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err     error
		refused bool
	}{
		{&client.Error{Op: "update", Status: 400, Message: "bad"}, true},
		{&client.AuthError{Op: "auth", Status: 401}, true},
		{client.ErrReadOnly, true},
		{context.Canceled, false},
		{&client.Error{Op: "update", Message: "connection reset"}, false},
		{errors.New("read tcp: i/o timeout"), false},
	} {
		if refused(c.err) != c.refused {
			t.Errorf("refused(%v) = %v", c.err, !c.refused)
		}
	}

	r := newRig(t, 5, false, Options{})
	m := r.m
	id := m.cursorRow().id
	before, _ := r.env.Sim.WASSchedule(id)
	r.keys("u")
	r.press("tab")
	r.press("tab")
	r.press("tab")
	delay := "7d"
	if n := before.Notification; n != nil && n.Delay != nil && n.Delay.Nb == 7 {
		delay = "8d"
	}
	r.press("ctrl+u", paste(delay), "ctrl+s")
	// Refused by the server: back on the review, values kept.
	r.env.Sim.AddFault(sim.Fault{Endpoint: updateEndpoint, Calls: []int{1}, Status: 400})
	r.press("s")
	r.clk.Advance(time.Second)
	r.press("y")
	f := m.form
	if f == nil || f.ed.Stage() != form.Reviewing || !strings.Contains(plainView(m), "Update failed") || f.v.Delay != delay {
		t.Fatalf("a refused update:\n%s", plainView(m))
	}
	// No answer: the outcome is unknown and the row is read again.
	m.rows = slices.Clone(m.rows)
	m.rows[m.index[id]] = &row{id: id, name: "stale"}
	_, cmd := m.Update(savedMsg{Value: saved{ID: id, Unknown: true}, Err: context.DeadlineExceeded})
	if m.mode != modeList || !strings.Contains(m.note, "outcome unknown: context deadline exceeded; reloading schedule") || cmd == nil {
		t.Fatalf("note %q", m.note)
	}
	r.run(cmd)
	if got := m.rows[m.index[id]].name; got != newRow(before).name {
		t.Fatalf("row not re-read: %q", got)
	}
	if !strings.Contains(m.note, "what the server has now") {
		t.Fatalf("note after the re-read %q", m.note)
	}
}

// The footer shows the focused field's own keys and the editor's.
func TestUpdateHelpFollowsTheFocus(t *testing.T) {
	t.Parallel()
	r := newRig(t, 5, false, Options{})
	m := r.m
	help := func() string {
		var out []string
		for _, b := range m.ShortHelp() {
			out = append(out, b.Help().Key+" "+b.Help().Desc)
		}
		return strings.Join(out, " · ")
	}
	r.keys("u")
	if h := help(); !strings.Contains(h, "ctrl+s review") || !strings.Contains(h, "esc leave") || strings.Contains(h, "new line") {
		t.Fatalf("name help: %s", h)
	}
	r.press("tab")
	if h := help(); !strings.Contains(h, "yes/no") {
		t.Fatalf("confirm help: %s", h)
	}
	for range 3 {
		r.press("tab")
	}
	requireFocus(t, m, "recipients")
	if h := help(); !strings.Contains(h, "alt+enter new line") {
		t.Fatalf("text help: %s", h)
	}
	r.press("ctrl+s")
	if h := help(); !strings.Contains(h, "s submit") || !strings.Contains(h, "b edit") {
		t.Fatalf("review help: %s", h)
	}
}

// An edited field keeps the characters its escapes stood for: editing a
// name shown as "a\u009bb" to "a\u009bb 2" sends the U+009B, not the six
// characters of its escape.
func TestEditedFieldKeepsEscapedCharacters(t *testing.T) {
	if got := fromVisible(visible("a\u009bb") + " 2"); got != "a\u009bb 2" {
		t.Fatalf("fromVisible = %q", got)
	}
}

// The confirmation of a recipient change lists the recipients its
// "replaced (below)" points to, display-safe and within the width, under
// the platform (a long list is cut at the bottom, never the platform).
func TestUpdateConfirmationListsTheRecipients(t *testing.T) {
	t.Parallel()
	r, m, f := updateAt(t, 4, "recipients")
	r.clearText(f.v.Recipients)
	long := strings.Repeat("x", 90) + "@example.com"
	r.press(paste("new.one@example.com, "+long), "ctrl+s", "s")
	if f.ed.Stage() != form.Confirming {
		t.Fatalf("no confirmation:\n%s", plainView(m))
	}
	v := plainView(m)
	uitest.RequireFits(t, m.View(), 80, 24)
	for _, want := range []string{"Recipients: replaced (below)", "after:  new.one@example.com", "+ new.one@example.com", "+ xxxx", "Platform: demo"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the confirmation lacks %q:\n%s", want, v)
		}
	}
	if strings.Index(v, "Platform: demo") > strings.Index(v, "Recipients:") {
		t.Fatalf("the platform is below the recipients:\n%s", v)
	}
}

// b from the review goes to the first field with a problem, in form
// order, as the script builder's does (walkthrough: a 45d delay and a bad
// address went back to the name); with none it goes to the first field.
func TestUpdateBackGoesToTheFirstProblem(t *testing.T) {
	t.Parallel()
	r, m, f := updateAt(t, 3, "delay")
	r.press("ctrl+u", paste("45d"), "tab")
	requireFocus(t, m, "recipients")
	r.clearText(f.v.Recipients)
	r.press(paste("not-an-email"), "ctrl+s")
	if f.ed.Stage() != form.Reviewing {
		t.Fatalf("not reviewing:\n%s", plainView(m))
	}
	r.press("b")
	requireFocus(t, m, "delay")
	if v := plainView(m); !strings.Contains(v, "Notify delay (4/8)") {
		t.Fatalf("heading:\n%s", v)
	}
	r.press("ctrl+u", paste("4d"), "ctrl+s") // the key typed next reaches the field
	if f.v.Delay != "4d" {
		t.Fatalf("delay %q", f.v.Delay)
	}
	r.press("b")
	requireFocus(t, m, "recipients")
	r.clearText(f.v.Recipients)
	r.press(paste("ok@example.com"), "ctrl+s", "b")
	requireFocus(t, m, "name")
}

// updateAt opens the update form of the first of 5 rows at 80×24 and
// tabs to the field named, the tabs-th after the name.
func updateAt(t *testing.T, tabs int, field string) (*rig, *Model, *updateForm) {
	t.Helper()
	r := newRig(t, 5, false, Options{})
	m := r.m
	m.SetSize(80, 24)
	r.keys("u")
	for range tabs {
		r.press("tab")
	}
	requireFocus(t, m, field)
	return r, m, m.form
}

package was

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/task"
)

type formLoad struct{ S model.WasScanSchedule }

// formLoadMsg is the get call that fills the update form.
type formLoadMsg = task.DoneMsg[formLoad]

type saved struct {
	ID int64
	S  model.WasScanSchedule // as read back after the update
}

// savedMsg is the result of saveCmd.
type savedMsg = task.DoneMsg[saved]

type fieldKind int

const (
	textField fieldKind = iota
	boolField
)

// Form fields, in order.
const (
	fName = iota
	fNotify
	fReschedule
	fDelay
	fRecipients
	fMessage
	fSendMail
	fSendOneMail
	numFields
)

type formField struct {
	label string
	kind  fieldKind
	text  string
	on    bool
	// original values, to send only what changed
	origText string
	origOn   bool
}

// updateForm edits name, notification and mail settings of one schedule.
// Problems are shown under each field and block only the save in the
// review, so moving around and esc always work.
type updateForm struct {
	id       int64
	stage    int // formLoading, formEditing, formReview, formSaving
	err      string
	fields   [numFields]formField
	focus    int
	origRcpt []string
	width    int
	opened   int64 // ms, for the review's grace period
	top      int   // first review line shown
}

const (
	formLoading = iota
	formEditing
	formReview
	formSaving
)

func (m *Model) openForm() tea.Cmd {
	r := m.cursorRow()
	if r == nil || m.Client == nil || m.busy() {
		return nil
	}
	m.form, m.mode = &updateForm{id: r.id, stage: formLoading, width: m.Width}, modeForm
	w, id := m.Client.WAS, r.id
	return task.Run(m.ID(), m.fetch.Next(), fmt.Sprintf("Getting WAS schedule %d", id), func(ctx context.Context) (formLoad, error) {
		s, err := w.Get(ctx, id)
		return formLoad{s}, err
	})
}

func (m *Model) onFormLoad(msg formLoadMsg) {
	if !m.fetch.Current(msg.Task) || m.form == nil || m.form.stage != formLoading {
		return
	}
	f := m.form
	if msg.Err != nil {
		f.err = common.Line(msg.Err.Error(), 0)
		return
	}
	f.fill(msg.Value.S)
	f.stage = formEditing
}

// fill sets every field from the schedule as read.
func (f *updateForm) fill(s model.WasScanSchedule) {
	n := s.Notification
	if n == nil {
		n = &model.WASNotification{}
	}
	delay := ""
	if n.Delay != nil {
		delay = strconv.Itoa(n.Delay.Nb) + "d"
	}
	f.origRcpt = n.Recipients.Emails()
	set := func(i int, label string, kind fieldKind, text string, on bool) {
		f.fields[i] = formField{label: label, kind: kind, text: text, on: on, origText: text, origOn: on}
	}
	set(fName, "Name", textField, s.NameValue(), false)
	set(fNotify, "Notification active", boolField, "", model.Deref(n.Active))
	set(fReschedule, "Notify on reschedule", boolField, "", model.Deref(n.Reschedule))
	set(fDelay, "Notify delay (days, e.g. 4d)", textField, delay, false)
	set(fRecipients, "Recipients (comma-separated)", textField, strings.Join(f.origRcpt, ", "), false)
	set(fMessage, "Message", textField, string(model.Deref(n.Message)), false)
	set(fSendMail, "Send mail when scan completes", boolField, "", model.Deref(s.SendMail))
	set(fSendOneMail, "Send one mail per scan", boolField, "", model.Deref(s.SendOneMail))
}

func (f *updateForm) changed() bool {
	if f.stage == formLoading {
		return false
	}
	for _, fd := range f.fields {
		if fd.text != fd.origText || fd.on != fd.origOn {
			return true
		}
	}
	return false
}

// problem is what is wrong with one field's value, "" for nothing.
func (f *updateForm) problem(i int) string {
	fd := f.fields[i]
	switch i {
	case fName:
		if n := len([]rune(strings.TrimSpace(fd.text))); n == 0 || n > model.MaxTitleLen {
			return fmt.Sprintf("must be 1 to %d characters", model.MaxTitleLen)
		}
	case fDelay:
		if fd.text != fd.origText {
			if _, err := model.ParseNotifyDelay(fd.text); err != nil {
				return err.Error()
			}
		}
	case fRecipients:
		var bad []string
		for _, a := range model.ParseRecipients(fd.text) {
			if !model.ValidEmail(a) {
				bad = append(bad, a)
			}
		}
		if len(bad) > 0 {
			return "not valid e-mail address(es): " + strings.Join(bad, ", ")
		}
	}
	return ""
}

// partial is the update holding only what changed.
func (f *updateForm) partial() model.WasScanSchedule {
	var p model.WasScanSchedule
	fs := f.fields
	if name := strings.TrimSpace(fs[fName].text); name != strings.TrimSpace(fs[fName].origText) {
		p.Name = model.TextPtr(name)
	}
	n := &model.WASNotification{}
	any := false
	if fs[fNotify].on != fs[fNotify].origOn {
		n.Active, any = model.Ptr(fs[fNotify].on), true
	}
	if fs[fReschedule].on != fs[fReschedule].origOn {
		n.Reschedule, any = model.Ptr(fs[fReschedule].on), true
	}
	if fs[fDelay].text != fs[fDelay].origText {
		if d, err := model.ParseNotifyDelay(fs[fDelay].text); err == nil {
			n.Delay, any = &d, true
		}
	}
	if after := model.ParseRecipients(fs[fRecipients].text); !sameSet(after, f.origRcpt) {
		n.Recipients, any = model.SetRecipients(after), true
	}
	if fs[fMessage].text != fs[fMessage].origText {
		n.Message, any = model.TextPtr(fs[fMessage].text), true
	}
	if any {
		p.Notification = n
	}
	if fs[fSendMail].on != fs[fSendMail].origOn {
		p.SendMail = model.Ptr(fs[fSendMail].on)
	}
	if fs[fSendOneMail].on != fs[fSendOneMail].origOn {
		p.SendOneMail = model.Ptr(fs[fSendOneMail].on)
	}
	return p
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// problems are every field problem plus model.ValidateWASUpdate's.
func (f *updateForm) problems() []string {
	var out []string
	for i := range numFields {
		if p := f.problem(i); p != "" {
			out = append(out, f.fields[i].label+": "+p)
		}
	}
	for _, e := range model.ValidateWASUpdate(f.partial()) {
		out = append(out, e.Error())
	}
	return out
}

func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd {
	f := m.form
	k := msg.String()
	switch f.stage {
	case formLoading:
		if k == "esc" {
			m.form, m.mode = nil, modeList
		}
		return nil
	case formSaving:
		return nil // the result closes the form
	case formReview:
		if m.Now().UnixMilli()-f.opened < confirm.Grace.Milliseconds() {
			return nil
		}
		switch k {
		case "up":
			f.top = max(f.top-1, 0)
		case "down":
			f.top++
		case "esc", "n", "enter":
			f.stage, f.top = formEditing, 0
		case "y":
			if len(f.problems()) > 0 || isEmpty(f.partial()) {
				return nil
			}
			f.stage = formSaving
			return m.saveCmd(f.id, f.partial())
		}
		return nil
	}
	// Editing.
	fd := &f.fields[f.focus]
	switch k {
	case "esc":
		m.form, m.mode = nil, modeList
		m.setNote("Update cancelled: nothing was sent.", false)
	case "tab", "down":
		f.focus = (f.focus + 1) % numFields
	case "shift+tab", "up":
		f.focus = (f.focus + numFields - 1) % numFields
	case "ctrl+s":
		f.stage, f.opened = formReview, m.Now().UnixMilli()
	case "enter":
		if f.focus == numFields-1 {
			f.stage, f.opened = formReview, m.Now().UnixMilli()
		} else {
			f.focus++
		}
	default:
		if fd.kind == boolField {
			switch k {
			case "space", "left", "right", "y", "n":
				if k == "y" || k == "n" {
					fd.on = k == "y"
				} else {
					fd.on = !fd.on
				}
			}
			return nil
		}
		fd.text = editLine(fd.text, msg)
	}
	return nil
}

func isEmpty(p model.WasScanSchedule) bool {
	return p.Name == nil && p.Notification == nil && p.SendMail == nil && p.SendOneMail == nil
}

// saveCmd sends the update, then reads the schedule back so the row shows
// what the server stored.
func (m *Model) saveCmd(id int64, p model.WasScanSchedule) tea.Cmd {
	m.writing = fmt.Sprintf("Updating WAS schedule %d", id)
	w := m.Client.WAS
	return task.Run(m.ID(), 0, m.writing, func(ctx context.Context) (saved, error) {
		if err := w.Update(ctx, id, p); err != nil {
			return saved{ID: id}, err
		}
		s, err := w.Get(ctx, id)
		if err != nil {
			return saved{ID: id}, fmt.Errorf("saved, but reading it back failed: %w", err)
		}
		return saved{ID: id, S: s}, nil
	})
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.writing = ""
	if f := m.form; f != nil && f.id == msg.Value.ID {
		if msg.Err != nil {
			f.stage, f.err = formReview, common.Line(msg.Err.Error(), 0)
			return nil
		}
		m.form, m.mode = nil, modeList
	}
	if msg.Err != nil {
		m.setNote(fmt.Sprintf("Update of %d: %s", msg.Value.ID, common.Line(msg.Err.Error(), 0)), true)
		return nil
	}
	r := newRow(msg.Value.S)
	if i, ok := m.index[r.id]; ok {
		m.rows = slices.Clone(m.rows)
		m.rows[i] = r
	}
	m.sel.Rename(r.id, r.name)
	m.setNote(fmt.Sprintf("Saved WAS schedule %d (%s).", r.id, r.name), false)
	return m.refilter()
}

func (f *updateForm) view(st *common.Styles, w, h int) string {
	title := st.Title.Render(fmt.Sprintf("Update WAS schedule %d", f.id))
	switch f.stage {
	case formLoading:
		if f.err != "" {
			return title + "\n\n" + st.StatusBar.Error.Render(truncate("Could not get the schedule: "+f.err, w)) + "\n\n" + st.Muted.Render("esc back")
		}
		return title + "\n\nLoading…"
	case formReview, formSaving:
		return f.reviewView(st, w, title)
	}
	lines := []string{title + st.Muted.Render("  tab/↑↓ move · space toggle · ctrl+s review · esc cancel"), ""}
	for i, fd := range f.fields {
		val := fd.text
		if fd.kind == boolField {
			val = "[ ] no"
			if fd.on {
				val = "[x] yes"
			}
		}
		cursor := "  "
		if i == f.focus {
			cursor = "> "
			if fd.kind == textField {
				val += "▏"
			}
		}
		line := fmt.Sprintf("%s%-31s %s", cursor, fd.label+":", val)
		lines = append(lines, truncate(line, w))
		if p := f.problem(i); p != "" {
			lines = append(lines, st.StatusBar.Error.Render(truncate("    ⚠ "+p, w)))
		}
	}
	if i := fRecipients; f.fields[i].text != f.fields[i].origText {
		lines = append(lines, "")
		lines = append(lines, f.recipientDiff(w)...)
	}
	lines = append(lines, "", st.Muted.Render(truncate("Recipients are replaced as a whole list (set): everyone not listed stops getting mail.", w)))
	return strings.Join(lines, "\n")
}

// recipientDiff is the before → after view of the recipients.
func (f *updateForm) recipientDiff(w int) []string {
	after := model.ParseRecipients(f.fields[fRecipients].text)
	removed, added := model.RecipientsDiff(f.origRcpt, after)
	out := []string{
		truncate("Recipients before: "+orNone(strings.Join(f.origRcpt, ", ")), w),
		truncate("Recipients after:  "+orNone(strings.Join(after, ", ")), w),
	}
	for _, a := range removed {
		out = append(out, truncate("  - "+a, w))
	}
	for _, a := range added {
		out = append(out, truncate("  + "+a, w))
	}
	return out
}

func (f *updateForm) reviewView(st *common.Styles, w int, title string) string {
	p := f.partial()
	probs := f.problems()
	var prompt string
	switch {
	case f.stage == formSaving:
		prompt = "Saving…"
	case len(probs) > 0 || isEmpty(p):
		prompt = st.Title.Render("esc back to the form (fix the problems first)")
	default:
		prompt = st.Title.Render("Type y to save · n, esc or enter goes back (default: No) · ↑/↓ scroll")
	}
	lines := []string{title + st.Muted.Render("  review"), truncate(prompt, w), ""}
	if f.err != "" {
		lines = append(lines, st.StatusBar.Error.Render(truncate("Save failed: "+f.err, w)))
	}
	var body []string
	for _, pr := range probs {
		body = append(body, st.StatusBar.Error.Render(truncate("⚠ "+pr, w)))
	}
	if p.Notification != nil && p.Notification.Recipients != nil {
		body = append(body, f.recipientDiff(w)...)
	}
	req, err := client.NewWASUpdateRequest(f.id, p)
	switch {
	case isEmpty(p):
		body = append(body, "Nothing changed; nothing to send.")
	case err != nil:
		body = append(body, st.StatusBar.Error.Render(truncate(err.Error(), w)))
	default:
		body = append(body, st.Muted.Render(truncate(fmt.Sprintf("%s %s — exactly this body:", req.Method(), req.Path()), w)))
		for _, l := range strings.Split(strings.TrimRight(string(req.Body()), "\n"), "\n") {
			body = append(body, truncate(l, w))
		}
	}
	f.top = max(min(f.top, len(body)-1), 0)
	return strings.Join(append(lines, body[f.top:]...), "\n")
}

// formHelp is the update form's keys.
func (m *Model) formHelp() []key.Binding { return nil }

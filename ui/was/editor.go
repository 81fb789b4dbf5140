package was

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
)

// editorState is what the WAS screen's two editors (the update form and
// the create/clone form) hold alike: the shared editor, the schedule read
// failing, the question before esc drops the input, and the editor's size.
type editorState struct {
	err           string         // reading the schedule failed
	ed            *form.Model    // nil while the schedule is read
	discard       *confirm.Model // "discard?" is open
	discardOpened time.Time
	w, h          int
}

// open builds the editor from spec in the screen's form area.
func (e *editorState) open(c common.Common, area func() (int, int), spec form.Spec) {
	c.Width, c.Height = area()
	e.w, e.h = c.Width, c.Height
	e.ed = form.New(c, spec)
}

// fit gives the editor the area w×h when it changed (the screen's
// SetSize does not reach the editor).
func (e *editorState) fit(w, h int) {
	if e.ed != nil && (w != e.w || h != e.h) {
		e.w, e.h = w, h
		e.ed.SetSize(w, h)
	}
}

// askDiscard opens the question before the input is dropped.
func (e *editorState) askDiscard(c common.Common, spec confirm.Spec) {
	e.discard, e.discardOpened = confirm.New(c, spec), c.Now()
}

// discardKey answers a key while the discard question is open: true when
// the input is to be dropped (y); another answer, or any key once the
// grace period is over, returns to the form.
func (e *editorState) discardKey(kp tea.KeyPressMsg, now time.Time) bool {
	switch e.discard.Update(kp) {
	case confirm.Accept:
		return true
	case confirm.Cancel:
		e.discard = nil
	default:
		if now.Sub(e.discardOpened) >= confirm.Grace {
			e.discard = nil
		}
	}
	return false
}

// editorView renders the editor: the read in progress or failed, the
// discard question, or a heading (title · where · name) over the editor.
// name and editing (where the focus is) are asked only once the editor
// exists.
func (e *editorState) editorView(st *common.Styles, title string, name, editing func() string, w, h int) string {
	switch {
	case e.ed == nil && e.err != "":
		return st.Title.Render(title) + "\n\n" + st.Error.Render(truncate("Could not get the schedule: "+e.err, w)) + "\n\n" + st.Muted.Render("esc back")
	case e.ed == nil:
		return st.Title.Render(title) + "\n\nLoading…"
	case e.discard != nil:
		return e.discard.View(w, h)
	}
	e.fit(max(w, 1), max(h-1, 1)) // View runs on the event loop, after a resize too
	where := "review"
	switch e.ed.Stage() {
	case form.Editing:
		where = editing()
	case form.Confirming:
		where = "confirm"
	case form.Sending:
		where = "sending"
	}
	head := st.Title.Render(truncate(title+" · "+where, w))
	if n := name(); n != "" {
		head += st.Muted.Render(truncate(" · "+n, max(w-ansi.StringWidth(head), 0)))
	}
	return head + "\n" + e.ed.View()
}

// help is the editor's keys: the focused field's own and the editor's, or
// the review's, or the discard question's; leave while the schedule is
// read.
func (e *editorState) help(leave key.Binding) []key.Binding {
	switch {
	case e.ed == nil:
		return []key.Binding{leave}
	case e.discard != nil:
		return e.discard.Help()
	}
	return e.ed.Help()
}

package was

import (
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
)

// editorParts is what the WAS screen's two editors (the update form and
// the create/clone form) show the same way.
type editorParts struct {
	ed      *form.Model    // nil while the schedule is read
	discard *confirm.Model // the question before esc drops the input
	err     string         // the read failed
	fit     func(w, h int)
	title   string
	name    func() string // the schedule's name, made safe (once read)
	editing func() string // where the focus is while editing
}

// editorView renders an editor: the read in progress or failed, the
// discard question, or a heading (title · where · name) over the editor.
func editorView(st *common.Styles, p editorParts, w, h int) string {
	switch {
	case p.ed == nil && p.err != "":
		return st.Title.Render(p.title) + "\n\n" + st.Error.Render(truncate("Could not get the schedule: "+p.err, w)) + "\n\n" + st.Muted.Render("esc back")
	case p.ed == nil:
		return st.Title.Render(p.title) + "\n\nLoading…"
	case p.discard != nil:
		return p.discard.View(w, h)
	}
	p.fit(max(w, 1), max(h-1, 1)) // View runs on the event loop, after a resize too
	where := "review"
	switch p.ed.Stage() {
	case form.Editing:
		where = p.editing()
	case form.Confirming:
		where = "confirm"
	case form.Sending:
		where = "sending"
	}
	head := st.Title.Render(truncate(p.title+" · "+where, w))
	if name := p.name(); name != "" {
		head += st.Muted.Render(truncate(" · "+name, max(w-ansi.StringWidth(head), 0)))
	}
	return head + "\n" + p.ed.View()
}

// editorHelp is an editor's keys: the focused field's own and the
// editor's, or the review's, or the discard question's.
func editorHelp(ed *form.Model, discard *confirm.Model, leave key.Binding) []key.Binding {
	switch {
	case ed == nil:
		return []key.Binding{leave}
	case discard != nil:
		return discard.Help()
	}
	return ed.Help()
}

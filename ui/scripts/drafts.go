package scripts

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/safe"
)

// askDiscardDraft asks before x drops the saved draft: it is the only
// copy of what was typed.
func (s *Screen) askDiscardDraft() {
	d := s.draft
	title := strings.TrimSpace(d.Draft.Title)
	if title == "" {
		title = "untitled"
	}
	s.dialog, s.mode = confirm.New(s.c, confirm.Spec{
		Title: fmt.Sprintf("Discard the saved draft %q?", safe.Line(title, 0)),
		Lines: []string{
			"Saved " + d.SavedAt.In(s.c.Loc()).Format("2006-01-02 15:04") + ". Nothing of it was sent.",
			"A discarded draft cannot be opened again.",
		},
		Verb: "discard the draft",
	}), modeConfirm
	s.onYes = func() tea.Cmd {
		s.draft = nil
		s.notice = "Draft discarded."
		if st := s.opts.Drafts; st != nil {
			return func() tea.Msg { _ = st.Delete(); return nil }
		}
		return nil
	}
}

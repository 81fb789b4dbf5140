package scripts

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/scriptform"
)

// Drafts: every new schedule left half-filled is kept as its own draft
// (scriptform.DraftStore). With one draft the list offers it (o opens,
// x discards); with several, o lists them (modeDrafts): title, type,
// when saved and what still blocks sending, newest first; enter or o
// opens one, x discards it after asking, esc goes back to the list.

type draftsMsg struct {
	drafts []scriptform.SavedDraft
	err    error
}

var draftColumns = []table.Column{
	{Title: "TITLE", Width: 16, Flex: 1, Priority: 10},
	{Title: "TYPE", Width: 9, Priority: 5},
	{Title: "SAVED", Width: 16, Priority: 8},
	{Title: "TO SEND", Width: 12, Priority: 6},
}

type draftRows struct{ s *Screen }

func (r draftRows) Len() int { return len(r.s.drafts) }

func (r draftRows) Cells(i int) []string {
	sd := r.s.drafts[i]
	state := "ready"
	if _, v := sd.Draft.Check(r.s.c.Now()); len(v) > 0 {
		state = present.Plural(len(v), "problem")
	}
	return []string{safe.Line(draftTitle(sd), 0), safe.Line(sd.Draft.Type, 0), r.s.savedAt(sd), state}
}

func draftTitle(sd scriptform.SavedDraft) string {
	if t := strings.TrimSpace(sd.Draft.Title); t != "" {
		return t
	}
	return "untitled"
}

func (s *Screen) savedAt(sd scriptform.SavedDraft) string {
	return sd.SavedAt.In(s.c.Loc()).Format("2006-01-02 15:04")
}

func (s *Screen) loadDraftsCmd() tea.Cmd {
	if s.opts.Drafts == nil {
		return nil
	}
	st := *s.opts.Drafts
	return common.Wrap(s.ID(), func() tea.Msg {
		list, err := st.List()
		return draftsMsg{list, err}
	})
}

func (s *Screen) onDrafts(msg draftsMsg) {
	if msg.err != nil {
		s.notice = "A saved draft could not be read: " + safe.Line(msg.err.Error(), 0)
	}
	// A draft the builder holds open is already on the list (keepDraft).
	for _, sd := range msg.drafts {
		if !slices.ContainsFunc(s.drafts, func(o scriptform.SavedDraft) bool { return o.ID == sd.ID }) {
			s.drafts = append(s.drafts, sd)
		}
	}
	s.sortDrafts()
}

func (s *Screen) sortDrafts() {
	slices.SortStableFunc(s.drafts, func(a, b scriptform.SavedDraft) int { return b.SavedAt.Compare(a.SavedAt) })
	if s.draftTable != nil {
		s.draftTable.SetRows(draftRows{s})
	}
}

// keepDraft puts the builder's draft id on the list as it is now (the
// builder saved it to the store as it was typed).
func (s *Screen) keepDraft(id string, d scriptform.Draft) {
	s.dropDraft(id)
	s.drafts = append(s.drafts, scriptform.SavedDraft{ID: id, SavedAt: s.c.Now(), Draft: d})
	s.sortDrafts()
}

func (s *Screen) dropDraft(id string) {
	s.drafts = slices.DeleteFunc(s.drafts, func(o scriptform.SavedDraft) bool { return o.ID == id })
	if s.draftTable != nil {
		s.draftTable.SetRows(draftRows{s})
	}
}

// openDrafts is o on the list: the one draft, or the list of them.
func (s *Screen) openDrafts() tea.Cmd {
	if len(s.drafts) == 1 {
		return s.openDraft(s.drafts[0])
	}
	s.draftTable = table.For(s.c, draftColumns)
	s.draftTable.SetRows(draftRows{s})
	s.mode = modeDrafts
	return nil
}

func (s *Screen) openDraft(sd scriptform.SavedDraft) tea.Cmd {
	s.mode, s.draftTable = modeList, nil
	return s.open(sd.ID, sd.Draft)
}

// draftsKey handles a key on the list of drafts.
func (s *Screen) draftsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	t := s.draftTable
	switch {
	case key.Matches(msg, k.Global.Back, k.Global.Quit):
		s.closeDrafts()
	case key.Matches(msg, k.Form.Choose, k.List.ContinueDraft) && k.List.New.Enabled():
		return s.openDraft(s.drafts[t.Cursor()])
	case key.Matches(msg, k.List.DiscardDraft):
		s.askDiscardDraft(s.drafts[t.Cursor()])
	default:
		t.Update(msg)
	}
	return nil
}

func (s *Screen) closeDrafts() {
	s.mode, s.draftTable = modeList, nil
}

func (s *Screen) draftsView(w, h int) string {
	n := present.Plural(len(s.drafts), "saved draft")
	hint := "Nothing of a draft has been sent. enter opens one in the builder, x discards it."
	if s.notice != "" {
		hint = s.notice
	}
	lines := []string{
		s.c.Styles.Title.Render(safe.Line("Script schedule drafts · "+n+" · row "+s.draftTable.Position(), w)),
		safe.Line(hint, w),
	}
	s.draftTable.SetSize(w, h-len(lines))
	return common.Fit(strings.Join(append(lines, s.draftTable.View()), "\n"), w, h)
}

func (s *Screen) draftsHelp() []key.Binding {
	k := s.c.Keys
	open := k.Form.Choose
	open.SetHelp(open.Help().Key, "open")
	discard := k.List.DiscardDraft
	discard.SetHelp(discard.Help().Key, "discard")
	return []key.Binding{open, discard, k.List.Up, k.List.Down, k.Global.Back}
}

// draftLine is the list's line about the saved drafts, "" when none. The
// title is cut so that the keys stay on the line.
func (s *Screen) draftLine(w int) string {
	if len(s.drafts) == 0 {
		return ""
	}
	sd := s.drafts[0]
	format := "A draft is saved (%q, %s): o opens it, x discards it."
	if len(s.drafts) > 1 {
		format = present.Plural(len(s.drafts), "draft") + " are saved, the newest %q (%s): o lists them."
	}
	room := w - ansi.StringWidth(fmt.Sprintf(format, "", s.savedAt(sd)))
	return safe.Line(fmt.Sprintf(format, safe.Line(draftTitle(sd), max(room, 8)), s.savedAt(sd)), w)
}

// askDiscardDraft asks before x drops a saved draft: it is the only copy
// of what was typed.
func (s *Screen) askDiscardDraft(sd scriptform.SavedDraft) {
	fromList := s.mode == modeDrafts
	s.dialog, s.mode = confirm.New(s.c, confirm.Spec{
		Title: fmt.Sprintf("Discard the saved draft %q?", safe.Line(draftTitle(sd), 0)),
		Lines: []string{
			"Saved " + s.savedAt(sd) + ". Nothing of it was sent.",
			"A discarded draft cannot be opened again.",
		},
		Verb: "discard the draft",
	}), modeConfirm
	if fromList {
		s.dialogBack = modeDrafts
	}
	s.onYes = func() tea.Cmd {
		s.dropDraft(sd.ID)
		s.notice = fmt.Sprintf("Draft %q discarded.", safe.Line(draftTitle(sd), 0))
		if len(s.drafts) == 0 {
			s.closeDrafts()
		}
		if st := s.opts.Drafts; st != nil {
			return func() tea.Msg { _ = st.Delete(sd.ID); return nil }
		}
		return nil
	}
}

// Package confirm is the one typed confirmation of qsched, used by every
// write (bulk by ids and by filter, update, create) and by discarding an
// edit. No is the default: only the Confirm key (y) accepts; n, esc, enter
// and q cancel; other keys are ignored. Keys that arrive within Grace of
// the dialog opening are dropped, so a key already in flight (typed for
// the screen before the dialog appeared) can never answer it.
//
// Like crush's dialogs, the dialog does not act itself: Update returns an
// Action and the owner does what it means.
package confirm

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
)

// Grace is how long a new confirmation ignores keys. It is measured on
// the session's clock (common.Common.Now), so tests advance their clock
// instead of sleeping.
const Grace = 400 * time.Millisecond

// Action is what a key did to the dialog.
type Action int

// The actions.
const (
	None   Action = iota // nothing: keep the dialog open
	Accept               // the typed confirmation: do it
	Cancel               // close the dialog; nothing is sent
)

// Spec is what a confirmation says.
type Spec struct {
	// Title is the question, e.g. "Deactivate 3 WAS schedules?".
	Title string
	// Lines say what is acted on, where, and what follows (display-safe).
	Lines []string
	// Verb completes the prompt "Type y to …", e.g. "deactivate".
	Verb string
}

// Model is an open confirmation.
type Model struct {
	spec   Spec
	c      common.Common
	opened time.Time
}

// New opens a confirmation now (on c's clock).
func New(c common.Common, s Spec) *Model {
	return &Model{spec: s, c: c, opened: c.Now()}
}

// Spec returns what the dialog says.
func (m *Model) Spec() Spec { return m.spec }

// Update answers a key.
func (m *Model) Update(msg tea.Msg) Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || m.c.Now().Sub(m.opened) < Grace {
		return None
	}
	switch {
	case key.Matches(k, m.c.Keys.Dialog.Confirm):
		return Accept
	case key.Matches(k, m.c.Keys.Dialog.Cancel):
		return Cancel
	}
	return None
}

// Help lists the dialog's keys.
func (m *Model) Help() []key.Binding {
	return []key.Binding{m.c.Keys.Dialog.Confirm, m.c.Keys.Dialog.Cancel}
}

// View renders the dialog in w×h cells: the question, as many lines as
// fit (the last one says how many were left out), and the prompt, which
// is always shown.
func (m *Model) View(w, h int) string {
	st := m.c.Styles.Dialog
	cut := func(s string) string { return ansi.Truncate(s, max(w, 0), "…") }
	verb := m.spec.Verb
	if verb == "" {
		verb = "confirm"
	}
	prompt := st.Prompt.Render(cut("Type " + m.c.Keys.Dialog.Confirm.Help().Key + " to " + verb + " · n, esc or enter cancels (default: No)"))
	out := []string{st.Title.Render(cut(m.spec.Title)), ""}
	room := h - len(out) - 2 // blank line and prompt
	lines := m.spec.Lines
	if len(lines) > room && room > 0 {
		lines = append(lines[:room-1:room-1], st.Note.Render("… "+present.Plural(len(m.spec.Lines)-room+1, "more line")))
	} else if room <= 0 {
		lines = nil
	}
	for _, l := range lines {
		out = append(out, cut(l))
	}
	out = append(out, "", prompt)
	if h > 0 && len(out) > h {
		out = out[len(out)-h:] // the prompt must stay visible
	}
	return strings.Join(out, "\n")
}

// Package form is the one editor of qsched: a huh form, its review and the
// typed confirmation, with the same keys wherever it is used (the
// script-schedule builder, the WAS notification update):
//
//   - huh moves between fields (enter/tab next, shift+tab back); the
//     footer shows the focused field's own keys (alt+enter new line, space
//     toggles, / filters, ←/→ yes/no);
//   - ctrl+s, or finishing the last field, goes to the review;
//   - the review scrolls (↑/↓), s asks for the typed confirmation, b goes
//     back to the form with every value kept;
//   - esc leaves: the owner keeps a draft or asks before discarding.
//
// The editor owns no values: huh binds them to the owner's struct, the
// owner renders the review and sends. Update returns an Action the owner
// acts on (Leave, Send), as crush's dialogs do.
package form

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/scroll"
	"github.com/qsched/qsched/ui/safe"
)

// Stage is where the editor is.
type Stage int

// The stages, in order.
const (
	Editing Stage = iota
	Reviewing
	Confirming
	Sending
)

// Action is what the owner must do after Update.
type Action int

// The actions.
const (
	None  Action = iota
	Leave        // esc: close the editor (keep a draft, or ask first)
	Send         // the write was confirmed: send it, then call Sent
)

// Spec is what the owner provides.
type Spec struct {
	// Owner is the screen the form's own commands report to.
	Owner common.ScreenID
	// Build builds the form bound to the owner's values. It is called
	// again when the user goes back from the review.
	Build func() *huh.Form
	// Edited runs after each key the form handled (re-validate, save a
	// draft); its command, if any, is run.
	Edited func() tea.Cmd
	// OnReview runs when the review opens (re-validate, check on the
	// platform); its command, if any, is run. Optional.
	OnReview func() tea.Cmd
	// Review is the review's content (display-safe), read when the review
	// opens and when Refresh is called.
	Review func() string
	// Blocked says why the write cannot be sent now ("" when it can).
	Blocked func() string
	// Confirm is the confirmation shown before sending.
	Confirm func() confirm.Spec
	// Reopen names the field the form opens on when the user goes back
	// from the review (b): the first with a problem ("" for the first
	// field), and the form's field keys in order (seek.go). Optional.
	Reopen func() (key string, order []string)
}

// Model is an open editor. Use it through a pointer.
type Model struct {
	c       common.Common
	spec    Spec
	form    *huh.Form
	stage   Stage
	vp      viewport.Model
	dialog  *confirm.Model
	note    string // why s did nothing, or the outcome of a failed send
	noteBad bool
	w, h    int
}

// doneMsg is the form's SubmitCmd: the last field was left forward.
type doneMsg struct{}

// New opens the editor on its form.
func New(c common.Common, s Spec) *Model {
	m := &Model{c: c, spec: s, vp: scroll.New(c, c.Width, c.Height)}
	m.form = m.build()
	m.SetSize(c.Width, c.Height)
	return m
}

func (m *Model) build() *huh.Form {
	f := m.spec.Build().WithShowHelp(false).WithKeyMap(KeyMap())
	f.SubmitCmd = func() tea.Msg { return doneMsg{} }
	f.CancelCmd = nil
	if m.w > 0 {
		f.WithWidth(m.w).WithHeight(max(m.h, 5))
	}
	return f
}

// Text is the multi-line field of qsched's forms: huh's, without its
// external editor (ctrl+e), which cannot work over SSH. huh enables the
// editor key from the field's own setting, whatever the key map says.
func Text() *huh.Text { return huh.NewText().ExternalEditor(false) }

// KeyMap is huh's key map as qsched uses it: the app owns ctrl+c, no
// external editor (it cannot work over SSH), and help texts that say what
// each field's own keys do.
func KeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit.SetEnabled(false)
	k.Text.Editor.SetEnabled(false)
	k.Text.NewLine.SetHelp("alt+enter", "new line")
	k.MultiSelect.Toggle.SetHelp("space", "toggle")
	k.MultiSelect.Filter.SetHelp("/", "filter")
	k.Select.Filter.SetHelp("/", "filter")
	k.Confirm.Toggle.SetHelp("←/→", "yes/no")
	return k
}

// Init starts the form.
func (m *Model) Init() tea.Cmd { return m.wrap(m.form.Init()) }

func (m *Model) wrap(cmd tea.Cmd) tea.Cmd { return common.Wrap(m.spec.Owner, cmd) }

// Stage is where the editor is.
func (m *Model) Stage() Stage { return m.stage }

// Form is the huh form (for the owner's focus tracking).
func (m *Model) Form() *huh.Form { return m.form }

// CapturesInput reports that keys must reach the editor: while a field
// has the focus and while the confirmation is open.
func (m *Model) CapturesInput() bool { return m.stage == Editing || m.stage == Confirming }

// SetSize sets the editor's area.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	if w > 0 {
		m.form.WithWidth(w).WithHeight(max(h, 5))
	}
	m.vp.SetWidth(max(w, 1))
	m.vp.SetHeight(max(h-1, 1))
}

// Update handles a message and says what the owner must do.
func (m *Model) Update(msg tea.Msg) (Action, tea.Cmd) {
	k := m.c.Keys.Form
	if _, ok := msg.(doneMsg); ok {
		return None, m.ToReview()
	}
	kp, isKey := msg.(tea.KeyPressMsg)
	switch m.stage {
	case Editing:
		if isKey {
			switch {
			case keyIs(kp, k.Leave) && !m.FieldTakes(kp): // not a select's esc closing its filter
				return Leave, nil
			case keyIs(kp, k.Review):
				return None, m.ToReview()
			}
		}
		cmd := m.wrap(m.update(msg))
		if isKey && m.spec.Edited != nil {
			edited := m.spec.Edited()
			// Edited may have changed descriptions (problems, hints):
			// huh lays the fields out in Update, so it is asked to again.
			cmd = tea.Batch(cmd, edited, m.wrap(m.update(redrawMsg{})))
		}
		return None, cmd
	case Reviewing:
		if isKey {
			switch {
			case keyIs(kp, k.Submit):
				if why := m.spec.Blocked(); why != "" {
					m.setNote(why, true)
					return None, nil
				}
				m.dialog, m.stage = confirm.New(m.c, m.spec.Confirm()), Confirming
				return None, nil
			case keyIs(kp, k.BackToForm):
				return None, m.ToForm()
			case keyIs(kp, k.Leave):
				return Leave, nil
			}
		}
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return None, cmd
	case Confirming:
		switch m.dialog.Update(msg) {
		case confirm.Accept:
			m.dialog, m.stage = nil, Sending
			m.setNote("", false)
			return Send, nil
		case confirm.Cancel:
			m.dialog, m.stage = nil, Reviewing
			m.setNote("Cancelled: nothing was sent.", false)
		}
	}
	return None, nil
}

func keyIs(msg tea.KeyPressMsg, b key.Binding) bool { return key.Matches(msg, b) }

func (m *Model) setNote(s string, bad bool) { m.note, m.noteBad = s, bad }

// ToReview shows the review, from the top.
func (m *Model) ToReview() tea.Cmd {
	m.stage = Reviewing
	m.setNote("", false)
	var cmd tea.Cmd
	if m.spec.OnReview != nil {
		cmd = m.spec.OnReview()
	}
	m.Refresh()
	m.vp.GotoTop()
	return cmd
}

// ToForm goes back to the form, every value kept, on the field Reopen
// names (the first field without it).
func (m *Model) ToForm() tea.Cmd {
	m.stage = Editing
	m.setNote("", false)
	m.form = m.build()
	cmd := m.form.Init()
	if m.spec.Reopen != nil {
		cmd = m.reopen(cmd)
	}
	return m.wrap(cmd)
}

// Refresh re-reads the review's content.
func (m *Model) Refresh() {
	if m.stage != Editing {
		scroll.SetText(&m.vp, m.spec.Review())
	}
}

// Sent ends a send that did not close the editor: back to the review
// with the outcome on top.
func (m *Model) Sent(note string, bad bool) {
	m.stage = Reviewing
	m.setNote(note, bad)
	m.Refresh()
}

// Help is the editor's keys for the footer: the focused field's own keys
// and the editor's, or the review's, or the dialog's.
func (m *Model) Help() []key.Binding {
	k := m.c.Keys
	switch m.stage {
	case Editing:
		return append(m.FieldHelp(), k.FormBindings()...)
	case Reviewing:
		return k.ReviewBindings()
	case Confirming:
		return m.dialog.Help()
	}
	return nil
}

// FieldHelp is the focused field's own keys (new line, toggle, filter,
// yes/no), without the moves the editor lists itself.
func (m *Model) FieldHelp() []key.Binding {
	if m.stage != Editing {
		return nil
	}
	k := m.c.Keys.Form
	var out []key.Binding
	for _, b := range m.form.KeyBinds() {
		if b.Enabled() && b.Help().Key != "" && !sameKeys(b, k.Next) && !sameKeys(b, k.Prev) {
			out = append(out, b)
		}
	}
	return out
}

// sameKeys reports whether b answers the first key of o (huh's own
// next/previous bindings duplicate the editor's).
func sameKeys(b, o key.Binding) bool {
	for _, x := range b.Keys() {
		for _, y := range o.Keys() {
			if x == y {
				return true
			}
		}
	}
	return false
}

// View renders the editor's area (the owner adds its title line).
func (m *Model) View() string {
	switch m.stage {
	case Editing:
		return visible(m.form.View())
	case Confirming:
		return m.dialog.View(m.w, m.h)
	}
	st := m.c.Styles
	var head string
	switch {
	case m.stage == Sending:
		head = st.Warn.Render("Sending…")
	case m.note != "" && m.noteBad:
		head = st.Error.Render(ansi.Truncate(m.note, max(m.w, 1), "…"))
	case m.note != "":
		head = st.Muted.Render(ansi.Truncate(m.note, max(m.w, 1), "…"))
	}
	return head + "\n" + m.vp.View()
}

// visible shows the rendered huh form with every rune that safe escapes
// written as its escape, except the newlines between lines and the ESC
// of the form's own styling. The text fields drop C0 and C1 controls from
// their values but keep format characters (bidi overrides and isolates,
// zero-width space and joiner) and U+2028, and huh prints descriptions
// as given, which may quote server text (the duplicate-title refusal).
func visible(s string) string {
	if !strings.ContainsFunc(s, escaped) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	for _, r := range s {
		if escaped(r) {
			b.WriteString(safe.Text(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func escaped(r rune) bool { return r != '\n' && r != 0x1b && safe.Escaped(r) }

package was

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// The notification update form (u): the shared editor
// (ui/components/form) over a huh form of the schedule's name,
// notification and mail settings (update_form.go), its review and
// confirmation (update_review.go), and the save, which reads the schedule
// back so the row shows what the server stored.

type formLoad struct{ S model.WasScanSchedule }

// formLoadMsg is the get call that fills the update form.
type formLoadMsg = task.DoneMsg[formLoad]

type saved struct {
	ID int64
	S  model.WasScanSchedule // as read back after the update
	// Stored: the server accepted the update (S may still be missing if
	// reading it back failed).
	Stored bool
	// Unknown: the update may have reached the server but no answer came.
	Unknown bool
	// Reread: S is the re-read after an unknown outcome.
	Reread bool
}

// savedMsg is the result of saveCmd (and of the re-read after an unknown
// outcome).
type savedMsg = task.DoneMsg[saved]

// updateForm edits one schedule's name, notification and mail settings.
type updateForm struct {
	id int64

	before wasValues  // the visible form of the values read
	v      *wasValues // the values, bound to the huh fields
	hints  []hint

	update   model.WasScanSchedule // what s sends: only the changed fields
	problems model.ValidationErrors

	editorState // the editor (nil while loading) and its discard question
}

func (m *Model) openForm() tea.Cmd {
	r := m.cursorRow()
	if r == nil || m.Client == nil || m.busy() {
		return nil
	}
	m.form, m.mode = &updateForm{id: r.id}, modeForm
	w, id := m.Client.WAS, r.id
	return task.Run(m.ID(), m.fetch.Next(), fmt.Sprintf("Getting WAS schedule %d", id), func(ctx context.Context) (formLoad, error) {
		s, err := w.Get(ctx, id)
		return formLoad{s}, err
	})
}

func (m *Model) onFormLoad(msg formLoadMsg) tea.Cmd {
	f := m.form
	if !m.fetch.Current(msg.Task) || f == nil || f.ed != nil {
		return nil
	}
	if msg.Err != nil {
		f.err = safe.Line(msg.Err.Error(), 0)
		return nil
	}
	f.before = valuesOf(msg.Value.S)
	v := f.before
	f.v = &v
	f.open(m.Common, m.formArea, form.Spec{
		Owner:   m.ID(),
		Build:   f.build,
		Edited:  func() tea.Cmd { f.describe(); return nil },
		Review:  f.review,
		Blocked: f.blocked,
		Confirm: func() confirm.Spec { return f.confirmSpec(m.opts.Platform) },
		Reopen:  f.firstProblem,
	})
	return f.ed.Init()
}

// formArea is the editor's size: the screen less the form's heading.
func (m *Model) formArea() (int, int) { return max(m.Width, 1), max(m.Height-1, 1) }

// updateForm handles a key while the form is open.
func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd { return m.formMsg(msg) }

// formMsg handles any message for the open form: keys, and the huh
// form's own messages (focus moves, cursor blinks).
func (m *Model) formMsg(msg tea.Msg) tea.Cmd {
	f := m.form
	if f == nil {
		return nil
	}
	switch msg.(type) {
	case cursor.BlinkMsg:
		// Like textentry's, the form's cursor does not blink: an idle form
		// sends no messages and its frames stay stable (goldens, waits).
		return nil
	}
	kp, isKey := msg.(tea.KeyPressMsg)
	if f.ed == nil { // loading, or the load failed
		if isKey && key.Matches(kp, m.Keys.Form.Leave) {
			m.closeForm("Update cancelled: nothing was sent.")
		}
		return nil
	}
	if f.discard != nil && isKey {
		if f.discardKey(kp, m.Now()) {
			m.closeForm(fmt.Sprintf("Changes to WAS schedule %d discarded: nothing was sent.", f.id))
		}
		return nil
	}
	f.fit(m.formArea())
	act, cmd := f.ed.Update(msg)
	if _, ok := msg.(tea.PasteMsg); ok {
		f.describe() // the editor re-checks after keys only
	}
	switch act {
	case form.Leave:
		if f.changed() {
			f.askDiscard(m.Common, f.discardSpec())
			return cmd
		}
		m.closeForm("Update cancelled: nothing was sent.")
		return nil
	case form.Send:
		f.recheck()
		return tea.Batch(cmd, m.saveCmd(f.id, f.update))
	}
	return cmd
}

func (m *Model) closeForm(note string) {
	m.form, m.mode = nil, modeList
	m.setNote(note, false)
}

// saveCmd sends the update, then reads the schedule back so the row shows
// what the server stored.
func (m *Model) saveCmd(id int64, p model.WasScanSchedule) tea.Cmd {
	m.writing = fmt.Sprintf("Updating WAS schedule %d", id)
	w := m.Client.WAS
	return task.Run(m.ID(), 0, m.writing, func(ctx context.Context) (saved, error) {
		if err := w.Update(ctx, id, p); err != nil {
			return saved{ID: id, Unknown: !refused(err)}, err
		}
		s, err := w.Get(ctx, id)
		if err != nil {
			return saved{ID: id, Stored: true}, fmt.Errorf("saved, but reading it back failed: %w", err)
		}
		return saved{ID: id, S: s, Stored: true}, nil
	})
}

// refused reports an update error after which the update is known not to
// be stored: the server answered with an error, or the client never sent
// it. Anything else (no answer: network error, cancellation) leaves the
// outcome unknown.
func refused(err error) bool {
	var ce *client.Error
	return (errors.As(err, &ce) && ce.Status != 0) || errors.Is(err, client.ErrAuth) || errors.Is(err, client.ErrReadOnly)
}

// rereadCmd reads a schedule again after an update of unknown outcome.
func (m *Model) rereadCmd(id int64) tea.Cmd {
	w := m.Client.WAS
	return task.Run(m.ID(), 0, fmt.Sprintf("Reloading WAS schedule %d", id), func(ctx context.Context) (saved, error) {
		s, err := w.Get(ctx, id)
		return saved{ID: id, S: s, Reread: true}, err
	})
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	v, err := msg.Value, msg.Err
	if v.Reread {
		if err != nil {
			m.setNote(fmt.Sprintf("Outcome of the update of %d unknown; reloading it failed: %s", v.ID, safe.Line(err.Error(), 0)), true)
			return nil
		}
		r := m.replaceRow(v.S)
		m.setNote(fmt.Sprintf("Outcome of the update of %d was unknown; the row shows what the server has now (%s).", r.id, r.name), true)
		return m.refilter()
	}
	m.writing = ""
	f := m.form
	if f != nil && f.id == v.ID && f.ed != nil && err != nil && !v.Stored && !v.Unknown {
		// Refused: back to the review, every value kept.
		f.ed.Sent("Update failed: "+safe.Line(err.Error(), 0)+" — nothing was stored.", true)
		return nil
	}
	if f != nil && f.id == v.ID {
		m.form, m.mode = nil, modeList
	}
	switch {
	case v.Unknown:
		m.setNote(fmt.Sprintf("Update of %d: outcome unknown: %s; reloading schedule %d", v.ID, safe.Line(err.Error(), 0), v.ID), true)
		return m.rereadCmd(v.ID)
	case err != nil:
		m.setNote(fmt.Sprintf("Update of %d: %s", v.ID, safe.Line(err.Error(), 0)), true)
		return nil
	}
	r := m.replaceRow(v.S)
	m.setNote(fmt.Sprintf("Saved WAS schedule %d (%s).", r.id, r.name), false)
	return m.refilter()
}

// replaceRow shows s in its row.
func (m *Model) replaceRow(s model.WasScanSchedule) *row {
	r := newRow(s)
	if i, ok := m.index[r.id]; ok {
		m.rows = slices.Clone(m.rows)
		m.rows[i] = r
	}
	m.sel.Rename(r.id, r.name)
	return r
}

// view renders the form: a heading, then the editor or the discard
// question.
func (f *updateForm) view(st *common.Styles, w, h int) string {
	return f.editorView(st, fmt.Sprintf("Update WAS schedule %d", f.id), func() string { return shown(f.before.Name, 0) }, f.focusStep, w, h)
}

// formHelp is the update form's keys: the focused field's own and the
// editor's, or the review's, or a dialog's.
func (m *Model) formHelp() []key.Binding {
	if f := m.form; f != nil {
		return f.help(m.Keys.Form.Leave)
	}
	return nil
}

package scriptform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
)

// Owner is the screen the builder's tasks report to.
const Owner = common.ScriptsScreen

// Options configure a builder.
type Options struct {
	Catalog []CatalogScript
	// SaveDraft keeps a half-filled form (nil: drafts are not kept);
	// DeleteDraft drops it after a successful submit.
	SaveDraft   func(Draft) error
	DeleteDraft func() error
	// StepMarker shows a token that changes completely whenever the focus
	// moves, so end-to-end tests can wait for each move (huh moves focus
	// through commands; cell-diff rendering writes only changed cells).
	StepMarker bool
}

type state int

const (
	editing state = iota
	reviewing
	confirming
	submitting
	done
)

// Messages the builder's tasks return.
type (
	// TitleCheckMsg is the result of the uniqueness search.
	TitleCheckMsg = task.DoneMsg[[]model.CARSearchItem]
	// CreatedMsg is the result of the submit: the new schedule's id.
	CreatedMsg = task.DoneMsg[string]
)

// ClosedMsg tells the parent screen that the user left the builder.
type ClosedMsg struct{}

// SubmittedMsg tells the parent screen a schedule was created.
type SubmittedMsg struct{ ID, Title string }

// Model is the builder: the form, the review, the confirmation and the
// submit. Use it through a pointer.
type Model struct {
	c     common.Common
	opts  Options
	draft *Draft
	form  *huh.Form
	descs []described
	saves *orderedSaves
	state state
	vp    viewport.Model

	sched    model.ScriptSchedule
	loc      *time.Location
	problems model.ValidationErrors

	gen        task.Gen
	titleState string // result of the uniqueness search, for the review
	titleTaken bool
	dupTitle   string // the title the server refused as a duplicate
	dupMsg     string
	submitErr  string
	createdID  string

	focus string // group and field that have the focus
	steps int    // focus moves so far
}

// New opens the builder on d (a fresh NewDraft or a restored one).
func New(c common.Common, opts Options, d Draft) *Model {
	m := &Model{c: c, opts: opts, draft: &d, saves: &orderedSaves{write: opts.SaveDraft}}
	m.vp = viewport.New()
	m.vp.SoftWrap = true
	m.form = m.newForm()
	m.trackFocus()
	return m
}

func (m *Model) now() time.Time { return m.c.Now() }

func (m *Model) recheck() {
	m.sched, m.loc, m.problems = m.draft.Check(m.opts.Catalog, m.now())
	if m.dupTitle != "" && strings.EqualFold(strings.TrimSpace(m.draft.Title), m.dupTitle) {
		m.problems = append(m.problems, model.FieldError{Field: "title", Problem: m.dupMsg})
	}
}

func (m *Model) newForm() *huh.Form {
	f, descs := buildForm(m.draft, m.opts.Catalog)
	m.descs = descs
	f.SubmitCmd = func() tea.Msg { return formDoneMsg{} }
	f.CancelCmd = func() tea.Msg { return ClosedMsg{} }
	m.sizeForm(f)
	m.recheck()
	m.describe()
	return f
}

// describe shows each field's problems beside it (or its hint).
func (m *Model) describe() {
	for _, d := range m.descs {
		text := d.hint
		if p := fieldProblems(m.problems, d.prefixes...); p != "" {
			text = "✗ " + p
		}
		d.set(text)
	}
}

type formDoneMsg struct{}

// closeCmd tells the parent screen, wherever the user is, that the builder
// is closed.
var closeCmd = common.Wrap(Owner, func() tea.Msg { return ClosedMsg{} })

func (m *Model) sizeForm(f *huh.Form) {
	if m.c.Width > 0 {
		f.WithWidth(m.c.Width).WithHeight(max(m.c.Height-2, 5))
	}
}

// Init starts the form.
func (m *Model) Init() tea.Cmd { return m.wrap(m.form.Init()) }

// wrap routes the form's own commands back to this screen after a switch.
func (m *Model) wrap(cmd tea.Cmd) tea.Cmd { return common.Wrap(Owner, cmd) }

// SetSize resizes the form and the review.
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	m.sizeForm(m.form)
	m.vp.SetWidth(w)
	m.vp.SetHeight(max(h-2, 1))
	m.refreshReview()
}

// ShortHelp lists the builder's keys for the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.state {
	case reviewing:
		return []key.Binding{k.Form.Submit, k.Form.BackToForm, k.List.Up, k.List.Down}
	case confirming:
		return []key.Binding{k.Dialog.Confirm}
	case done:
		return []key.Binding{k.Form.BackToForm}
	}
	return nil
}

// Draft returns the input so far.
func (m *Model) Draft() Draft { return *m.draft }

// Dirty reports input that a quit would lose: anything typed and not yet
// submitted.
func (m *Model) Dirty() bool { return m.state != done && !m.draft.Empty() }

// CapturesInput is true while the form has focus.
func (m *Model) CapturesInput() bool { return m.state == editing }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	defer m.trackFocus()
	switch msg := msg.(type) {
	case formDoneMsg:
		return m.toReview()
	case TitleCheckMsg:
		if !m.gen.Current(msg.Task) {
			return nil // a check of an older title
		}
		m.titleTaken = false
		switch {
		case msg.Err != nil:
			m.titleState = "could not check the title: " + common.Line(msg.Err.Error(), 0) + " (the server still decides)"
		case len(msg.Value) > 0:
			m.titleTaken = true
			m.titleState = fmt.Sprintf("✗ a schedule with this title exists (id %s): press b to change it", common.Line(msg.Value[0].ID, 0))
		default:
			m.titleState = "✓ no schedule has this title yet"
		}
		m.refreshReview()
		return nil
	case CreatedMsg:
		return m.created(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	if m.state == editing {
		return m.updateForm(msg)
	}
	if m.state == reviewing {
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.Update(msg)
	if ff, ok := f.(*huh.Form); ok {
		m.form = ff
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		// Only keys change values; blinks and focus steps do not.
		m.recheck()
		m.describe()
	}
	return m.wrap(cmd)
}

// trackFocus counts moves of the focus: between fields, and between the
// form, the review, the confirmation and the result.
func (m *Model) trackFocus() {
	focus := fmt.Sprint(m.state)
	if fld := m.form.GetFocusedField(); m.state == editing && fld != nil {
		focus += fld.GetKey()
	}
	if focus != m.focus {
		m.focus = focus
		m.steps++
	}
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	switch m.state {
	case editing:
		if key.Matches(msg, k.Form.Leave) {
			return tea.Batch(m.saveDraft(), closeCmd)
		}
		return tea.Batch(m.updateForm(msg), m.saveDraft())
	case reviewing:
		switch {
		case key.Matches(msg, k.Form.Submit):
			if len(m.problems) > 0 || m.titleTaken {
				return nil
			}
			m.state = confirming
			m.submitErr = ""
			return nil
		case key.Matches(msg, k.Form.BackToForm):
			return m.toForm()
		case key.Matches(msg, k.Form.Leave):
			return tea.Batch(m.saveDraft(), closeCmd)
		}
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return cmd
	case confirming:
		if key.Matches(msg, k.Dialog.Confirm) {
			return m.submit()
		}
		m.state = reviewing // anything else is No
		return nil
	case done:
		if key.Matches(msg, k.Form.Leave) || key.Matches(msg, k.Form.BackToForm) || msg.String() == "enter" {
			return closeCmd
		}
	}
	return nil
}

// toForm goes back to the form with every value kept, on the first field
// (the title).
func (m *Model) toForm() tea.Cmd {
	m.state = editing
	m.form = m.newForm()
	m.trackFocus()
	return m.wrap(m.form.Init())
}

func (m *Model) toReview() tea.Cmd {
	m.state = reviewing
	m.recheck()
	m.titleTaken = false
	m.titleState = ""
	m.vp.SetYOffset(0)
	m.refreshReview()
	var cmd tea.Cmd
	if m.c.Client != nil && strings.TrimSpace(m.draft.Title) != "" {
		m.titleState = "checking the title…"
		title := m.draft.Title
		cl := m.c.Client
		cmd = task.Run(Owner, m.gen.Next(), "Checking the title", func(ctx context.Context) ([]model.CARSearchItem, error) {
			return cl.Scripts.FindByTitle(ctx, title)
		})
	}
	m.refreshReview()
	return tea.Batch(cmd, m.saveDraft())
}

func (m *Model) submit() tea.Cmd {
	m.state = submitting
	s, cl := m.sched, m.c.Client
	if cl == nil {
		m.state = reviewing
		m.submitErr = "no connection to the platform"
		return nil
	}
	return task.Run(Owner, m.gen.Next(), "Creating the schedule", func(ctx context.Context) (string, error) {
		return cl.Scripts.CreateSchedule(ctx, s)
	})
}

func (m *Model) created(msg CreatedMsg) tea.Cmd {
	if !m.gen.Current(msg.Task) || m.state != submitting {
		return nil
	}
	switch {
	case msg.Err == nil:
		m.state = done
		m.createdID = msg.Value
		var cmds []tea.Cmd
		if m.opts.DeleteDraft != nil {
			del := m.opts.DeleteDraft
			cmds = append(cmds, func() tea.Msg { _ = del(); return nil })
		}
		id, title := msg.Value, m.sched.Title
		return tea.Batch(append(cmds, common.Wrap(Owner, func() tea.Msg { return SubmittedMsg{ID: id, Title: title} }))...)
	case errors.Is(msg.Err, client.ErrDuplicateTitle):
		// Back to the title with everything else kept and the server's
		// words beside the field.
		var e *client.Error
		m.dupMsg = "the server refused it: " + msg.Err.Error()
		if errors.As(msg.Err, &e) {
			m.dupMsg = "the server refused it: " + e.Message
		}
		m.dupTitle = strings.TrimSpace(m.draft.Title)
		return m.toForm()
	}
	m.state = reviewing
	m.submitErr = common.Line(msg.Err.Error(), 0) + " — not retried automatically; check the list before trying again"
	m.refreshReview()
	return nil
}

// saveDraft returns a command that saves the draft as it is now. Commands
// run concurrently, so the saver drops a save older than one already
// written: a slow early save never overwrites a later one.
func (m *Model) saveDraft() tea.Cmd {
	if m.opts.SaveDraft == nil || m.draft.Empty() {
		return nil
	}
	m.saves.seq++
	d, seq, sv := *m.draft, m.saves.seq, m.saves
	return func() tea.Msg { sv.save(seq, d); return nil }
}

// orderedSaves serialises draft saves and keeps only the newest.
type orderedSaves struct {
	write func(Draft) error
	seq   uint64 // last handed out (event loop only)

	mu      sync.Mutex
	written uint64
}

func (o *orderedSaves) save(seq uint64, d Draft) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if seq <= o.written {
		return
	}
	o.written = seq
	_ = o.write(d)
}

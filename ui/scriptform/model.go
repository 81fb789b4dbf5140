package scriptform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/components/picker"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Owner is the screen the builder's tasks report to.
const Owner = common.ScriptsScreen

// Options configure a builder.
type Options struct {
	// SaveDraft keeps a half-filled form (nil: drafts are not kept);
	// DeleteDraft drops it after a successful submit.
	SaveDraft   func(Draft) error
	DeleteDraft func() error
	// Edit, when set, edits that schedule instead of creating one.
	Edit *Edit
	// Platform labels where the write goes in the confirmation, e.g.
	// "US1" or "demo (127.0.0.1:8787)". Default: the gateway's host.
	Platform string
}

// Messages the builder's tasks return.
type (
	// TitleCheckMsg is the result of the uniqueness search.
	TitleCheckMsg = task.DoneMsg[[]model.CARSearchItem]
	// CreatedMsg is the result of the submit: the new schedule's id, and
	// whether a search found it after the answer was lost.
	CreatedMsg = task.DoneMsg[client.Created[string]]
)

// ClosedMsg tells the parent screen that the user left the builder.
type ClosedMsg struct{}

// SubmittedMsg tells the parent screen a schedule was created.
type SubmittedMsg struct {
	ID, Title string
	Updated   bool // an edit replaced schedule ID
}

// Model is the builder: the shared editor (form, review, confirmation)
// bound to a Draft, the title check and the submit. Use it through a
// pointer.
type Model struct {
	c     common.Common
	opts  Options
	draft *Draft
	ed    *form.Model
	descs []described
	saves *orderedSaves
	done  bool

	sched    model.ScriptSchedule
	problems model.ValidationErrors

	gen        task.Gen
	titleState string // result of the uniqueness search, for the review
	titleTaken bool
	dupTitle   string // the title the server refused as a duplicate
	dupMsg     string
	// checkedTitle is the title the last uniqueness search looked for.
	checkedTitle string
	createdID    string
	// visited are the fields the focus has left; showAll shows every
	// field's problems (a draft with input, or once reviewed).
	visited   map[string]bool
	lastFocus string
	left      string // the field the focus last left
	showAll   bool
	doneNote  string // how the submit was known to succeed, when not by its answer

	// The open picker (nil: the form has the keys), the field it fills
	// and what it had selected when it opened.
	pick       *picker.Model
	pickField  string
	pickBefore []picker.Row
	reload     reloads
	// labels names picked targets and scripts by their key ("UUID id",
	// or the script id): shown in hints and the review, not saved.
	labels map[string]string
	// scriptNote says why the script search is not offered ("" while
	// it may be).
	scriptNote string
	// seek takes a rebuilt form to its first field with a problem.
	seek *seek
}

// New opens the builder on d (a fresh NewDraft or a restored one).
func New(c common.Common, opts Options, d Draft) *Model {
	if d.ScriptChoice != "" && d.ScriptChoice != OtherScript && strings.TrimSpace(d.ScriptID) == "" {
		d.ScriptID = d.ScriptChoice // saved when the builder had a built-in catalog
	}
	d.ScriptChoice = ""
	if d.MonthlyKind == "" {
		d.MonthlyKind = model.MonthlyDateOfMonthJob // the only kind: no field offers it
	}
	m := &Model{c: c, opts: opts, draft: &d, saves: &orderedSaves{write: opts.SaveDraft}, labels: map[string]string{},
		// A draft with input (restored, edited, cloned) shows every
		// problem at once; a new one shows a field's problems once the
		// user has left it (or at the review), not before typing.
		visited: map[string]bool{}, showAll: !d.Empty(), seek: newSeek()}
	for k, name := range d.Names {
		m.labels[k] = name
	}
	m.ed = form.New(c, form.Spec{
		Owner:    Owner,
		Build:    m.buildForm,
		Edited:   m.edited,
		OnReview: m.onReview,
		Review:   m.reviewText,
		Blocked:  m.blocked,
		Confirm:  m.confirmSpec,
	})
	return m
}

func (m *Model) now() time.Time { return m.c.Now() }

func (m *Model) recheck() {
	m.sched, m.problems = m.check()
	if m.dupTitle != "" && strings.EqualFold(strings.TrimSpace(m.draft.Title), m.dupTitle) {
		m.problems = append(m.problems, model.FieldError{Field: "title", Problem: m.dupMsg})
	}
}

func (m *Model) buildForm() *huh.Form {
	f, descs, rl := buildForm(m.draft, hints{script: m.scriptHint, targets: m.targetHint}, m.seek)
	m.descs, m.reload = descs, rl
	m.recheck()
	m.describe()
	// Back from the review, or a draft with input: the form opens on the
	// first field with a problem.
	m.seek.start("")
	if m.showAll {
		k, _ := firstProblem(m.problems, m.descs, m.seek.order)
		m.seek.start(k)
	}
	return f
}

// edited re-validates after a key and saves the draft.
func (m *Model) edited() tea.Cmd {
	m.recheck()
	m.trackFocus()
	m.describe()
	return m.saveDraft()
}

// trackFocus marks the field the focus just left as visited, so that its
// problems show from now on; it reports whether one was.
func (m *Model) trackFocus() bool {
	if m.ed.Stage() != form.Editing {
		return false
	}
	f := m.ed.Form().GetFocusedField()
	if f == nil || f.GetKey() == m.lastFocus {
		return false
	}
	left := m.lastFocus
	m.lastFocus = f.GetKey()
	m.left = left
	if left == "" || m.visited[left] {
		return false
	}
	m.visited[left] = true
	return true
}

// describe shows each field's problems on its label's line, and its hint
// under it (what the field wants, or how to pick).
func (m *Model) describe() {
	for _, d := range m.descs {
		p := ""
		if m.showAll || m.visited[d.key] {
			p = asLabels(fieldProblems(m.problems, d.prefixes...), m.descs)
		}
		title := d.title
		if p != "" {
			title += "  " + m.c.Styles.Error.Render("✗ "+p)
		}
		d.retitle(title)
		d.set(d.hint())
	}
}

// closeCmd tells the parent screen, wherever the user is, that the builder
// is closed.
func closeCmd() tea.Msg { return common.ScreenMsg{To: Owner, Msg: ClosedMsg{}} }

// Init starts the form.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.ed.Init(), m.step()) }

// SetSize resizes the editor (the builder's own line is on top).
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	m.ed.SetSize(w, max(h-2, 1))
	m.ed.Refresh()
	if m.pick != nil {
		m.pick.SetSize(w, max(h-2, 1))
	}
}

// ShortHelp lists the builder's keys for the current step.
func (m *Model) ShortHelp() []key.Binding {
	if m.done {
		return []key.Binding{m.c.Keys.Form.BackToForm}
	}
	if m.pick != nil {
		return m.pick.Help()
	}
	if m.ed.Stage() == form.Editing && m.pickable() != "" {
		return append([]key.Binding{m.c.Keys.Form.Pick}, m.ed.Help()...) // first: the footer may cut the end
	}
	return m.ed.Help()
}

// FullHelp groups the builder's keys for the help screen.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	if m.done {
		return [][]key.Binding{{k.Form.BackToForm}}
	}
	p := k.Picker
	return [][]key.Binding{m.ed.FieldHelp(), append(k.FormBindings(), k.Form.Pick), k.ReviewBindings(),
		{p.Up, p.Down, p.Switch, p.Toggle, p.Choose, p.Cancel}, {k.Dialog.Confirm, k.Dialog.Cancel}}
}

// Draft returns the input so far.
func (m *Model) Draft() Draft { return *m.draft }

// Focus names where the user is: the stage, and the field with the focus
// while editing.
func (m *Model) Focus() string {
	if m.done {
		return "done"
	}
	f := fmt.Sprint(m.ed.Stage())
	if m.pick != nil {
		// Each answer taken is a step: flows wait for it.
		return fmt.Sprintf("%s:picker:%s:%d", f, m.pickField, m.pick.Answers())
	}
	if fld := m.ed.Form().GetFocusedField(); m.ed.Stage() == form.Editing && fld != nil {
		f += ":" + fld.GetKey()
	}
	return f
}

// Dirty reports input that a quit would lose: anything typed and not yet
// submitted.
func (m *Model) Dirty() bool { return !m.done && !m.draft.Empty() }

// CapturesInput is true while a field or the confirmation has the keys.
func (m *Model) CapturesInput() bool { return !m.done && (m.pick != nil || m.ed.CapturesInput()) }

// pickable is the focused field when it has a picker ("" otherwise).
func (m *Model) pickable() string {
	if fld := m.ed.Form().GetFocusedField(); fld != nil {
		if kind, ok := pickKinds[fld.GetKey()]; ok && (kind != "script" || m.scriptNote == "") {
			return fld.GetKey() // not the script once its search was refused
		}
	}
	return ""
}

// Update handles one message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case TitleCheckMsg:
		m.onTitleCheck(msg)
		return nil
	case CreatedMsg:
		return m.created(msg)
	case UpdatedMsg:
		return m.updated(msg)
	case picker.ResultMsg, picker.DebounceMsg:
		if m.pick == nil {
			return nil // for a picker since closed
		}
		return m.updatePicker(msg)
	case tea.KeyPressMsg, tea.PasteMsg:
		if m.pick != nil {
			return m.updatePicker(msg)
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && !m.done && m.ed.Stage() == form.Editing && key.Matches(k, m.c.Keys.Form.Pick) {
			if f := m.pickable(); f != "" {
				return m.openPicker(f)
			}
		}
	}
	if m.done {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			ks := m.c.Keys
			if key.Matches(k, ks.Global.Back, ks.Form.BackToForm, ks.List.Details) {
				return closeCmd
			}
		}
		return nil
	}
	// The field focused now is the one a move during this message leaves
	// (the editor moves at once on enter and tab: form.settle).
	m.left = ""
	if f := m.ed.Form().GetFocusedField(); m.ed.Stage() == form.Editing && f != nil {
		m.lastFocus = f.GetKey()
	}
	act, cmd := m.ed.Update(msg)
	if m.ed.Stage() == form.Editing {
		cmd = tea.Batch(cmd, m.step())
	}
	if m.trackFocus() { // a move that came as a message of its own
		m.describe()
	}
	if m.left == "title" {
		cmd = tea.Batch(cmd, m.checkTitle())
	}
	switch act {
	case form.Leave:
		return tea.Batch(cmd, m.saveDraft(), closeCmd)
	case form.Send:
		return tea.Batch(cmd, m.submit())
	default:
		return cmd
	}
}

func (m *Model) onTitleCheck(msg TitleCheckMsg) {
	if !m.gen.Current(msg.Task) {
		return // a check of an older title
	}
	msg.Value = m.others(msg.Value)
	m.titleTaken = false
	switch {
	case msg.Err != nil:
		m.titleState = "could not check the title: " + safe.Line(msg.Err.Error(), 0) + " (the server still decides)"
	case len(msg.Value) > 0:
		m.titleTaken = true
		id := safe.Line(msg.Value[0].ID, 0)
		m.titleState = fmt.Sprintf("✗ a schedule with this title exists (id %s): press b to change it", id)
		// Beside the title field too, for as long as the title is this one.
		m.dupTitle, m.dupMsg = strings.TrimSpace(m.checkedTitle), "a schedule with this title exists (id "+id+")"
	case m.editing() && strings.EqualFold(m.checkedTitle, strings.TrimSpace(m.opts.Edit.Original.Title)):
		m.titleState = "✓ unchanged: the schedule's own title, no other has it"
	default:
		m.titleState = "✓ no schedule has this title yet"
	}
	m.recheck()
	m.describe()
	m.ed.Refresh()
}

// checkTitle searches the platform for the title (the server decides in
// the end; this says so early): when the title field is left, and when
// the review opens.
func (m *Model) checkTitle() tea.Cmd {
	m.titleTaken, m.titleState = false, ""
	title := strings.TrimSpace(m.draft.Title)
	if m.c.Client == nil || title == "" {
		return nil
	}
	m.titleState, m.checkedTitle = "checking the title…", title
	cl := m.c.Client
	return task.Run(Owner, m.gen.Next(), "Checking the title", func(ctx context.Context) ([]model.CARSearchItem, error) {
		return cl.Scripts.FindByTitle(ctx, title)
	})
}

// onReview re-validates, checks the title on the platform and saves the
// draft when the review opens.
func (m *Model) onReview() tea.Cmd {
	m.showAll = true // from now on every problem shows beside its field
	m.recheck()
	return tea.Batch(m.checkTitle(), m.saveDraft())
}

// blocked says why the schedule cannot be submitted now.
func (m *Model) blocked() string {
	switch {
	case len(m.problems) > 0:
		// The first in form order is the one b goes to.
		_, first := firstProblem(m.problems, m.descs, m.seek.order)
		return fmt.Sprintf("Not sent: %s to fix first: %s — b goes to it.", present.Plural(len(m.problems), "problem"), labelled(first, m.descs))
	case m.titleTaken:
		return "Not sent: a schedule with this title exists (b goes back to the form)."
	case m.editing():
		return m.editBlocked()
	}
	return ""
}

func (m *Model) submit() tea.Cmd {
	if m.editing() {
		return m.submitUpdate()
	}
	s, cl := m.sched, m.c.Client
	return task.Run(Owner, m.gen.Next(), "Creating the schedule", func(ctx context.Context) (client.Created[string], error) {
		if cl == nil {
			return client.Created[string]{}, errors.New("not sent: no connection to the platform")
		}
		return cl.Scripts.CreateOutcome(ctx, s)
	})
}

func (m *Model) created(msg CreatedMsg) tea.Cmd {
	if !m.gen.Current(msg.Task) || m.ed.Stage() != form.Sending {
		return nil
	}
	switch {
	case msg.Err == nil:
		m.done = true
		m.createdID, m.doneNote = msg.Value.ID, msg.Value.Note()
		var cmds []tea.Cmd
		if m.opts.DeleteDraft != nil {
			del := m.opts.DeleteDraft
			cmds = append(cmds, func() tea.Msg { _ = del(); return nil })
		}
		id, title := msg.Value.ID, m.sched.Title
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
		return m.ed.ToForm()
	}
	m.ed.Sent(safe.Line(msg.Err.Error(), 0)+" — not retried automatically; check the list before trying again", true)
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

// Package scripts is the Script schedules screen: the existing schedules
// with their next run, and the builder (n) for a new one.
package scripts

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/task"
)

// Options configure the screen.
type Options struct {
	// Drafts keeps a half-filled form between runs; nil keeps none.
	Drafts *scriptform.DraftStore
	// User fills the builder's user name.
	User string
}

// Schedules is a loaded list; a named type so that ListMsg differs from
// the builder's title check, which also returns search items.
type Schedules []model.CARSearchItem

// ListMsg is the result of loading the schedules.
type ListMsg = task.DoneMsg[Schedules]

type draftMsg struct {
	saved scriptform.SavedDraft
	ok    bool
	err   error
}

// Screen lists the script schedules and hosts the builder.
type Screen struct {
	c    common.Common
	opts Options

	gen     task.Gen
	loading bool
	items   Schedules
	next    []time.Time // each item's next run, in the display zone; zero when none
	loadErr string
	table   *table.Model
	notice  string

	draft   *scriptform.SavedDraft // offered on the list
	builder *scriptform.Model
}

// New builds the screen.
func New(c common.Common, opts Options) *Screen {
	s := &Screen{c: c, opts: opts, table: table.For(c, columns)}
	s.table.SetRows(listRows{s})
	return s
}

// ID implements common.Screen.
func (s *Screen) ID() common.ScreenID { return common.ScriptsScreen }

// Title implements common.Screen.
func (s *Screen) Title() string { return "Script schedules" }

// Init loads the schedules and looks for a saved draft.
func (s *Screen) Init() tea.Cmd { return tea.Batch(s.loadCmd(), s.loadDraftCmd()) }

// Reload implements common.Reloader: the schedules again.
func (s *Screen) Reload() tea.Cmd { return s.loadCmd() }

func (s *Screen) loadCmd() tea.Cmd {
	cl := s.c.Client
	if cl == nil {
		return nil
	}
	s.loading = true
	return task.Run(s.ID(), s.gen.Next(), "Loading script schedules", func(ctx context.Context) (Schedules, error) {
		var out Schedules
		for it, err := range cl.Scripts.Schedules(ctx, "") {
			if err != nil {
				return out, err
			}
			out = append(out, it)
		}
		return out, nil
	})
}

func (s *Screen) loadDraftCmd() tea.Cmd {
	if s.opts.Drafts == nil {
		return nil
	}
	st := *s.opts.Drafts
	return common.Wrap(s.ID(), func() tea.Msg {
		sd, ok, err := st.Load()
		return draftMsg{sd, ok, err}
	})
}

// SetSize implements common.Screen.
func (s *Screen) SetSize(w, h int) {
	s.c.Width, s.c.Height = w, h
	s.table.SetSize(w, s.tableHeight())
	if s.builder != nil {
		s.builder.SetSize(w, h)
	}
}

// Dirty implements common.Screen: a half-filled builder.
func (s *Screen) Dirty() bool { return s.builder != nil && s.builder.Dirty() }

// CapturesInput implements common.Screen.
func (s *Screen) CapturesInput() bool { return s.builder != nil && s.builder.CapturesInput() }

// Status implements common.Screen.
func (s *Screen) Status() string {
	switch {
	case s.builder != nil:
		return "new script schedule"
	case s.loading:
		return "loading…"
	}
	if len(s.items) == 1 {
		return "1 schedule"
	}
	return fmt.Sprintf("%d schedules", len(s.items))
}

// Update implements common.Screen.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case ListMsg:
		if !s.gen.Current(msg.Task) {
			return s, nil // an older load
		}
		s.loading = false
		s.loadErr = ""
		if msg.Err != nil {
			s.loadErr = safe.Line(msg.Err.Error(), 0)
			return s, nil
		}
		s.items = msg.Value
		// Next runs are computed once per load, not on every render.
		s.next = make([]time.Time, len(s.items))
		for i, it := range s.items {
			s.next[i] = nextRun(it.Schedule, s.c.Loc(), s.c.Now())
		}
		s.table.SetRows(listRows{s})
		return s, nil
	case draftMsg:
		switch {
		case msg.err != nil:
			s.notice = "the saved draft could not be read: " + safe.Line(msg.err.Error(), 0)
		case msg.ok:
			s.draft = &msg.saved
		}
		return s, nil
	case scriptform.ClosedMsg:
		if s.builder != nil && s.builder.Dirty() {
			d := s.builder.Draft()
			s.draft = &scriptform.SavedDraft{SavedAt: s.c.Now(), Draft: d}
		}
		s.builder = nil
		return s, nil
	case scriptform.SubmittedMsg:
		s.notice = fmt.Sprintf("Created %q (%s).", msg.Title, msg.ID)
		s.draft = nil
		return s, s.loadCmd()
	}
	if s.builder != nil {
		return s, s.builder.Update(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return s, s.key(k)
	}
	return s, nil
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.List.New):
		return s.open(scriptform.NewDraft(s.c.Now(), s.opts.User))
	case s.draft != nil && key.Matches(msg, k.List.ContinueDraft) && k.List.New.Enabled():
		return s.open(s.draft.Draft)
	case s.draft != nil && key.Matches(msg, k.List.DiscardDraft):
		s.draft = nil
		if st := s.opts.Drafts; st != nil {
			return func() tea.Msg { _ = st.Delete(); return nil }
		}
	case key.Matches(msg, k.List.Refresh):
		return s.loadCmd()
	default:
		if s.table.Update(msg) {
			return nil
		}
		if what, ok := k.ReadOnlyHit(msg); ok {
			s.notice = "read-only: " + what + " is not available in this session; nothing was sent."
		}
	}
	return nil
}

func (s *Screen) open(d scriptform.Draft) tea.Cmd {
	s.notice = ""
	opts := scriptform.Options{}
	if st := s.opts.Drafts; st != nil {
		opts.SaveDraft, opts.DeleteDraft = st.Save, st.Delete
	}
	s.builder = scriptform.New(s.c, opts, d)
	s.builder.SetSize(s.c.Width, s.c.Height)
	return s.builder.Init()
}

// ShortHelp implements help.KeyMap.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.builder != nil {
		return s.builder.ShortHelp()
	}
	b := []key.Binding{k.List.New, k.List.Refresh, k.List.Up, k.List.Down}
	if s.draft != nil {
		b = append(b, k.List.ContinueDraft, k.List.DiscardDraft)
	}
	return b
}

// Focus names where the user is in the builder ("" on the list).
func (s *Screen) Focus() string {
	if s.builder == nil {
		return ""
	}
	return s.builder.Focus()
}

// FullHelp implements help.KeyMap.
func (s *Screen) FullHelp() [][]key.Binding {
	if s.builder != nil {
		return s.builder.FullHelp()
	}
	k := s.c.Keys.List
	return [][]key.Binding{s.c.Keys.NavBindings(), {k.New, k.Refresh, k.ContinueDraft, k.DiscardDraft}}
}

// nextRun is a schedule's next run shown in loc, or the zero time (none,
// or inactive).
func nextRun(sc model.ScriptSchedule, loc *time.Location, now time.Time) time.Time {
	runs, err := model.Upcoming(sc, loc, now, 1)
	if err != nil || len(runs) == 0 {
		return time.Time{}
	}
	return runs[0]
}

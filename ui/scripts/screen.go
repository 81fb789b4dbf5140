// Package scripts is the Script schedules screen: the existing schedules
// with their next run; the builder (n) for a new one, edit (e) and clone
// (c); details with the runs (enter); activate, deactivate and delete over
// the marked rows, and z to undo the last activate or deactivate (undo.go);
// a local filter (/) and the sort by next run (s).
package scripts

import (
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/export"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/present"
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
	// Platform labels where writes go in confirmations, e.g. "US1" or
	// "demo (127.0.0.1:8787)". Default: the gateway's host.
	Platform string
}

// Schedules is a loaded list; a named type so that ListMsg differs from
// the builder's title check, which also returns search items.
type Schedules []model.CARSearchItem

// ListMsg is the result of loading the schedules.
type ListMsg = task.DoneMsg[Schedules]

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

	drafts     []scriptform.SavedDraft // offered on the list, newest first (drafts.go)
	draftTable *table.Model            // the list of drafts (modeDrafts)
	builder    *scriptform.Model
	// draftID is the store's id of the new schedule's draft the builder
	// holds ("" for an edit or a clone, which keep none).
	draftID string
	kind    string // what the builder does: "new", "edit" or "clone"
	// editTitle is the title of the schedule edited or cloned.
	editTitle string

	mode     mode
	view     []int // the items shown, in order (filter, sort)
	query    string
	filterIn *textentry.Model
	sortBy   sortOrder
	sortDesc bool              // S: the order reversed
	marks    map[string]string // id → title
	// markOutcome is a marked row's marker after a write that did not
	// do it: common.GlyphFailed, or GlyphUnknown (sent, no answer, and
	// the re-read failed too).
	markOutcome map[string]string
	rng         *markRange // the range being marked (v), nil when none
	// markedOnly shows only the marked rows (M).
	markedOnly bool
	fetch      task.Gen // details reads
	details    *details
	dialog     *confirm.Model
	onYes      func() tea.Cmd
	dialogBack mode     // where the confirmation goes back to
	writing    string   // the write running, "" when none
	results    []string // the last write's result per schedule

	export *export.Prompt // the export's path prompt (E), nil when closed
}

type mode int

const (
	modeList mode = iota
	modeFilter
	modeDetails
	modeConfirm
	modeDrafts
)

// New builds the screen.
func New(c common.Common, opts Options) *Screen {
	s := &Screen{c: c, opts: opts, table: table.For(c, table.ZoneTitled(c, columns, colNext)), marks: map[string]string{}, markOutcome: map[string]string{}}
	s.table.Mark = s.markGlyph
	s.table.RowStyle = s.rowStyle
	s.table.SetRows(listRows{s})
	return s
}

// platformLine names the platform and the account a write goes to, in
// its confirmation, as the WAS screen does (needs a client).
func (s *Screen) platformLine() string {
	cfg := s.c.Client.Config()
	label := s.opts.Platform
	if label == "" {
		label = present.HostOf(cfg.GatewayURL)
	}
	return present.PlatformLine(label, cfg.Credentials.Username)
}

// ID implements common.Screen.
func (s *Screen) ID() common.ScreenID { return common.ScriptsScreen }

// Title implements common.Screen.
func (s *Screen) Title() string { return "Script schedules" }

// Init loads the schedules and looks for saved drafts.
func (s *Screen) Init() tea.Cmd { return tea.Batch(s.loadCmd(), s.loadDraftsCmd()) }

// Reload implements common.Reloader: the schedules again.
func (s *Screen) Reload() tea.Cmd { return s.loadCmd() }

func (s *Screen) loadCmd() tea.Cmd {
	cl := s.c.Client
	if cl == nil {
		return nil
	}
	s.loading = true
	return task.RunOn(s.ID(), "load", s.gen.Next(), "Loading script schedules", func(ctx context.Context) (Schedules, error) {
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

// SetSize implements common.Screen.
func (s *Screen) SetSize(w, h int) {
	s.c.Width, s.c.Height = w, h
	s.table.SetSize(w, s.tableHeight())
	if s.builder != nil {
		s.builder.SetSize(w, h)
	}
	s.renderDetails()
}

// Dirty implements common.Screen: a half-filled builder.
func (s *Screen) Dirty() bool { return s.builder != nil && s.builder.Dirty() }

// CapturesInput implements common.Screen: the builder's fields, the
// filter being typed and the confirmation take every key.
func (s *Screen) CapturesInput() bool {
	if s.builder != nil {
		return s.mode == modeConfirm || s.builder.CapturesInput()
	}
	return s.mode == modeFilter || s.mode == modeConfirm || s.export != nil
}

// Status implements common.Screen.
func (s *Screen) Status() string {
	switch {
	case s.builder != nil && s.kind != "new":
		return s.kind + " script schedule"
	case s.builder != nil:
		return "new script schedule"
	case s.writing != "":
		return s.writing + "…"
	case s.loading:
		return "loading…"
	}
	st := present.Plural(len(s.items), "schedule")
	if len(s.marks) > 0 {
		st += " · " + present.Count(len(s.marks)) + " marked · " + s.markerLegend()
	}
	if s.rng != nil {
		st += " · marking a range"
	}
	if s.markedOnly {
		st += " · marked only"
	}
	return st
}

// Update implements common.Screen.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.FocusScheduleMsg:
		return s, s.focus(msg)
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
		keep := s.cursorID()
		s.rng = nil // a range is over the rows it started on
		s.items, s.view = msg.Value, nil
		// Next runs are computed once per load, not on every render.
		s.next = make([]time.Time, len(s.items))
		for i, it := range s.items {
			s.next[i] = nextRun(it.Schedule, s.c.Loc(), s.c.Now())
		}
		s.keepMarks()
		s.refreshKeeping(keep)
		return s, nil
	case detailsMsg:
		s.onDetails(msg)
		return s, nil
	case runMsg:
		s.onRun(msg)
		return s, nil
	case bulkMsg:
		return s, s.onBulk(msg)
	case export.DoneMsg:
		s.onExported(msg)
		return s, nil
	case undoPlanMsg:
		s.onUndoPlan(msg)
		return s, nil
	case undoDoneMsg:
		return s, s.onUndo(msg)
	case draftsMsg:
		s.onDrafts(msg)
		return s, nil
	case scriptform.ClosedMsg:
		if s.builder != nil && s.draftID != "" && s.builder.Dirty() {
			s.keepDraft(s.draftID, s.builder.Draft())
		}
		s.builder, s.draftID = nil, ""
		return s, nil
	case scriptform.SubmittedMsg:
		if msg.Updated {
			s.notice = fmt.Sprintf("Updated %q (%s).", msg.Title, msg.ID)
			return s, s.loadCmd()
		}
		s.notice = fmt.Sprintf("Created %q (%s).", msg.Title, msg.ID)
		if s.draftID != "" {
			s.dropDraft(s.draftID) // the builder deleted its file
		}
		return s, s.loadCmd()
	}
	if s.builder != nil {
		if k, ok := msg.(tea.KeyPressMsg); ok && s.mode == modeConfirm {
			return s, s.answer(k)
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && s.builder.WouldDiscard(k, s.kind == "clone") {
			s.askDiscard()
			return s, nil
		}
		return s, s.builder.Update(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	if s.export != nil {
		return s, s.exportKey(k)
	}
	switch s.mode {
	case modeFilter:
		return s, s.typeFilter(k)
	case modeDetails:
		return s, s.updateDetails(k)
	case modeConfirm:
		return s, s.answer(k)
	case modeDrafts:
		return s, s.draftsKey(k)
	}
	return s, s.key(k)
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if cmd, ok := s.copyKey(msg); ok {
		return cmd
	}
	if !s.table.IsNav(msg) {
		// A message, and the last write's result lines, belong to the
		// action that made them: the next action's key clears them
		// (moving the cursor does not).
		s.notice, s.results = "", nil
	}
	switch {
	case key.Matches(msg, k.List.New):
		return s.openNew()
	case key.Matches(msg, k.List.Details):
		return s.openDetails()
	case key.Matches(msg, k.List.Edit):
		return s.openEdit(false)
	case key.Matches(msg, k.List.Clone):
		return s.openEdit(true)
	case key.Matches(msg, k.List.Activate, k.List.Deactivate, k.List.Delete):
		s.rng = nil // the marks as they are now are what is confirmed
		switch {
		case key.Matches(msg, k.List.Activate):
			return s.ask(actActivate)
		case key.Matches(msg, k.List.Deactivate):
			return s.ask(actDeactivate)
		}
		return s.ask(actDelete)
	case key.Matches(msg, k.Global.Back):
		s.backOut()
		return nil
	case key.Matches(msg, k.List.Undo):
		return s.askUndo()
	case key.Matches(msg, k.List.Filter):
		s.rng = nil
		s.mode = modeFilter
		s.filterIn = textentry.New("/ ", s.query)
		s.filterIn.SetWidth(max(s.c.Width-2, 10))
		s.filterIn.Focus()
		return nil
	case key.Matches(msg, k.List.Sort):
		s.rng = nil
		s.sortBy = (s.sortBy + 1) % numSortOrders
		s.refresh()
		return nil
	case key.Matches(msg, k.List.SortDirection):
		s.rng = nil
		s.sortDesc = !s.sortDesc
		s.refresh()
		return nil
	case len(s.drafts) > 0 && key.Matches(msg, k.List.ContinueDraft) && k.List.New.Enabled():
		return s.openDrafts()
	case len(s.drafts) == 1 && key.Matches(msg, k.List.DiscardDraft):
		s.askDiscardDraft(s.drafts[0])
	case len(s.drafts) > 1 && key.Matches(msg, k.List.DiscardDraft):
		return s.openDrafts() // which one is picked on the list
	case key.Matches(msg, k.List.Refresh):
		return s.loadCmd()
	default:
		if cmd, ok := s.markKey(msg); ok {
			return cmd
		}
		if s.table.Update(msg) {
			s.extendRange()
			return nil
		}
		if what, ok := readOnlyHit(k, msg); ok {
			s.notice = "read-only: " + what + " is not available in this session; nothing was sent."
		}
	}
	return nil
}

// openNew is n: a new draft in the builder, kept under a new id.
func (s *Screen) openNew() tea.Cmd {
	id := ""
	if st := s.opts.Drafts; st != nil {
		id = st.NewID()
	}
	return s.open(id, scriptform.NewDraft(s.c.Now(), s.opts.User))
}

// open starts the builder on the draft id (new or saved).
func (s *Screen) open(id string, d scriptform.Draft) tea.Cmd {
	s.notice, s.results, s.kind, s.draftID = "", nil, "new", id
	opts := scriptform.Options{Platform: s.opts.Platform}
	if st := s.opts.Drafts; st != nil && id != "" {
		opts.SaveDraft = func(d scriptform.Draft) error { return st.Save(id, d) }
		opts.DeleteDraft = func() error { return st.Delete(id) }
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
	switch s.mode {
	case modeConfirm:
		return s.dialog.Help()
	case modeDetails:
		return []key.Binding{k.Global.Back, k.List.Up, k.List.Down, k.List.Details, k.List.PageDown, k.List.Refresh}
	case modeFilter:
		return []key.Binding{k.Form.Choose, k.Global.Back}
	case modeDrafts:
		return s.draftsHelp()
	}
	if s.export != nil {
		return export.Help(k)
	}
	// The footer keeps the first keys that fit (the app drops from the
	// end): "n new" is shortened as on the WAS screen.
	newKey := k.List.New
	newKey.SetHelp(newKey.Help().Key, "new")
	b := []key.Binding{k.List.Mark, k.List.Filter, newKey, k.List.Details, k.List.Edit, k.List.Activate, k.List.Deactivate, k.List.Clone, k.List.Delete, k.List.Sort, k.List.Refresh}
	switch len(s.drafts) {
	case 0:
	case 1:
		b = append(b, k.List.ContinueDraft, k.List.DiscardDraft)
	default:
		b = append(b, k.List.ContinueDraft)
	}
	if back, ok := s.backHelp(); ok {
		b = append([]key.Binding{back}, b...)
	}
	return b
}

// Focus names where the user is: the builder's field or stage, else
// "filter", "details", "confirm" or "sending", and "" on the list.
func (s *Screen) Focus() string {
	switch {
	case s.builder != nil && s.mode == modeConfirm:
		return "discard?"
	case s.builder != nil:
		return s.builder.Focus()
	case s.mode == modeFilter:
		return "filter"
	case s.mode == modeDetails:
		return "details"
	case s.mode == modeDrafts:
		return "drafts"
	case s.mode == modeConfirm:
		return "confirm"
	case s.writing != "":
		return "sending"
	}
	return ""
}

// FullHelp implements help.KeyMap.
func (s *Screen) FullHelp() [][]key.Binding {
	if s.builder != nil {
		return s.builder.FullHelp()
	}
	k := s.c.Keys.List
	return [][]key.Binding{
		s.c.Keys.NavBindings(),
		{k.Mark, k.MarkShown, k.UnmarkShown, k.InvertShown, k.UnmarkAll},
		{k.MarkRange, k.MarkUp, k.MarkDown, k.MarkedOnly},
		// Columns of at most four: with the marker legend on two lines,
		// help still lists every key at 80×24.
		{k.Details, k.Filter, k.Sort, k.SortDirection},
		append(s.c.Keys.CopyBindings(), k.Refresh),
		{k.New, k.Edit, k.Clone, k.ContinueDraft},
		{k.DiscardDraft, k.Activate, k.Deactivate, k.Delete},
		{k.Undo},
	}
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

// readOnlyHit is KeyMap.ReadOnlyHit with this screen's meaning first: e
// is edit here (activate on the WAS screen).
func readOnlyHit(k *common.KeyMap, msg tea.KeyPressMsg) (string, bool) {
	l := k.List
	for _, b := range []key.Binding{l.New, l.Edit, l.Clone, l.Activate, l.Deactivate, l.Delete} {
		if !b.Enabled() && slices.Contains(b.Keys(), msg.String()) {
			return b.Help().Desc, true
		}
	}
	return k.ReadOnlyHit(msg)
}

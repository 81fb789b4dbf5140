// Package was is the WAS scan schedule screen (key 2): every schedule in
// scope, loaded page by page in the background; local and server-side
// filters; sorting; marks; bulk activate/deactivate by id and deactivate
// by filter behind a typed confirmation; details; the notification
// update form with a review of the exact XML; and the create and clone
// form with a preview of the next launches.
//
// Files by concern: screen.go (state and the Screen interface), keys.go
// (help), list.go (keys on the list, the cursor row), rows.go (a row per
// schedule, immutable), table.go (columns, sort, the filtered view and
// the table's row source), load.go (paging, refresh), filter.go (local
// filter), serverfilter.go (filter builder), selection.go (marks),
// confirm.go (the typed confirmation of ui/components/confirm, target
// lists), bulk.go (bulk and filter actions), details.go, update.go (the
// update form: load, save, read back), update_form.go (its fields and
// the edit they make), update_review.go (review, changes, confirmation),
// create.go (the create and clone form: load, pickers, send, the new
// row), create_form.go (its huh form), create_values.go (its values and
// the body they make), create_review.go (review, next launches,
// confirmation), undo.go (z: undo your last activate or deactivate),
// view.go (layout). Words come from ui/present, server text is shown
// through ui/safe.
package was

import (
	"net/url"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/export"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/task"
)

// Options configure the screen.
type Options struct {
	// AutoRefresh reloads the list this often; 0 (the default) is off.
	// p pauses it.
	AutoRefresh time.Duration
	// PageSize is the number of schedules per search request (1 to 1000;
	// default 1000).
	PageSize int
	// Platform labels where actions go in confirmations, e.g. "US1 (demo
	// profile)". Default: the host of the client's API URL.
	Platform string
	// Criteria is the initial server-side filter.
	Criteria []model.Criterion
}

type mode int

const (
	modeList mode = iota
	modeTyping
	modeServerFilter
	modeConfirm
	modeDetails
	modeForm
	modeCreate
)

// Model is the WAS schedule screen.
type Model struct {
	common.Common
	opts Options
	mode mode

	// Server side.
	criteria []model.Criterion
	load     loadState

	// What the list shows.
	rows    []*row        // every loaded schedule, in load order
	index   map[int64]int // id → position in rows
	query   string        // local filter
	sort    sortSpec
	view    []int    // positions in viewRows, filtered and sorted
	vrows   []*row   // the rows snapshot view refers to
	shown   shownSet // which positions of vrows view shows
	vbase   viewBase // what the next view can start from
	viewGen uint64
	table   *table.Model
	// filterIn is the local filter's entry while it is typed.
	filterIn *textentry.Model

	sel    *Selection
	hidden int // marks not shown (cached after each change)
	// rng is the range being marked (v), nil when none.
	rng *markRange
	// markedOnly shows only the marked rows (M).
	markedOnly bool

	// Writes and their outcome.
	writing  string // title of the write in flight, "" for none
	progress [2]int // done, total of the bulk in flight
	note     string // last outcome, shown under the list
	noteBad  bool

	dialog  *confirm.Model
	onYes   func() tea.Cmd
	builder *serverFilter
	details *details
	form    *updateForm
	create  *createForm // the create or clone form
	goTo    int64       // the row the next view puts the cursor on (0: none)
	fetch   task.Gen    // details and form loads

	autoGen uint64
	paused  bool

	export *export.Prompt // the export's path prompt (E), nil when closed
}

var _ common.Screen = (*Model)(nil)

// New returns the screen.
func New(c common.Common, o Options) *Model {
	if o.PageSize <= 0 || o.PageSize > model.MaxLimitResults {
		o.PageSize = model.MaxLimitResults
	}
	if o.Platform == "" && c.Client != nil {
		if u, err := url.Parse(c.Client.Config().APIURL); err == nil {
			o.Platform = u.Host
		}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	m := &Model{
		Common:   c,
		opts:     o,
		criteria: append([]model.Criterion(nil), o.Criteria...),
		index:    map[int64]int{},
		sel:      NewSelection(),
		load:     loadState{total: -1},
		table:    table.For(c, table.ZoneTitled(c, columns, int(colNext))),
	}
	m.table.Mark = m.markGlyph
	m.table.RowStyle = m.rowStyle
	m.table.SetSort(int(colID), false)
	m.table.SetRows(viewRows{m})
	return m
}

// ID implements common.Screen.
func (m *Model) ID() common.ScreenID { return common.WASScreen }

// Title implements common.Screen.
func (m *Model) Title() string { return "WAS schedules" }

// Init implements common.Screen: the first load, and the auto-refresh
// timer when configured.
func (m *Model) Init() tea.Cmd {
	if m.Client == nil {
		return nil
	}
	return tea.Batch(m.reload(true), m.autoTick())
}

// Reload implements common.Reloader: the list again, keeping the
// filters and the marks.
func (m *Model) Reload() tea.Cmd { return m.reload(false) }

// Resume implements common.Resumer: the list again and, when configured,
// a new auto-refresh timer (the one in flight was dropped while the
// screen was put aside; autoTick makes it stale in any case).
func (m *Model) Resume() tea.Cmd {
	if m.Client == nil {
		return nil
	}
	return tea.Batch(m.reload(false), m.autoTick())
}

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.table.SetSize(w, m.tableHeight())
}

// Dirty implements common.Screen: a write in flight, or an update form
// with changes.
func (m *Model) Dirty() bool {
	return m.writing != "" || (m.form != nil && m.form.changed()) || (m.create != nil && m.create.changed())
}

// CapturesInput implements common.Screen: every overlay and the filter
// prompt take all keys, so esc closes them and letters are typed.
// Details read no text: the global keys (tab, 1–3, ?, q closing them)
// work there as on the list.
func (m *Model) CapturesInput() bool {
	return m.mode != modeList && m.mode != modeDetails || m.export != nil
}

// CloseOverlay implements common.OverlayCloser: q closes the details
// before it quits.
func (m *Model) CloseOverlay() (tea.Cmd, bool) {
	if m.mode != modeDetails {
		return nil, false
	}
	return m.closeDetails(), true
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case common.FocusScheduleMsg:
		return m, m.focus(msg)
	case countMsg:
		m.onCount(msg)
	case pageMsg:
		return m, m.onPage(msg)
	case viewMsg:
		m.onView(msg)
	case bulkMsg:
		return m, m.onBulk(msg)
	case rereadMsg:
		return m, m.onReread(msg)
	case progressMsg:
		return m, m.onProgress(msg)
	case previewMsg:
		m.onPreview(msg)
	case byFilterMsg:
		return m, m.onByFilter(msg)
	case detailsMsg:
		m.onDetails(msg)
	case formLoadMsg:
		return m, m.onFormLoad(msg)
	case savedMsg:
		return m, m.onSaved(msg)
	case autoTickMsg:
		return m, m.onAutoTick(msg)
	case cloneLoadMsg:
		return m, m.onCloneLoad(msg)
	case appsMsg:
		m.onApps(msg)
	case profilesMsg:
		m.onProfiles(msg)
	case createdMsg:
		return m, m.onCreated(msg)
	case export.DoneMsg:
		m.onExported(msg)
	case undoPlanMsg:
		m.onUndoPlan(msg)
	case undoDoneMsg:
		return m, m.onUndo(msg)
	default:
		switch m.mode {
		case modeForm:
			return m, m.formMsg(msg) // the huh form's own messages
		case modeCreate:
			return m, m.createMsg(msg)
		}
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.export != nil {
		return m.exportKey(msg)
	}
	switch m.mode {
	case modeTyping:
		return m.typeFilter(msg)
	case modeServerFilter:
		return m.updateBuilder(msg)
	case modeConfirm:
		return m.answer(msg)
	case modeDetails:
		return m.updateDetails(msg)
	case modeForm:
		return m.updateForm(msg)
	case modeCreate:
		return m.createMsg(msg)
	}
	return m.listKey(msg)
}

// setNote shows the outcome of the last action under the list.
func (m *Model) setNote(s string, bad bool) { m.note, m.noteBad = s, bad }

// Package calendar is the Calendar screen (key 3): the upcoming runs of
// every WAS and script schedule for the next 7 or 30 days in the display
// zone, as an agenda grouped by day under a day × hour density strip.
// Runs that overlap on the same web app, agent or tag are flagged (!);
// enter shows the schedule on its own screen.
//
// Files by concern: calendar.go (state, the Screen interface, keys),
// load.go (loading the schedules, building the calendar off the update
// loop), agenda.go (the rows, the cursor, the filter), view.go (layout).
// The calendar itself is model.BuildCalendar; its words are ui/present's,
// shared with `qsched calendar`.
package calendar

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/task"
)

// The windows t switches between.
const (
	ShortSpan = 7
	LongSpan  = 30
)

type mode int

const (
	modeList  mode = iota
	modeName       // typing the name filter
	modeOwner      // typing the owner filter
)

// Model is the Calendar screen.
type Model struct {
	c common.Common

	days int

	// Loading.
	gen      task.Gen
	loading  bool
	loaded   bool // the schedules are in
	wanted   bool // shown at least once: reloads follow
	loadErr  string
	data     schedules
	buildGen uint64
	building bool
	cal      *model.Calendar

	// What the agenda shows.
	filter model.CalendarFilter
	shown  []model.Occurrence
	rows   []row // day headings and runs
	occRow []int // the row of each shown run
	cursor int   // index in shown
	top    int   // first agenda row on screen

	mode  mode
	entry *textentry.Model
	note  string
}

var _ common.Screen = (*Model)(nil)

// New returns the screen; it loads when first shown.
func New(c common.Common) *Model { return &Model{c: c, days: ShortSpan} }

// ID implements common.Screen.
func (m *Model) ID() common.ScreenID { return common.CalendarScreen }

// Title implements common.Screen.
func (m *Model) Title() string { return "Calendar" }

// Init implements common.Screen: nothing is loaded until the screen is
// shown (Shown), so a session that never opens it costs no calls.
func (m *Model) Init() tea.Cmd { return nil }

// Shown implements common.Shower: the first time, the schedules are
// loaded; later, the calendar is rebuilt from them so that it starts now.
func (m *Model) Shown() tea.Cmd {
	if !m.wanted {
		m.wanted = true
		return m.load()
	}
	if m.loaded && !m.loading {
		return m.build()
	}
	return nil
}

// Reload implements common.Reloader: the schedules again, if the screen
// was ever shown.
func (m *Model) Reload() tea.Cmd {
	if !m.wanted {
		return nil
	}
	return m.load()
}

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.c.SetSize(w, h)
	if m.entry != nil {
		m.entry.SetWidth(max(w, 10))
	}
	m.scroll()
}

// Dirty implements common.Screen: the calendar holds no input.
func (m *Model) Dirty() bool { return false }

// CapturesInput implements common.Screen: a filter being typed.
func (m *Model) CapturesInput() bool { return m.mode != modeList }

// Status implements common.Screen.
func (m *Model) Status() string {
	switch {
	case m.loading:
		return "loading schedules…"
	case m.building:
		return "computing runs…"
	case m.cal == nil:
		return ""
	}
	if o := m.current(); o != nil && o.Overlapping() {
		return present.OverlapMark + " overlaps " + overlapNames(o, 3)
	}
	return present.Plural(len(m.shown), "run") + ", " + present.Count(m.overlapping()) + " overlapping"
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadMsg:
		return m, m.onLoad(msg)
	case builtMsg:
		m.onBuilt(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.mode != modeList {
		return m.typeFilter(msg)
	}
	m.note = ""
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.List.Up):
		m.move(-1)
	case key.Matches(msg, k.List.Down):
		m.move(1)
	case key.Matches(msg, k.List.PageUp):
		m.move(-max(m.agendaHeight()-1, 1))
	case key.Matches(msg, k.List.PageDown):
		m.move(max(m.agendaHeight()-1, 1))
	case key.Matches(msg, k.List.Top):
		m.move(-len(m.shown))
	case key.Matches(msg, k.List.Bottom):
		m.move(len(m.shown))
	case key.Matches(msg, k.Calendar.NextOverlap):
		m.nextOverlap()
	case key.Matches(msg, k.Calendar.Span):
		if m.days == ShortSpan {
			m.days = LongSpan
		} else {
			m.days = ShortSpan
		}
		if m.loaded {
			return m.build()
		}
	case key.Matches(msg, k.Calendar.Kind):
		m.filter.Kind = nextKind(m.filter.Kind)
		m.refilter()
	case key.Matches(msg, k.List.Filter):
		m.openEntry(modeName, "name: ", m.filter.Name)
	case key.Matches(msg, k.Calendar.Owner):
		m.openEntry(modeOwner, "owner: ", m.filter.Owner)
	case key.Matches(msg, k.List.Details):
		return m.jump()
	case key.Matches(msg, k.List.Refresh):
		return m.load()
	}
	return nil
}

// nextKind cycles all → WAS → script → all.
func nextKind(k string) string {
	switch k {
	case "":
		return model.CalendarWAS
	case model.CalendarWAS:
		return model.CalendarScript
	}
	return ""
}

// jump asks the app to show the schedule of the run under the cursor on
// its own screen, details open.
func (m *Model) jump() tea.Cmd {
	o := m.current()
	if o == nil {
		return nil
	}
	to := common.WASScreen
	if o.Kind == model.CalendarScript {
		to = common.ScriptsScreen
	}
	msg := common.FocusScheduleMsg{Screen: to, ID: o.ID}
	return func() tea.Msg { return msg }
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.mode != modeList {
		return []key.Binding{k.Form.Choose, k.Global.Back}
	}
	return []key.Binding{k.List.Details, k.Calendar.Span, k.List.Filter, k.Calendar.Owner, k.Calendar.Kind, k.Calendar.NextOverlap, k.List.Refresh}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		m.c.Keys.NavBindings(),
		{k.List.Details, k.Calendar.NextOverlap, k.List.Refresh},
		{k.Calendar.Span, k.List.Filter, k.Calendar.Owner, k.Calendar.Kind},
	}
}

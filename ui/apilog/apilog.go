// Package apilog is the API log screen (@): one row per HTTP call the
// client made, newest at the bottom, with a detail pane for the selected
// call. It shows only what client.CallRecord carries (never headers other
// than the rate-limit state, never bodies), and sanitizes every string.
package apilog

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/events"
)

// DefaultCapacity is how many calls the log keeps.
const DefaultCapacity = 2000

// Model is the API log screen.
type Model struct {
	common.Common
	capacity int
	entries  []entry
	dropped  int // entries dropped from the top (capacity or queue overflow)
	table    *table.Model
	follow   bool
}

var _ common.Screen = (*Model)(nil)

// New returns an empty API log.
func New(c common.Common) *Model {
	m := &Model{Common: c, capacity: DefaultCapacity, follow: true}
	m.table = table.For(c, columns)
	m.table.RowStyle = func(i int) (lipgloss.Style, bool) {
		return m.Styles.APILog.Failed, m.entries[i].failed()
	}
	m.table.SetRows(rows{m})
	return m
}

// ID implements common.Screen.
func (m *Model) ID() common.ScreenID { return common.APILogScreen }

// Title implements common.Screen.
func (m *Model) Title() string { return "API log" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.table.SetSize(w, m.rowsHeight()+1)
}

// Dirty implements common.Screen.
func (m *Model) Dirty() bool { return false }

// CapturesInput implements common.Screen.
func (m *Model) CapturesInput() bool { return false }

// Status implements common.Screen.
func (m *Model) Status() string { return "" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return []key.Binding{m.Keys.List.Up, m.Keys.List.Down} }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.Keys.NavBindings()} }

// Len is the number of calls held.
func (m *Model) Len() int { return len(m.entries) }

// Cursor is the index of the selected call.
func (m *Model) Cursor() int { return m.table.Cursor() }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case events.Msg:
		m.add(msg.Calls, msg.Dropped)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.Keys.Global.Back) {
			return m, common.Leave // nothing to close here: back to the previous screen
		}
		if m.table.Update(msg) {
			// Follow new calls again once back on the newest one.
			m.follow = m.table.Cursor() >= len(m.entries)-1
		}
	}
	return m, nil
}

func (m *Model) add(calls []client.CallRecord, lost int) {
	for _, r := range calls {
		m.entries = append(m.entries, newEntry(r))
	}
	m.dropped += lost
	cursor := m.table.Cursor()
	if over := len(m.entries) - m.capacity; over > 0 {
		m.entries = append(m.entries[:0:0], m.entries[over:]...)
		m.dropped += over
		cursor -= over
	}
	if m.follow {
		cursor = len(m.entries) - 1
	}
	m.table.SetRows(rows{m})
	m.table.SetCursor(cursor)
}

// rows feeds the table from the entries.
type rows struct{ m *Model }

func (r rows) Len() int { return len(r.m.entries) }

func (r rows) Cells(i int) []string {
	e := r.m.entries[i]
	return []string{e.time.Format(timeLayout), e.method, e.statusText(), formatDuration(e.duration), strconv.Itoa(e.attempt), e.budget(), e.path}
}

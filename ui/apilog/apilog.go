// Package apilog is the API log screen (@): one row per HTTP call the
// client made, newest at the bottom, with a detail pane for the selected
// call. It shows only what client.CallRecord carries (never headers other
// than the rate-limit state, never bodies), and sanitizes every string.
package apilog

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
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
	cursor   int
	offset   int // index of the first visible row
	follow   bool
}

var _ common.Screen = (*Model)(nil)

// New returns an empty API log.
func New(c common.Common) *Model {
	return &Model{Common: c, capacity: DefaultCapacity, follow: true}
}

// ID implements common.Screen.
func (m *Model) ID() common.ScreenID { return common.APILogScreen }

// Title implements common.Screen.
func (m *Model) Title() string { return "API log" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h); m.clamp() }

// Dirty implements common.Screen.
func (m *Model) Dirty() bool { return false }

// CapturesInput implements common.Screen.
func (m *Model) CapturesInput() bool { return false }

// Status implements common.Screen.
func (m *Model) Status() string { return "" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return []key.Binding{m.Keys.Up, m.Keys.Down} }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.Keys.NavBindings()} }

// Len is the number of calls held.
func (m *Model) Len() int { return len(m.entries) }

// Cursor is the index of the selected call.
func (m *Model) Cursor() int { return m.cursor }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case events.Msg:
		m.add(msg.Calls, msg.Dropped)
	case tea.KeyPressMsg:
		k := m.Keys
		switch {
		case key.Matches(msg, k.Up):
			m.move(-1)
		case key.Matches(msg, k.Down):
			m.move(1)
		case key.Matches(msg, k.PageUp):
			m.move(-max(m.rowsHeight()-1, 1))
		case key.Matches(msg, k.PageDown):
			m.move(max(m.rowsHeight()-1, 1))
		case key.Matches(msg, k.Top):
			m.move(-len(m.entries))
		case key.Matches(msg, k.Bottom):
			m.move(len(m.entries))
		}
	}
	return m, nil
}

func (m *Model) add(calls []client.CallRecord, lost int) {
	for _, r := range calls {
		m.entries = append(m.entries, newEntry(r))
	}
	m.dropped += lost
	if over := len(m.entries) - m.capacity; over > 0 {
		m.entries = append(m.entries[:0:0], m.entries[over:]...)
		m.dropped += over
		m.cursor -= over
		m.offset -= over
	}
	if m.follow {
		m.cursor = len(m.entries) - 1
	}
	m.clamp()
}

// move moves the cursor; it follows new calls again once it is back on the
// newest one.
func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
	m.follow = m.cursor >= len(m.entries)-1
}

// clamp keeps the cursor in range and visible.
func (m *Model) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.entries)-1, 0))
	h := max(m.rowsHeight(), 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.entries)-h, 0))
}

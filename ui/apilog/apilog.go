// Package apilog is the API log screen (@): one row per HTTP call the
// client made, in time order (newest at the bottom), with a detail pane
// for the selected call. enter opens the call whole: the full URL, the
// request and response bodies the client kept (the first 16 KiB of each,
// every credential and token redacted by the client, the login's withheld),
// y (or c) copies the call as a curl command (OSC 52; credentials read from
// the environment), / filters by status and endpoint. It shows only what
// client.CallRecord carries, and sanitizes every string.
//
// Files: apilog.go (state, keys), entry.go (a call made ready to show),
// filter.go (the / filter), curl.go (the curl of a call), call.go (the
// call's full view), view.go (layout).
package apilog

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/events"
)

// DefaultCapacity is how many calls the log keeps.
const DefaultCapacity = 2000

// BodiesKept is how many of the newest calls keep their bodies; older
// calls keep the rest of their record.
const BodiesKept = 200

// Model is the API log screen.
type Model struct {
	common.Common
	capacity int
	entries  []entry // in time order (when each call started)
	dropped  int     // entries dropped from the top (capacity or queue overflow)
	table    *table.Model
	follow   bool

	query    string
	filter   filter
	view     []int            // positions in entries that the filter keeps
	filterIn *textentry.Model // the filter while it is typed
	call     *viewport.Model  // the selected call, whole (enter)
	note     string           // what the last key did (copied a curl)
}

var _ common.Screen = (*Model)(nil)

// New returns an empty API log.
func New(c common.Common) *Model {
	m := &Model{Common: c, capacity: DefaultCapacity, follow: true}
	m.table = table.For(c, columns)
	m.table.RowStyle = func(i int) (lipgloss.Style, bool) {
		return m.Styles.APILog.Failed, m.entries[m.view[i]].failed()
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
	if m.call != nil {
		m.openCall()
	}
}

// Dirty implements common.Screen.
func (m *Model) Dirty() bool { return false }

// CapturesInput implements common.Screen: the filter being typed and the
// open call take every key (esc closes them).
func (m *Model) CapturesInput() bool { return m.filterIn != nil || m.call != nil }

// Status implements common.Screen.
func (m *Model) Status() string { return "" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.Keys.List
	switch {
	case m.filterIn != nil:
		return []key.Binding{m.Keys.Form.Choose, m.Keys.Global.Back}
	case m.call != nil:
		return []key.Binding{m.Keys.Global.Back, k.Up, k.Down, k.PageDown, k.CopyCurl}
	}
	return []key.Binding{k.Up, k.Down, m.callKey(), k.Filter, k.CopyCurl}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.Keys.List
	return [][]key.Binding{m.Keys.NavBindings(), {m.callKey(), k.Filter, k.CopyCurl}}
}

func (m *Model) callKey() key.Binding {
	b := m.Keys.List.Details
	b.SetHelp(b.Help().Key, "the call whole")
	return b
}

// Len is the number of calls held.
func (m *Model) Len() int { return len(m.entries) }

// Shown is the number of calls the filter keeps.
func (m *Model) Shown() int { return len(m.view) }

// Cursor is the index of the selected call among those shown.
func (m *Model) Cursor() int { return m.table.Cursor() }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case events.Msg:
		m.add(msg.Calls, msg.Dropped)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys.List
	switch {
	case m.filterIn != nil:
		return m.typeFilter(msg)
	case m.call != nil:
		switch {
		case key.Matches(msg, m.Keys.Global.Back, k.Details, m.Keys.Global.Quit):
			m.call = nil
		case key.Matches(msg, k.CopyCurl):
			return m.copyCurl()
		default:
			vp, cmd := m.call.Update(msg)
			m.call = &vp
			return cmd
		}
		return nil
	}
	m.note = ""
	switch {
	case m.table.Update(msg):
		// Follow new calls again once back on the newest one.
		m.follow = m.table.Cursor() >= len(m.view)-1
	case key.Matches(msg, k.Filter):
		m.filterIn = textentry.New("/", m.query)
	case key.Matches(msg, k.Details):
		if len(m.view) > 0 {
			m.openCall()
		}
	case key.Matches(msg, k.CopyCurl):
		return m.copyCurl()
	case key.Matches(msg, m.Keys.Global.Back) && m.query != "":
		m.setQuery("")
	case key.Matches(msg, m.Keys.Global.Back):
		return common.Leave // nothing to close here: back to the previous screen
	}
	return nil
}

// typeFilter edits the filter: every change applies at once; enter keeps
// it, esc clears it.
func (m *Model) typeFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.Keys.Form.Choose):
		m.filterIn = nil
		return nil
	case key.Matches(msg, m.Keys.Global.Back):
		m.filterIn = nil
		m.setQuery("")
		return nil
	}
	changed, cmd := m.filterIn.Update(msg)
	if changed {
		m.setQuery(m.filterIn.Value())
	}
	return cmd
}

func (m *Model) setQuery(q string) {
	m.query, m.filter = q, parseFilter(q)
	m.refilter(true)
}

// refilter recomputes the calls shown, keeping the cursor on the call it
// was on (or, following, on the newest).
func (m *Model) refilter(followNewest bool) {
	at := -1
	if c := m.table.Cursor(); c < len(m.view) {
		at = m.view[c]
	}
	m.view = m.view[:0]
	for i := range m.entries {
		if m.filter.match(&m.entries[i]) {
			m.view = append(m.view, i)
		}
	}
	m.table.SetRows(rows{m})
	cursor := len(m.view) - 1
	if !followNewest || !m.follow {
		for i, p := range m.view {
			if p >= at {
				cursor = i
				break
			}
		}
	}
	m.table.SetCursor(cursor)
}

// copyCurl puts the selected call on the clipboard as a curl command.
func (m *Model) copyCurl() tea.Cmd {
	e := m.selected()
	if e == nil {
		return nil
	}
	m.note = "copied " + e.method + " " + e.path + " as curl (OSC 52); it reads the credentials from $QUALYS_USERNAME, $QUALYS_PASSWORD or $QUALYS_TOKEN"
	return tea.SetClipboard(curl(e))
}

// selected is the call under the cursor, nil when none is shown.
func (m *Model) selected() *entry {
	if c := m.table.Cursor(); c < len(m.view) {
		return &m.entries[m.view[c]]
	}
	return nil
}

func (m *Model) add(calls []client.CallRecord, lost int) {
	at := -1
	if c := m.table.Cursor(); c < len(m.view) {
		at = m.view[c]
	}
	for _, r := range calls {
		// Calls are reported when they end; each goes where it started.
		i := len(m.entries)
		m.entries = append(m.entries, newEntry(r))
		for i > 0 && m.entries[i-1].time.After(m.entries[i].time) {
			m.entries[i-1], m.entries[i] = m.entries[i], m.entries[i-1]
			if at == i-1 {
				at = i
			}
			i--
		}
	}
	m.dropped += lost
	if over := len(m.entries) - m.capacity; over > 0 {
		m.entries = append(m.entries[:0:0], m.entries[over:]...)
		m.dropped += over
		at -= over
	}
	for i := 0; i < len(m.entries)-BodiesKept; i++ {
		m.entries[i].dropBodies()
	}
	m.view = m.view[:0]
	cursor := 0
	for i := range m.entries {
		if m.filter.match(&m.entries[i]) {
			if i <= at {
				cursor = len(m.view)
			}
			m.view = append(m.view, i)
		}
	}
	if m.follow {
		cursor = len(m.view) - 1
	}
	m.table.SetRows(rows{m})
	m.table.SetCursor(cursor)
}

// rows feeds the table from the calls shown.
type rows struct{ m *Model }

func (r rows) Len() int { return len(r.m.view) }

func (r rows) Cells(i int) []string {
	e := r.m.entries[r.m.view[i]]
	return []string{e.time.Format(timeLayout), e.method, e.statusText(), formatDuration(e.duration), strconv.Itoa(e.attempt), e.budget(), e.op}
}

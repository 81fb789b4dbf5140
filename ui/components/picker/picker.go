// Package picker is the searchable picker of qsched: a search entry whose
// text is sent to the platform after a pause in typing, the answers in
// the shared table, and a selection (several rows, or one).
//
// It knows nothing of what it lists. The caller gives the columns, a
// search function that returns rows (cells already display-safe), and the
// rows already selected; the picker gives back the selection. The
// script-schedule builder uses it for agents, asset tags (multi-select)
// and scripts (single-select); a web-application or option-profile
// picker is the same component with other columns and another search.
//
// Behaviour:
//
//   - Open: the search starts at once with the initial text ("" lists
//     the first rows).
//   - Typing: the search is sent Debounce after the last key (a
//     DebounceMsg, from tea.Tick, carries the key's sequence number; an
//     older one is ignored). Each search is a task (ui/task) of the owner
//     screen; an answer of an older search, or of a picker since closed,
//     is dropped (task.Gen plus the picker's instance number).
//   - Results: the search stops at Limit rows; the status line then says
//     "showing N of M — refine the search" (or "showing the first N"
//     when the total is unknown). Loading and failures show there too.
//   - Keys (common.KeyMap.Picker): ↓ or tab goes from the search to the
//     results; space toggles the row under the cursor (multi-select);
//     typing goes back to the search; enter accepts the selection
//     (multi-select) or picks the row under the cursor (single-select);
//     esc cancels, leaving the caller's selection as it was.
//   - The selected count and the selected rows' labels are always on
//     screen, whatever the current search shows.
//
// Hosting: the picker is a sub-view. huh fields cannot host a custom
// component, so the builder opens the picker over its form (ctrl+f on a
// field that has one), sends it every message while it is open, and on
// Done writes the selection back into the field.
package picker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Defaults of Spec.
const (
	DefaultLimit    = 300
	DefaultDebounce = 300 * time.Millisecond
)

// Row is one search result.
type Row struct {
	// Key identifies the row: it is what the caller stores (for a CAR
	// target, its "UUID id" line) and how selections are matched.
	Key string
	// Label names the row in the selection line (as the server sent it:
	// the picker shows it through ui/safe).
	Label string
	// Cells are the row's cells in column order (display-safe).
	Cells []string
}

// Result is what a search returns.
type Result struct {
	Rows []Row
	// Total is how many rows matched on the server, when known (0 with
	// More: unknown).
	Total int
	// More says more rows matched than the limit: Rows holds the first.
	More bool
}

// SearchFunc searches for text and returns at most limit rows. It runs in
// a task (off the event loop) and must honour ctx.
type SearchFunc func(ctx context.Context, text string, limit int) (Result, error)

// Spec is what the caller provides.
type Spec struct {
	// Owner is the screen the picker's tasks and ticks report to.
	Owner common.ScreenID
	// Title names what is picked ("Assets").
	Title string
	// Noun is what the search finds, for the status line ("agents").
	Noun string
	// Hint says what the search text searches (one line).
	Hint    string
	Columns []table.Column
	Search  SearchFunc
	// Single picks one row: enter picks the row under the cursor.
	Single bool
	// Limit caps a search's rows (DefaultLimit when 0).
	Limit int
	// Debounce is the pause after the last key before searching
	// (DefaultDebounce when 0).
	Debounce time.Duration
	// Query is the initial search text.
	Query string
	// Selected are the rows selected when the picker opens (Key and Label
	// suffice).
	Selected []Row
}

// Action is what the caller must do after Update.
type Action int

// The actions.
const (
	None   Action = iota
	Done          // accepted: read Selected, close the picker
	Cancel        // esc: close the picker, change nothing
)

// answer is a search's result, with the picker it is for.
type answer struct {
	picker uint64
	res    Result
}

// ResultMsg is a search's answer (a task result of the owner screen).
type ResultMsg = task.DoneMsg[answer]

// DebounceMsg fires Debounce after a key changed the search text; only
// the one for the latest key starts a search.
type DebounceMsg struct{ picker, seq uint64 }

// instances numbers pickers, so that an answer for a closed picker never
// reaches a new one.
var instances atomic.Uint64

// Model is an open picker. Use it through a pointer.
type Model struct {
	c     common.Common
	spec  Spec
	id    uint64
	entry *textentry.Model
	table *table.Model

	inList   bool
	rows     []Row
	res      Result
	sel      []Row
	gen      task.Gen
	seq      uint64 // last key that changed the text
	queued   uint64 // seq the last search was started for
	loading  bool
	answered bool // a search has answered
	answers  int  // answers taken (for hosts that count focus moves)
	// chooseOnAnswer: enter was pressed on a single-select picker before
	// the answer for the typed text came; the answer's first row is
	// picked.
	chooseOnAnswer bool
	err            error
	w, h           int
}

// New returns a picker; Init starts its first search.
func New(c common.Common, s Spec) *Model {
	if s.Limit <= 0 {
		s.Limit = DefaultLimit
	}
	if s.Debounce <= 0 {
		s.Debounce = DefaultDebounce
	}
	m := &Model{c: c, spec: s, id: instances.Add(1), entry: textentry.New("Search: ", s.Query)}
	m.sel = append(m.sel, s.Selected...)
	// Printable keys are typed into the search: the results move with
	// the arrows and page keys only.
	pk := c.Keys.Picker
	m.table = table.New(s.Columns, table.Styles{Header: c.Styles.Table.Header, Cursor: c.Styles.Table.Cursor},
		table.KeyMap{Up: pk.Up, Down: pk.Down, PageUp: pk.PageUp, PageDown: pk.PageDown})
	m.table.Mark = func(i int) string {
		if i < len(m.rows) && m.IsSelected(m.rows[i].Key) {
			return "✓"
		}
		return " "
	}
	m.table.SetRows(rowsOf{m})
	m.SetSize(c.Width, c.Height)
	return m
}

type rowsOf struct{ m *Model }

func (r rowsOf) Len() int { return len(r.m.rows) }
func (r rowsOf) Cells(i int) []string {
	return r.m.rows[i].Cells
}

// Init starts the first search, at once.
func (m *Model) Init() tea.Cmd { return m.search() }

// Selected returns the selection, in the order it was made.
func (m *Model) Selected() []Row { return append([]Row(nil), m.sel...) }

// IsSelected reports whether the row with key k is selected.
func (m *Model) IsSelected(k string) bool {
	for _, r := range m.sel {
		if r.Key == k {
			return true
		}
	}
	return false
}

// Answers counts the answers taken since the picker opened.
func (m *Model) Answers() int { return m.answers }

// Err is the last search's failure (nil after a success).
func (m *Model) Err() error { return m.err }

// Loading reports a search in flight.
func (m *Model) Loading() bool { return m.loading }

// Rows are the rows of the last answer.
func (m *Model) Rows() []Row { return m.rows }

// Query is the search text.
func (m *Model) Query() string { return m.entry.Value() }

// InResults reports whether the keys act on the results (else on the
// search).
func (m *Model) InResults() bool { return m.inList }

// SetSize sets the picker's area.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = max(w, 1), max(h, 1)
	m.entry.SetWidth(m.w)
	m.table.SetSize(m.w, max(m.h-m.chrome(), 2))
}

// chrome is the lines around the table: title, search, hint, status and,
// for a multi-select, the selection line.
func (m *Model) chrome() int {
	n := 4
	if !m.spec.Single {
		n++
	}
	return n
}

// search starts a search for the current text.
func (m *Model) search() tea.Cmd {
	m.queued = m.seq
	m.loading = true
	fn, text, limit, id := m.spec.Search, m.entry.Value(), m.spec.Limit, m.id
	noun := m.spec.Noun
	if noun == "" {
		noun = "rows"
	}
	return task.Run(m.spec.Owner, m.gen.Next(), "Searching "+noun, func(ctx context.Context) (answer, error) {
		if fn == nil {
			return answer{picker: id}, errors.New("nothing to search")
		}
		r, err := fn(ctx, text, limit)
		if len(r.Rows) > limit {
			r.Rows, r.More = r.Rows[:limit], true
		}
		return answer{picker: id, res: r}, err
	})
}

// Update handles a message and says what the caller must do.
func (m *Model) Update(msg tea.Msg) (Action, tea.Cmd) {
	switch msg := msg.(type) {
	case DebounceMsg:
		if msg.picker != m.id || msg.seq != m.seq || m.queued == m.seq {
			return None, nil // a key since, or already searched
		}
		return None, m.search()
	case ResultMsg:
		if msg.Value.picker != m.id || !m.gen.Current(msg.Task) {
			return None, nil // an older search, or another picker's
		}
		m.loading, m.answered = false, true
		m.err = msg.Err
		if msg.Err != nil {
			m.rows, m.res = nil, Result{}
		} else {
			m.rows, m.res = msg.Value.res.Rows, msg.Value.res
		}
		m.answers++
		m.learnLabels()
		m.table.SetRows(rowsOf{m})
		m.table.SetCursor(0)
		if len(m.rows) == 0 {
			m.focusSearch()
		}
		if m.chooseOnAnswer && !m.Pending() {
			m.chooseOnAnswer = false
			if len(m.rows) > 0 {
				m.sel = []Row{m.rows[0]}
				return Done, nil
			}
		}
		return None, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	// Anything else (a paste) is for the search.
	if _, ok := msg.(tea.PasteMsg); ok {
		m.focusSearch()
	}
	if changed, cmd := m.entry.Update(msg); changed {
		return None, tea.Batch(cmd, m.changed())
	} else {
		return None, cmd
	}
}

// changed schedules a search Debounce after this change.
func (m *Model) changed() tea.Cmd {
	m.seq++
	seq, id := m.seq, m.id
	return common.Wrap(m.spec.Owner, tea.Tick(m.spec.Debounce, func(time.Time) tea.Msg {
		return DebounceMsg{picker: id, seq: seq}
	}))
}

// Due is the message the pending debounce tick will deliver: tests (and
// hosts that want an immediate search) send it instead of waiting.
func (m *Model) Due() DebounceMsg { return DebounceMsg{picker: m.id, seq: m.seq} }

// Pending reports typed text not searched yet (the debounce is running).
func (m *Model) Pending() bool { return m.queued != m.seq }

func (m *Model) focusSearch() {
	m.inList = false
	m.entry.Focus()
}

func (m *Model) focusResults() {
	if len(m.rows) == 0 {
		return
	}
	m.inList = true
	m.entry.Blur()
}

func (m *Model) key(msg tea.KeyPressMsg) (Action, tea.Cmd) {
	k := m.c.Keys.Picker
	switch {
	case key.Matches(msg, k.Cancel):
		return Cancel, nil
	case key.Matches(msg, k.Choose):
		if m.spec.Single && (m.Pending() || m.loading) {
			// The rows shown answer older text: search now if the
			// debounce is still running, and pick when the answer comes.
			m.chooseOnAnswer = true
			if m.Pending() {
				return None, m.search()
			}
			return None, nil
		}
		if m.spec.Single {
			if len(m.rows) == 0 {
				return None, nil
			}
			m.sel = []Row{m.rows[m.table.Cursor()]}
		}
		return Done, nil
	case key.Matches(msg, k.Switch):
		if m.inList {
			m.focusSearch()
		} else {
			m.focusResults()
		}
		return None, nil
	case key.Matches(msg, k.Up):
		if m.inList && m.table.Cursor() == 0 {
			m.focusSearch()
		} else if m.inList {
			m.table.Move(-1)
		}
		return None, nil
	case key.Matches(msg, k.Down):
		if !m.inList {
			m.focusResults()
		} else {
			m.table.Move(1)
		}
		return None, nil
	case key.Matches(msg, k.PageUp, k.PageDown):
		m.focusResults()
		m.table.Update(msg)
		return None, nil
	case m.inList && key.Matches(msg, k.Toggle):
		m.toggle(m.table.Cursor())
		return None, nil
	}
	if m.inList {
		if msg.Text == "" && msg.Code != tea.KeyBackspace {
			return None, nil
		}
		m.focusSearch()
	}
	if changed, cmd := m.entry.Update(msg); changed {
		return None, tea.Batch(cmd, m.changed())
	} else {
		return None, cmd
	}
}

// learnLabels names selected rows that came without a label (a typed
// line) from the answer's rows with the same key.
func (m *Model) learnLabels() {
	for i, s := range m.sel {
		if s.Label != "" {
			continue
		}
		for _, r := range m.rows {
			if r.Key == s.Key {
				m.sel[i].Label = r.Label
				break
			}
		}
	}
}

// toggle selects or unselects row i (single-select: makes it the one).
func (m *Model) toggle(i int) {
	if i < 0 || i >= len(m.rows) {
		return
	}
	r := m.rows[i]
	if m.spec.Single {
		m.sel = []Row{r}
		return
	}
	for j, s := range m.sel {
		if s.Key == r.Key {
			m.sel = append(m.sel[:j:j], m.sel[j+1:]...)
			return
		}
	}
	m.sel = append(m.sel, r)
}

// Status is the line under the search: searching, the failure, or how
// many rows the answer holds.
func (m *Model) Status() string {
	noun := m.spec.Noun
	if noun == "" {
		noun = "rows"
	}
	switch {
	case m.err != nil:
		return "✗ search failed: " + safe.Line(m.err.Error(), 0)
	case !m.answered:
		return "searching…"
	}
	var s string
	n := len(m.rows)
	switch {
	case m.res.More && m.res.Total > n:
		s = fmt.Sprintf("showing %d of %d %s — refine the search", n, m.res.Total, noun)
	case m.res.More:
		s = fmt.Sprintf("showing the first %d %s; more match — refine the search", n, noun)
	case n == 0:
		s = "no " + noun + " match"
	case n == 1:
		s = "1 " + strings.TrimSuffix(noun, "s")
	default:
		s = fmt.Sprintf("%d %s", n, noun)
	}
	if m.loading || m.Pending() {
		s = "searching… (" + s + " for the previous text)"
	}
	return s
}

// Help is the picker's keys for the footer.
func (m *Model) Help() []key.Binding {
	k := m.c.Keys.Picker
	choose := k.Choose
	if m.spec.Single {
		choose.SetHelp(choose.Help().Key, "pick")
	}
	out := []key.Binding{choose, k.Switch}
	if m.inList && !m.spec.Single {
		out = append(out, k.Toggle)
	}
	if m.inList {
		out = append(out, k.Up, k.Down)
	}
	return append(out, k.Cancel)
}

// View renders the picker in its area: exactly the height given, no line
// wider than the width.
func (m *Model) View() string {
	st := m.c.Styles
	w := m.w
	title := safe.Line(m.spec.Title, 0)
	right := ""
	if m.spec.Single {
		title += " · pick one"
	} else {
		right = fmt.Sprintf("%d selected", len(m.sel))
	}
	if len(m.rows) > 0 {
		right = strings.TrimSpace(right + "  " + m.table.Position())
	}
	var b strings.Builder
	b.WriteString(common.Spread(st.Title.Render(title), right, w))
	b.WriteString("\n" + m.entry.View())
	b.WriteString("\n" + st.Muted.Render(safe.Line(m.spec.Hint, w)))
	status := ansi.Truncate(m.Status(), w, "…") // Status is display-safe already
	if m.err != nil {
		status = st.Error.Render(status)
	} else {
		status = st.Muted.Render(status)
	}
	b.WriteString("\n" + status)
	b.WriteString("\n" + common.Fit(m.table.View(), w, max(m.h-m.chrome(), 2)))
	if !m.spec.Single {
		b.WriteString("\n" + m.selectionLine(w))
	}
	return common.Fit(b.String(), w, m.h)
}

// selectionLine names the selected rows, as many as fit.
func (m *Model) selectionLine(w int) string {
	if len(m.sel) == 0 {
		return m.c.Styles.Muted.Render("Selected: none (space on a result selects it)")
	}
	labels := make([]string, len(m.sel))
	for i, r := range m.sel {
		l := r.Label
		if l == "" {
			l = r.Key
		}
		labels[i] = safe.Line(l, 60)
	}
	return ansi.Truncate(fmt.Sprintf("Selected (%d): %s", len(m.sel), strings.Join(labels, ", ")), w, "…")
}

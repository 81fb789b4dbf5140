// Package placeholder holds stand-in screens for the script and WAS
// schedule screens until those are built. The WAS one also counts the
// platform's schedules, which exercises the task layer end to end.
package placeholder

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
)

// Options describe a placeholder screen.
type Options struct {
	ID     common.ScreenID
	Title  string
	Coming string // what the screen will do
	// Count, when set, is run as a task at start and on refresh; its
	// result is shown as "<n> <Noun>".
	Count func(ctx context.Context) (int, error)
	Noun  string
}

// CountMsg is the result of countItemsCmd.
type CountMsg = task.DoneMsg[int]

// Model is a placeholder screen.
type Model struct {
	common.Common
	opts    Options
	gen     task.Gen
	loading bool
	count   int
	counted bool
	err     string
}

var _ common.Screen = (*Model)(nil)

// New returns a placeholder screen.
func New(c common.Common, o Options) *Model { return &Model{Common: c, opts: o} }

// Scripts is the stand-in for the script schedules screen (1).
func Scripts(c common.Common) common.Screen {
	return New(c, Options{ID: common.ScriptsScreen, Title: "Script schedules",
		Coming: "Script schedules (CAR) — coming soon: list, search, create with a next-run preview."})
}

// WAS is the stand-in for the WAS schedules screen (2).
func WAS(c common.Common) common.Screen {
	o := Options{ID: common.WASScreen, Title: "WAS schedules", Noun: "WAS schedules",
		Coming: "WAS schedules — coming soon: list, filter, mark, bulk activate/deactivate."}
	if c.Client != nil {
		o.Count = func(ctx context.Context) (int, error) { return c.Client.WAS.Count(ctx, nil) }
	}
	return New(c, o)
}

// countItemsCmd starts a new generation and counts in a task.
func (m *Model) countItemsCmd() tea.Cmd {
	if m.opts.Count == nil {
		return nil
	}
	m.loading = true
	return task.Run(m.opts.ID, m.gen.Next(), "Counting "+m.opts.Noun, m.opts.Count)
}

// ID implements common.Screen.
func (m *Model) ID() common.ScreenID { return m.opts.ID }

// Title implements common.Screen.
func (m *Model) Title() string { return m.opts.Title }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return m.countItemsCmd() }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// Dirty implements common.Screen.
func (m *Model) Dirty() bool { return false }

// CapturesInput implements common.Screen.
func (m *Model) CapturesInput() bool { return false }

// Status implements common.Screen.
func (m *Model) Status() string { return "" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.opts.Count == nil {
		return nil
	}
	return []key.Binding{m.Keys.Refresh}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case CountMsg:
		if !m.gen.Current(msg.Task) {
			return m, nil // an older count finished after a newer one started
		}
		m.loading = false
		if msg.Err != nil {
			m.err = common.Line(msg.Err.Error(), 0)
			return m, nil
		}
		m.err, m.count, m.counted = "", msg.Value, true
	case tea.KeyPressMsg:
		if key.Matches(msg, m.Keys.Refresh) {
			return m, m.countItemsCmd()
		}
	}
	return m, nil
}

// View implements common.Screen.
func (m *Model) View() string {
	w := max(m.Width, 1)
	lines := []string{m.Styles.Title.Render(ansi.Truncate(m.opts.Title, w, "…")), "", ansi.Truncate(m.opts.Coming, w, "…")}
	if m.opts.Count != nil {
		var s string
		switch {
		case m.loading:
			s = "Counting " + m.opts.Noun + "…"
		case m.err != "":
			s = "Could not count " + m.opts.Noun + ": " + m.err
		case m.counted:
			s = fmt.Sprintf("%d %s on this platform.", m.count, m.opts.Noun)
		}
		lines = append(lines, "", ansi.Truncate(s, w, "…"))
	}
	return common.Fit(strings.Join(lines, "\n"), w, m.Height)
}

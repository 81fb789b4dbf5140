package was

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
)

// confirm is a typed-y confirmation. No is the default: enter, n and esc
// cancel; only y proceeds, and only once the grace period after opening
// has passed (a key already in flight must not answer it).
type confirm struct {
	title  string
	lines  []string
	verb   string // "deactivate", shown in the prompt
	opened time.Time
	yes    func() tea.Cmd
}

// openConfirm shows a confirmation.
func (m *Model) openConfirm(c *confirm) {
	c.opened = m.Now()
	m.dialog, m.mode = c, modeConfirm
}

// answer handles a key while the confirmation is shown.
func (m *Model) answer(msg tea.KeyPressMsg) tea.Cmd {
	c := m.dialog
	if m.Now().Sub(c.opened) < m.opts.Grace {
		return nil // dropped: typed before the dialog could be read
	}
	switch {
	case key.Matches(msg, m.Keys.Confirm):
		m.dialog, m.mode = nil, modeList
		return c.yes()
	case msg.String() == "n", msg.String() == "esc", msg.String() == "enter", msg.String() == "q":
		m.dialog, m.mode = nil, modeList
		m.setNote("Cancelled: nothing was sent.", false)
	}
	return nil
}

func (c *confirm) view(st *common.Styles, w int) string {
	lines := []string{st.Prompt.Render(truncate(c.title, w)), ""}
	for _, l := range c.lines {
		lines = append(lines, truncate(l, w))
	}
	lines = append(lines, "", st.Title.Render(truncate(fmt.Sprintf("Type y to %s · n, esc or enter cancels (default: No)", c.verb), w)))
	return strings.Join(lines, "\n")
}

// targetLines lists the first five targets with ids, then "and N more".
func targetLines(ts []target) []string {
	const shown = 5
	var out []string
	for i, t := range ts {
		if i == shown {
			out = append(out, fmt.Sprintf("  and %s more", thousands(len(ts)-shown)))
			break
		}
		out = append(out, fmt.Sprintf("  %-10d %s", t.ID, t.Name))
	}
	return out
}

package app

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
)

// Layout, top to bottom: header (header.Height lines), the body (active
// screen or full help), the status bar (1 line), and the help line or the
// quit question (1 line).
const chromeHeight = header.Height + 2

func (m *Model) bodyHeight() int { return max(m.Height-chromeHeight, 0) }

// The smallest terminal the screens are drawn in; below it the app says
// so instead of drawing a screen nobody can read.
const (
	MinWidth  = 40
	MinHeight = 10
)

// tooSmall is the view of a terminal below MinWidth×MinHeight, fitted to
// whatever there is.
func (m *Model) tooSmall() string {
	msg := fmt.Sprintf("Terminal too small: %d×%d. qsched needs at least %d×%d; enlarge the window (ctrl+c quits).", m.Width, m.Height, MinWidth, MinHeight)
	return common.Fit(ansi.Wrap(msg, m.Width, ""), m.Width, m.Height)
}

// View implements tea.Model. Every line fits the width and the whole view
// fits the height, down to 80×24 and below.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "qsched"
	return v
}

func (m *Model) render() string {
	if m.Width <= 0 || m.Height <= 0 {
		return ""
	}
	if m.Width < MinWidth || m.Height < MinHeight {
		return m.tooSmall()
	}
	w := m.Width
	body := m.activeScreen().View()
	if m.showHelp {
		body = m.fullHelpView()
	}
	if m.picker != nil {
		body = m.pickerView()
	}
	if m.login != nil {
		body = m.loginView()
	}
	if m.status.Expanded() {
		body = m.status.FullView(w, m.bodyHeight())
	}
	var bottom string
	if m.confirmQuit {
		// Keep the answer keys visible: cut the middle of the question.
		q := m.quitQuestion()
		if ansi.StringWidth(q) > w {
			const tail = " [y/N]"
			q = ansi.Truncate(q, max(w-len(tail), 0), "…") + tail
		}
		bottom = m.Styles.Prompt.Render(ansi.Truncate(q, w, ""))
	} else {
		bottom = m.shortHelpView()
	}
	out := strings.Join([]string{
		m.header.View(m.tabs, m.active),
		common.Fit(body, w, m.bodyHeight()),
		m.status.View(),
		bottom,
	}, "\n")
	return common.Fit(out, w, m.Height)
}

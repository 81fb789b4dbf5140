package session

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/safe"
)

// DrainMsg asks a session to end: it stops taking input, shows Reason on
// its last line, lets the tasks in flight (writes included) finish for at
// most Grace, then quits. Tasks still running after Grace are cancelled by
// the session's context when the caller tears the session down. Send it
// with (*tea.Program).Send; a second DrainMsg only updates the reason.
type DrainMsg struct {
	Reason string
	Grace  time.Duration
}

type drainExpiredMsg struct{}

// Model wraps the app with the drain behaviour. Everything else goes to
// the app unchanged.
type Model struct {
	app      *app.Model
	draining bool
	reason   string
}

var _ tea.Model = (*Model)(nil)

func newModel(a *app.Model) *Model { return &Model{app: a} }

// Draining reports whether a DrainMsg was received.
func (m *Model) Draining() bool { return m.draining }

// Init starts the app.
func (m *Model) Init() tea.Cmd { return m.app.Init() }

// Update forwards to the app; while draining, input is dropped and the
// program quits once no task runs.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case DrainMsg:
		m.reason = msg.Reason
		if m.draining {
			return m, nil
		}
		m.draining = true
		if len(m.app.Tasks()) == 0 {
			return m, tea.Quit
		}
		return m, tea.Tick(msg.Grace, func(time.Time) tea.Msg { return drainExpiredMsg{} })
	case drainExpiredMsg:
		return m, tea.Quit
	case tea.KeyPressMsg, tea.KeyReleaseMsg, tea.MouseMsg, tea.PasteMsg:
		if m.draining {
			return m, nil
		}
	}
	_, cmd := m.app.Update(msg)
	if m.draining && len(m.app.Tasks()) == 0 {
		return m, tea.Quit
	}
	return m, cmd
}

// View is the app's view; while draining its last line says why the
// session is ending and what it waits for.
func (m *Model) View() tea.View {
	v := m.app.View()
	if !m.draining || v.Content == "" {
		return v
	}
	lines := strings.Split(v.Content, "\n")
	w := m.app.Width
	note := "Closing: " + safe.Line(m.reason, 0)
	if n := len(m.app.Tasks()); n > 0 {
		note += fmt.Sprintf(" — finishing %d running task(s)…", n)
	}
	lines[len(lines)-1] = m.app.Styles.Prompt.Render(ansi.Truncate(note, max(w, 1), "…"))
	v.Content = strings.Join(lines, "\n")
	return v
}

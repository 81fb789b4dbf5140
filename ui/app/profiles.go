package app

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/safe"
)

// The profile picker (P) lists the config file's profiles; enter switches
// to the one under the cursor. The current screens are put aside under
// their profile's name and the other profile's screens are shown: restored
// when it was shown before, else built on the connection the owner's
// OpenProfile gives (the app builds no client). Marks, filters and
// drafts therefore stay with their profile and never reach another
// platform.

// pickerModel is the open picker.
type pickerModel struct {
	table *table.Model
	rows  [][]string
}

func (p *pickerModel) Len() int             { return len(p.rows) }
func (p *pickerModel) Cells(i int) []string { return p.rows[i] }

// profileMsg is OpenProfile's answer.
type profileMsg struct {
	name string
	conn Connection
	err  error
}

const pickerTitle = "Profiles — enter switches · esc closes"

// Picking reports whether the profile picker is shown.
func (m *Model) Picking() bool { return m.picker != nil }

// CurrentProfile is the name of the profile shown ("" when none).
func (m *Model) CurrentProfile() string { return m.profile }

// canPick reports whether P does anything: profiles and a way to open
// them.
func (m *Model) canPick() bool { return m.openProfile != nil && len(m.profiles) > 0 }

// openPicker shows the picker with the cursor on the current profile.
func (m *Model) openPicker() {
	p := &pickerModel{}
	cur := 0
	for i, pr := range m.profiles {
		mode := ""
		if pr.ReadOnly {
			mode = "read-only"
		}
		if pr.Name == m.profile {
			cur = i
		}
		p.rows = append(p.rows, []string{safe.Line(pr.Name, 0), safe.Line(pr.Platform, 0), safe.Line(pr.User, 0), mode})
	}
	p.table = table.For(m.Common, []table.Column{
		{Title: "Profile", Width: 10, Flex: 1, Priority: 4},
		{Title: "Platform", Width: 12, Flex: 1, Priority: 3},
		{Title: "User", Width: 10, Priority: 2},
		{Title: "Mode", Width: 9, Priority: 1},
	})
	p.table.Mark = func(i int) string {
		if m.profiles[i].Name == m.profile {
			return "•"
		}
		return " "
	}
	p.table.SetRows(p)
	m.picker = p
	m.showHelp = false
	m.sizePicker()
	p.table.SetCursor(cur)
}

func (m *Model) sizePicker() {
	if m.picker != nil {
		m.picker.table.SetSize(m.Width, max(m.bodyHeight()-2, 0))
	}
}

// pickerKey handles every key while the picker is open (ctrl+c and the
// quit question are handled before).
func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Global.Back), key.Matches(msg, k.Global.Profiles), key.Matches(msg, k.Global.Quit):
		m.picker = nil
	case key.Matches(msg, k.Form.Choose):
		name := m.profiles[m.picker.table.Cursor()].Name
		m.picker = nil
		return m.switchProfile(name)
	default:
		m.picker.table.Update(msg)
	}
	return nil
}

// switchProfile shows the profile name: its screens put aside earlier, or
// new ones on the connection OpenProfile gives. A write in flight or a
// half-filled form keeps the operator where they are.
func (m *Model) switchProfile(name string) tea.Cmd {
	if name == m.profile || m.opening != "" {
		return nil
	}
	if d := m.dirtyScreens(); len(d) > 0 {
		m.status.SetInfo("not switched: " + strings.Join(d, ", ") + " has unsaved input or a write in progress")
		return nil
	}
	if s, ok := m.sets[name]; ok {
		m.putAside()
		delete(m.sets, name)
		m.profile = name
		m.status.SetError(nil)
		m.status.SetInfo("profile " + safe.Line(name, 0))
		return m.restore(s)
	}
	m.opening = name
	m.status.SetInfo("opening profile " + safe.Line(name, 0) + "…")
	ctx, open := m.ctx, m.openProfile
	return func() tea.Msg {
		conn, err := open(ctx, name)
		return profileMsg{name: name, conn: conn, err: err}
	}
}

// profileOpened shows a profile opened for the first time.
func (m *Model) profileOpened(msg profileMsg) tea.Cmd {
	if msg.name != m.opening {
		return nil
	}
	m.opening = ""
	if msg.err != nil {
		m.status.SetError(msg.err)
		return nil
	}
	if d := m.dirtyScreens(); len(d) > 0 {
		m.status.SetInfo("not switched: " + strings.Join(d, ", ") + " has unsaved input or a write in progress")
		return nil
	}
	m.putAside()
	m.profile = msg.name
	m.status.SetError(nil)
	m.status.SetInfo("profile " + safe.Line(msg.name, 0))
	return m.connect(msg.conn)
}

// pickerView is the picker in the body.
func (m *Model) pickerView() string {
	return m.Styles.Title.Render(pickerTitle) + "\n\n" + m.picker.table.View()
}

// pickerHelp is the help line under the picker.
func (m *Model) pickerHelp() []key.Binding {
	k := m.Keys
	return []key.Binding{k.List.Up, k.List.Down, k.Form.Choose, k.Global.Back}
}

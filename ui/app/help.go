package app

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
)

// The full help (?): the active screen's keys, then the global ones that
// work there, scrolled with the list keys when it does not fit.

// openHelp shows full help; overInput: opened from a screen taking text.
func (m *Model) openHelp(overInput bool) {
	m.showHelp, m.helpOverInput = true, overInput
	m.helpScroll = scroll.New(m.Common, 1, 1)
	m.helpSized = false
}

// helpKey handles a key while full help is open: esc, q and ? close it
// (over a field, ? is then typed there); a screen key
// switches screens (not over a field, where it would have been typed);
// the list moves scroll a help taller than the terminal; other keys are
// ignored, so nothing reaches a screen that cannot be seen.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys.Global
	if id, ok := m.routeKey(msg); ok && !m.helpOverInput {
		return m.switchTo(id)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp = false
		if m.helpOverInput && m.activeScreen().CapturesInput() {
			return m.updateScreen(m.active, msg)
		}
	case key.Matches(msg, k.Back), key.Matches(msg, k.Quit):
		m.showHelp = false
	case key.Matches(msg, m.Keys.List.Top):
		m.helpScroll.GotoTop()
	case key.Matches(msg, m.Keys.List.Bottom):
		m.helpScroll.GotoBottom()
	default:
		m.helpScroll, _ = m.helpScroll.Update(msg)
	}
	return nil
}

// fullHelp is every active binding, grouped: the screen's groups, then
// screen switching, then global keys. Disabled bindings (write actions in
// read-only mode) are left out by the help bubble. Over a screen taking
// text only the global keys that work there are listed (? and ctrl+c):
// every other key is typed into the field.
func (m *Model) fullHelp() [][]key.Binding {
	k := m.Keys
	groups := append([][]key.Binding{}, m.activeScreen().FullHelp()...)
	if m.helpOverInput {
		again := key.NewBinding(key.WithKeys("?"), key.WithHelp(k.Global.Help.Help().Key, "close help (again: types ?)"))
		return append(groups, []key.Binding{again, k.Global.Interrupt})
	}
	// The global keys in two short columns, beside the screen keys when
	// they fit: help stays within 80×24.
	g := k.GlobalBindings()
	// tab and shift+tab under one entry, so help still fits 80×24.
	cycle := key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp(k.Global.NextScreen.Help().Key+"/"+k.Global.PrevScreen.Help().Key, "next/prev screen"))
	return append(groups, k.ScreenBindings(), append(g[:3:3], cycle), g[3:])
}

// helpTitle is the help's first line; it fits 80 columns.
func (m *Model) helpTitle() string {
	title := "Keys — " + m.activeScreen().Title()
	if m.ReadOnly {
		title += " · read-only: writes disabled"
	}
	if m.helpOverInput {
		title += " · esc closes, ? types ?"
	}
	return title
}

// fullHelpView lays help columns out in rows that fit the width, so no
// binding is cut off on narrow terminals; when even without blank lines
// it is taller than the body, it scrolls (helpKey), its last line saying
// how.
func (m *Model) fullHelpView() string {
	w, h := max(m.Width, 1), m.bodyHeight()
	measure := m.help
	measure.SetWidth(0) // unlimited: measure, do not cut
	var rows []string
	var row [][]key.Binding
	for _, g := range m.fullHelp() {
		try := append(append([][]key.Binding{}, row...), g)
		if len(row) > 0 && lipgloss.Width(measure.FullHelpView(try)) > w {
			rows = append(rows, m.help.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	if len(row) > 0 {
		rows = append(rows, m.help.FullHelpView(row))
	}
	head := m.Styles.Title.Render(ansi.Wrap(m.helpTitle(), w, ""))
	if l, ok := m.activeScreen().(common.Legender); ok {
		// Under the title, so a tall help never cuts it off.
		head += "\n" + m.Styles.Muted.Render(ansi.Wrap(l.Legend(), w, ""))
	}
	out := head + "\n\n" + strings.Join(rows, "\n\n")
	if lipgloss.Height(out) > h {
		// Too tall for the terminal: no blank lines between the rows, so
		// that every key stays listed at 80×24.
		out = head + "\n" + strings.Join(rows, "\n")
	}
	if lipgloss.Height(out) <= h || h < 2 {
		return out
	}
	return m.scrolledHelp(out, w, h)
}

// scrolledHelp shows out in the help's viewport, h-1 lines of it, and
// under them which lines are shown and the keys that scroll.
func (m *Model) scrolledHelp(out string, w, h int) string {
	vp := &m.helpScroll
	off := vp.YOffset()
	if !m.helpSized || vp.Width() != w || vp.Height() != h-1 {
		vp.SetWidth(w)
		vp.SetHeight(h - 1)
		m.helpSized = true
	}
	vp.SetContent(out)
	vp.SetYOffset(off)
	l := m.Keys.List
	first := vp.YOffset() + 1
	last := min(vp.YOffset()+vp.VisibleLineCount(), vp.TotalLineCount())
	hint := fmt.Sprintf("lines %d–%d of %d · %s %s %s %s scroll", first, last, vp.TotalLineCount(),
		l.Up.Help().Key, l.Down.Help().Key, l.PageUp.Help().Key, l.PageDown.Help().Key)
	return vp.View() + "\n" + m.Styles.Muted.Render(ansi.Truncate(hint, w, "…"))
}

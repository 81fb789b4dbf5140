package app

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/qsched/qsched/ui/common"
)

// handleKey applies the global keys, in this order: the quit question
// takes every key; ctrl+c always quits (asking first when needed); the
// sign-in prompt takes every other key (see loginKey); open
// help takes the next key (esc, q or ? close it); ? opens help even from a
// screen that takes text (a second ? then types it); a screen that takes
// text gets every other key; esc cancels running tasks, else clears the
// status message, else goes to the screen (which backs out one level, or
// asks to leave for the previous screen: common.LeaveScreenMsg); q closes
// the screen's open overlay (common.OverlayCloser), else quits; P (the profile picker, which
// then takes every key) and the screen keys act globally; the rest goes to
// the active screen.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys.Global
	if m.confirmQuit {
		return m.answerQuit(msg)
	}
	if key.Matches(msg, k.Interrupt) {
		return m.requestQuit()
	}
	if m.login != nil {
		return m.loginKey(msg)
	}
	if m.picker != nil {
		return m.pickerKey(msg)
	}
	scr := m.activeScreen()
	if m.status.Expanded() {
		m.fullMessageKey(msg)
		return nil
	}
	if key.Matches(msg, k.FullMessage) && !scr.CapturesInput() {
		if m.status.Cut() {
			m.status.Expand()
			return nil
		}
		if n, ok := scr.(common.FullNoter); ok && n.FullNote() != "" {
			m.status.ExpandText(n.FullNote())
			return nil
		}
	}
	if m.showHelp {
		return m.helpKey(msg)
	}
	if key.Matches(msg, k.Help) {
		m.openHelp(scr.CapturesInput())
		return nil
	}
	if scr.CapturesInput() {
		return m.updateScreen(m.active, msg)
	}
	switch {
	case key.Matches(msg, k.Back):
		switch {
		case m.tasks.Len() > 0:
			return m.cancelAll()
		case m.status.HasMessage():
			m.clearMessage()
			return nil
		}
	case key.Matches(msg, k.Quit):
		if oc, ok := scr.(common.OverlayCloser); ok {
			if cmd, closed := oc.CloseOverlay(); closed {
				return cmd // q closes an open overlay before it quits
			}
		}
		return m.requestQuit()
	case key.Matches(msg, k.Profiles):
		m.openPicker()
		return nil
	}
	if id, ok := m.routeKey(msg); ok {
		return m.switchTo(id)
	}
	m.nextAction(msg)
	return m.updateScreen(m.active, msg)
}

func newHelp(st *common.Styles) help.Model {
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = st.Help.Key, st.Help.Key
	h.Styles.ShortDesc, h.Styles.FullDesc = st.Help.Desc, st.Help.Desc
	h.Styles.ShortSeparator, h.Styles.FullSeparator, h.Styles.Ellipsis = st.Help.Sep, st.Help.Sep, st.Help.Sep
	return h
}

// shortHelpView is the one-line help at the bottom: the screen's keys in
// its order of importance, then the global ones. When they do not fit,
// the screen's least important keys go first; ? help always stays.
func (m *Model) shortHelpView() string {
	k := m.Keys.Global
	if m.login != nil {
		return m.help.ShortHelpView(m.loginHelp())
	}
	if m.picker != nil {
		return m.help.ShortHelpView(m.pickerHelp())
	}
	scr := m.activeScreen()
	var global []key.Binding
	if m.tasks.Len() > 0 && !scr.CapturesInput() {
		global = append(global, k.Back)
	}
	global = append(global, k.Help)
	if !scr.CapturesInput() {
		global = append(global, k.Quit)
	}
	own := scr.ShortHelp()
	measure := m.help
	measure.SetWidth(0) // measure, do not cut
	for n := len(own); n > 0; n-- {
		line := measure.ShortHelpView(append(own[:n:n], global...))
		if lipgloss.Width(line) <= m.Width {
			return line
		}
	}
	return m.help.ShortHelpView(global)
}

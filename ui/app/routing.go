package app

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/apilog"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/placeholder"
	"github.com/qsched/qsched/ui/was"
)

// ScreenFactory builds a screen from the shared Common (styles, keys,
// client, clock). The screen's ID must be the id it is registered under.
type ScreenFactory func(c common.Common) common.Screen

// Route ties a screen id to the key that shows it and its default screen.
type Route struct {
	ID      common.ScreenID
	Key     func(*common.KeyMap) key.Binding
	Default ScreenFactory
}

// Routes lists the screens in tab order. To add a screen, add a route
// (and its key to common.KeyMap); to replace one, pass a factory in
// Options.Screens.
var Routes = []Route{
	{common.ScriptsScreen, func(k *common.KeyMap) key.Binding { return k.Scripts }, placeholder.Scripts},
	{common.WASScreen, func(k *common.KeyMap) key.Binding { return k.WAS }, was.Factory(was.Options{})},
	{common.APILogScreen, func(k *common.KeyMap) key.Binding { return k.APILog }, func(c common.Common) common.Screen { return apilog.New(c) }},
}

func (m *Model) buildScreens(over map[common.ScreenID]ScreenFactory) {
	m.screens = map[common.ScreenID]common.Screen{}
	for _, r := range Routes {
		f := r.Default
		if o, ok := over[r.ID]; ok && o != nil {
			f = o
		}
		s := f(m.Common)
		if s.ID() != r.ID {
			panic("app: screen registered as " + string(r.ID) + " reports id " + string(s.ID()))
		}
		m.screens[r.ID] = s
		m.tabs = append(m.tabs, header.Tab{ID: r.ID, Key: r.Key(m.Keys).Help().Key, Title: s.Title()})
	}
}

// routeKey returns the screen a key switches to.
func (m *Model) routeKey(msg tea.KeyPressMsg) (common.ScreenID, bool) {
	for _, r := range Routes {
		if key.Matches(msg, r.Key(m.Keys)) {
			return r.ID, true
		}
	}
	return "", false
}

// updateScreen sends msg to the screen id, whether or not it is active.
func (m *Model) updateScreen(id common.ScreenID, msg tea.Msg) tea.Cmd {
	s, ok := m.screens[id]
	if !ok {
		return nil
	}
	next, cmd := s.Update(msg)
	if next != nil {
		m.screens[id] = next
	}
	return cmd
}

func (m *Model) activeScreen() common.Screen { return m.screens[m.active] }

func (m *Model) switchTo(id common.ScreenID) {
	if _, ok := m.screens[id]; ok {
		m.active = id
		m.showHelp = false
	}
}

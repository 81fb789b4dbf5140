package app

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/apilog"
	"github.com/qsched/qsched/ui/calendar"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/was"
)

// ScreenFactory builds a screen from the shared Common (styles, keys,
// client, clock). The screen's ID must be the id it is routed under.
type ScreenFactory func(c common.Common) common.Screen

// Route ties a screen id to the key that shows it and the factory that
// builds it.
type Route struct {
	ID  common.ScreenID
	Key func(*common.KeyMap) key.Binding
	New ScreenFactory
}

// Routes are the screens in tab order (Options.Routes).
type Routes []Route

// DefaultRoutes are qsched's screens: script schedules (1), WAS schedules
// (2), the calendar (3) and the API log (@).
func DefaultRoutes(s scripts.Options, w was.Options) Routes {
	return Routes{
		{common.ScriptsScreen, func(k *common.KeyMap) key.Binding { return k.Global.Scripts }, func(c common.Common) common.Screen { return scripts.New(c, s) }},
		{common.WASScreen, func(k *common.KeyMap) key.Binding { return k.Global.WAS }, func(c common.Common) common.Screen { return was.New(c, w) }},
		{common.CalendarScreen, func(k *common.KeyMap) key.Binding { return k.Global.Calendar }, func(c common.Common) common.Screen { return calendar.New(c) }},
		{common.APILogScreen, func(k *common.KeyMap) key.Binding { return k.Global.APILog }, func(c common.Common) common.Screen { return apilog.New(c) }},
	}
}

// With returns a copy of r whose screen id is built by f.
func (r Routes) With(id common.ScreenID, f ScreenFactory) Routes {
	out := slices.Clone(r)
	for i := range out {
		if out[i].ID == id {
			out[i].New = f
		}
	}
	return out
}

func (m *Model) buildScreens(routes Routes) {
	m.routes = routes
	m.screens = map[common.ScreenID]common.Screen{}
	for _, r := range routes {
		s := r.New(m.Common)
		if s.ID() != r.ID {
			panic("app: screen routed as " + string(r.ID) + " reports id " + string(s.ID()))
		}
		m.screens[r.ID] = s
		m.tabs = append(m.tabs, header.Tab{ID: r.ID, Key: r.Key(m.Keys).Help().Key, Title: s.Title()})
	}
}

// routeKey returns the screen a key switches to: a screen's own key, or
// tab / shift+tab for the next / previous screen in tab order.
func (m *Model) routeKey(msg tea.KeyPressMsg) (common.ScreenID, bool) {
	for _, r := range m.routes {
		if key.Matches(msg, r.Key(m.Keys)) {
			return r.ID, true
		}
	}
	g := m.Keys.Global
	switch {
	case key.Matches(msg, g.NextScreen):
		return m.tabFrom(1), true
	case key.Matches(msg, g.PrevScreen):
		return m.tabFrom(-1), true
	}
	return "", false
}

// tabFrom is the screen step tabs away from the active one, wrapping.
func (m *Model) tabFrom(step int) common.ScreenID {
	n := len(m.tabs)
	for i, t := range m.tabs {
		if t.ID == m.active {
			return m.tabs[((i+step)%n+n)%n].ID
		}
	}
	return m.tabs[0].ID
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
	return m.own(cmd)
}

func (m *Model) activeScreen() common.Screen { return m.screens[m.active] }

// switchTo shows screen id and tells it so when it wants to know
// (common.Shower).
func (m *Model) switchTo(id common.ScreenID) tea.Cmd {
	s, ok := m.screens[id]
	if !ok {
		return nil
	}
	if id != m.active {
		m.prev = m.active
	}
	m.active = id
	m.showHelp = false
	if sh, ok := s.(common.Shower); ok {
		return m.own(sh.Shown())
	}
	return nil
}

// focusSchedule shows the screen a FocusScheduleMsg names and hands it
// the message (the Calendar's enter), naming the screen to return to
// when its details close (common.ReturnMsg).
func (m *Model) focusSchedule(msg common.FocusScheduleMsg) tea.Cmd {
	if _, ok := m.screens[msg.Screen]; !ok {
		return nil
	}
	if msg.Return == "" && m.active != msg.Screen {
		msg.Return = m.active // esc on the details comes back here
	}
	return tea.Batch(m.switchTo(msg.Screen), m.updateScreen(msg.Screen, msg))
}

// leaveScreen shows the screen shown before the active one (the first
// tab when there was none): esc on the API log.
func (m *Model) leaveScreen() tea.Cmd {
	to := m.prev
	if _, ok := m.screens[to]; !ok || to == m.active {
		to = m.tabs[0].ID
	}
	return m.switchTo(to)
}

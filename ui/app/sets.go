package app

import (
	"reflect"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
)

// A set of screens is what one connection shows: the screens built on its
// client, their tabs, the header naming its platform and user. The app
// shows one set; a connection (sign-in) replaces it, a profile switch
// puts it aside (sets) and shows the other profile's.
//
// Messages cannot cross sets: every message of a command a screen returns
// is wrapped in a setMsg carrying the epoch of its set, and Update drops
// those of any other epoch. A set put aside gets a new epoch when it is
// shown again, so what it had in flight when it was hidden (an
// auto-refresh tick, a task start) is dropped too; its screens are then
// resumed (common.Resumer, else reloaded).

// setMsg is a screen's message, stamped with its set's epoch.
type setMsg struct {
	epoch uint64
	msg   tea.Msg
}

// Unwrap is the screen's message, for test rigs that filter messages
// (cursor blinks) before they reach the app.
func (m setMsg) Unwrap() tea.Msg { return m.msg }

// newEpoch starts a new epoch: messages of earlier ones are dropped.
func (m *Model) newEpoch() {
	m.epochs++
	m.epoch = m.epochs
}

var teaPkg = reflect.TypeFor[tea.QuitMsg]().PkgPath()

// own stamps the messages of cmd (a screen's command) with the current
// epoch. Batches and sequences stay batches and sequences (bubbletea runs
// them only at top level), each command stamped; bubbletea's own messages
// (quit, window title, …) are left as they are, for the program.
func (m *Model) own(cmd tea.Cmd) tea.Cmd {
	return stamp(m.epoch, cmd)
}

func stamp(epoch uint64, cmd tea.Cmd) tea.Cmd {
	return common.MapMsgs(cmd, func(msg tea.Msg) tea.Msg {
		t := reflect.TypeOf(msg)
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.PkgPath() == teaPkg {
			return msg
		}
		return setMsg{epoch: epoch, msg: msg}
	})
}

// screenSet is a set of screens put aside (see above).
type screenSet struct {
	common   common.Common
	platform string
	header   *header.Model
	routes   Routes
	screens  map[common.ScreenID]common.Screen
	tabs     []header.Tab
	active   common.ScreenID
	started  bool
}

// putAside keeps the current set under the current profile's name. Its
// running tasks are cancelled and their results dropped.
func (m *Model) putAside() {
	m.dropRunning()
	if m.sets == nil {
		m.sets = map[string]*screenSet{}
	}
	m.sets[m.profile] = &screenSet{
		common: m.Common, platform: m.platform, header: m.header, routes: m.routes,
		screens: m.screens, tabs: m.tabs, active: m.active, started: m.started,
	}
}

// restore shows a set put aside, in a new epoch, and resumes its screens
// (or asks for the password its account lacks).
func (m *Model) restore(s *screenSet) tea.Cmd {
	w, h := m.Width, m.Height
	m.Common, m.platform, m.header, m.routes = s.common, s.platform, s.header, s.routes
	m.screens, m.tabs, m.active, m.started = s.screens, s.tabs, s.active, s.started
	m.newEpoch()
	m.resize(w, h)
	m.showHelp = false
	if m.needsLogin() {
		m.openLogin(m.account() != nil && m.account().Stopped())
		return nil
	}
	if !m.started {
		return m.startScreens()
	}
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		switch sc := m.screens[t.ID].(type) {
		case common.Resumer:
			cmds = append(cmds, sc.Resume())
		case common.Reloader:
			cmds = append(cmds, sc.Reload())
		}
	}
	return m.own(tea.Batch(cmds...))
}

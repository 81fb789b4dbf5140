package app

import (
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/header"
	"github.com/qsched/qsched/ui/safe"
)

// connect makes conn the app's connection: a new Common on its client
// (read-only when the client is, or when the app was built read-only),
// the header relabelled, and new screens, started at once unless the
// account still needs a password. Running tasks are cancelled and their
// results dropped, and a new epoch drops every other message of the
// screens being replaced (see sets.go).
func (m *Model) connect(conn Connection) tea.Cmd {
	m.dropRunning()
	m.newEpoch()
	readOnly := m.forceReadOnly || (conn.Client != nil && conn.Client.Config().ReadOnly)
	c := common.New(conn.Client, readOnly, m.Now)
	c.StaticSpinner, c.Zone = m.StaticSpinner, m.Zone
	c.Keys.Global.Profiles.SetEnabled(m.canPick())
	c.Width, c.Height = m.Width, m.Height
	m.Common = c
	m.platform = safe.Line(conn.Platform, 0)
	m.header = header.New(c, conn.Platform, conn.User)
	m.header.SetSize(m.Width, header.Height)
	routes := conn.Routes
	if routes == nil {
		routes = m.routes
	}
	active := m.active
	m.tabs = nil
	m.buildScreens(routes)
	shown := m.switchTo(active)
	if _, ok := m.screens[m.active]; !ok {
		m.active = m.tabs[0].ID
	}
	for _, s := range m.screens {
		s.SetSize(m.Width, m.bodyHeight())
	}
	m.started = false
	if m.needsLogin() {
		m.openLogin(false)
		return nil
	}
	return tea.Batch(m.startScreens(), shown)
}

// dropRunning cancels the running tasks and remembers them, so that their
// results do not reach the screens that replace their owners.
func (m *Model) dropRunning() {
	for _, r := range m.tasks.Running() {
		if m.stale == nil {
			m.stale = map[uint64]bool{}
		}
		m.stale[uint64(r.ID)] = true
	}
	m.tasks.CancelAll()
}

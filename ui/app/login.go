package app

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/safe"
)

// The sign-in prompt covers the screens while the session's account has
// no password (none configured) or was stopped by a rejected one. Nothing
// is sent while it is open: the screens start (Init) only once a password
// was typed, and after a rejection the account refuses every call until
// then. The password goes from the entry to Account.SetPassword and
// nowhere else; the entry is cleared at once.

// loginModel is the open prompt.
type loginModel struct {
	user     *textentry.Model // nil unless the user name is asked too
	password *textentry.Model
	onUser   bool   // the focus is on the user name
	refused  bool   // opened after the server rejected a password
	hint     string // why enter did nothing
	pending  bool   // SignIn is running
}

// signInMsg is SignIn's answer.
type signInMsg struct {
	conn Connection
	err  error
}

const (
	loginRefused = "The password was refused: nothing more is sent for this user until you type it again."
	loginEmpty   = "Type the password first: nothing is sent without one."
	loginNoUser  = "Type the Qualys user name first."
	loginPending = "Signing in…"
)

// account is the session's Qualys account, nil when there is no client.
func (m *Model) account() *client.Account {
	if m.Client == nil {
		return nil
	}
	return m.Client.Account()
}

// needsLogin reports whether the account cannot send: no password yet,
// or stopped by a rejected one.
func (m *Model) needsLogin() bool {
	if m.signIn != nil && m.Client == nil {
		return true
	}
	a := m.account()
	return a != nil && (a.NeedsPassword() || a.Stopped())
}

// LoggingIn reports whether the sign-in prompt is shown.
func (m *Model) LoggingIn() bool { return m.login != nil }

// openLogin shows the prompt; refused says a password was just rejected.
func (m *Model) openLogin(refused bool) {
	if m.login != nil {
		m.login.refused = m.login.refused || refused
		return
	}
	l := &loginModel{password: textentry.New("Password: ", ""), refused: refused}
	l.password.Mask()
	if m.signIn != nil && m.Client == nil {
		l.user = textentry.New("User:     ", "")
		l.onUser = true
		l.password.Blur()
	}
	m.login = l
	m.showHelp = false
	m.sizeLogin()
}

func (m *Model) sizeLogin() {
	if m.login == nil {
		return
	}
	w := min(max(m.Width-4, 10), 60)
	m.login.password.SetWidth(w)
	if m.login.user != nil {
		m.login.user.SetWidth(w)
	}
}

// loginKey handles every key while the prompt is open (ctrl+c and the
// quit question are handled before).
func (m *Model) loginKey(msg tea.KeyPressMsg) tea.Cmd {
	l, k := m.login, m.Keys.Login
	switch {
	case key.Matches(msg, k.Leave):
		return m.requestQuit()
	case l.user != nil && key.Matches(msg, k.Next):
		l.focusUser(!l.onUser)
		return nil
	case key.Matches(msg, k.Submit):
		if l.user != nil && l.onUser {
			l.focusUser(false)
			return nil
		}
		return m.submitLogin()
	}
	return l.update(msg)
}

// loginPaste types a paste into the focused field.
func (m *Model) loginPaste(msg tea.PasteMsg) tea.Cmd { return m.login.update(msg) }

// update gives msg to the focused field; typing clears the hint.
func (l *loginModel) update(msg tea.Msg) tea.Cmd {
	e := l.password
	if l.user != nil && l.onUser {
		e = l.user
	}
	changed, cmd := e.Update(msg)
	if changed {
		l.hint = ""
	}
	return cmd
}

func (l *loginModel) focusUser(on bool) {
	l.onUser = on
	if on {
		l.user.Focus()
		l.password.Blur()
	} else {
		l.user.Blur()
		l.password.Focus()
	}
}

// submitLogin hands the password to the account (or, when the user is
// asked too, to the owner's SignIn) and starts or reloads the screens.
// An empty field sends nothing.
func (m *Model) submitLogin() tea.Cmd {
	l := m.login
	if l.pending {
		return nil
	}
	pw := l.password.Value()
	l.password.SetValue("")
	var user string
	if l.user != nil {
		user = strings.TrimSpace(l.user.Value())
		if user == "" {
			l.hint = loginNoUser
			l.focusUser(true)
			return nil
		}
	}
	if pw == "" {
		l.hint = loginEmpty
		return nil
	}
	if l.user != nil {
		// SignIn may send one login attempt (see client.Accounts.SignIn):
		// it runs outside Update, the prompt waiting for its answer.
		l.pending, l.hint = true, loginPending
		ctx, signIn := m.ctx, m.signIn
		return func() tea.Msg {
			conn, err := signIn(ctx, user, pw)
			return signInMsg{conn: conn, err: err}
		}
	}
	if err := m.account().SetPassword(pw); err != nil {
		l.hint = safe.Line(err.Error(), 0)
		return nil
	}
	m.login = nil
	m.status.SetError(nil)
	return m.startScreens()
}

// signedIn uses SignIn's connection, or shows why there is none.
func (m *Model) signedIn(msg signInMsg) tea.Cmd {
	l := m.login
	if l == nil || !l.pending {
		return nil
	}
	l.pending, l.hint = false, ""
	if msg.err != nil {
		l.hint = safe.Line(msg.err.Error(), 0)
		return nil
	}
	m.login = nil
	m.status.SetError(nil)
	return m.connect(msg.conn)
}

// startScreens runs every screen's Init the first time, and reloads the
// screens that can (common.Reloader) afterwards.
func (m *Model) startScreens() tea.Cmd {
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		s := m.screens[t.ID]
		if !m.started {
			cmds = append(cmds, s.Init())
		} else if r, ok := s.(common.Reloader); ok {
			cmds = append(cmds, r.Reload())
		}
	}
	m.started = true
	return m.own(tea.Batch(cmds...))
}

// afterError opens the prompt when a call failed for want of a password
// or because the account was stopped (here or in another session of the
// same account).
func (m *Model) afterError(err error) {
	if m.login != nil || err == nil {
		return
	}
	switch {
	case errors.Is(err, client.ErrNoPassword):
		m.openLogin(false)
	case errors.Is(err, client.ErrAuth) && m.account() != nil && m.account().Stopped():
		m.openLogin(true)
	}
}

// loginView is the prompt, centred in the body.
func (m *Model) loginView() string {
	l, st := m.login, m.Styles
	w := max(m.Width, 1)
	var title string
	if l.user != nil {
		title = "Sign in to " + m.platform
	} else {
		user := ""
		if a := m.account(); a != nil {
			user = a.Username()
		}
		title = "Password for " + safe.Line(user, 0) + " on " + m.platform + ":"
	}
	lines := []string{st.Title.Render(ansi.Truncate(title, w, "…")), ""}
	if l.refused {
		lines = append(lines, st.Error.Render(ansi.Truncate(loginRefused, w, "…")), "")
	}
	if l.user != nil {
		lines = append(lines, l.user.View())
	}
	lines = append(lines, l.password.View())
	if l.hint != "" {
		lines = append(lines, "", st.Prompt.Render(ansi.Truncate(l.hint, w, "…")))
	}
	box := strings.Join(lines, "\n")
	return lipgloss.Place(w, m.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
}

// loginHelp is the help line under the prompt.
func (m *Model) loginHelp() []key.Binding {
	k := m.Keys.Login
	if m.login.user != nil {
		return []key.Binding{k.Next, k.Submit, k.Leave}
	}
	return []key.Binding{k.Submit, k.Leave}
}

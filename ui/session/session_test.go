package session_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/session"
	"github.com/qsched/qsched/ui/uitest"
)

func settings(t *testing.T) client.Settings {
	t.Helper()
	s := sim.New(sim.Options{})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return client.Settings{
		Platform:    client.Platform{APIURL: srv.URL, GatewayURL: srv.URL},
		Credentials: client.Credentials{Username: "demo", Password: "demo"},
	}
}

func newSession(t *testing.T, o session.Options) *session.Session {
	t.Helper()
	s, err := session.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	s.Model.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return s
}

func TestSessionsShareNothing(t *testing.T) {
	st := settings(t)
	a := newSession(t, session.Options{Settings: st, Platform: "demo", User: "alice"})
	b := newSession(t, session.Options{Settings: st, Platform: "demo", User: "bob", ReadOnly: true})
	if a.Events == b.Events || a.Client == b.Client || a.App == b.App {
		t.Fatal("two sessions share events, client or model")
	}
	if a.App.ReadOnly || !b.App.ReadOnly || !b.Client.Config().ReadOnly {
		t.Fatalf("read-only: a %v, b %v (client %v)", a.App.ReadOnly, b.App.ReadOnly, b.Client.Config().ReadOnly)
	}
	va, vb := ansi.Strip(a.Model.View().Content), ansi.Strip(b.Model.View().Content)
	if !strings.Contains(va, "user alice") || strings.Contains(va, "READ-ONLY") {
		t.Fatalf("a's header:\n%s", va)
	}
	if !strings.Contains(vb, "user bob") || !strings.Contains(vb, "READ-ONLY") {
		t.Fatalf("b's header:\n%s", vb)
	}
}

func TestSettingsReadOnlyCannotBeTurnedOff(t *testing.T) {
	st := settings(t)
	st.ReadOnly = true
	s := newSession(t, session.Options{Settings: st, ReadOnly: false})
	if !s.App.ReadOnly || !s.Client.Config().ReadOnly {
		t.Fatal("read-only from the settings was dropped")
	}
}

func TestDraftName(t *testing.T) {
	if got := session.DraftName("demo (127.0.0.1:80)", ""); got != "script-schedule-demo_127.0.0.1_80_" {
		t.Fatalf("got %q", got)
	}
	got := session.DraftName("US1", "SHA256:ab/c+d")
	if got != "script-schedule-US1-SHA256_ab_c_d" || filepath.Base(got) != got {
		t.Fatalf("got %q", got)
	}
}

func TestDrainWithoutTasksQuitsAtOnce(t *testing.T) {
	s := newSession(t, session.Options{Settings: settings(t)})
	_, cmd := s.Model.Update(session.DrainMsg{Reason: "test", Grace: time.Minute})
	if !uitest.Quits(t, cmd) {
		t.Fatal("no quit")
	}
}

// A task in flight (here a refresh) is let finish; keys are ignored
// meanwhile; the last line says why.
func TestDrainWaitsForTasksInFlight(t *testing.T) {
	s := newSession(t, session.Options{Settings: settings(t), Context: context.Background()})
	_, cmd := s.Model.Update(uitest.Key("r"))
	var run tea.Cmd
	for _, m := range uitest.Exec(t, cmd) {
		if _, c := s.Model.Update(m); run == nil && len(s.App.Tasks()) > 0 {
			run = c // the message that started the refresh: run its work
		}
	}
	if run == nil || len(s.App.Tasks()) == 0 {
		t.Fatal("r started no task")
	}
	_, cmd = s.Model.Update(session.DrainMsg{Reason: "the server is shutting down", Grace: time.Hour})
	if cmd == nil {
		t.Fatal("no grace timer")
	}
	if _, c := s.Model.Update(uitest.Key("q")); c != nil || s.App.ConfirmingQuit() {
		t.Fatal("a key was handled while draining")
	}
	v := ansi.Strip(s.Model.View().Content)
	if !strings.Contains(v, "Closing: the server is shutting down — finishing 1 running task") {
		t.Fatalf("no closing line:\n%s", v)
	}
	quit := false
	for _, m := range uitest.Exec(t, run) {
		_, c := s.Model.Update(m)
		quit = quit || (c != nil && uitest.Quits(t, c))
	}
	if !quit {
		t.Fatal("no quit once the task finished")
	}
}

// A session whose settings have a user and no password asks for it inside
// the TUI, the same for the local TUI and every SSH session; two sessions
// on one shared account both ask, and the password one of them types
// serves both.
func TestSessionWithoutPasswordAsksInsideTheTUI(t *testing.T) {
	st := settings(t)
	st.Credentials.Password = ""
	var accounts client.Accounts
	acct, err := accounts.Get(client.AccountConfig{APIURL: st.Platform.APIURL, GatewayURL: st.Platform.GatewayURL,
		Credentials: st.Credentials, PasswordLater: true})
	if err != nil {
		t.Fatal(err)
	}
	private := newSession(t, session.Options{Settings: st, Platform: "demo"})
	a := newSession(t, session.Options{Settings: st, Platform: "demo", Account: acct})
	b := newSession(t, session.Options{Settings: st, Platform: "demo", Account: acct})
	for name, s := range map[string]*session.Session{"private": private, "a": a, "b": b} {
		s.Model.Init()
		if !s.App.LoggingIn() || !strings.Contains(ansi.Strip(s.Model.View().Content), "Password for demo on demo:") {
			t.Fatalf("%s: no prompt:\n%s", name, ansi.Strip(s.Model.View().Content))
		}
	}
	a.Model.Update(tea.PasteMsg{Content: "demo"})
	a.Model.Update(uitest.Key("enter"))
	if a.App.LoggingIn() || acct.NeedsPassword() {
		t.Fatal("the password typed in a did not reach the shared account")
	}
}

// signIn types user and password into s's sign-in prompt and runs what
// follows (the sign-in, then the screens' first loads) to the end.
func signIn(t *testing.T, s *session.Session, user, password string) {
	t.Helper()
	s.Model.Update(tea.PasteMsg{Content: user})
	s.Model.Update(uitest.Key("tab"))
	s.Model.Update(tea.PasteMsg{Content: password})
	_, cmd := s.Model.Update(uitest.Key("enter"))
	r := &uitest.Runner{T: t, Deliver: func(msg tea.Msg) tea.Cmd { _, c := s.Model.Update(msg); return c }}
	r.Run(cmd)
}

// qsched serve --per-user-login: every session asks for its own Qualys
// user and password and sends nothing before; two sessions signed in as
// demo share one Account (one login for both); a session as another user
// gets its own; a session typing another password for demo is refused
// after one real login attempt, the shared Account unharmed.
func TestPerUserLoginSharesAnAccountPerUser(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 3})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	st := client.Settings{Platform: client.Platform{APIURL: srv.URL, GatewayURL: srv.URL}}
	accounts := &client.Accounts{}
	open := func(via string) *session.Session {
		return newSession(t, session.Options{Settings: st, Platform: "demo", PerUserLogin: true, Accounts: accounts, Via: via})
	}
	a, b, c, d := open("ssh: ann"), open("ssh: ben"), open("ssh: cat"), open("ssh: dan")
	for _, x := range []*session.Session{a, b, c, d} {
		x.Model.Init()
		if v := ansi.Strip(x.Model.View().Content); !x.App.LoggingIn() || !strings.Contains(v, "Sign in to demo") || !strings.Contains(v, "User:") {
			t.Fatalf("no sign-in prompt:\n%s", v)
		}
		if x.CurrentClient() != nil {
			t.Fatal("a client before sign-in")
		}
	}
	if st := s.Stats(); st.Total != 0 {
		t.Fatalf("%d requests before anyone signed in", st.Total)
	}

	signIn(t, a, "demo", "demo")
	signIn(t, b, "demo", "demo")
	if a.App.LoggingIn() || b.App.LoggingIn() || a.CurrentClient() == nil || b.CurrentClient() == nil {
		t.Fatal("demo's sessions are not signed in")
	}
	acct := a.CurrentClient().Account()
	if b.CurrentClient().Account() != acct || a.CurrentClient() == b.CurrentClient() {
		t.Fatal("two sessions as demo do not share one Account (or share one client)")
	}
	if v := ansi.Strip(a.Model.View().Content); !strings.Contains(v, "user demo (ssh: ann)") || strings.Contains(v, "Password") {
		t.Fatalf("a's view after sign-in:\n%s", v)
	}
	if got := s.Stats(); got.FailedLogins != 0 || got.Total == 0 {
		t.Fatalf("after demo's sign-ins: %d requests, %d failed logins", got.Total, got.FailedLogins)
	}

	signIn(t, c, "bob", "bob-pw")
	if c.CurrentClient() == nil || c.CurrentClient().Account() == acct {
		t.Fatal("a session as bob shares demo's Account")
	}
	if acct.Stopped() {
		t.Fatal("bob's refused password stopped demo's Account")
	}

	before := s.Stats().FailedLogins
	signIn(t, d, "demo", "guess")
	v := ansi.Strip(d.Model.View().Content)
	if !d.App.LoggingIn() || d.CurrentClient() != nil || !strings.Contains(v, "password was refused") || strings.Contains(v, "guess") {
		t.Fatalf("a wrong password for demo was let in (or shown):\n%s", v)
	}
	if got := s.Stats().FailedLogins; got != before+1 {
		t.Fatalf("%d failed logins for the wrong guess, want exactly 1", got-before)
	}
	if acct.Stopped() || acct.NeedsPassword() {
		t.Fatal("a wrong guess in another session harmed demo's Account")
	}
}

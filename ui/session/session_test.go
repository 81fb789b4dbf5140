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
	"github.com/qsched/qsched/ui/internal/uitest"
	"github.com/qsched/qsched/ui/session"
	"github.com/qsched/qsched/ui/task"
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

func isQuit(t *testing.T, cmd tea.Cmd) bool {
	t.Helper()
	for _, m := range uitest.Exec(t, cmd) {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func TestDrainWithoutTasksQuitsAtOnce(t *testing.T) {
	s := newSession(t, session.Options{Settings: settings(t)})
	_, cmd := s.Model.Update(session.DrainMsg{Reason: "test", Grace: time.Minute})
	if !isQuit(t, cmd) {
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
		if sm, ok := m.(task.StartedMsg); ok {
			_, run = s.Model.Update(sm)
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
		quit = quit || (c != nil && isQuit(t, c))
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

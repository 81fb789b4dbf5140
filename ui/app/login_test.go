package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
	"github.com/qsched/qsched/ui/was"
)

// pump drives a model the way a program does: commands run in their own
// goroutines and their messages come back to the test goroutine, which
// alone calls Update.
type pump struct {
	t    *testing.T
	m    tea.Model
	msgs chan tea.Msg
}

func newPump(t *testing.T, m tea.Model) *pump {
	p := &pump{t: t, m: m, msgs: make(chan tea.Msg, 256)}
	p.run(m.Init())
	return p
}

func (p *pump) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				p.run(c)
			}
		default:
			if cmds, ok := common.SequenceCmds(msg); ok {
				for _, c := range cmds {
					p.run(c) // order does not matter to these tests
				}
				return
			}
			p.msgs <- msg
		}
	}()
}

func (p *pump) send(msg tea.Msg) {
	_, cmd := p.m.Update(msg)
	p.run(cmd)
}

func (p *pump) typeText(s string) {
	for _, r := range s {
		p.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// until processes messages until cond holds (a deadline turns a hang
// into a failure; it is not a wait).
func (p *pump) until(what string, cond func() bool) {
	p.t.Helper()
	deadline := time.After(time.Minute)
	for !cond() {
		select {
		case msg := <-p.msgs:
			p.send(msg)
		case <-deadline:
			p.t.Fatalf("never: %s", what)
		}
	}
}

// loginApp is the whole app on a simulator whose account has a user and
// no password.
func loginApp(t *testing.T) (*app.Model, *uitest.Env) {
	t.Helper()
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5}, func(cfg *client.Config) {
		a, err := client.NewAccount(client.AccountConfig{APIURL: cfg.APIURL, GatewayURL: cfg.GatewayURL,
			Credentials: client.Credentials{Username: "demo"}, PasswordLater: true})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Account, cfg.Credentials = a, client.Credentials{}
	})
	m := app.New(app.Options{
		Client: env.Client, Events: env.Events, Platform: "demo", User: "demo",
		Now: uitest.NewClock(uitest.Epoch(), 0).Now, StaticSpinner: true, Start: common.WASScreen,
		Routes: app.DefaultRoutes(scripts.Options{}, was.Options{}),
	})
	return m, env
}

func view(m *app.Model) string { return ansi.Strip(m.View().Content) }

// Without a password the app asks for it and sends nothing; a wrong
// password is sent once, refused once, and the prompt comes back saying
// so; the right one loads the WAS list. No password is ever shown.
func TestLoginPromptInsideTheApp(t *testing.T) {
	const wrong, right = "wr0ng-pw", "demo"
	m, env := loginApp(t)
	p := newPump(t, m)
	p.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !m.LoggingIn() || !strings.Contains(view(m), "Password for demo on demo:") {
		t.Fatalf("no prompt:\n%s", view(m))
	}
	// Keys meant for the screens are typed into the prompt, not acted on.
	p.typeText("r2@")
	if m.Active() != common.WASScreen || len(m.Tasks()) != 0 {
		t.Fatalf("a key reached the app behind the prompt: screen %s, %d tasks", m.Active(), len(m.Tasks()))
	}
	for range 3 {
		p.send(uitest.Key("backspace"))
	}
	// Enter on an empty prompt sends nothing.
	p.send(uitest.Key("enter"))
	if !m.LoggingIn() || !strings.Contains(view(m), "Type the password first") {
		t.Fatalf("empty enter:\n%s", view(m))
	}
	if st := env.Sim.Stats(); st.Total != 0 {
		t.Fatalf("%d requests sent without a password: %v", st.Total, st.Requests)
	}

	p.typeText(wrong)
	if v := view(m); strings.Contains(v, wrong) || !strings.Contains(v, strings.Repeat("•", len(wrong))) {
		t.Fatalf("the password is shown or not masked:\n%s", v)
	}
	p.send(uitest.Key("enter"))
	p.until("the prompt is back after the refusal", func() bool { return m.LoggingIn() && len(m.Tasks()) == 0 })
	v := view(m)
	if !strings.Contains(v, "The password was refused") || strings.Contains(v, wrong) {
		t.Fatalf("after a wrong password:\n%s", v)
	}
	if st := env.Sim.Stats(); st.FailedLogins != 1 {
		t.Fatalf("%d failed logins, want exactly 1 (%v)", st.FailedLogins, st.Requests)
	}

	p.typeText(right)
	p.send(uitest.Key("enter"))
	first := strconv.FormatInt(*env.Sim.WASSchedules()[0].ID, 10)
	p.until("the WAS list is loaded", func() bool {
		return !m.LoggingIn() && len(m.Tasks()) == 0 && strings.Contains(view(m), first)
	})
	if st := env.Sim.Stats(); st.FailedLogins != 1 {
		t.Fatalf("%d failed logins after the right password, want 1", st.FailedLogins)
	}
	for _, s := range env.Seen.All() {
		if strings.Contains(view(m), s) {
			t.Fatal("a credential seen on the wire is on screen")
		}
	}
}

// esc on the prompt quits (a password prompt has nothing behind it to go
// back to); ctrl+c too.
func TestLoginEscQuits(t *testing.T) {
	m, env := loginApp(t)
	m.Init()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(uitest.Key("x"))
	_, cmd := m.Update(uitest.Key("esc"))
	if msgs := uitest.Exec(t, cmd); len(msgs) != 1 || msgs[0] != tea.Quit() {
		t.Fatalf("esc gave %v, want quit", msgs)
	}
	if st := env.Sim.Stats(); st.Total != 0 {
		t.Fatalf("%d requests", st.Total)
	}
}

// With SignIn and no client (qsched serve --per-user-login) the prompt
// asks for the user name too; nothing is sent and SignIn is not called
// until both are typed; the connection it returns is used: its header and
// its screens, started at once.
func TestSignInAsksForTheUser(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 3}, nil)
	var calls []string
	m := app.New(app.Options{
		Events: env.Events, Platform: "demo", StaticSpinner: true, Start: common.WASScreen,
		Now:    uitest.NewClock(uitest.Epoch(), 0).Now,
		Routes: app.DefaultRoutes(scripts.Options{}, was.Options{}),
		SignIn: func(_ context.Context, user, password string) (app.Connection, error) {
			calls = append(calls, user)
			if password != "demo" {
				t.Errorf("SignIn got another password")
			}
			return app.Connection{Client: env.Client, Platform: "demo", User: user + " (ssh: k)"}, nil
		},
	})
	p := newPump(t, m)
	p.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := view(m); !m.LoggingIn() || !strings.Contains(v, "Sign in to demo") || !strings.Contains(v, "User:") {
		t.Fatalf("no user prompt:\n%s", v)
	}
	p.send(uitest.Key("enter")) // from the empty user name to the password
	p.typeText("demo")
	p.send(uitest.Key("enter"))
	if len(calls) != 0 || !strings.Contains(view(m), "Type the Qualys user name first") {
		t.Fatalf("signed in without a user (%v):\n%s", calls, view(m))
	}
	p.typeText("demo")
	p.send(uitest.Key("tab"))
	p.typeText("demo")
	if strings.Contains(view(m), "Password: demo") {
		t.Fatal("the password is shown")
	}
	p.send(uitest.Key("enter"))
	first := strconv.FormatInt(*env.Sim.WASSchedules()[0].ID, 10)
	p.until("the WAS list is loaded", func() bool {
		return !m.LoggingIn() && len(m.Tasks()) == 0 && strings.Contains(view(m), first)
	})
	if len(calls) != 1 || calls[0] != "demo" || !strings.Contains(view(m), "user demo (ssh: k)") {
		t.Fatalf("SignIn calls %v; view:\n%s", calls, view(m))
	}
}

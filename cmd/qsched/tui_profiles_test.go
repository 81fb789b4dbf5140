package main

import (
	"context"
	"github.com/qsched/qsched/ui/uitest"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/session"
)

// P in the local TUI lists the config file's profiles; choosing another
// re-targets every call to its platform (another simulator), with fresh
// screens: WAS marks stay with their platform, and come back with it.
// Nothing the old screens had in flight reaches the new ones.
func TestTUIProfileSwitch(t *testing.T) {
	simA, simB := sim.New(sim.Options{WASSchedules: 3}), sim.New(sim.Options{WASSchedules: 4})
	srvA, srvB := httptest.NewServer(simA), httptest.NewServer(simB)
	t.Cleanup(srvA.Close)
	t.Cleanup(srvB.Close)
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	yaml := "default: alpha\nprofiles:\n" +
		"  alpha:\n    api_url: " + srvA.URL + "\n    gateway_url: " + srvA.URL + "\n    username: demo\n    password_env: PW_A\n" +
		"  beta:\n    api_url: " + srvB.URL + "\n    gateway_url: " + srvB.URL + "\n    username: demo\n    password_env: PW_B\n    read_only: true\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"QSCHED_CONFIG": cfg, "PW_A": "demo", "PW_B": "demo", "XDG_STATE_HOME": t.TempDir()}
	a := &cli{getenv: func(k string) string { return vars[k] }, now: time.Now}
	tgt, err := a.configuredTarget()
	if err != nil {
		t.Fatal(err)
	}
	o, err := a.sessionOptions(context.Background(), tgt, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.offerProfiles(&o); err != nil {
		t.Fatal(err)
	}
	sess, err := session.New(o)
	if err != nil {
		t.Fatal(err)
	}
	sess.Events.Close() // no API log listener: every command below ends
	t.Cleanup(sess.Close)
	m := sess.Model
	r := &uitest.Runner{T: t, Deliver: func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }}
	send := func(msg tea.Msg) { _, c := m.Update(msg); r.Run(c) }
	view := func() string { return ansi.Strip(m.View().Content) }

	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	r.Run(m.Init())
	send(uitest.Key("2"))
	if !strings.Contains(view(), "· alpha") || simA.Stats().Total == 0 || simB.Stats().Total != 0 {
		t.Fatalf("alpha: A %d, B %d requests\n%s", simA.Stats().Total, simB.Stats().Total, view())
	}
	send(uitest.Key("space"))
	if !strings.Contains(sess.App.Screen(common.WASScreen).Status(), "1 selected") {
		t.Fatalf("no mark: %q", sess.App.Screen(common.WASScreen).Status())
	}
	// A refresh of alpha's WAS list, started but not yet delivered.
	_, stale := m.Update(uitest.Key("r"))

	send(uitest.Key("P"))
	v := view()
	if !sess.App.Picking() || !strings.Contains(v, "alpha") || !strings.Contains(v, "beta") || !strings.Contains(v, "read-only") {
		t.Fatalf("no picker of the config's profiles:\n%s", v)
	}
	aBefore := simA.Stats().Total
	send(uitest.Key("down"))
	send(uitest.Key("enter"))
	if sess.App.CurrentProfile() != "beta" || sess.App.Picking() {
		t.Fatalf("not switched: profile %q\n%s", sess.App.CurrentProfile(), view())
	}
	if simB.Stats().Total == 0 || !strings.Contains(view(), "· beta") || !strings.Contains(view(), "READ-ONLY") {
		t.Fatalf("beta's screens did not load from B (%d requests):\n%s", simB.Stats().Total, view())
	}
	if st := sess.App.Screen(common.WASScreen).Status(); strings.Contains(st, "selected") {
		t.Fatalf("alpha's mark followed to beta: %q", st)
	}
	// alpha's refresh, delivered now, starts nothing on beta's screens.
	tasks, bBefore := len(sess.App.Tasks()), simB.Stats().Total
	r.Run(stale)
	if len(sess.App.Tasks()) != tasks || simB.Stats().Total != bBefore || simA.Stats().Total != aBefore {
		t.Fatalf("an old screen's message reached the new ones: tasks %d→%d, B %d→%d, A %d→%d",
			tasks, len(sess.App.Tasks()), bBefore, simB.Stats().Total, aBefore, simA.Stats().Total)
	}

	// Back to alpha: its screens, mark included, reloaded from A.
	send(uitest.Key("P"))
	send(uitest.Key("up"))
	send(uitest.Key("enter"))
	if sess.App.CurrentProfile() != "alpha" || !strings.Contains(sess.App.Screen(common.WASScreen).Status(), "1 selected") {
		t.Fatalf("alpha not restored: %q, %q", sess.App.CurrentProfile(), sess.App.Screen(common.WASScreen).Status())
	}
	if simA.Stats().Total == aBefore || simB.Stats().Total != bBefore || strings.Contains(view(), "READ-ONLY") {
		t.Fatalf("alpha not reloaded from A: A %d→%d, B %d→%d\n%s", aBefore, simA.Stats().Total, bBefore, simB.Stats().Total, view())
	}
}

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/session"
	"github.com/qsched/qsched/ui/uitest"
)

// A draft left in one run of `qsched --demo` is offered by the next, whose
// simulator listens on another port: the drafts file is keyed by "demo",
// not by the demo's address.
func TestDemoDraftIsOfferedAfterARestart(t *testing.T) {
	state := t.TempDir()
	a := &cli{getenv: func(k string) string { return map[string]string{"XDG_STATE_HOME": state}[k] }, now: time.Now, demo: true}

	first, err := demoTarget(false)
	if err != nil {
		t.Fatal(err)
	}
	path := a.localDraftDir(first.drafts, "")
	first.stop()
	d := scriptform.NewDraft(time.Now(), "demo")
	d.Title = "Half-built patch window"
	if err := (scriptform.DraftStore{Dir: path}).Save("left-in-first-run", d); err != nil {
		t.Fatal(err)
	}

	second, err := demoTarget(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(second.stop)
	if second.label == first.label {
		t.Fatalf("both demos on %q: the test needs two ports", first.label)
	}
	o, err := a.sessionOptions(context.Background(), second, a.localDraftDir(second.drafts, ""))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := session.New(o)
	if err != nil {
		t.Fatal(err)
	}
	sess.Events.Close()
	t.Cleanup(sess.Close)
	m := sess.Model
	r := &uitest.Runner{T: t, Deliver: func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	r.Run(m.Init())
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, `A draft is saved ("Half-built patch window"`) {
		t.Fatalf("the draft is not offered after a restart:\n%s", v)
	}
}

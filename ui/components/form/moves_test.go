package form_test

import (
	"testing"

	"charm.land/huh/v2"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/uitest"
)

// Keys read in one go ("date⏎time", typed fast or pasted) reach the field
// that has the focus when each is handled: enter and tab move at once,
// within a group and into the next group, and shift+tab back, without
// waiting for a command the event loop would deliver after those keys.
func TestKeysAfterAMoveReachTheNextField(t *testing.T) {
	var date, at, note string
	c := common.New(nil, false, uitest.NewClock(uitest.Epoch(), 0).Now)
	c.SetSize(80, 20)
	m := form.New(c, form.Spec{
		Owner: common.ScriptsScreen,
		Build: func() *huh.Form {
			return huh.NewForm(
				huh.NewGroup(huh.NewInput().Key("date").Title("Date").Value(&date), huh.NewInput().Key("time").Title("Time").Value(&at)),
				huh.NewGroup(huh.NewInput().Key("note").Title("Note").Value(&note)),
			)
		},
		Review:  func() string { return "" },
		Blocked: func() string { return "" },
		Confirm: func() confirm.Spec { return confirm.Spec{Title: "Save?", Verb: "save"} },
	})
	_ = m.Init() // the commands (focus, blink) are not run: keys come first
	focused := func() string { return m.Form().GetFocusedField().GetKey() }
	// Each key's commands are dropped, as if the loop had not got to them
	// before the next key.
	for _, k := range []string{"1", "enter", "2", "tab", "3"} {
		m.Update(uitest.Key(k))
	}
	if date != "1" || at != "2" || note != "3" || focused() != "note" {
		t.Fatalf("date %q time %q note %q, focus on %s", date, at, note, focused())
	}
	for _, k := range []string{"shift+tab", "ctrl+u", "9"} {
		m.Update(uitest.Key(k))
	}
	if at != "9" || note != "3" || focused() != "time" {
		t.Fatalf("after shift+tab: time %q note %q, focus on %s", at, note, focused())
	}
}

// A multi-line field offers no external editor: huh turns its ctrl+e on
// from the field's own setting, whatever the key map says, and an editor
// cannot run over SSH.
func TestTextHasNoExternalEditor(t *testing.T) {
	var text string
	c := common.New(nil, false, uitest.NewClock(uitest.Epoch(), 0).Now)
	c.SetSize(80, 20)
	m := form.New(c, form.Spec{
		Owner:   common.WASScreen,
		Build:   func() *huh.Form { return huh.NewForm(huh.NewGroup(form.Text().Key("t").Title("Text").Value(&text))) },
		Review:  func() string { return "" },
		Blocked: func() string { return "" },
		Confirm: func() confirm.Spec { return confirm.Spec{Title: "Save?", Verb: "save"} },
	})
	_ = m.Init()
	for _, b := range m.FieldHelp() {
		if b.Help().Key == "ctrl+e" {
			t.Fatalf("the field offers %q %q", b.Help().Key, b.Help().Desc)
		}
	}
}

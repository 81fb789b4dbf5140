package form

import (
	"reflect"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/qsched/qsched/ui/common"
)

// A huh field answers enter, tab or shift+tab with a command whose message
// moves the focus (huh.NextField, and the group's nextGroup after it).
// Through the event loop that message comes after every key already
// read: typed fast, or pasted ("2026-11-25⏎09:30"), the keys after enter
// landed in the field just left, and a ctrl+u meant for the next field
// cleared the last one. settle runs those moves at once, inside the key's
// Update, so the next key finds the focus where the user put it.

// moveFuncs are huh's focus commands, by their function's name (the group
// moves are unexported). TestMovesAreKnown fails if huh renames them.
var moveFuncs = map[string]bool{
	"charm.land/huh/v2.NextField": true,
	"charm.land/huh/v2.PrevField": true,
	"charm.land/huh/v2.nextGroup": true,
	"charm.land/huh/v2.prevGroup": true,
}

// batchFunc is the name prefix of the command tea.Batch and tea.Sequence
// return for several commands: calling it only returns them.
const batchFunc = "charm.land/bubbletea/v2.compactCmds["

func funcName(cmd tea.Cmd) string {
	if f := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()); f != nil {
		return f.Name()
	}
	return ""
}

// settle runs the focus moves in cmd now and returns the rest.
func (m *Model) settle(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	name := funcName(cmd)
	switch {
	case moveFuncs[name]:
		return m.update(cmd())
	case strings.HasPrefix(name, batchFunc):
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			out := make([]tea.Cmd, 0, len(b))
			for _, c := range b {
				out = append(out, m.settle(c))
			}
			return tea.Batch(out...)
		}
		if cmds, ok := common.SequenceCmds(msg); ok {
			return tea.Sequence(cmds...) // order matters: left as it is
		}
		return func() tea.Msg { return msg }
	}
	return cmd
}

// update passes msg to huh and settles the moves it answers with.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.Update(msg)
	if ff, ok := f.(*huh.Form); ok {
		m.form = ff
	}
	return m.settle(cmd)
}

// redrawMsg is no news to any field: passed to huh, it has the group lay
// its fields out again (huh does so in Update, not in View).
type redrawMsg struct{}

package app_test

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/task"
)

// fakeScreen records what reaches it. Key "x" starts a task running work;
// "d" is matched against the shared Deactivate binding (a write action).
type fakeScreen struct {
	common.Common
	id       common.ScreenID
	work     func(ctx context.Context) (string, error)
	gen      task.Gen
	dirty    bool
	captures bool

	keys        []string
	results     []task.DoneMsg[string]
	stale       int
	deactivated int
	others      []tea.Msg
}

func newFake(id common.ScreenID) (*fakeScreen, func(common.Common) common.Screen) {
	f := &fakeScreen{id: id}
	return f, func(c common.Common) common.Screen { f.Common = c; return f }
}

func (f *fakeScreen) ID() common.ScreenID { return f.id }
func (f *fakeScreen) Title() string       { return "Fake " + string(f.id) }
func (f *fakeScreen) Init() tea.Cmd       { return nil }
func (f *fakeScreen) SetSize(w, h int)    { f.Common.SetSize(w, h) }
func (f *fakeScreen) Dirty() bool         { return f.dirty }
func (f *fakeScreen) CapturesInput() bool { return f.captures }
func (f *fakeScreen) Status() string      { return "3 selected" }
func (f *fakeScreen) View() string        { return "fake screen " + string(f.id) }
func (f *fakeScreen) ShortHelp() []key.Binding {
	return []key.Binding{f.Keys.List.Refresh, f.Keys.List.Deactivate}
}
func (f *fakeScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{f.Keys.List.Refresh, f.Keys.List.Filter}, {f.Keys.List.New, f.Keys.List.Update, f.Keys.List.Activate, f.Keys.List.Deactivate}}
}

func (f *fakeScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		f.keys = append(f.keys, msg.String())
		switch {
		case key.Matches(msg, f.Keys.List.Deactivate):
			f.deactivated++
		case msg.String() == "x":
			return f, task.Run(f.id, f.gen.Next(), "Fake work", f.work)
		}
	case task.DoneMsg[string]:
		if !f.gen.Current(msg.Task) {
			f.stale++
			return f, nil
		}
		f.results = append(f.results, msg)
	default:
		f.others = append(f.others, msg)
	}
	return f, nil
}

package scriptform

import (
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
)

// seek takes a new form to one field: the first with a problem, when the
// user goes back from the review (b) or opens a draft. huh moves between
// groups only through its own messages, so the groups before the
// field's are hidden while the form starts (huh's Init skips hidden
// groups), then shown again; inside the group the focus steps forward.
type seek struct {
	key     string         // the field to reach; "" for none
	active  bool           // groups before the field's are hidden
	groupOf map[string]int // each field key's group
	order   []string       // the field keys in form order
}

func newSeek() *seek { return &seek{groupOf: map[string]int{}} }

// hides reports whether group i is hidden for the seek.
func (s *seek) hides(i int) bool {
	g, ok := s.groupOf[s.key]
	return s.active && ok && i < g
}

// start aims a form about to be built at key ("" aims at nothing).
func (s *seek) start(key string) { s.key, s.active = key, key != "" }

// firstProblem is the first field, in form order, that has one of
// problems, and that problem; key is "" when none is any field's (the
// problem is then the first of problems, if any).
func firstProblem(problems model.ValidationErrors, descs []described, order []string) (key string, p model.FieldError) {
	of := map[string]model.FieldError{}
	for _, d := range descs {
		for _, e := range problems {
			if fieldProblems(model.ValidationErrors{e}, d.prefixes...) != "" {
				of[d.key] = e
				break
			}
		}
	}
	for _, k := range order {
		if e, ok := of[k]; ok {
			return k, e
		}
	}
	if len(problems) > 0 {
		p = problems[0]
	}
	return "", p
}

// step moves the focus on towards the sought field once its group is
// showing, and ends the seek there; it returns the focus commands.
func (m *Model) step() tea.Cmd {
	s := m.seek
	if !s.active {
		return nil
	}
	f := m.ed.Form()
	cur := f.GetFocusedField()
	if cur == nil || s.groupOf[cur.GetKey()] != s.groupOf[s.key] {
		return nil // huh is still skipping the hidden groups
	}
	s.active = false         // the earlier groups show again for shift+tab,
	f.UpdateFieldPositions() // which huh disabled on the first field shown
	var cmds []tea.Cmd
	for range len(s.order) {
		if cur = f.GetFocusedField(); cur == nil || cur.GetKey() == s.key {
			break
		}
		cmds = append(cmds, f.NextField()) // inside the group: synchronous
	}
	m.lastFocus = s.key
	return tea.Batch(cmds...)
}

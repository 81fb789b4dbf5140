package was

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// serverFilter builds one criterion: a field from model.WASFilterFields,
// one of the operators its type allows, then a value checked with
// Criterion.Validate(UseSearch). Enter adds it and reloads; esc steps back
// (and out from the first step), so nothing traps the user.
type serverFilter struct {
	step  int // 0 field, 1 operator, 2 value
	field int
	op    int
	value *textentry.Model
	err   string
}

func (m *Model) openBuilder() {
	m.builder, m.mode = &serverFilter{}, modeServerFilter
}

func (b *serverFilter) fieldDef() model.FilterField { return model.WASFilterFields()[b.field] }

func (b *serverFilter) ops() []model.Operator { return model.OperatorsFor(b.fieldDef().Type) }

func (b *serverFilter) criterion() model.Criterion {
	c := model.Criterion{Field: b.fieldDef().Name, Operator: b.ops()[b.op]}
	if c.Operator != model.OpNone {
		c.Value = strings.TrimSpace(b.value.Value())
		if c.Operator == model.OpIn {
			c.Value = strings.Join(model.SplitIn(c.Value), ",")
		}
	}
	return c
}

func (m *Model) updateBuilder(msg tea.KeyPressMsg) tea.Cmd {
	b, k := m.builder, m.Keys
	if key.Matches(msg, k.Global.Back) {
		if b.step == 0 {
			m.builder, m.mode = nil, modeList
		} else {
			b.step--
			b.err = ""
		}
		return nil
	}
	next := key.Matches(msg, k.Form.Choose)
	switch b.step {
	case 0:
		b.field = m.pick(msg, b.field, len(model.WASFilterFields()))
		if next {
			b.step, b.op = 1, 0
		}
	case 1:
		b.op = m.pick(msg, b.op, len(b.ops()))
		if next {
			if b.ops()[b.op] == model.OpNone {
				return m.addCriterion()
			}
			b.step = 2
			b.value = textentry.New("> ", "")
		}
	case 2:
		if next {
			return m.addCriterion()
		}
		_, cmd := b.value.Update(msg)
		b.err = ""
		return cmd
	}
	return nil
}

// pick moves a list choice with the movement keys (tab and shift+tab too).
func (m *Model) pick(msg tea.KeyPressMsg, cur, n int) int {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Form.Choose):
	case key.Matches(msg, k.List.Up, k.Form.Prev):
		cur--
	case key.Matches(msg, k.List.Down, k.Form.Next):
		cur++
	}
	return (cur + n) % n
}

func (m *Model) addCriterion() tea.Cmd {
	b := m.builder
	c := b.criterion()
	if err := c.Validate(model.UseSearch); err != nil {
		b.err = safe.Line(err.Error(), 0)
		return nil
	}
	m.criteria = append(m.criteria, c)
	m.builder, m.mode = nil, modeList
	return m.reload(true)
}

func (m *Model) builderView(w int) string {
	b, st := m.builder, m.Styles
	lines := []string{st.Title.Render("Server-side filter"), truncate("Active: "+present.OrNone(present.Criteria(m.criteria))+" (new criteria are ANDed; F clears)", w), ""}
	listStart := len(lines)
	switch b.step {
	case 0:
		lines = append(lines, "Field (↑/↓, enter):")
		for i, f := range model.WASFilterFields() {
			lines = append(lines, choice(i == b.field, fmt.Sprintf("%-22s %s", f.Name, f.Help)))
		}
	case 1:
		lines = append(lines, "Operator for "+b.fieldDef().Name+" (↑/↓, enter):")
		for i, o := range b.ops() {
			lines = append(lines, choice(i == b.op, string(o)))
		}
	case 2:
		f := b.fieldDef()
		b.value.SetWidth(w)
		lines = append(lines, fmt.Sprintf("Value for %s %s:", f.Name, b.ops()[b.op]), b.value.View(), st.Muted.Render(valueHint(f, b.ops()[b.op])))
		if b.err != "" {
			lines = append(lines, st.Error.Render(b.err))
		}
	}
	lines = append(lines, "", st.Muted.Render("enter next · esc back"))
	// Keep the chosen field on screen at small heights.
	if over := len(lines) - m.Height; over > 0 && b.step == 0 {
		skip := min(max(b.field-(m.Height-listStart-4), 0), over)
		lines = append(lines[:listStart+1], lines[listStart+1+skip:]...)
	}
	for i := range lines {
		lines[i] = truncate(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

func choice(on bool, s string) string {
	if on {
		return "> " + s
	}
	return "  " + s
}

func valueHint(f model.FilterField, op model.Operator) string {
	var h string
	switch f.Type {
	case model.TypeInteger:
		h = "an integer"
	case model.TypeText:
		h = "text"
	case model.TypeDate:
		h = "a UTC date YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"
	case model.TypeKeyword:
		h = "one of " + strings.Join(f.Keywords, ", ")
	case model.TypeBoolean:
		h = "true or false"
	}
	if op == model.OpIn {
		h = "comma-separated: " + h
	}
	return h
}

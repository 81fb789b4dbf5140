package was

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/table"
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
	list  *table.Model // the fields, then the operators
	value *textentry.Model
	err   string
}

func (m *Model) openBuilder() {
	m.builder, m.mode = &serverFilter{}, modeServerFilter
	m.builder.list = m.choices(fieldChoices(model.WASFilterFields()), 0)
}

// choices is a list of FIELD/MEANING rows on the shared table.
func (m *Model) choices(rows choiceRows, cursor int) *table.Model {
	t := table.For(m.Common, []table.Column{{Title: "CHOOSE", Width: 22, Priority: 2}, {Title: "MEANING", Width: 10, Flex: 1, Priority: 1}})
	t.SetRows(rows)
	t.SetCursor(cursor)
	return t
}

// choiceRows are the rows of a choice list: a name and what it means.
type choiceRows [][2]string

func (c choiceRows) Len() int             { return len(c) }
func (c choiceRows) Cells(i int) []string { return c[i][:] }

func fieldChoices(fs []model.FilterField) choiceRows {
	out := make(choiceRows, len(fs))
	for i, f := range fs {
		out[i] = [2]string{f.Name, f.Help}
	}
	return out
}

func opChoices(ops []model.Operator) choiceRows {
	out := make(choiceRows, len(ops))
	for i, o := range ops {
		out[i] = [2]string{string(o), ""}
	}
	return out
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
		switch b.step {
		case 0:
			m.builder, m.mode = nil, modeList
		case 1:
			b.list = m.choices(fieldChoices(model.WASFilterFields()), b.field)
		case 2:
			b.list = m.choices(opChoices(b.ops()), b.op)
		}
		b.step--
		b.err = ""
		return nil
	}
	next := key.Matches(msg, k.Form.Choose)
	switch b.step {
	case 0:
		b.field = m.pick(msg, b.list)
		if next {
			b.step, b.op = 1, 0
			b.list = m.choices(opChoices(b.ops()), 0)
		}
	case 1:
		b.op = m.pick(msg, b.list)
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

// pick moves the choice with the movement keys (tab and shift+tab too)
// and returns the row chosen.
func (m *Model) pick(msg tea.KeyPressMsg, list *table.Model) int {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Form.Choose):
	case key.Matches(msg, k.Form.Prev):
		list.Move(-1)
	case key.Matches(msg, k.Form.Next):
		list.Move(1)
	default:
		list.Update(msg)
	}
	return list.Cursor()
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
	list := func(title string) {
		lines = append(lines, title)
		b.list.SetSize(w, max(m.Height-len(lines)-2, 2))
		lines = append(lines, strings.Split(b.list.View(), "\n")...)
	}
	switch b.step {
	case 0:
		list("Field (↑/↓, enter):")
	case 1:
		list("Operator for " + b.fieldDef().Name + " (↑/↓, enter):")
	case 2:
		f := b.fieldDef()
		b.value.SetWidth(w)
		lines = append(lines, fmt.Sprintf("Value for %s %s:", f.Name, b.ops()[b.op]), b.value.View(), st.Muted.Render(valueHint(f, b.ops()[b.op])))
		if b.err != "" {
			lines = append(lines, st.Error.Render(b.err))
		}
	}
	lines = append(lines, "", st.Muted.Render("enter next · esc back"))
	for i := range lines {
		lines[i] = truncate(lines[i], w)
	}
	return strings.Join(lines, "\n")
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

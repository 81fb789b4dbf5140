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
// Criterion.Validate(UseSearch); a boolean's value is picked from true
// and false, not typed. Enter adds it and reloads; esc steps back (and
// out from the first step), so nothing traps the user. The first list
// also offers to remove each criterion in force, one at a time.
type serverFilter struct {
	step    int // 0 field (or a criterion to remove), 1 operator, 2 value
	removes int // rows of the first list that remove a criterion
	field   int
	op      int
	list    *table.Model // the fields, the operators, then true/false
	value   *textentry.Model
	picked  string // a boolean's value, picked from the list
	err     string
}

// boolValues are what a boolean field is picked from.
var boolValues = choiceRows{{"true", ""}, {"false", ""}}

func (m *Model) openBuilder() {
	m.builder, m.mode = &serverFilter{removes: len(m.criteria)}, modeServerFilter
	m.builder.list = m.choices(m.firstChoices(), 0)
}

// firstChoices are the criteria in force (each removes itself) and the
// fields a new criterion can use.
func (m *Model) firstChoices() choiceRows {
	out := make(choiceRows, 0, len(m.criteria)+len(model.WASFilterFields()))
	for _, c := range m.criteria {
		out = append(out, [2]string{"✕ " + safe.Line(c.String(), 0), "remove this criterion"})
	}
	return append(out, fieldChoices(model.WASFilterFields())...)
}

func (b *serverFilter) isBool() bool { return b.fieldDef().Type == model.TypeBoolean }

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
	if c.Operator != model.OpNone && b.value == nil {
		c.Value = b.picked
	} else if c.Operator != model.OpNone {
		c.Value = strings.TrimSpace(b.value.Value())
		if c.Operator == model.OpIn {
			c.Value = strings.Join(model.SplitIn(c.Value), ",")
		}
	}
	return c
}

func (m *Model) updateBuilder(msg tea.KeyPressMsg) tea.Cmd {
	b, k := m.builder, m.Keys
	if key.Matches(msg, k.Global.Quit) && b.value == nil {
		// q closes the builder (nothing to type here) instead of quitting.
		m.builder, m.mode = nil, modeList
		return nil
	}
	if key.Matches(msg, k.Global.Back) {
		switch b.step {
		case 0:
			m.builder, m.mode = nil, modeList
		case 1:
			b.list = m.choices(m.firstChoices(), b.removes+b.field)
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
		i := m.pick(msg, b.list)
		if next && i < b.removes {
			return m.removeCriterion(i)
		}
		b.field = max(i-b.removes, 0)
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
			b.value, b.picked = nil, ""
			if b.isBool() {
				b.list = m.choices(boolValues, 0)
				return nil
			}
			b.value = textentry.New("> ", "")
		}
	case 2:
		if b.value == nil { // a boolean: picked
			b.picked = boolValues[m.pick(msg, b.list)][0]
			if next {
				return m.addCriterion()
			}
			return nil
		}
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

// removeCriterion drops the i-th criterion in force and reloads.
func (m *Model) removeCriterion(i int) tea.Cmd {
	c := m.criteria[i]
	m.criteria = append(m.criteria[:i:i], m.criteria[i+1:]...)
	m.builder, m.mode = nil, modeList
	m.setNote("Removed the server filter criterion "+safe.Line(c.String(), 0)+".", false)
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
		title := "Field (↑/↓, enter):"
		if b.removes > 0 {
			title = "A criterion to remove (✕), or a field to add one (↑/↓, enter):"
		}
		list(title)
	case 1:
		list("Operator for " + b.fieldDef().Name + " (↑/↓, enter):")
	case 2:
		f := b.fieldDef()
		if b.value == nil {
			list(fmt.Sprintf("Value for %s %s (↑/↓, enter):", f.Name, b.ops()[b.op]))
			break
		}
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

package statusbar

import (
	"charm.land/bubbles/v2/viewport"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
)

// MoreHint ends a message cut to fit the status bar: the full-message key
// (!) opens it whole.
const MoreHint = common.MoreHint

// cutWords is common.CutWords on the plain text of s.
func cutWords(s string, w int) (string, bool) { return common.CutWords(ansi.Strip(s), w) }

// Cut reports whether the message shown was cut to fit: the
// full-message key then opens it (Expand).
func (m *Model) Cut() bool {
	_, cut := m.render()
	return cut
}

// Message is the whole message shown (error or info), "" for none.
func (m *Model) Message() string {
	if m.err != "" {
		return "error: " + m.err
	}
	return m.info
}

// Expand opens the whole message over the body; Collapse closes it.
func (m *Model) Expand()   { m.full, m.fullSized, m.text = &viewport.Model{}, false, "" }
func (m *Model) Collapse() { m.full, m.text = nil, "" }

// ExpandText opens text (a screen's message, already made safe) whole
// over the body, as Expand opens the bar's.
func (m *Model) ExpandText(text string) {
	m.Expand()
	m.text = text
}

// Expanded reports whether the whole message is open.
func (m *Model) Expanded() bool { return m.full != nil }

// FullView is the whole message in an area of w×h cells, its lines
// wrapped at word boundaries, scrolled with the list keys (ScrollFull).
func (m *Model) FullView(w, h int) string {
	if m.full == nil {
		return ""
	}
	if !m.fullSized || m.full.Width() != w {
		vp := scroll.New(m.Common, w, max(h-2, 1))
		text := m.text
		if text == "" {
			text = m.Message()
		}
		scroll.SetText(&vp, text)
		*m.full, m.fullSized = vp, true
	}
	head := m.Styles.Title.Render(ansi.Truncate("The whole message (esc or ! closes)", w, "…"))
	return common.Fit(head+"\n\n"+m.full.View(), w, h)
}

// ScrollFull passes a key to the open message.
func (m *Model) ScrollFull(msg any) {
	if m.full != nil && m.fullSized {
		*m.full, _ = m.full.Update(msg)
	}
}

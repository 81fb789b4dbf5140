package statusbar

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
)

// MoreHint ends a message cut to fit the status bar: the full-message key
// (!) opens it whole.
const MoreHint = "… (! for full)"

// cutWords fits s (plain or styled text) into w cells: whole, or cut at
// the last space that leaves room for MoreHint, never inside a word (a
// single word wider than the room is cut where the room ends). ok is
// false when s had to be cut.
func cutWords(s string, w int) (out string, ok bool) {
	if ansi.StringWidth(s) <= w {
		return s, true
	}
	room := w - ansi.StringWidth(MoreHint)
	if room <= 0 {
		return ansi.Truncate(MoreHint, max(w, 0), ""), false
	}
	plain := ansi.Strip(s)
	cut := ansi.Truncate(plain, room, "")
	// Cut back to a word boundary unless the cut already falls on one.
	if len(cut) < len(plain) && plain[len(cut)] != ' ' {
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ") + MoreHint, false
}

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
func (m *Model) Expand()   { m.full = &viewport.Model{}; m.fullSized = false }
func (m *Model) Collapse() { m.full = nil }

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
		scroll.SetText(&vp, m.Message())
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

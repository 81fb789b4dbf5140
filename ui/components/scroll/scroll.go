// Package scroll builds the one scrolling view of qsched: a bubbles
// viewport answering the app's movement keys. Details, reviews and long
// text use it; no screen scrolls by hand.
package scroll

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/ui/common"
)

// New returns a viewport of w×h cells that scrolls with the list keys
// (↑/↓, k/j, page up/down) and wraps long lines softly.
func New(c common.Common, w, h int) viewport.Model {
	l := c.Keys.List
	vp := viewport.New(viewport.WithWidth(max(w, 1)), viewport.WithHeight(max(h, 1)))
	vp.SoftWrap = true
	vp.KeyMap = viewport.KeyMap{
		Up: l.Up, Down: l.Down, PageUp: l.PageUp, PageDown: l.PageDown,
		HalfPageUp: key.NewBinding(key.WithKeys("ctrl+u")), HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d")),
		Left: key.NewBinding(key.WithDisabled()), Right: key.NewBinding(key.WithDisabled()),
	}
	return vp
}

// SetText shows s in vp, its long lines wrapped at word boundaries for
// the viewport's width (a word longer than the width is cut), so that no
// value or message is split mid-word; the soft wrap still holds a line
// in if the viewport narrows later.
func SetText(vp *viewport.Model, s string) {
	vp.SetContent(ansi.Wrap(s, max(vp.Width(), 1), ""))
}

package was

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
)

// cutNote fits a note line (text already made safe) into w cells without
// cutting a word: a longer note ends with common.MoreHint, and ! shows it
// whole (FullNote).
func cutNote(s string, w int) string {
	out, _ := common.CutWords(s, w)
	return out
}

// FullNote implements common.FullNoter: the note line whole when it does
// not fit the screen's width.
func (m *Model) FullNote() string {
	if m.export != nil || m.mode != modeList {
		return ""
	}
	full := ansi.Strip(m.noteLine(1 << 20))
	if ansi.StringWidth(full) <= max(m.Width, 1) {
		return ""
	}
	return full
}

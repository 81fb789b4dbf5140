package was

import (
	"strings"

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

// FullNote implements common.FullNoter: the note whole when it does not
// fit its lines (noteLines).
func (m *Model) FullNote() string {
	if m.export != nil || m.mode != modeList {
		return ""
	}
	full := ansi.Strip(m.noteLines(1 << 20)[0])
	if !strings.Contains(ansi.Strip(strings.Join(m.noteLines(max(m.Width, 1)), "\n")), common.MoreHint) {
		return "" // whole on its lines
	}
	return full
}

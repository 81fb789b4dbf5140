package scripts

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/safe"
)

// cutNote fits a message line (text already made safe) into w cells
// without cutting a word: a longer one ends with common.MoreHint, and !
// shows it whole (FullNote).
func cutNote(s string, w int) string {
	out, _ := common.CutWords(s, w)
	return out
}

// FullNote implements common.FullNoter: the notice, else the load error,
// whole, when it does not fit the screen's width.
func (s *Screen) FullNote() string {
	if s.builder != nil || s.mode != modeList {
		return ""
	}
	var lines []string
	if s.notice != "" {
		lines = append(lines, safe.Line(s.notice, 0))
	}
	if s.loadErr != "" {
		lines = append(lines, "✗ "+s.loadErr+" (r retries)")
	}
	for _, t := range lines {
		if ansi.StringWidth(t) > max(s.c.Width, 1) {
			return t
		}
	}
	return ""
}

package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// MoreHint ends a message cut to fit its line: the full-message key (!)
// opens it whole.
const MoreHint = "… (! for full)"

// CutWords fits the plain (unstyled) text s into w cells: whole, or cut
// at the last space that leaves room for MoreHint, never inside a word (a
// single word wider than the room is cut where the room ends). fits is
// false when s had to be cut.
func CutWords(s string, w int) (out string, fits bool) {
	if ansi.StringWidth(s) <= w {
		return s, true
	}
	room := w - ansi.StringWidth(MoreHint)
	if room <= 0 {
		return ansi.Truncate(MoreHint, max(w, 0), ""), false
	}
	cut := ansi.Truncate(s, room, "")
	// Cut back to a word boundary unless the cut already falls on one.
	if len(cut) < len(s) && s[len(cut)] != ' ' {
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ") + MoreHint, false
}

// FullNoter is a screen whose own message line (a note under its list)
// may be cut to fit: FullNote is that message whole when it was cut, ""
// otherwise. The full-message key (!) then shows it whole.
type FullNoter interface {
	FullNote() string
}

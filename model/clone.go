package model

import "strings"

// CloneSuffix ends the name a copy of a schedule starts with.
const CloneSuffix = " (copy)"

// CloneName is the name (or title) a copy of a schedule starts with:
// the original's, trimmed, with CloneSuffix, the original cut so that the
// whole stays within MaxTitleLen characters. The user may change it; it
// differs from the original's, which a WAS clone requires.
func CloneName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if room := MaxTitleLen - len([]rune(CloneSuffix)); len(r) > room {
		r = []rune(strings.TrimRight(string(r[:room]), " "))
	}
	if len(r) == 0 {
		return strings.TrimSpace(CloneSuffix)
	}
	return string(r) + CloneSuffix
}

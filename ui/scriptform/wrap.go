package scriptform

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrapWords wraps display-safe text to w cells, breaking only at spaces:
// an id (a UUID, "sched-1") is one word and moves to the next line whole,
// so that what is copied from the screen is the id. ansi's wrappers also
// break at hyphens. A word wider than w alone is broken where it must be,
// every character kept.
func wrapWords(s string, w int) string {
	w = max(w, 1)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			switch {
			case line == "":
				line = word
			case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
			if ansi.StringWidth(line) > w {
				parts := strings.Split(ansi.Hardwrap(line, w, true), "\n")
				out = append(out, parts[:len(parts)-1]...)
				line = parts[len(parts)-1]
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

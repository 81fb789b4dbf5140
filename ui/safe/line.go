package safe

import "github.com/charmbracelet/x/ansi"

// Line returns the visible form of s (as Text) for one line of at most
// width cells, measured as lipgloss and ansi measure them; longer text is
// cut with "…". Runs of spaces are kept: they are part of the value.
// width <= 0 means no width limit; the length is still bounded by MaxLen.
func Line(s string, width int) string {
	s = Text(s)
	if width > 0 && ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	return s
}

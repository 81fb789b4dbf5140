package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// TruncateMiddle cuts plain text s to width cells, keeping both ends
// (useful for paths, whose end is the interesting part).
func TruncateMiddle(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width <= 1 {
		return ansi.Truncate(s, width, "")
	}
	left := (width - 1) / 2
	right := width - 1 - left
	return ansi.Truncate(s, left, "") + "…" + ansi.TruncateLeft(s, ansi.StringWidth(s)-right, "")
}

// Fit returns exactly height lines, each at most width cells: longer lines
// are truncated (styles kept), missing lines are blank.
func Fit(s string, width, height int) string {
	if height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Spread puts left and right on one line of width cells, truncating left
// first so right stays visible.
func Spread(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw >= width {
		return ansi.Truncate(right, width, "…")
	}
	lw := lipgloss.Width(left)
	if lw > width-rw-1 {
		left = ansi.Truncate(left, max(width-rw-1, 0), "…")
		lw = lipgloss.Width(left)
	}
	return left + strings.Repeat(" ", max(width-lw-rw, 0)) + right
}

package main

import (
	"strings"
	"testing"

	"github.com/creack/pty"
)

// darkBackground reads the terminal's answer — light or dark — and counts
// a terminal that never answers as dark (how long it waits is
// BenchmarkBudgetHelpNoAnswer's).
func TestDarkBackgroundAsksTheTerminalWithinTheTimeout(t *testing.T) {
	for _, c := range []struct {
		answer string
		dark   bool
	}{
		{"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c", false},
		{"\x1b]11;rgb:1e1e/1e1e/2e2e\x07\x1b[?62c", true},
		{"", true},          // no answer
		{"\x1b[?62c", true}, // device attributes only: no colour to read
	} {
		ptm, tty, err := pty.Open()
		if err != nil {
			t.Skip("no pseudo-terminal:", err)
		}
		go func() {
			buf := make([]byte, 256)
			n, _ := ptm.Read(buf)
			if strings.Contains(string(buf[:n]), "\x1b]11;?") && c.answer != "" {
				_, _ = ptm.WriteString(c.answer)
			}
		}()
		got := darkBackground(tty, tty, termQueryTimeout)
		_ = tty.Close()
		_ = ptm.Close()
		if got != c.dark {
			t.Errorf("answer %q: dark %v, want %v", c.answer, got, c.dark)
		}
	}
}

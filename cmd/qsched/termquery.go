package main

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// termQueryTimeout bounds every wait for a terminal's answer to a query,
// within the 100 ms budget with room for the raw mode around it (issue 16).
// fang asks for the background colour before it prints help or an error
// (lipgloss.HasDarkBackground: 2 s on stdin, then 2 s on stdout), so on a
// terminal that never answers, --help stalled 4 s.
const termQueryTimeout = 75 * time.Millisecond

// fangColors is the colour scheme fang draws help and errors with: fang's
// own, light or dark as the terminal answers within termQueryTimeout
// (dark when it does not, as lipgloss decides). The question is asked
// once, and only when fang draws something.
func fangColors(in, out *os.File) fang.Option {
	dark := sync.OnceValue(func() bool { return darkBackground(in, out, termQueryTimeout) })
	return fang.WithColorSchemeFunc(func(lipgloss.LightDarkFunc) fang.ColorScheme {
		return fang.DefaultColorScheme(lipgloss.LightDark(dark()))
	})
}

// withoutFangQuery runs fn with os.Stdin set to a file that is not a
// terminal, so that fang's own background query fails at once instead of
// waiting 2 s twice (fangColors asks instead). qsched's commands read the
// stdin they were given (cli.stdin), never os.Stdin.
func withoutFangQuery(fn func() int) int {
	null, err := os.Open(os.DevNull)
	if err != nil {
		return fn()
	}
	defer null.Close()
	saved := os.Stdin
	os.Stdin = null
	defer func() { os.Stdin = saved }()
	return fn()
}

// darkBackground asks the terminal on in and out for its background
// colour (OSC 11, then DA1, which every terminal answers), waiting at most
// timeout. Not a terminal, no answer or no colour: dark.
func darkBackground(in, out *os.File, timeout time.Duration) bool {
	if !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return true
	}
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return true
	}
	defer term.Restore(in.Fd(), state) //nolint:errcheck
	c, err := queryBackground(in, out, timeout)
	if err != nil || c == nil {
		return true
	}
	return isDark(c)
}

// isDark is lipgloss's test: lightness below one half.
func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	hi := max(r, g, b)
	lo := min(r, g, b)
	return float64(hi+lo)/2/0xffff < 0.5
}

// queryBackground writes the queries and reads answers until DA1's, or
// until timeout.
func queryBackground(in io.Reader, out io.Writer, timeout time.Duration) (c color.Color, err error) {
	rd, err := uv.NewCancelReader(in)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(timeout):
			rd.Cancel()
		}
	}()
	if _, err := io.WriteString(out, ansi.RequestBackgroundColor+ansi.RequestPrimaryDeviceAttributes); err != nil {
		return nil, err
	}
	pa := ansi.GetParser()
	defer ansi.PutParser(pa)
	var acc []byte
	var buf [256]byte
	var st byte
	for {
		n, err := rd.Read(buf[:])
		if err != nil {
			return c, fmt.Errorf("no answer: %w", err)
		}
		p := buf[:n]
		for len(p) > 0 {
			seq, _, read, next := ansi.DecodeSequence(p, st, pa)
			acc = append(acc, seq...)
			if next == ansi.NormalState {
				switch s := string(acc); {
				case ansi.HasOscPrefix(s) && pa.Command() == 11:
					if parts := strings.Split(string(pa.Data()), ";"); len(parts) == 2 {
						if col := ansi.XParseColor(parts[1]); col != nil {
							c = col
						}
					}
				case ansi.HasCsiPrefix(s) && pa.Command() == ansi.Command('?', 0, 'c'):
					return c, nil
				}
				acc = acc[:0]
			}
			st = next
			p = p[read:]
		}
	}
}

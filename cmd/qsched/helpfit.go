package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// fang (v2.0.1, help.go) draws --help for min(terminal width, 120)
// columns, 120 when stdout is not a terminal, and:
//   - pads the Long text to that width with spaces, so piped help had
//     every line padded to 120 columns;
//   - wraps the Long text line by line, so a source line a little too long
//     left a word alone on the next line and broke aligned blocks;
//   - writes the commands and flags tables unwrapped, however wide.
//
// fitHelp works around it without forking fang: the Long texts are
// reflowed to fang's width (indented lines, the aligned blocks, are kept
// as they are and must fit), and help goes through a helpWriter that
// wraps the tables' descriptions under their column and drops the
// padding. Examples and usage lines fang cuts at the width: they are kept
// short at the source (TestEveryHelpFitsEightyColumns).

// fangWidthEnv is the variable fang reads for its width in tests.
const fangWidthEnv = "__FANG_TEST_WIDTH"

// helpWidth is the width fang lays help out for: it reads os.Stdout, as
// fang does, so stdout only matters when it is that terminal.
func helpWidth(a *cli, stdout io.Writer) int {
	if s := os.Getenv(fangWidthEnv); s != "" {
		if w, err := strconv.Atoi(s); err == nil && w > 0 {
			return w
		}
	}
	if w := a.termWidth(stdout); w > 0 {
		return min(w, 120)
	}
	return 120
}

// fitHelp reflows every command's Long text for width and sends help
// through hw: root's own output (its help and --version; the TUI takes
// the raw stdout, see rawOut) and, through a help function on every other
// command, theirs. The other commands write to raw stdout.
func fitHelp(root *cobra.Command, hw *helpWriter, raw io.Writer, width int) {
	root.SetOut(hw)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		c.SetOut(raw)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Long = reflow(c.Long, width-2) // fang indents it by 2
		if c != root {
			c.SetHelpFunc(func(c *cobra.Command, args []string) {
				// Help is the last thing a command writes.
				c.SetOut(hw)
				root.HelpFunc()(c, args) // fang's, set on root by fang.Execute
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// rawOut is the stream under a helpWriter, for output that is no help.
func rawOut(w io.Writer) io.Writer {
	if hw, ok := w.(*helpWriter); ok {
		return hw.w
	}
	return w
}

// reflow joins the lines of each paragraph of s and wraps it at width.
// Blank lines separate paragraphs; indented lines (aligned blocks,
// examples) are kept as they are.
func reflow(s string, width int) string {
	if s == "" || width < 20 {
		return s
	}
	var out, para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, wrapWords(strings.Join(para, " "), width)...)
			para = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" || line[0] == ' ' || line[0] == '\t' {
			flush()
			out = append(out, line)
			continue
		}
		para = append(para, strings.TrimSpace(line))
	}
	flush()
	return strings.Join(out, "\n")
}

// helpWriter holds what fang writes until Flush, then writes it without
// trailing spaces, the commands and flags tables wrapped to width.
type helpWriter struct {
	w     io.Writer
	width int
	buf   bytes.Buffer
}

func (h *helpWriter) Write(p []byte) (int, error) { return h.buf.Write(p) }

// Read, Close and Fd make a helpWriter a term.File, so that fang's colour
// detection sees the terminal under it, if any.
func (h *helpWriter) Read([]byte) (int, error) { return 0, io.EOF }
func (h *helpWriter) Close() error             { return nil }
func (h *helpWriter) Fd() uintptr {
	if f, ok := h.w.(term.File); ok {
		return f.Fd()
	}
	return ^uintptr(0) // no terminal
}

// Flush writes what is held.
func (h *helpWriter) Flush() error {
	if h.buf.Len() == 0 {
		return nil
	}
	lines := strings.Split(h.buf.String(), "\n")
	h.buf.Reset()
	for i, l := range lines {
		lines[i] = strings.TrimRight(wrapTableLine(l, h.width), " ")
	}
	_, err := io.WriteString(h.w, strings.Join(lines, "\n"))
	return err
}

// tableRow is a row of fang's commands or flags table: four spaces, the
// name (single spaces inside), at least two spaces, the description.
var tableRow = regexp.MustCompile(`^ {4}\S+(?: \S+)*( {2,})\S`)

// wrapTableLine wraps the description of a table row wider than width
// under its column (or, when the column leaves too little room, on lines
// of its own below the name).
func wrapTableLine(l string, width int) string {
	if width <= 0 || ansi.StringWidth(l) <= width {
		return l
	}
	m := tableRow.FindStringSubmatchIndex(ansi.Strip(l))
	if m == nil {
		return l
	}
	col := m[3] // where the description starts
	head, desc := ansi.Truncate(l, col, ""), ansi.TruncateLeft(l, col, "")
	pad := strings.Repeat(" ", col)
	if width-col < 30 {
		pad = strings.Repeat(" ", 8)
		head = strings.TrimRight(head, " ") + "\n" + pad
	}
	return head + strings.Join(wrapWords(desc, width-len(pad)), "\n"+pad)
}

// wrapWords packs the space-separated words of s (colour sequences
// allowed) into lines of at most width cells; a longer word has a line
// of its own.
func wrapWords(s string, width int) []string {
	var lines []string
	line, w := "", 0
	for _, word := range strings.Split(s, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case ww == 0 && ansi.Strip(word) == "":
			line += word // a colour sequence alone: keep it, take no room
			continue
		case line == "" || w == 0:
			line, w = line+word, ww
		case w+1+ww <= width:
			line, w = line+" "+word, w+1+ww
		default:
			lines = append(lines, line)
			line, w = word, ww
		}
	}
	return append(lines, line)
}

package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client/sim"
)

// fang lays help out for the width of os.Stdout (120 when it is not a
// terminal), read once per process; its tests set the width with this
// variable. Every help page in these tests is drawn for 80 columns.
func init() { os.Setenv("__FANG_TEST_WIDTH", "80") }

// internalRef is a reference to docs/api-assumptions.md (U22, U29…): it
// belongs in code comments and that file, never in what an operator reads.
var internalRef = regexp.MustCompile(`\bU[0-9]+\b`)

// Every command's help, drawn for an 80-column terminal and written to a
// pipe: no line wider than 80 cells, none ending in a space (fang pads its
// text blocks to the width), no example cut short, no internal reference.
func TestEveryHelpFitsEightyColumnsAndSpeaksToOperators(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	root := newRootCmd(newCLI())
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		// Indented lines (aligned blocks) are kept as written: fang would
		// wrap one wider than 78 cells without its indentation.
		for _, line := range strings.Split(c.Long, "\n") {
			if strings.HasPrefix(line, " ") && ansi.StringWidth(line) > 78 {
				t.Errorf("%s: an indented line of %d cells in its Long text: %q", c.CommandPath(), ansi.StringWidth(line), line)
			}
		}
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		r := e.run("", args...).must(t, exitOK)
		if r.stdout == "" {
			t.Errorf("%s: no help on stdout", c.CommandPath())
		}
		for i, line := range strings.Split(r.stdout, "\n") {
			switch {
			case strings.HasSuffix(line, " "):
				t.Errorf("%s --help line %d ends with a space: %q", c.CommandPath(), i+1, line)
			case ansi.StringWidth(line) > 80:
				t.Errorf("%s --help line %d is %d cells wide: %q", c.CommandPath(), i+1, ansi.StringWidth(line), line)
			case strings.HasSuffix(line, "…"):
				t.Errorf("%s --help line %d is cut: %q", c.CommandPath(), i+1, line)
			case internalRef.MatchString(line):
				t.Errorf("%s --help line %d names an internal reference: %q", c.CommandPath(), i+1, line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

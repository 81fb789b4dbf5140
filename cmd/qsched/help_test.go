package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

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

// Every command's help speaks to operators: no internal reference.
func TestEveryHelpSpeaksToOperators(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	root := newRootCmd(newCLI())
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		r := e.run("", args...).must(t, exitOK)
		if r.stdout == "" {
			t.Errorf("%s: no help on stdout", c.CommandPath())
		}
		for i, line := range strings.Split(r.stdout, "\n") {
			switch {
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

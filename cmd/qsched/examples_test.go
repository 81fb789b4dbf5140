package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command's --help has EXAMPLES, and every example names a command
// and flags that exist.
func TestEveryCommandHasExamplesThatParse(t *testing.T) {
	root := newRootCmd(newCLI())
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s has no examples", c.CommandPath())
		}
		for _, line := range strings.Split(c.Example, "\n") {
			checkExample(t, root, line)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// checkExample finds the command of a `qsched …` line (up to a pipe, a
// redirection, && or a comment) and parses its flags.
func checkExample(t *testing.T, root *cobra.Command, line string) {
	t.Helper()
	for _, cut := range []string{"|", ">", "&&", "#"} {
		line, _, _ = strings.Cut(line, cut)
	}
	fields := strings.Fields(strings.ReplaceAll(line, `"`, ""))
	if len(fields) == 0 || fields[0] != "qsched" {
		return
	}
	cmd, rest, err := root.Find(fields[1:])
	if err != nil {
		t.Errorf("%q: %v", line, err)
		return
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%q: %v", line, err)
	}
}

package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/ui/present"
)

// outputFlag is --output: table, json or csv (present.Formats). --json
// stays a synonym of --output json.
type outputFlag struct{ v *string }

func (o outputFlag) String() string { return *o.v }
func (o outputFlag) Type() string   { return "format" }

func (o outputFlag) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if !slices.Contains(present.Formats, s) {
		return fmt.Errorf("%q is not %s", s, formatWords)
	}
	*o.v = s
	return nil
}

// formatWords says what --output takes.
const formatWords = "table, json or csv"

// addOutputFlag gives a list command --output; its completion offers the
// formats.
func addOutputFlag(cmd *cobra.Command, a *cli) {
	cmd.Flags().Var(outputFlag{&a.output}, "output", "output format: "+formatWords+" (--json is --output json)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(present.Formats, cobra.ShellCompDirectiveNoFileComp))
}

// format is the output format of a list command: --output, else json
// with --json, else table. --json with another --output is a usage error.
// With json, a.json is set, so code that tests it prints JSON.
func (a *cli) format() (string, error) {
	switch {
	case a.output == "" && a.json:
		return present.FormatJSON, nil
	case a.output == "":
		return present.FormatTable, nil
	case a.json && a.output != present.FormatJSON:
		return "", usagef("--json and --output %s disagree: give one of them", a.output)
	}
	a.json = a.output == present.FormatJSON
	return a.output, nil
}

package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// strictTree makes every command refuse what it does not know, with one
// line and exit 2: an unknown or misspelt subcommand at any level (cobra
// checks only the root's, and prints a parent's help with exit 0 — a typo
// in a script would pass silently), and a flag value of the wrong kind,
// named in qsched's words rather than strconv's.
func strictTree(root *cobra.Command) {
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr(flagProblem(err)) })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if !c.HasSubCommands() {
			return
		}
		c.SuggestionsMinimumDistance = 2 // cobra sets it on the root only
		if c.Run == nil && c.RunE == nil {
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			return usageErr(unknownCommand(cmd, args[0]))
		}
	}
	walk(root)
}

// unknownCommand names the word that is not a subcommand of cmd and, when
// one is close, the subcommand meant.
func unknownCommand(cmd *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, cmd.CommandPath())
	if s := cmd.SuggestionsFor(word); len(s) > 0 {
		// cobra lists every close name in command order; the closest is meant.
		slices.SortStableFunc(s, func(a, b string) int { return editDistance(word, a) - editDistance(word, b) })
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	} else {
		msg += fmt.Sprintf(" (%s --help lists the commands)", cmd.CommandPath())
	}
	return errors.New(msg)
}

// flagProblem rewrites pflag's value errors ("invalid argument "maybe" for
// "--notify" flag: strconv.ParseBool: parsing "maybe": invalid syntax")
// as one line naming the flag and what it takes.
func flagProblem(err error) error {
	var iv *pflag.InvalidValueError
	var vr *pflag.ValueRequiredError
	switch {
	case errors.As(err, &iv):
		f := iv.GetFlag()
		return fmt.Errorf("--%s: %q is not %s", f.Name, iv.GetValue(), valueWords(f.Value.Type()))
	case errors.As(err, &vr):
		return errors.New(strings.TrimPrefix(err.Error(), "flag "))
	}
	return err
}

// valueWords says what a flag of a pflag type takes.
func valueWords(typ string) string {
	switch typ {
	case "bool":
		return "true or false"
	case "int", "int64", "int32", "uint", "uint64", "uint32":
		return "a whole number"
	case "float64", "float32":
		return "a number"
	case "duration":
		return "a duration such as 90s, 5m or 1h30m"
	case "format":
		return formatWords
	case "stringSlice", "stringArray":
		return "a list of values"
	}
	return "a valid " + typ
}

// editDistance is the Levenshtein distance between a and b, ignoring case.
func editDistance(a, b string) int {
	x, y := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur := make([]int, len(y)+1)
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(y)]
}

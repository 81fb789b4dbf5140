package main

import (
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
)

// registerCompletions makes shell completion offer values, not only flag
// names: --platform the POD keys, --profile the config file's profiles,
// --filter the fields, then the operators the field takes, then (for a
// boolean or keyword field) its values. It reads nothing but the config
// file and sends nothing.
func registerCompletions(root *cobra.Command, a *cli) {
	noFiles := cobra.ShellCompDirectiveNoFileComp
	_ = root.RegisterFlagCompletionFunc("platform", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return client.PlatformKeys(), noFiles
	})
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		file, err := a.profileFile()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		names := make([]string, 0, len(file.Profiles))
		for n := range file.Profiles {
			names = append(names, n)
		}
		sort.Strings(names)
		return names, noFiles
	})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Flags().Lookup("filter") == nil {
			return
		}
		use := model.UseSearch
		switch c.Name() {
		case "count":
			use = model.UseCount
		case "activate", "deactivate":
			use = model.UseBulk
		}
		_ = c.RegisterFlagCompletionFunc("filter", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return filterCompletions(toComplete, use), noFiles | cobra.ShellCompDirectiveNoSpace
		})
	}
	walk(root)
}

// filterCompletions completes one FIELD OPERATOR VALUE: the fields the
// request takes, then the field's operators, then a boolean's or a
// keyword's values. Each candidate is the whole filter so far, and only
// those that continue what was typed (ignoring case) are offered.
func filterCompletions(toComplete string, use model.Use) []string {
	typed := strings.TrimLeft(toComplete, " ")
	name, rest, hasField := strings.Cut(typed, " ")
	var out []string
	offer := func(c string) {
		if strings.HasPrefix(strings.ToLower(c), strings.ToLower(typed)) {
			out = append(out, c)
		}
	}
	fields := model.WASFilterFields()
	if !hasField {
		for _, f := range fields {
			if (use == model.UseCount && !f.Count) || (use == model.UseBulk && !f.Bulk) {
				continue
			}
			offer(f.Name + " ")
		}
		return out
	}
	i := slices.IndexFunc(fields, func(f model.FilterField) bool { return strings.EqualFold(f.Name, name) })
	if i < 0 {
		return nil
	}
	f := fields[i]
	rest = strings.TrimLeft(rest, " ")
	for _, op := range model.OperatorsFor(f.Type) {
		if v, ok := cutPrefixFold(rest, string(op)+" "); ok {
			var values []string
			switch f.Type {
			case model.TypeBoolean:
				values = []string{"true", "false"}
			case model.TypeKeyword:
				values = f.Keywords
			}
			typed = f.Name + " " + string(op) + " " + v
			for _, val := range values {
				offer(f.Name + " " + string(op) + " " + val)
			}
			return out
		}
	}
	typed = f.Name + " " + rest
	for _, op := range model.OperatorsFor(f.Type) {
		sep := " "
		if op == model.OpNone {
			sep = ""
		}
		offer(f.Name + " " + string(op) + sep)
	}
	return out
}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

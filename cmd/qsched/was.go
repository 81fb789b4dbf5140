package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

func newWASCmd(a *cli) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "was",
		Short: "WAS scan schedules (API server, QPS REST 3.0)",
		Long: `List, inspect, count, activate, deactivate, update, create and clone WAS scan schedules.

Filters are FIELD OPERATOR VALUE, for example 'name CONTAINS nightly',
'id IN 1,2,3', 'type EQUALS DISCOVERY' or 'webApp.tags NONE'. Fields:
` + filterFieldsHelp(),
	}
	cmd.AddCommand(newWASListCmd(a), newWASGetCmd(a), newWASCountCmd(a),
		newWASBulkCmd(a, false), newWASBulkCmd(a, true), newWASUpdateCmd(a),
		newWASCreateCmd(a), newWASCloneCmd(a))
	return cmd
}

func filterFieldsHelp() string {
	var s string
	for _, f := range model.WASFilterFields() {
		s += fmt.Sprintf("  %-22s %s (%s)\n", f.Name, f.Help, f.Type)
	}
	return s
}

// parseFilters reads the repeated --filter flag.
func parseFilters(raw []string, use model.Use) ([]model.Criterion, error) {
	cs := make([]model.Criterion, 0, len(raw))
	for _, r := range raw {
		c, err := model.ParseCriterion(r)
		if err == nil {
			err = c.Validate(use)
		}
		if err != nil {
			return nil, usageErr(err) // names the filter and the problem
		}
		cs = append(cs, c)
	}
	return cs, nil
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%q is not a schedule id (a positive number)", s)
	}
	return id, nil
}

func newWASListCmd(a *cli) *cobra.Command {
	var filters []string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every WAS scan schedule (all pages)",
		Args:  cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			format, err := a.format()
			if err != nil {
				return err
			}
			cs, err := parseFilters(filters, model.UseSearch)
			if err != nil {
				return err
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if format == present.FormatJSON {
				// Each page written as it arrives: memory stays flat.
				return streamWASList(out, c.WAS.Pages(cmd.Context(), cs, 0), st.Zone)
			}
			list, err := c.WAS.All(cmd.Context(), cs)
			if err != nil {
				return err
			}
			if format == present.FormatCSV {
				rows := make([][]string, len(list))
				for i, s := range list {
					rows[i] = wasSummary(s, st.Zone).Cells()
				}
				return present.WriteCSV(out, present.WASHeader, rows)
			}
			t := wasTable(list, st.Zone, a.now())
			if t.none = "No WAS schedules."; len(cs) > 0 {
				t.none = "No WAS schedule matches the filters."
			}
			return t.render(out, a.termWidth(out))
		}),
	}
	cmd.Flags().StringArrayVar(&filters, "filter", nil, "server-side filter FIELD OP VALUE (repeatable; all must match)")
	addOutputFlag(cmd, a)
	return cmd
}

func newWASGetCmd(a *cli) *cobra.Command {
	return &cobra.Command{
		Use:   "get ID",
		Short: "Show every field of one WAS scan schedule",
		Args:  cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			s, err := c.WAS.Get(cmd.Context(), id)
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(cmd.OutOrStdout(), wasDetail(s, st.Zone))
			}
			printWASDetail(cmd.OutOrStdout(), s, st.Zone, a.now(), a.termWidth(cmd.OutOrStdout()))
			return nil
		}),
	}
}

func newWASCountCmd(a *cli) *cobra.Command {
	var filters []string
	cmd := &cobra.Command{
		Use:   "count",
		Short: "Count WAS scan schedules",
		Args:  cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			cs, err := parseFilters(filters, model.UseCount)
			if err != nil {
				return err
			}
			c, _, err := a.connect()
			if err != nil {
				return err
			}
			n, err := c.WAS.Count(cmd.Context(), cs)
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(cmd.OutOrStdout(), map[string]int{"count": n})
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), present.Count(n))
			return err
		}),
	}
	cmd.Flags().StringArrayVar(&filters, "filter", nil, "server-side filter FIELD OP VALUE (repeatable)")
	return cmd
}

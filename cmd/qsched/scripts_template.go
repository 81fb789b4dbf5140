package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/model"
)

// templateTypes are the --type names of `scripts schedule template`.
var templateTypes = map[string]model.ScheduleType{
	"one-time": model.OneTime, "hourly": model.Hourly, "daily": model.Daily,
	"weekly": model.Weekly, "monthly": model.Monthly,
}

// templateSchedule is a valid starting body of a type: tomorrow at 02:00
// (read as UTC, U29), for 30 days when recurring, the documentation's
// sample script and a stand-in agent to replace.
func templateSchedule(typ model.ScheduleType, now time.Time) model.ScriptSchedule {
	start := now.In(model.CARZone()).AddDate(0, 0, 1)
	end := start.AddDate(0, 0, 30).Format(model.DateLayout)
	s := model.ScriptSchedule{
		Activate: true, Title: "New " + strings.ToLower(strings.ReplaceAll(string(typ), "_", "-")) + " schedule",
		Scripts:      []model.ScriptRef{{ID: "226213", Title: "Sample script title"}},
		Assets:       []model.Asset{{UUId: "00000000-0000-4000-8000-000000000000", ID: "1"}},
		StartDate:    start.Format(model.DateLayout),
		StartTime:    "02:00:00",
		EndDate:      &end,
		ScheduleType: typ,
	}
	switch typ {
	case model.OneTime:
		s.EndDate = model.Ptr(s.StartDate) // U28
	case model.Hourly:
		s.HourlyInterval = model.Ptr(4)
	case model.Weekly:
		s.DaysOfWeek = []int{1, 3} // Monday, Wednesday (U24)
	case model.Monthly:
		s.RecurrenceDate, s.RecurrenceMonth, s.MonthlyScheduleType = model.Ptr(1), model.Ptr(1), model.Ptr(model.MonthlyDateOfMonthJob)
	}
	return s
}

func newScriptsTemplateCmd(a *cli) *cobra.Command {
	typ := "weekly"
	cmd := &cobra.Command{
		Use:   "template [--type TYPE]",
		Short: "Print a valid starting body for scripts schedule create",
		Long: `Print a schedule body that passes validation, to edit and then send with
scripts schedule create -f FILE: replace the script (id and title) and the
stand-in agent (UUId and id; qsched assets search finds real ones).`,
		Example: `  qsched scripts schedule template --type weekly > weekly.json
  qsched scripts schedule create -f weekly.json --dry-run`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			t, ok := templateTypes[strings.ToLower(strings.TrimSpace(typ))]
			if !ok {
				return usagef("--type: %q is not one-time, hourly, daily, weekly or monthly", typ)
			}
			return writeJSON(cmd.OutOrStdout(), templateSchedule(t, a.now()))
		}),
	}
	cmd.Flags().StringVar(&typ, "type", typ, "one-time, hourly, daily, weekly or monthly")
	return cmd
}

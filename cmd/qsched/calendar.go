package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// occurrenceJSON is one run in the JSON form of `qsched calendar`.
type occurrenceJSON struct {
	Kind    string   `json:"kind"` // was or script
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Owner   string   `json:"owner"`
	Start   string   `json:"start"` // RFC 3339 in the display zone
	Targets []string `json:"targets"`
	// Overlap flags a run that overlaps OverlapsWith (model.AssumedRunDuration).
	Overlap      bool                `json:"overlap"`
	OverlapsWith []model.ScheduleRef `json:"overlapsWith"`
}

func newCalendarCmd(a *cli) *cobra.Command {
	var (
		days int
		f    model.CalendarFilter
	)
	cmd := &cobra.Command{
		Use:   "calendar [--days N]",
		Short: "The upcoming runs of every WAS and script schedule, by day, with overlaps flagged",
		Long: fmt.Sprintf(`Show the runs of every active WAS scan schedule and CAR script schedule
in the next --days × 24 hours from now (--days 1: until this time tomorrow),
in the --tz zone: a day × hour density strip, then the runs grouped by day.
The runs are computed from each schedule's recurrence (the same rules as the
next runs elsewhere in qsched); inactive schedules have none, and a schedule
whose recurrence cannot be read is named on stderr.

%s.
%s
Overlaps are found among all schedules, before --kind, --owner and --name narrow what is
shown. --owner and --name look for the text in the owner's user name and the schedule's
name, ignoring case. --json prints an array of runs with their overlaps.`, present.OverlapRule(), present.OverlapWhy()),
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if err := model.CheckCalendarDays(days); err != nil {
				return usagef("--%s", err.Error())
			}
			if err := f.Check(); err != nil {
				return usagef("--%s", err.Error())
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			was, scripts, err := loadCalendar(cmd.Context(), c)
			if err != nil {
				return err
			}
			// The next days × 24 h: --days 1 late in the evening still
			// shows tomorrow's runs (model.CalendarWindow, which the TUI
			// uses, ends at a midnight instead).
			from := a.now()
			to := from.Add(time.Duration(days) * 24 * time.Hour)
			cal := model.BuildCalendar(from, to, st.Zone, was, scripts)
			for _, s := range cal.Skipped {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s schedule %s (%s) left out: %s\n", present.CalendarKind(s.Kind),
					safe.Line(s.ID, 0), safe.Line(s.Name, 0), safe.Line(s.Reason, 0))
			}
			occs := cal.Filter(f)
			out := cmd.OutOrStdout()
			if a.json {
				return writeJSON(out, calendarJSON(occs))
			}
			return printCalendar(out, a.termWidth(out), cal, occs, st.Zone, a.now())
		}),
	}
	fl := cmd.Flags()
	fl.IntVar(&days, "days", 7, fmt.Sprintf("how far ahead: N × 24 hours from now (1 to %d)", model.MaxCalendarDays))
	fl.StringVar(&f.Kind, "kind", "", "only this kind of schedule: was or script")
	fl.StringVar(&f.Owner, "owner", "", "only schedules whose owner contains this text")
	fl.StringVar(&f.Name, "name", "", "only schedules whose name contains this text")
	return cmd
}

// loadCalendar reads every WAS and script schedule.
func loadCalendar(ctx context.Context, c *client.Client) ([]model.WasScanSchedule, []model.CARSearchItem, error) {
	was, err := c.WAS.All(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	var scripts []model.CARSearchItem
	for it, err := range c.Scripts.Schedules(ctx, "") {
		if err != nil {
			return nil, nil, err
		}
		scripts = append(scripts, it)
	}
	return was, scripts, nil
}

func calendarJSON(occs []model.Occurrence) []occurrenceJSON {
	out := make([]occurrenceJSON, len(occs))
	for i, o := range occs {
		with := make([]model.ScheduleRef, len(o.Overlaps))
		for j, x := range o.Overlaps {
			with[j] = x.ScheduleRef
		}
		targets := o.Targets
		if targets == nil {
			targets = []string{}
		}
		out[i] = occurrenceJSON{Kind: o.Kind, ID: o.ID, Name: o.Name, Owner: o.Owner, Start: o.Start.Format(time.RFC3339),
			Targets: targets, Overlap: o.Overlapping(), OverlapsWith: with}
	}
	return out
}

// printCalendar writes the header, the density strip and the agenda.
// Every line fits width when it is known.
func printCalendar(w io.Writer, width int, cal model.Calendar, occs []model.Occurrence, loc *time.Location, now time.Time) error {
	fit := func(s string) string {
		if width > 0 && ansi.StringWidth(s) > width {
			return ansi.Truncate(s, width, "…")
		}
		return s
	}
	overlapping := 0
	for _, o := range occs {
		if o.Overlapping() {
			overlapping++
		}
	}
	fmt.Fprintln(w, fit(fmt.Sprintf("%s, %s overlapping, from %s to %s.", present.Plural(len(occs), "run"), present.Count(overlapping),
		present.DateTime(cal.From.In(loc)), present.DateTime(cal.To.In(loc)))))
	fmt.Fprintln(w, fit("Times in "+present.Zone(loc, now)+"."))
	fmt.Fprintln(w, fit(present.OverlapRule()+"."))
	grid := cal.Density(occs)
	peak := present.DensityPeak(grid)
	fmt.Fprintln(w)
	fmt.Fprintln(w, fit(present.DensityRuler()))
	for i, hours := range grid {
		fmt.Fprintln(w, fit(present.DensityRow(cal.DayStart(i), hours, peak)))
	}
	fmt.Fprintln(w, fit(strings.Repeat(" ", present.DensityLabelWidth)+present.DensityLegend(peak)))
	day := -1
	for _, o := range occs {
		if d := cal.DayIndex(o.Start); d != day {
			day = d
			fmt.Fprintln(w)
			fmt.Fprintln(w, fit(present.CalendarDay(o.Start)))
		}
		fmt.Fprintln(w, fit(present.AgendaLine(o)))
	}
	if len(occs) == 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "No runs in this window.")
	}
	return nil
}

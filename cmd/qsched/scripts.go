package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// maxBodyBytes bounds a schedule file; real bodies are a few kilobytes.
const maxBodyBytes = 1 << 20

func newScriptsCmd(a *cli) *cobra.Command {
	scripts := &cobra.Command{Use: "scripts", Short: "Script-execution schedules (CAR, gateway)"}
	schedule := &cobra.Command{Use: "schedule", Short: "Create, list, preview, read, change, delete script-execution schedules; see their runs"}
	schedule.AddCommand(newScriptsCreateCmd(a), newScriptsListCmd(a), newScriptsPreviewCmd(a), newScriptsTemplateCmd(a))
	schedule.AddCommand(newScriptsGetCmd(a), newScriptsUpdateCmd(a), newScriptsCloneCmd(a),
		newScriptsLifecycleCmd(a, "activate", "activated", client.CARActivate),
		newScriptsLifecycleCmd(a, "deactivate", "deactivated", client.CARDeactivate),
		newScriptsLifecycleCmd(a, "delete", "deleted", client.CARDelete),
		newScriptsRunsCmd(a))
	scripts.AddCommand(schedule, newScriptsCatalogCmd(a))
	return scripts
}

// readSchedule reads and checks a schedule body from a file or stdin:
// every problem is reported at once, as a usage error. checkStart also
// refuses a start date in the past, as create does.
func readSchedule(a *cli, path string, checkStart bool) (model.ScriptSchedule, error) {
	var s model.ScriptSchedule
	if path == "" {
		return s, usagef("-f is required: a JSON file, or - for standard input")
	}
	var r io.Reader = a.stdin
	name := "standard input"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return s, usagef("-f: %v", err)
		}
		defer f.Close()
		r, name = f, path
	}
	b, err := io.ReadAll(io.LimitReader(r, maxBodyBytes+1))
	if err != nil {
		return s, usagef("-f: %v", err)
	}
	if len(b) > maxBodyBytes {
		return s, usagef("%s: larger than %d bytes", name, maxBodyBytes)
	}
	if s, err = model.DecodeScriptSchedule(b); err != nil {
		return s, usagef("%s: not a valid schedule body: %v", name, err)
	}
	problems := s.ValidateForSend()
	if checkStart {
		problems = append(problems, s.CheckStart(a.now())...)
	}
	if len(problems) > 0 {
		return s, usageErr(problems)
	}
	return s, nil
}

func newScriptsCreateCmd(a *cli) *cobra.Command {
	var (
		file   string
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:   "create -f FILE.json|-",
		Short: "Create a script-execution schedule from its JSON body",
		Long: `Create a script-execution schedule. The body is the JSON of POST /sm/v1/scripts/scheduler;
every validation problem is listed at once and nothing is sent while any remains.
The server's answer decides: a duplicate title is refused with its message.`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			s, err := readSchedule(a, file, true)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if dryRun {
				req, err := client.NewScriptScheduleCreateRequest(s)
				if err != nil {
					return err
				}
				return printRequests(a, out, "create", req)
			}
			c, st, err := a.connectToWrite()
			if err != nil {
				return err
			}
			res, err := c.Scripts.CreateOutcome(cmd.Context(), s)
			if err != nil {
				return err
			}
			id := res.ID
			if a.json {
				doc := map[string]string{"id": id, "title": s.Title}
				if res.Found {
					doc["note"] = res.Note()
				}
				return writeJSON(out, doc)
			}
			_, err = fmt.Fprintf(out, "Created script schedule %s (%s) on %s.\n%s", safe.Text(id), safe.Text(s.Title), target(st), noteLine(res.Note()))
			return err
		}),
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "JSON body, or - for standard input")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the request and send nothing")
	return cmd
}

// scriptScheduleJSON is the documented JSON form of `scripts schedule
// list`, shared with the script screen's export.
type scriptScheduleJSON = present.ScriptScheduleRecord

func newScriptsListCmd(a *cli) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List script-execution schedules with their next run (in the --tz zone)",
		Args:  cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			format, err := a.format()
			if err != nil {
				return err
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			now := a.now()
			var list []scriptScheduleJSON
			for it, err := range c.Scripts.Schedules(cmd.Context(), "") {
				if err != nil {
					return err
				}
				var next time.Time
				if runs, err := model.Upcoming(it.Schedule, st.Zone, now, 1); err == nil && len(runs) == 1 {
					next = runs[0]
				}
				list = append(list, present.ScriptScheduleRecordOf(it, next))
			}
			out := cmd.OutOrStdout()
			switch format {
			case present.FormatJSON:
				if list == nil {
					list = []scriptScheduleJSON{}
				}
				return writeJSON(out, list)
			case present.FormatCSV:
				rows := make([][]string, len(list))
				for i, j := range list {
					rows[i] = j.Cells()
				}
				return present.WriteCSV(out, present.ScriptScheduleHeader, rows)
			}
			// On a narrow terminal the start, then the type, are left out.
			t := &table{header: []string{"ID", "TITLE", "TYPE", "ACTIVE", "START", "NEXT RUN"}, flex: []int{1}, drop: []int{4, 2}, none: "No script schedules."}
			for _, j := range list {
				next := "-"
				if j.NextRun != nil {
					tm, _ := time.Parse(time.RFC3339, *j.NextRun)
					next = present.DateTime(tm.In(st.Zone))
				}
				t.add(j.ID, j.Title, j.Type, present.YesNo(j.Active), j.StartDate+" "+j.StartTime, next)
			}
			return t.render(out, a.termWidth(out))
		}),
	}
	addOutputFlag(cmd, a)
	return cmd
}

func newScriptsPreviewCmd(a *cli) *cobra.Command {
	var (
		file string
		runs int
	)
	cmd := &cobra.Command{
		Use:   "preview -f FILE.json",
		Short: "Show the next run times of a schedule body, without contacting any server",
		Long: `Show the next run times of a schedule body, in the --tz zone (default: the
profile's time_zone, else local). The API does not document the time zone of
startTime; qsched reads it as ` + model.CARDefaultZone + `.`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if runs < 1 || runs > 1000 {
				return usagef("--runs must be between 1 and 1000, got %d", runs)
			}
			loc, err := a.zone()
			if err != nil {
				return err
			}
			s, err := readSchedule(a, file, false) // a running schedule still has next runs
			if err != nil {
				return err
			}
			now := a.now()
			times, err := model.Preview(s, loc, now, runs)
			if err != nil {
				return usageErr(err)
			}
			out := cmd.OutOrStdout()
			if a.json {
				list := make([]string, len(times))
				for i, t := range times {
					list[i] = t.Format(time.RFC3339)
				}
				return writeJSON(out, map[string]any{"title": s.Title, "type": s.ScheduleType, "timeZone": loc.String(), "startZone": model.CARDefaultZone, "runs": list})
			}
			fmt.Fprintf(out, "Next runs of \"%s\" (%s), times in %s (the start is read as %s):\n", safe.Text(s.Title), safe.Text(string(s.ScheduleType)), present.Zone(loc, now), model.CARDefaultZone)
			for _, t := range times {
				fmt.Fprintf(out, "  %s\n", model.DescribeRun(t, now))
			}
			if len(times) < runs {
				fmt.Fprintf(out, "No further runs: the schedule ends.\n")
			}
			return nil
		}),
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "JSON body, or - for standard input")
	cmd.Flags().IntVar(&runs, "runs", 10, "how many run times to show")
	return cmd
}

package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// maxOutputCell bounds the output shown in a table cell; the JSON carries
// the decoded output up to model.MaxScriptResult bytes.
const maxOutputCell = 120

// runJSON is one run (a job: one script of one run time) in the JSON form
// of `scripts schedule runs`.
type runJSON struct {
	JobID   model.FlexID      `json:"jobId"`
	At      *string           `json:"at"` // created.dateTime, RFC 3339 in the display zone
	Status  string            `json:"status"`
	Script  model.CARNamedRef `json:"script"`
	Assets  []assetResultJSON `json:"assets"`
	Summary map[string]int    `json:"summary"` // succeeded, failed, running
}

// assetResultJSON is one asset's outcome of a run.
type assetResultJSON struct {
	AssetID   model.FlexID `json:"assetId"`
	HostName  string       `json:"hostName"`
	AgentUUID string       `json:"agentUuid"`
	Running   bool         `json:"running"`
	Code      *int         `json:"code"`  // exit code; null while running
	Ended     *string      `json:"ended"` // RFC 3339 in the display zone; null while running
	Text      string       `json:"text"`  // output.text, the service's one-line summary
	// Output is scriptResult decoded from base64, at most 64 KiB;
	// outputTruncated says more was there.
	Output          string `json:"output"`
	OutputTruncated bool   `json:"outputTruncated"`
	OutputError     string `json:"outputError,omitempty"` // scriptResult was not base64
}

func newScriptsRunsCmd(a *cli) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "runs ID",
		Short: "A script schedule's recent runs and their outcome on each asset",
		Long: fmt.Sprintf(`Show the most recent runs of script schedule ID, newest first (POST /sm/v1/jobs/search
with the filter scheduler.id:"ID"), and for each its outcome on every asset
(POST /sm/v1/assetjobs/search): exit code, end time in the --tz zone and the script's
output, decoded from base64 and bounded (%d bytes in --json, the first line cut to
%d characters in the table). Without runs, the schedule is read (%s, a path
not confirmed by Qualys documentation) to tell "no runs yet" from an unknown
id.`, model.MaxScriptResult, maxOutputCell, unconfirmed(client.CARGet)),
		Args: cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			if limit < 1 || limit > 100 {
				return usagef("--limit must be between 1 and 100, got %d", limit)
			}
			ids, err := parseScheduleIDs(args)
			if err != nil {
				return err
			}
			id := ids[0]
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			jobs, total, err := c.Scripts.Jobs(ctx, id, limit)
			if err != nil {
				return err
			}
			// The schedule filter is qsched's reading (U42): a job that
			// names another schedule is not shown, whatever the filter did.
			kept := jobs[:0]
			for _, j := range jobs {
				if j.Scheduler.ID == "" || string(j.Scheduler.ID) == id {
					kept = append(kept, j)
				} else {
					total--
				}
			}
			jobs, total = kept, max(total, len(kept))
			if len(jobs) == 0 {
				if _, err := c.Scripts.GetSchedule(ctx, id); err != nil {
					if errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("script schedule %s: %w, and no runs of it are listed", id, client.ErrNotFound)
					}
					return err
				}
			}
			runs := make([]runJSON, len(jobs))
			for i, j := range jobs {
				aj, err := c.Scripts.AssetJobs(ctx, j.ID)
				if err != nil {
					return err
				}
				runs[i] = runOf(j, aj, st.Zone)
			}
			out := cmd.OutOrStdout()
			if a.json {
				return writeJSON(out, map[string]any{"scheduleId": id, "total": total, "runs": runs})
			}
			if len(runs) == 0 {
				_, err := fmt.Fprintf(out, "No runs of script schedule %s yet.\n", safe.Text(id))
				return err
			}
			fmt.Fprintf(out, "%s of script schedule %s, newest first.\nTimes in %s.\n", present.Plural(total, "run"), safe.Text(id), present.Zone(st.Zone, a.now()))
			if total > len(runs) {
				fmt.Fprintf(out, "(the %s most recent shown; --limit shows up to 100)\n", present.Count(len(runs)))
			}
			for _, r := range runs {
				at := "-"
				if r.At != nil {
					tm, _ := time.Parse(time.RFC3339, *r.At)
					at = present.DateTime(tm.In(st.Zone))
				}
				// The script's title comes last: a narrow terminal cuts it.
				head := fmt.Sprintf("%s  job %s  %s  %s succeeded, %s failed, %s running  script %s %s", at, safe.Text(string(r.JobID)),
					safe.Text(r.Status), present.Count(r.Summary["succeeded"]), present.Count(r.Summary["failed"]), present.Count(r.Summary["running"]),
					safe.Text(string(r.Script.ID)), safe.Text(scriptName(r.Script)))
				if w := a.termWidth(out); w > 0 && ansi.StringWidth(head) > w {
					head = ansi.Truncate(head, w, "…")
				}
				fmt.Fprintf(out, "\n%s\n", head)
				t := &table{header: []string{"HOST NAME", "ASSET ID", "EXIT", "ENDED", "OUTPUT"}, flex: []int{4, 0}}
				for _, x := range r.Assets {
					code, ended := "running", "-"
					if x.Code != nil {
						code = fmt.Sprint(*x.Code)
					}
					if x.Ended != nil {
						tm, _ := time.Parse(time.RFC3339, *x.Ended)
						ended = present.DateTime(tm.In(st.Zone))
					}
					t.add(x.HostName, string(x.AssetID), code, ended, outputCell(x))
				}
				if err := t.render(out, a.termWidth(out)); err != nil {
					return err
				}
			}
			return nil
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", client.RecentRunsPage, "how many recent runs to show (1–100)")
	return cmd
}

func scriptName(r model.CARNamedRef) string {
	if r.Title != "" {
		return r.Title
	}
	return r.Name
}

// runOf builds the JSON form of one job and its asset jobs.
func runOf(j model.CARJob, aj []model.CARAssetJob, loc *time.Location) runJSON {
	r := runJSON{JobID: j.ID, Status: j.Status, Script: j.Script, Assets: make([]assetResultJSON, len(aj)),
		Summary: map[string]int{"succeeded": 0, "failed": 0, "running": 0}}
	if t := j.Created.Time(); !t.IsZero() {
		v := t.In(loc).Format(time.RFC3339)
		r.At = &v
	}
	for i, x := range aj {
		res := assetResultJSON{AssetID: x.Asset.ID, HostName: x.Asset.Name, AgentUUID: x.Asset.AgentUUID, Text: x.Output.Text}
		if t := x.Ended(); t.IsZero() {
			res.Running = true
			r.Summary["running"]++
		} else {
			v := t.In(loc).Format(time.RFC3339)
			res.Ended = &v
			code := int(x.Output.Code)
			res.Code = &code
			if x.Succeeded() {
				r.Summary["succeeded"]++
			} else {
				r.Summary["failed"]++
			}
		}
		b, truncated, err := x.Result()
		if err != nil {
			res.OutputError = err.Error()
		}
		res.Output, res.OutputTruncated = string(b), truncated
		r.Assets[i] = res
	}
	return r
}

// outputCell is the first line of the output (else the service's text),
// cut to maxOutputCell characters; the table shows it through safe.Line.
func outputCell(x assetResultJSON) string {
	s := x.Output
	if x.OutputError != "" {
		return x.OutputError
	}
	if strings.TrimSpace(s) == "" {
		s = x.Text
	}
	first, rest, _ := strings.Cut(strings.TrimLeft(s, "\r\n"), "\n")
	first = strings.TrimRight(first, "\r")
	more := strings.TrimSpace(rest) != ""
	if r := []rune(first); len(r) > maxOutputCell {
		first, more = string(r[:maxOutputCell]), true
	}
	if more {
		first += " …"
	}
	return first
}

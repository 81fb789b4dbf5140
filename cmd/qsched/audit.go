package main

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// auditLogPath is --audit-log, else $XDG_STATE_HOME/qsched/audit.jsonl.
func (a *cli) auditLogPath() (string, error) {
	if a.auditPath != "" {
		return a.auditPath, nil
	}
	p, err := audit.DefaultPath(a.getenv)
	if err != nil {
		return "", usagef("%v; set XDG_STATE_HOME or --audit-log", err)
	}
	return p, nil
}

// auditLogMu guards cli.auditLog: `qsched serve` builds every SSH
// session's trail in that session's goroutine, at the same time.
var auditLogMu sync.Mutex

// auditTrail is how the clients of this process record their writes: the
// audit log, the local OS user and the platform label. Safe for
// concurrent use.
func (a *cli) auditTrail(platform string) (audit.Trail, error) {
	path, err := a.auditLogPath()
	if err != nil {
		return audit.Trail{}, err
	}
	auditLogMu.Lock()
	if a.auditLog == nil || a.auditLog.Path() != path {
		a.auditLog = audit.Open(path)
	}
	shared := a.auditLog
	auditLogMu.Unlock()
	t := audit.Trail{Log: shared, Actor: audit.Actor{OSUser: localUser(a.getenv)}, Platform: platform, Now: a.now}
	if a.stderr != nil {
		t.OnError = func(err error) { fmt.Fprintln(a.stderr, "qsched: warning: "+safe.Text(err.Error())) }
	}
	return t, nil
}

// localUser is the OS user qsched runs as: its account name, else $USER,
// else the numeric uid.
func localUser(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := getenv("USER"); u != "" {
		return u
	}
	return "uid " + strconv.Itoa(os.Getuid())
}

// auditAction is one action of the log: its intent and its outcome, either
// of which may be missing (a crash between them, or a log cut by hand).
type auditAction struct {
	intent, outcome *audit.Record
	records         []audit.Record
}

func (x auditAction) first() audit.Record {
	if x.intent != nil {
		return *x.intent
	}
	return *x.outcome
}

func newAuditCmd(a *cli) *cobra.Command {
	var since, actor string
	cmd := &cobra.Command{
		Use:   "audit [--since DURATION]",
		Short: "Show the audit log: every write qsched sent, who asked and what happened",
		Long: `Show the audit log (--audit-log, default $XDG_STATE_HOME/qsched/audit.jsonl): one row per
write action with its time, actor, action, targets and outcome. Every write is recorded
before it is sent (if the log cannot be written, nothing is sent) and its result after:
per id done, failed with the reason, or unknown (sent, but no answer came back).

--since 24h shows the actions of the last day (Go durations, or days such as 7d);
--actor shows one user's actions (an OS or SSH user name, or a key fingerprint).
--json prints the matching records, intent and outcome lines, as a JSON array.`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			format, err := a.format()
			if err != nil {
				return err
			}
			var cutoff time.Time
			if since != "" {
				d, err := parseSince(since)
				if err != nil {
					return err
				}
				cutoff = a.now().Add(-d)
			}
			path, err := a.auditLogPath()
			if err != nil {
				return err
			}
			recs, err := audit.ReadFile(path)
			if err != nil {
				return err
			}
			var order []string
			actions := map[string]*auditAction{}
			for _, r := range recs {
				x := actions[r.ActionID]
				if x == nil {
					x = &auditAction{}
					actions[r.ActionID] = x
					order = append(order, r.ActionID)
				}
				x.records = append(x.records, r)
				if r.Kind == audit.KindIntent && x.intent == nil {
					x.intent = &x.records[len(x.records)-1]
				} else if r.Kind == audit.KindOutcome {
					x.outcome = &x.records[len(x.records)-1]
				}
			}
			var shown []*auditAction
			for _, id := range order {
				x := actions[id]
				f := x.first()
				if (!cutoff.IsZero() && f.Time.Before(cutoff)) || (actor != "" && !f.Actor.Matches(actor)) {
					continue
				}
				shown = append(shown, x)
			}
			out := cmd.OutOrStdout()
			if a.json {
				list := []audit.Record{}
				for _, x := range shown {
					list = append(list, x.records...)
				}
				return writeJSON(out, list)
			}
			if len(shown) == 0 && format == present.FormatTable {
				_, err := fmt.Fprintf(out, "No actions recorded in %s%s.\n", path, filterNote(since, actor))
				return err
			}
			t := &table{header: []string{"TIME", "ACTOR", "PLATFORM", "ACTION", "TARGETS", "OUTCOME"}, flex: []int{2, 1, 4, 5}, drop: []int{2}}
			for _, x := range shown {
				f := x.first()
				t.add(present.DateTime(f.Time.In(time.Local)), f.Actor.Name(), f.Platform, f.Action, targetSummary(x), outcomeSummary(x.outcome))
			}
			return t.write(out, format, a.termWidth(out))
		}),
	}
	addOutputFlag(cmd, a)
	cmd.Flags().StringVar(&since, "since", "", "only actions newer than this, e.g. 24h or 7d")
	cmd.Flags().StringVar(&actor, "actor", "", "only the actions of this user (OS or SSH user name, or key fingerprint)")
	return cmd
}

// parseSince reads a Go duration or a number of days ("7d").
func parseSince(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if days, ok := strings.CutSuffix(s, "d"); err != nil && ok {
		if n, nerr := strconv.Atoi(days); nerr == nil && n >= 0 && n <= 100000 {
			d, err = time.Duration(n)*24*time.Hour, nil
		}
	}
	switch {
	case err != nil:
		return 0, usagef("--since: not a duration: %q (e.g. 90m, 24h, 7d)", s)
	case d <= 0:
		return 0, usagef("--since: must be positive, got %q", s)
	}
	return d, nil
}

func filterNote(since, actor string) string {
	var parts []string
	if since != "" {
		parts = append(parts, "in the last "+since)
	}
	if actor != "" {
		parts = append(parts, "by "+actor)
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " ")
}

// targetSummary is e.g. "3 ids: 1688, 700504, 700506", the filter, or the
// title of a schedule created.
func targetSummary(x *auditAction) string {
	if x.intent == nil || x.intent.Target == nil {
		return "(no intent recorded)"
	}
	tg := x.intent.Target
	switch {
	case len(tg.IDs) > 0:
		shown := tg.IDs[:min(len(tg.IDs), previewNames)]
		s := present.Plural(len(tg.IDs), "id") + ": " + strings.Join(shown, ", ")
		if len(tg.IDs) > len(shown) {
			s += fmt.Sprintf(" and %s more", present.Count(len(tg.IDs)-len(shown)))
		}
		return s
	case len(tg.Filters) > 0:
		return "filter: " + strings.Join(tg.Filters, " AND ")
	case tg.Title != "":
		return "title: " + tg.Title
	}
	return "-"
}

// outcomeSummary counts the per-id results, e.g. "2 done, 1 unknown".
func outcomeSummary(o *audit.Record) string {
	if o == nil {
		return "no outcome recorded"
	}
	if len(o.Results) == 0 {
		if o.Error != "" {
			return o.Status + ": " + o.Error
		}
		return o.Status
	}
	n := map[string]int{}
	for _, r := range o.Results {
		n[r.Status]++
	}
	var parts []string
	for _, st := range []string{audit.StatusDone, audit.StatusFailed, audit.StatusUnknown} {
		if n[st] > 0 {
			parts = append(parts, present.Count(n[st])+" "+st)
		}
	}
	s := strings.Join(parts, ", ")
	if o.Status == audit.StatusUnknown && n[audit.StatusUnknown] == 0 {
		s += "; unknown: " + o.Error // e.g. more may have matched the filter
	}
	if o.Action == client.AuditScriptsCreate && o.Status == audit.StatusDone {
		s += " (id " + o.Results[0].ID + ")"
	}
	return s
}

package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// actionIDPattern is what an audit action id looks like (16 hex digits
// today; any short hex string is looked up).
var actionIDPattern = regexp.MustCompile(`^[0-9a-f]{1,64}$`)

// undoRun is one run of `qsched undo`.
type undoRun struct {
	a         *cli
	out, errw io.Writer
	st        client.Settings
}

func newUndoCmd(a *cli) *cobra.Command {
	var last, yes, dryRun bool
	cmd := &cobra.Command{
		Use:   "undo --last | ACTION-ID",
		Short: "Undo a bulk activate or deactivate from the audit log",
		Long: `Set back what one activate or deactivate (WAS or script schedules, by id or by filter)
changed, from the audit log: each such action records the state every id had just
before it was sent. ACTION-ID is an action's id (qsched audit --json shows them);
--last is your newest activate or deactivate on this platform that can be undone;
newer creates, updates and deletes (and actions recorded before undo existed) are
passed over, and qsched says so in one line.

The ids the action changed are read again first. An id that no longer holds the state
the action set (someone changed it since, or it is gone) is left alone and listed; the
others are set back with an ordinary activate or deactivate, itself recorded in the
audit log as the undo of the action (so an undo can be undone the same way). Creates,
updates and deletes cannot be undone; neither can actions recorded before undo
existed (they hold no previous state).

Without --yes nothing is sent: qsched prints the count, the action being undone and
the ids left alone, then exits 2. --dry-run prints the requests instead. Exit 3 when
some ids were not set back; each is listed with its reason.`,
		Args: cobra.MaximumNArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			switch {
			case last && len(args) > 0:
				return usagef("give an ACTION-ID or --last, not both")
			case !last && len(args) == 0:
				return usagef("give the ACTION-ID to undo (see qsched audit --json), or --last")
			case len(args) > 0 && !actionIDPattern.MatchString(args[0]):
				return usagef("ACTION-ID: %s is not an action id (hex digits, as qsched audit --json shows them)", safe.Text(fmt.Sprintf("%q", args[0])))
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			if yes && !dryRun && st.ReadOnly {
				return usageErr(client.ErrReadOnly)
			}
			u := &undoRun{a: a, out: cmd.OutOrStdout(), errw: cmd.ErrOrStderr(), st: st}
			act, err := u.find(c, args, last)
			if err != nil {
				return err
			}
			if err := client.CheckUndoable(act); err != nil {
				return usageErr(err)
			}
			ctx := cmd.Context()
			p, err := c.ReadUndo(ctx, act)
			if err != nil {
				return err
			}
			switch {
			case dryRun:
				return u.dryRun(p)
			case !yes:
				return u.preview(p)
			}
			return u.send(ctx, c, p)
		}),
	}
	f := cmd.Flags()
	f.BoolVar(&last, "last", false, "undo your last activate or deactivate on this platform")
	f.BoolVar(&yes, "yes", false, "really send the requests")
	f.BoolVar(&dryRun, "dry-run", false, "print the requests and send nothing")
	return cmd
}

// find is the action to undo: by id, or the newest undoable one of this
// actor on this platform.
func (u *undoRun) find(c *client.Client, args []string, last bool) (client.LoggedAction, error) {
	actions, err := c.AuditActions()
	if err != nil {
		return client.LoggedAction{}, err
	}
	if last {
		cfg := c.Config().Audit
		act, passed, ok := client.NewestUndoable(actions, cfg.Actor, cfg.Platform, client.UndoAny)
		if !ok {
			return act, usagef("--last: no undoable action by %s on %s in the audit log %s%s", safe.Text(cfg.Actor.Name()), safe.Text(cfg.Platform), safe.Text(cfg.Log.Path()), passedOver(passed, "; "))
		}
		if !u.a.json {
			fmt.Fprintf(u.out, "--last: action %s (%s)%s.\n", act.ID, safe.Text(act.First().Action), passedOver(passed, ", "))
		}
		return act, nil
	}
	for _, x := range actions {
		if x.ID == args[0] {
			return x, nil
		}
	}
	return client.LoggedAction{}, usagef("ACTION-ID: no action %s in the audit log %s", args[0], safe.Text(c.Config().Audit.Log.Path()))
}

// passedOver is "passed over " and client.PassedOverNote after sep, ""
// when none was passed over.
func passedOver(passed []client.LoggedAction, sep string) string {
	if len(passed) == 0 {
		return ""
	}
	return sep + "passed over " + safe.Text(client.PassedOverNote(passed))
}

// undoneJSON names the action being undone.
type undoneJSON struct {
	ID       string    `json:"id"`
	Action   string    `json:"action"`
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"`
	Platform string    `json:"platform"`
}

type undoTargetJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type undoSkipJSON struct {
	ID  string `json:"id"`
	Why string `json:"why"`
}

func undone(p client.UndoPlan) undoneJSON {
	f := p.Action.First()
	return undoneJSON{ID: p.Action.ID, Action: f.Action, Time: f.Time, Actor: f.Actor.Name(), Platform: f.Platform}
}

func skippedJSON(p client.UndoPlan) []undoSkipJSON {
	out := make([]undoSkipJSON, len(p.Skipped))
	for i, s := range p.Skipped {
		out[i] = undoSkipJSON(s)
	}
	return out
}

// title is e.g. "undo deactivate of 5 WAS schedules".
func undoTitle(p client.UndoPlan) string {
	return fmt.Sprintf("undo %s of %s", p.Verb(), present.Plural(len(p.Restore), p.What()))
}

// describe prints the plan: what is undone, the ids set back, those left
// alone.
func (u *undoRun) describe(p client.UndoPlan, lead string) {
	f := p.Action.First()
	fmt.Fprintf(u.out, "%s %s on %s.\n", lead, undoTitle(p), target(u.st))
	fmt.Fprintf(u.out, "Action %s: %s by %s at %s.\n", p.Action.ID, f.Action, safe.Text(f.Actor.Name()), present.DateTime(f.Time.In(u.st.Zone)))
	if len(p.Restore) > 0 {
		fmt.Fprintf(u.out, "%s again:\n", present.Verb(!p.Set).Title().Base)
		t := &table{header: []string{"ID", "NAME"}, flex: []int{1}}
		for _, id := range p.Restore {
			t.add(id, p.Names[id])
		}
		_ = t.render(u.out, u.a.termWidth(u.out))
	}
	u.printSkipped(p)
}

func (u *undoRun) printSkipped(p client.UndoPlan) {
	if len(p.Skipped) == 0 {
		return
	}
	fmt.Fprintf(u.out, "Left alone (%s):\n", present.Count(len(p.Skipped)))
	t := &table{header: []string{"ID", "WHY"}, flex: []int{1}}
	for _, s := range p.Skipped {
		t.add(s.ID, s.Why)
	}
	_ = t.render(u.out, u.a.termWidth(u.out))
}

func (u *undoRun) preview(p client.UndoPlan) error {
	refusal := &exitError{code: exitUsage, err: fmt.Errorf("nothing was sent: %s needs --yes", undoTitle(p))}
	if u.a.json {
		list := make([]undoTargetJSON, len(p.Restore))
		for i, id := range p.Restore {
			list[i] = undoTargetJSON{ID: id, Name: p.Names[id]}
		}
		if err := writeJSON(u.out, map[string]any{"action": "undo", "sent": false, "undoes": undone(p), "set": audit.State(!p.Set), "count": len(p.Restore), "schedules": list, "skipped": skippedJSON(p)}); err != nil {
			return err
		}
		return refusal
	}
	u.describe(p, "Would")
	fmt.Fprintln(u.out, "Nothing was sent. Run again with --yes to undo it.")
	return refusal
}

// dryRun prints what --yes would send, built by the client's own code.
func (u *undoRun) dryRun(p client.UndoPlan) error {
	back := !p.Set
	var reqs []*client.Request
	if p.Scripts {
		for _, id := range p.Restore {
			r, err := client.NewScriptScheduleActiveRequest(id, p.Names[id], back)
			if err != nil {
				return err
			}
			reqs = append(reqs, r)
		}
	} else if len(p.Restore) > 0 {
		ids := make([]int64, 0, len(p.Restore))
		for _, s := range p.Restore {
			id, err := parseID(s)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		var err error
		if reqs, err = client.NewWASSetActiveRequests(back, ids); err != nil {
			return err
		}
	}
	if !u.a.json {
		u.describe(p, "Would")
	}
	if err := printRequests(u.a, u.out, "undo", reqs...); err != nil {
		return err
	}
	if !u.a.json {
		_, err := fmt.Fprintln(u.out, "Nothing was sent.")
		return err
	}
	return nil
}

func (u *undoRun) send(ctx context.Context, c *client.Client, p client.UndoPlan) error {
	if len(p.Restore) == 0 {
		if u.a.json {
			if err := writeJSON(u.out, map[string]any{"action": "undo", "sent": false, "undoes": undone(p), "requested": 0, "succeeded": 0, "results": []idOutcome[string]{}, "skipped": skippedJSON(p)}); err != nil {
				return err
			}
		} else {
			u.describe(p, "Nothing to send:")
		}
		return &exitError{code: exitPartial, err: fmt.Errorf("nothing was sent: every id the action changed has changed since (%s left alone)", present.Count(len(p.Skipped))), shown: true}
	}
	res := c.Undo(ctx, p, nil)
	if res.Refused != nil {
		return res.Refused
	}
	// An id whose answer was lost and that the client read back as set
	// back counts as undone (exit 0), as res.Done() counts it.
	back := audit.State(!p.Set)
	tally := bulkTally{settle: true}
	items := make([]idOutcome[string], len(res.Items))
	for i, it := range res.Items {
		items[i] = idOutcome[string]{ID: it.ID, outcome: tally.status(it.ID, it.Status, it.Err, it.Now, nil, it.Status == client.Unknown && it.Now == back)}
	}
	ok := tally.ok
	v := present.Verb(!p.Set)
	if u.a.json {
		if err := writeJSON(u.out, map[string]any{"action": "undo", "sent": true, "undoes": undone(p), "set": back, "requested": len(items), "succeeded": ok, "results": items, "skipped": skippedJSON(p)}); err != nil {
			return err
		}
	} else {
		t := &table{header: []string{"ID", "NAME", "RESULT"}, flex: []int{1, 2}}
		for _, it := range items {
			t.add(it.ID, p.Names[it.ID], it.result(v.Past))
		}
		_ = t.render(u.out, u.a.termWidth(u.out))
		fmt.Fprintf(u.out, "Undid %s %s: %s %s of %s on %s.\n", p.Verb(), p.Action.ID, v.Past, present.Count(ok), present.Plural(len(items), p.What()), target(u.st))
		u.printSkipped(p)
	}
	return tally.exit(u.errw, present.Plural(len(items), p.What()), v.Past)
}

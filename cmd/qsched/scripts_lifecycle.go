package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// The life of a script schedule after its creation, headless: get,
// update, clone, activate, deactivate and delete. Get, delete, activate
// and deactivate use guessed paths (U22): every output of a command that
// uses one says "unconfirmed endpoint" and names it.

// scheduleIDPattern is what a schedule id may look like on the command
// line: the platform's are UUIDs; anything with a slash, a space or a
// control character is refused before it reaches a path.
var scheduleIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)

func parseScheduleIDs(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, s := range args {
		if !scheduleIDPattern.MatchString(s) {
			return nil, usagef("ID: %s is not a script schedule id (letters, digits, '.', '_' and '-')", safe.Text(fmt.Sprintf("%q", s)))
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// unconfirmed names an endpoint whose path is a guess, for the outputs of
// the commands that use it ("" for a documented one).
func unconfirmed(op client.CAROp) string {
	ep := client.EndpointOf(op)
	if ep.Confirmed {
		return ""
	}
	return ep.Method + " " + ep.Path
}

// unconfirmedLine is the line that says so, short enough for a terminal.
func unconfirmedLine(op client.CAROp) string {
	return "Path not documented by Qualys: " + unconfirmed(op)
}

// scheduleDetailJSON is the documented JSON form of `scripts schedule get`:
// schedule is exactly a body `update -f` and `create -f` take.
type scheduleDetailJSON struct {
	ID          string               `json:"id"`
	Created     *string              `json:"created"`  // RFC 3339 in the display zone; null when not given
	NextRuns    []string             `json:"nextRuns"` // RFC 3339 in the display zone; none when inactive
	Schedule    model.ScriptSchedule `json:"schedule"`
	Unconfirmed []string             `json:"unconfirmed"` // endpoints used whose paths are guesses
}

func newScriptsGetCmd(a *cli) *cobra.Command {
	var runs int
	cmd := &cobra.Command{
		Use:   "get ID",
		Short: "Show one script schedule: every field and its next runs (in the --tz zone)",
		Long: `Show one script schedule, read with ` + unconfirmed(client.CARGet) + ` (a path
not confirmed by Qualys documentation).
With --json, .schedule is the body as update -f and create -f take it:
  qsched scripts schedule get ID --json | jq .schedule > body.json`,
		Args: cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			if runs < 0 || runs > 1000 {
				return usagef("--runs must be between 0 and 1000, got %d", runs)
			}
			ids, err := parseScheduleIDs(args)
			if err != nil {
				return err
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			it, err := c.Scripts.GetSchedule(cmd.Context(), ids[0])
			if err != nil {
				return err
			}
			now := a.now()
			var next []time.Time
			if runs > 0 {
				next, _ = model.Upcoming(it.Schedule, st.Zone, now, runs)
			}
			out := cmd.OutOrStdout()
			if a.json {
				d := scheduleDetailJSON{ID: it.ID, NextRuns: rfc3339s(next, st.Zone), Schedule: it.Schedule, Unconfirmed: []string{unconfirmed(client.CARGet)}}
				if it.CreatedMs > 0 {
					v := time.UnixMilli(it.CreatedMs).In(st.Zone).Format(time.RFC3339)
					d.Created = &v
				}
				return writeJSON(out, d)
			}
			// Host and tag names for the targets; without them (the
			// searches failed) the ids still say everything.
			hosts, tags, _ := c.TargetNames(cmd.Context(), it.Schedule)
			var b strings.Builder
			printScheduleDetails(&b, it, st.Zone, now, next, hosts, tags)
			// Long values wrap under the values on a terminal, as in was get.
			width := a.termWidth(out)
			for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				for _, part := range wrapDetail(l, width) {
					fmt.Fprintln(out, part)
				}
			}
			_, err = fmt.Fprintln(out, unconfirmedLine(client.CARGet))
			return err
		}),
	}
	cmd.Flags().IntVar(&runs, "runs", 10, "how many next runs to show (0 for none)")
	return cmd
}

func rfc3339s(ts []time.Time, loc *time.Location) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(loc).Format(time.RFC3339)
	}
	return out
}

// printScheduleDetails prints every field of a schedule, one per line,
// each value through safe.Text.
func printScheduleDetails(w io.Writer, it model.CARSearchItem, loc *time.Location, now time.Time, next []time.Time, hosts, tags map[int64]string) {
	s := it.Schedule
	line := func(label, value string) { fmt.Fprintf(w, "%-*s %s\n", present.LabelWidth, label+":", value) }
	line("ID", safe.Text(it.ID))
	line("Title", safe.Text(s.Title))
	if s.Description != "" {
		line("Description", safe.Text(s.Description))
	}
	line("Active", present.YesNo(s.Activate))
	line("Type", safe.Text(string(s.ScheduleType))+recurrenceText(s))
	line("Start", safe.Text(s.StartDate+" "+s.StartTime)+" "+model.CARDefaultZone+" (the API names no zone)")
	if s.EndDate != nil {
		line("End", safe.Text(*s.EndDate))
	}
	if it.CreatedMs > 0 {
		line("Created", present.DateTime(time.UnixMilli(it.CreatedMs).In(loc)))
	}
	for i, sc := range s.Scripts {
		label := ""
		if i == 0 {
			label = "Scripts"
		}
		fmt.Fprintf(w, "%-*s %s  %s\n", present.LabelWidth, labelOrBlank(label), safe.Text(string(sc.ID)), safe.Text(sc.Title))
	}
	targets := func(label string, list []model.Asset, names map[int64]string) {
		if len(list) == 0 {
			line(label, "none")
			return
		}
		for i, t := range list {
			l := ""
			if i == 0 {
				l = label
			}
			name := ""
			if id, ok := t.ID.Int(); ok && names[id] != "" {
				name = safe.Text(names[id]) + "  "
			}
			fmt.Fprintf(w, "%-*s %s%s  %s\n", present.LabelWidth, labelOrBlank(l), name, safe.Text(t.UUId), safe.Text(string(t.ID)))
		}
	}
	targets("Assets", s.Assets, hosts)
	targets("Asset tags", s.AssetTags, tags)
	targets("Excluded assets", s.ExcludedAssets, hosts)
	if s.AllTagsForAssetsEnabled != nil {
		line("All tags needed", present.YesNo(*s.AllTagsForAssetsEnabled))
	}
	reboot := present.YesNo(s.RebootOn())
	if s.RebootOn() && s.RebootDelayInSeconds != nil {
		reboot += fmt.Sprintf(" (after %d s)", *s.RebootDelayInSeconds)
	}
	line("Reboot after", reboot)
	if s.User.Name != "" || s.User.ID != "" {
		line("User", safe.Text(s.User.Name)+" "+safe.Text(s.User.ID))
	}
	switch {
	case !s.Activate:
		line("Next runs", "none: the schedule is inactive")
	case len(next) == 0:
		line("Next runs", "none")
	default:
		fmt.Fprintf(w, "Next runs, in %s:\n", present.Zone(loc, now))
		for _, t := range next {
			fmt.Fprintf(w, "  %s\n", model.DescribeRun(t.In(loc), now))
		}
	}
}

func labelOrBlank(l string) string {
	if l == "" {
		return ""
	}
	return l + ":"
}

func recurrenceText(s model.ScriptSchedule) string {
	switch s.ScheduleType {
	case model.Hourly:
		if s.HourlyInterval != nil {
			return fmt.Sprintf(", every %d h", *s.HourlyInterval)
		}
	case model.Weekly:
		days := make([]string, len(s.DaysOfWeek))
		for i, d := range s.DaysOfWeek {
			days[i] = fmt.Sprint(d)
		}
		return ", days of week " + strings.Join(days, ", ")
	case model.Monthly:
		var parts []string
		if s.MonthlyScheduleType != nil {
			parts = append(parts, safe.Text(*s.MonthlyScheduleType))
		}
		if s.RecurrenceDate != nil {
			parts = append(parts, fmt.Sprintf("day %d", *s.RecurrenceDate))
		}
		if s.RecurrenceMonth != nil {
			parts = append(parts, fmt.Sprintf("every %d months", *s.RecurrenceMonth))
		}
		if len(parts) > 0 {
			return ", " + strings.Join(parts, ", ")
		}
	}
	return ""
}

// scheduleNow reads a schedule again after a write without an answer, on
// a context the operator's Ctrl+C has not cancelled.
func scheduleNow(ctx context.Context, c *client.Client, id string) (model.CARSearchItem, bool, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rereadTimeout)
	defer cancel()
	it, err := c.Scripts.GetSchedule(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		return it, false, nil
	}
	return it, err == nil, err
}

func newScriptsUpdateCmd(a *cli) *cobra.Command {
	var (
		file        string
		dryRun, yes bool
	)
	cmd := &cobra.Command{
		Use:   "update ID -f FILE.json|-",
		Short: "Replace a script schedule with a full JSON body",
		Long: `Replace script schedule ID with the body in FILE (POST /sm/v1/scheduler/{id}): the whole
schedule, as create -f and get --json's .schedule have it. Every validation problem is
listed at once, one line naming the field, and nothing is sent while any remains.
The update is never retried; when it was sent without an answer qsched reads the
schedule again, says whether it holds the body sent, and exits 3. --yes is accepted
and not needed: the file is the confirmation.`,
		Args: cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			ids, err := parseScheduleIDs(args)
			if err != nil {
				return err
			}
			id := ids[0]
			s, err := readSchedule(a, file, false) // the stored start may be past
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if dryRun {
				req, err := client.NewScriptScheduleUpdateRequest(id, s)
				if err != nil {
					return err
				}
				return printRequests(a, out, "update", req)
			}
			c, st, err := a.connectToWrite()
			if err != nil {
				return err
			}
			err = c.Scripts.UpdateSchedule(cmd.Context(), id, s)
			var unknown *client.UnknownOutcomeError
			if errors.As(err, &unknown) {
				return reportUnknownUpdate(cmd, c, id, s, unknown)
			}
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(out, map[string]any{"id": id, "title": s.Title, "sent": true})
			}
			_, err = fmt.Fprintf(out, "Updated script schedule %s (%s) on %s.\n", safe.Text(id), safe.Text(s.Title), target(st))
			return err
		}),
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "the whole schedule as JSON, or - for standard input")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the request and send nothing")
	cmd.Flags().BoolVar(&yes, "yes", false, "accepted for symmetry; update sends without it")
	return cmd
}

// reportUnknownUpdate reads the schedule again after an update sent
// without an answer and says whether the server holds the body sent.
func reportUnknownUpdate(cmd *cobra.Command, c *client.Client, id string, sent model.ScriptSchedule, uerr *client.UnknownOutcomeError) error {
	errw := cmd.ErrOrStderr()
	fmt.Fprintf(errw, "qsched: %s\n", safe.Text(uerr.Error()))
	fmt.Fprintln(errw, "qsched: reading the schedule again…")
	it, found, err := scheduleNow(cmd.Context(), c, id)
	var now string
	switch {
	case err != nil:
		now = "reading it again failed: " + err.Error()
	case !found:
		now = "not found"
	case sameSchedule(it.Schedule, sent):
		now = "the server holds the body sent: the update was made"
	default:
		now = "the server does not hold the body sent: the update was not made, or was changed since"
	}
	return &exitError{code: exitPartial, err: fmt.Errorf("update of %s: outcome unknown; read again: %s", id, now)}
}

// sameSchedule compares two schedules as they would be sent.
func sameSchedule(a, b model.ScriptSchedule) bool {
	ja, erra := json.Marshal(a)
	jb, errb := json.Marshal(b)
	return erra == nil && errb == nil && string(ja) == string(jb)
}

func newScriptsCloneCmd(a *cli) *cobra.Command {
	var (
		title       string
		dryRun, yes bool
	)
	cmd := &cobra.Command{
		Use:   "clone ID --title NEW",
		Short: "Create a copy of a script schedule under a new title",
		Long: `Read script schedule ID (` + unconfirmed(client.CARGet) + `, a path not
confirmed by Qualys documentation), set its title to NEW and create it
(POST /sm/v1/scripts/scheduler). NEW must differ from the source's title and from
every schedule's (ignoring case and surrounding spaces); the copy must still pass
validation (a start date in the past is refused: the service refuses it). --dry-run reads the source and prints the create request. --yes is
accepted and not needed.`,
		Args: cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			ids, err := parseScheduleIDs(args)
			if err != nil {
				return err
			}
			if strings.TrimSpace(title) == "" {
				return usagef("--title is required: the new schedule's title")
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			if st.ReadOnly && !dryRun {
				return usageErr(client.ErrReadOnly)
			}
			ctx := cmd.Context()
			src, err := c.Scripts.GetSchedule(ctx, ids[0])
			if err != nil {
				return err
			}
			if strings.EqualFold(strings.TrimSpace(src.Schedule.Title), strings.TrimSpace(title)) {
				return usagef("--title: the copy needs a title of its own; %s is the source's", safe.Text(fmt.Sprintf("%q", title)))
			}
			s := src.Schedule
			s.Title = title
			problems := append(s.Validate(), s.CheckStart(a.now())...)
			if len(problems) > 0 {
				return usageErr(problems)
			}
			taken, err := c.Scripts.FindByTitle(ctx, title)
			if err != nil {
				return err
			}
			if len(taken) > 0 {
				return usagef("--title: a script schedule titled %s already exists (id %s)", safe.Text(fmt.Sprintf("%q", taken[0].Schedule.Title)), safe.Text(taken[0].ID))
			}
			out := cmd.OutOrStdout()
			if dryRun {
				req, err := client.NewScriptScheduleCreateRequest(s)
				if err != nil {
					return err
				}
				return printRequests(a, out, "clone", req)
			}
			res, err := c.Scripts.CreateOutcome(ctx, s)
			if err != nil {
				return err
			}
			id := res.ID
			if a.json {
				doc := map[string]any{"id": id, "title": s.Title, "source": src.ID, "unconfirmed": []string{unconfirmed(client.CARGet)}}
				if res.Found {
					doc["note"] = res.Note()
				}
				return writeJSON(out, doc)
			}
			_, err = fmt.Fprintf(out, "Created script schedule %s (%s), a copy of %s, on %s.\n%sSource read with a path not documented by Qualys: %s\n",
				safe.Text(id), safe.Text(s.Title), safe.Text(src.ID), target(st), noteLine(res.Note()), unconfirmed(client.CARGet))
			return err
		}),
	}
	cmd.Flags().StringVar(&title, "title", "", "the copy's title (must be new)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "read the source, print the create request and send nothing")
	cmd.Flags().BoolVar(&yes, "yes", false, "accepted for symmetry; clone sends without it")
	return cmd
}

// lifecycleAction is one run of activate, deactivate or delete.
type lifecycleAction struct {
	a    *cli
	name string // activate, deactivate or delete
	past string // activated, deactivated or deleted
	op   client.CAROp
	out  io.Writer
	errw io.Writer
}

// request builds what the action sends for one schedule.
func (l *lifecycleAction) request(id, title string) (*client.Request, error) {
	switch l.op {
	case client.CARDelete:
		return client.NewScriptScheduleDeleteRequest(id, title)
	case client.CARActivate:
		return client.NewScriptScheduleActiveRequest(id, title, true)
	}
	return client.NewScriptScheduleActiveRequest(id, title, false)
}

func (l *lifecycleAction) send(ctx context.Context, c *client.Client, id, title string) error {
	if l.op == client.CARDelete {
		return c.Scripts.DeleteSchedule(ctx, id, title)
	}
	return c.Scripts.SetScheduleActive(ctx, id, title, l.op == client.CARActivate)
}

// done says whether what the server holds now is what the action asked for.
func (l *lifecycleAction) done(now string) bool {
	switch l.op {
	case client.CARDelete:
		return now == "not_found"
	case client.CARActivate:
		return now == "active"
	}
	return now == "inactive"
}

func newScriptsLifecycleCmd(a *cli, name, past string, op client.CAROp) *cobra.Command {
	var yes, dryRun bool
	l := &lifecycleAction{a: a, name: name, past: past, op: op}
	cmd := &cobra.Command{
		Use:   name + " ID...",
		Short: present.Verbs{Base: name}.Title().Base + " script schedules by id",
		Long: fmt.Sprintf(`%s the script schedules given, one request each: %s
(a path not confirmed by Qualys documentation).

Without --yes nothing is sent: qsched reads the schedules and prints which would be
%s (their titles), then exits 2. --dry-run prints the requests instead of sending them.
Each schedule is read first, for its title; one not found is left alone and listed.
A request sent without an answer is read again and reported with what the server
holds now. Exit 3 when some schedules were not %s; each is listed with its reason.`,
			present.Verbs{Base: name}.Title().Base, unconfirmed(op), past, past),
		Args: cobra.MinimumNArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			l.out, l.errw = cmd.OutOrStdout(), cmd.ErrOrStderr()
			ids, err := parseScheduleIDs(args)
			if err != nil {
				return err
			}
			if dryRun {
				reqs := make([]*client.Request, len(ids))
				for i, id := range ids {
					if reqs[i], err = l.request(id, ""); err != nil {
						return err
					}
				}
				return l.printDryRun(reqs)
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			if yes && st.ReadOnly {
				return usageErr(client.ErrReadOnly)
			}
			found, missing, err := l.read(cmd.Context(), c, ids)
			if err != nil {
				return err
			}
			if !yes {
				return l.preview(ids, found, missing, st)
			}
			return l.sendAll(cmd.Context(), c, ids, found, st)
		}),
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "really send the requests")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the requests and send nothing")
	return cmd
}

// printDryRun is printRequests plus the endpoint's status.
func (l *lifecycleAction) printDryRun(reqs []*client.Request) error {
	if l.a.json {
		list := make([]requestJSON, len(reqs))
		for i, r := range reqs {
			list[i] = requestJSON{Method: r.Method(), Path: r.Path(), Body: string(safe.JSON(r.Body()))}
		}
		return writeJSON(l.out, map[string]any{"action": l.name, "sent": false, "requests": list, "unconfirmed": []string{unconfirmed(l.op)}})
	}
	if err := printRequests(l.a, l.out, l.name, reqs...); err != nil {
		return err
	}
	_, err := fmt.Fprintf(l.out, "Nothing was sent.\n%s\n", unconfirmedLine(l.op))
	return err
}

// read looks every id up (reads only): found by id, and the ids not found.
func (l *lifecycleAction) read(ctx context.Context, c *client.Client, ids []string) (map[string]model.CARSearchItem, []string, error) {
	found := map[string]model.CARSearchItem{}
	var missing []string
	for _, id := range ids {
		it, err := c.Scripts.GetSchedule(ctx, id)
		switch {
		case errors.Is(err, client.ErrNotFound):
			missing = append(missing, id)
		case err != nil:
			return nil, nil, err
		default:
			found[id] = it
		}
	}
	return found, missing, nil
}

// scheduleRefJSON names a schedule in the outputs of activate, deactivate
// and delete.
type scheduleRefJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Active bool   `json:"active"`
}

func (l *lifecycleAction) preview(ids []string, found map[string]model.CARSearchItem, missing []string, st client.Settings) error {
	var list []scheduleRefJSON
	for _, id := range ids {
		if it, ok := found[id]; ok {
			list = append(list, scheduleRefJSON{ID: id, Title: it.Schedule.Title, Active: it.Schedule.Activate})
		}
	}
	refusal := &exitError{code: exitUsage, err: fmt.Errorf("nothing was sent: %s %s needs --yes", l.name, present.Plural(len(list), "script schedule"))}
	if l.a.json {
		if list == nil {
			list = []scheduleRefJSON{}
		}
		if missing == nil {
			missing = []string{}
		}
		if err := writeJSON(l.out, map[string]any{"action": l.name, "sent": false, "count": len(list), "schedules": list, "notFound": missing, "unconfirmed": []string{unconfirmed(client.CARGet), unconfirmed(l.op)}}); err != nil {
			return err
		}
		return refusal
	}
	fmt.Fprintf(l.out, "Would %s %s on %s:\n", l.name, present.Plural(len(list), "script schedule"), target(st))
	if len(list) > 0 {
		t := &table{header: []string{"ID", "TITLE", "ACTIVE"}, flex: []int{1}}
		for _, s := range list {
			t.add(s.ID, s.Title, present.YesNo(s.Active))
		}
		_ = t.render(l.out, l.a.termWidth(l.out))
	}
	if len(missing) > 0 {
		fmt.Fprintf(l.out, "Not found or not in your scope (left alone): %s\n", safe.Text(strings.Join(missing, ", ")))
	}
	fmt.Fprintf(l.out, "%s\nNothing was sent. Run again with --yes to %s them.\n", unconfirmedLine(l.op), l.name)
	return refusal
}

// lifecycleItemJSON is one schedule's result.
type lifecycleItemJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	outcome        // Now, after an unknown outcome: active, inactive or not_found
}

func (l *lifecycleAction) sendAll(ctx context.Context, c *client.Client, ids []string, found map[string]model.CARSearchItem, st client.Settings) error {
	items := make([]lifecycleItemJSON, 0, len(ids))
	var tally bulkTally
	// Activate and deactivate go as one audited action (undoable: qsched
	// undo); a delete is one action per schedule.
	var bulk map[string]error
	if l.op != client.CARDelete {
		var ts []client.ScriptTarget
		for _, id := range ids {
			if it, known := found[id]; known {
				ts = append(ts, client.ScriptTarget{ID: id, Title: it.Schedule.Title})
			}
		}
		bulk = map[string]error{}
		for _, o := range c.Scripts.SetActive(ctx, l.op == client.CARActivate, ts) {
			bulk[o.ID] = o.Err
		}
	}
	for _, id := range ids {
		it, known := found[id]
		item := lifecycleItemJSON{ID: id, Title: it.Schedule.Title}
		if !known {
			item.outcome = tally.notFound(id, client.ErrNotFound.Error())
			items = append(items, item)
			continue
		}
		var err error
		if bulk != nil {
			err = bulk[id]
		} else {
			err = l.send(ctx, c, id, it.Schedule.Title)
		}
		var unknown *client.UnknownOutcomeError
		switch {
		case err == nil:
			item.outcome = tally.done()
		case errors.As(err, &unknown):
			now, found, rerr := scheduleNow(ctx, c, id)
			state := ""
			if rerr == nil {
				state = nowName(now.Schedule.Activate, found)
			}
			item.outcome = tally.unknown(id, unknown.Err, state, rerr, state != "" && l.done(state))
		case errors.Is(err, client.ErrNotFound):
			tally.noteAuth(err)
			item.outcome = tally.notFound(id, err.Error())
		default:
			item.outcome = tally.fail(id, err)
		}
		items = append(items, item)
		if tally.authErr != nil || ctx.Err() != nil {
			break // nothing more is sent
		}
	}
	for _, id := range ids[len(items):] {
		items = append(items, lifecycleItemJSON{ID: id, Title: found[id].Schedule.Title, outcome: tally.fail(id, errNotSent)})
	}
	if l.a.json {
		if err := writeJSON(l.out, map[string]any{"action": l.name, "sent": true, "requested": len(ids), "succeeded": tally.ok, "results": items, "unconfirmed": []string{unconfirmed(client.CARGet), unconfirmed(l.op)}}); err != nil {
			return err
		}
	} else {
		t := &table{header: []string{"ID", "TITLE", "RESULT"}, flex: []int{1, 2}}
		for _, it := range items {
			t.add(it.ID, it.Title, it.result(l.past))
		}
		_ = t.render(l.out, l.a.termWidth(l.out))
		fmt.Fprintf(l.out, "%s %s of %s script schedules on %s.\n%s\n", present.Verbs{Base: l.past}.Title().Base, present.Count(tally.ok), present.Count(len(items)), target(st), unconfirmedLine(l.op))
	}
	return tally.exit(l.errw, present.Count(len(items))+" script schedules", l.past)
}

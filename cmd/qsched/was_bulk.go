package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// previewNames is how many names a confirmation shows before "and N more".
const previewNames = 5

// bulkAction is one run of `was activate` or `was deactivate`.
type bulkAction struct {
	a       *cli
	active  bool
	v       present.Verbs
	ids     []int64
	filters []model.Criterion
	out     io.Writer
	errw    io.Writer
}

func newWASBulkCmd(a *cli, active bool) *cobra.Command {
	var (
		rawFilters  []string
		yes, dryRun bool
	)
	b := &bulkAction{a: a, active: active, v: present.Verb(active)}
	cmd := &cobra.Command{
		Use:   b.v.Base + " [ID...]",
		Short: b.v.Title().Base + " WAS scan schedules by id or by filter",
		Long: fmt.Sprintf(`%s WAS scan schedules, either the ids given (sent as 'id IN' chunks of at most
%d ids) or every schedule matching the filters (one request that carries the filters).

Without --yes nothing is sent: qsched prints how many schedules and which would be
affected and exits 2. --dry-run prints the request(s) instead of sending them.
Exit 3 when some ids were not %s; each is listed with its reason.`, b.v.Title().Base, model.MaxIDsPerFilter, b.v.Past),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			b.out, b.errw = cmd.OutOrStdout(), cmd.ErrOrStderr()
			b.ids = b.ids[:0]
			for _, s := range args {
				id, err := parseID(s)
				if err != nil {
					return err
				}
				b.ids = append(b.ids, id)
			}
			var err error
			if b.filters, err = parseFilters(rawFilters, model.UseBulk); err != nil {
				return err
			}
			switch {
			case len(b.ids) > 0 && len(b.filters) > 0:
				return usagef("give schedule ids or --filter, not both")
			case len(b.ids) == 0 && len(b.filters) == 0:
				return usagef("give the schedule ids to %s, or --filter", b.v.Base)
			case dryRun:
				return b.dryRun()
			}
			c, s, err := a.connect()
			if err != nil {
				return err
			}
			if yes && s.ReadOnly {
				return usageErr(client.ErrReadOnly)
			}
			ctx := cmd.Context()
			switch {
			case !yes && len(b.ids) > 0:
				return b.previewIDs(ctx, c, s)
			case !yes:
				return b.previewFilter(ctx, c, s)
			case len(b.ids) > 0:
				return b.sendIDs(ctx, c)
			}
			return b.sendFilter(ctx, c)
		}),
	}
	f := cmd.Flags()
	f.StringArrayVar(&rawFilters, "filter", nil, "act on every schedule matching FIELD OP VALUE (repeatable)")
	f.BoolVar(&yes, "yes", false, "really send the request(s)")
	f.BoolVar(&dryRun, "dry-run", false, "print the request(s) and send nothing")
	return cmd
}

type requestJSON struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	IDs    int    `json:"ids,omitempty"`
	Body   string `json:"body"`
}

// printRequests prints what a dry run would send: the requests the client
// would send, built by the same code.
func printRequests(a *cli, w io.Writer, action string, built ...*client.Request) error {
	reqs := make([]requestJSON, len(built))
	for i, r := range built {
		body := r.Body()
		if strings.Contains(r.Header().Get("Content-Type"), "json") {
			// The same JSON document, with controls, bidi and zero-width
			// characters written as \u escapes so none reaches a terminal.
			body = safe.JSON(body)
		}
		reqs[i] = requestJSON{Method: r.Method(), Path: r.Path(), IDs: len(r.IDs()), Body: string(body)}
	}
	if a.json {
		return writeJSON(w, map[string]any{"action": action, "sent": false, "requests": reqs})
	}
	for i, r := range reqs {
		note := ""
		if len(reqs) > 1 {
			note = fmt.Sprintf("  (request %d of %d", i+1, len(reqs))
			if r.IDs > 0 {
				note += ", " + present.Plural(r.IDs, "id")
			}
			note += ")"
		}
		// The body is built from the arguments given, not from a server,
		// and is shown exactly as it would be sent.
		fmt.Fprintf(w, "%s %s%s\n", r.Method, r.Path, note)
		if body := strings.TrimRight(r.Body, "\n"); body != "" { // GET, DELETE and activate carry none
			fmt.Fprintln(w, body)
		}
	}
	return nil
}

func (b *bulkAction) dryRun() error {
	var reqs []*client.Request
	if len(b.ids) > 0 {
		var err error
		if reqs, err = client.NewWASSetActiveRequests(b.active, b.ids); err != nil {
			return err
		}
	} else {
		r, err := client.NewWASSetActiveFilterRequest(b.active, b.filters)
		if err != nil {
			return usageErr(err)
		}
		reqs = append(reqs, r)
	}
	return printRequests(b.a, b.out, b.v.Base, reqs...)
}

// target names the platform (and profile) an action runs against.
func target(s client.Settings) string {
	if s.Profile != "" {
		return fmt.Sprintf("%s (profile %s)", s.Label(), s.Profile)
	}
	return s.Label()
}

// needsYes is the refusal that ends every preview.
func (b *bulkAction) needsYes(n int) error {
	return &exitError{code: exitUsage, err: fmt.Errorf("nothing was sent: %s %s needs --yes", b.v.Base, present.Plural(n, "schedule"))}
}

// previewIDs looks the ids up (reads only) and lists what --yes would do.
func (b *bulkAction) previewIDs(ctx context.Context, c *client.Client, s client.Settings) error {
	ids := model.UniqueIDs(b.ids)
	found := map[int64]model.WasScanSchedule{}
	for _, chunk := range model.IDChunks(ids, model.MaxIDsPerFilter) {
		list, err := c.WAS.All(ctx, []model.Criterion{model.IDInCriterion(chunk)})
		if err != nil {
			return err
		}
		for _, w := range list {
			found[w.IDValue()] = w
		}
	}
	var affected []model.WasScanSchedule
	var missing []int64
	for _, id := range ids {
		if w, ok := found[id]; ok {
			affected = append(affected, w)
		} else {
			missing = append(missing, id)
		}
	}
	if b.a.json {
		list := make([]wasScheduleJSON, len(affected))
		for i, w := range affected {
			list[i] = wasSummary(w, s.Zone)
		}
		if err := writeJSON(b.out, map[string]any{"action": b.v.Base, "sent": false, "count": len(affected), "schedules": list, "notFound": nonNilIDs(missing)}); err != nil {
			return err
		}
		return b.needsYes(len(affected))
	}
	fmt.Fprintf(b.out, "Would %s %s on %s:\n", b.v.Base, present.Plural(len(affected), "WAS schedule"), target(s))
	b.listNames(affected, len(affected))
	if len(missing) > 0 {
		fmt.Fprintf(b.out, "Not found or not in your scope (left alone): %s\n", present.IDs(missing))
	}
	fmt.Fprintf(b.out, "Nothing was sent. Run again with --yes to %s them.\n", b.v.Base)
	return b.needsYes(len(affected))
}

// previewFilter counts the matches and names the first few (reads only).
func (b *bulkAction) previewFilter(ctx context.Context, c *client.Client, s client.Settings) error {
	n, err := c.WAS.Count(ctx, b.filters)
	if err != nil {
		return err
	}
	p, err := c.WAS.First(ctx, b.filters, previewNames)
	if err != nil {
		return err
	}
	first := p.Schedules
	if b.a.json {
		list := make([]wasScheduleJSON, len(first))
		for i, w := range first {
			list[i] = wasSummary(w, s.Zone)
		}
		if err := writeJSON(b.out, map[string]any{"action": b.v.Base, "sent": false, "filters": criteriaJSON(b.filters), "count": n, "first": list}); err != nil {
			return err
		}
		return b.needsYes(n)
	}
	fmt.Fprintf(b.out, "Would %s %s matching %s on %s:\n", b.v.Base, present.Plural(n, "WAS schedule"), present.Criteria(b.filters), target(s))
	b.listNames(first, n)
	fmt.Fprintf(b.out, "Nothing was sent. Run again with --yes to %s every schedule that matches when it runs.\n", b.v.Base)
	return b.needsYes(n)
}

// listNames prints the first names and "and N more".
func (b *bulkAction) listNames(list []model.WasScanSchedule, total int) {
	t := &table{header: []string{"ID", "NAME", "ACTIVE"}, flex: []int{1}}
	for _, w := range list[:min(len(list), previewNames)] {
		t.add(fmt.Sprint(w.IDValue()), w.NameValue(), present.YesNo(w.IsActive()))
	}
	if len(t.rows) > 0 {
		_ = t.render(b.out, b.a.termWidth(b.out))
	}
	if more := total - len(t.rows); more > 0 {
		fmt.Fprintf(b.out, "and %s more\n", present.Count(more))
	}
}

// rereadTimeout bounds reading again the ids whose outcome is unknown,
// also after Ctrl+C: the report must say what the server holds.
const rereadTimeout = 30 * time.Second

// reread reads the ids whose outcome is unknown again, on a context that
// the operator's Ctrl+C has not cancelled.
func reread(ctx context.Context, c *client.Client, ids []int64) (map[int64]bool, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rereadTimeout)
	defer cancel()
	return c.WAS.States(ctx, ids)
}

func nowName(active, found bool) string {
	switch {
	case !found:
		return "not_found"
	case active:
		return "active"
	}
	return "inactive"
}

// sendIDs sends the chunks and reports every id.
func (b *bulkAction) sendIDs(ctx context.Context, c *client.Client) error {
	progress := func(int, int) {}
	if b.a.termWidth(b.errw) > 0 {
		progress = func(done, total int) {
			fmt.Fprintf(b.errw, "\r%s: %s of %s ids", b.v.Title().Ing, present.Count(done), present.Count(total))
			if done == total {
				fmt.Fprintln(b.errw)
			}
		}
	}
	res := c.WAS.SetActive(ctx, b.active, b.ids, progress)
	if res.Refused != nil {
		return res.Refused // nothing was sent: one line, not one per id
	}
	var states map[int64]bool
	var rereadErr error
	if unknown := res.Unknowns(); len(unknown) > 0 {
		fmt.Fprintf(b.errw, "qsched: %s sent without an answer: reading them again…\n", present.Plural(len(unknown), "id"))
		states, rereadErr = reread(ctx, c, unknown)
	}
	var tally bulkTally
	items := make([]idOutcome[int64], len(res.Items))
	for i, it := range res.Items {
		now := ""
		if it.Status == client.Unknown && rereadErr == nil {
			active, found := states[it.ID]
			now = nowName(active, found)
		}
		reached := now != "" && (now == "active") == b.active
		items[i] = idOutcome[int64]{ID: it.ID, outcome: tally.status(fmt.Sprintf("id %d", it.ID), it.Status, it.Err, now, rereadErr, reached)}
	}
	ok := tally.ok
	if b.a.json {
		if err := writeJSON(b.out, map[string]any{"action": b.v.Base, "sent": true, "requested": len(res.Items), "succeeded": ok, "requests": res.Requests, "results": items, "unexpected": nonNilIDs(res.Unexpected)}); err != nil {
			return err
		}
	} else {
		t := &table{header: []string{"ID", "RESULT"}, flex: []int{1}}
		for _, it := range items {
			t.add(fmt.Sprint(it.ID), it.result(b.v.Past))
		}
		_ = t.render(b.out, b.a.termWidth(b.out))
		fmt.Fprintf(b.out, "%s %s of %s WAS schedules in %s.\n", b.v.Title().Past, present.Count(ok), present.Count(len(items)), present.Plural(res.Requests, "request"))
		if len(res.Unexpected) > 0 {
			fmt.Fprintf(b.out, "The server also reported ids that were not requested: %s\n", present.IDs(res.Unexpected))
		}
	}
	return tally.exit(b.errw, present.Count(len(items))+" ids", b.v.Past)
}

// sendFilter sends one request with the filters (seed 003's form).
func (b *bulkAction) sendFilter(ctx context.Context, c *client.Client) error {
	ids, err := c.WAS.SetActiveByFilter(ctx, b.active, b.filters)
	if err != nil && ids == nil {
		return err
	}
	if b.a.json {
		if werr := writeJSON(b.out, map[string]any{"action": b.v.Base, "sent": true, "filters": criteriaJSON(b.filters), "count": len(ids), "ids": nonNilIDs(ids)}); werr != nil {
			return werr
		}
	} else {
		fmt.Fprintf(b.out, "%s %s matching %s.\n", b.v.Title().Past, present.Plural(len(ids), "WAS schedule"), present.Criteria(b.filters))
		if len(ids) > 0 {
			fmt.Fprintf(b.out, "ids: %s\n", present.IDs(ids))
		}
	}
	return err
}

func criteriaJSON(cs []model.Criterion) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

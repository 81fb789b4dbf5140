package scripts

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/scroll"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/task"
)

// What the details show of a run's output: at most OutputLines lines per
// asset (each cut to the width), of at most model.MaxScriptResult bytes.
const OutputLines = 8

// detailsData is everything the details read: the schedule again, its
// targets' host and tag names, and its recent runs.
type detailsData struct {
	item      model.CARSearchItem
	hosts     map[int64]string // asset id → host name
	tags      map[int64]string // tag id → name
	targetErr error
	jobs      []model.CARJob
	jobsTotal int
	jobsErr   error
}

type detailsMsg = task.DoneMsg[detailsData]

// runData is the per-asset outcome of one run.
type runData struct {
	job    model.FlexID
	assets []model.CARAssetJob
}

type runMsg = task.DoneMsg[runData]

type runState struct {
	loading bool
	err     string
	assets  []model.CARAssetJob
}

// details is the enter view: every field, the targets with names, the
// next runs and the recent runs; ↑/↓ choose a run, enter expands it.
type details struct {
	id, title string
	loading   bool
	err       string
	data      detailsData
	sel       int // the chosen run
	runs      map[model.FlexID]*runState
	vp        viewport.Model
	// returnTo is the screen that opened them (the Calendar's enter):
	// closing them shows it again.
	returnTo common.ScreenID
}

func (s *Screen) openDetails() tea.Cmd {
	it := s.cursorItem()
	if it == nil || s.c.Client == nil {
		return nil
	}
	s.details = &details{id: it.ID, title: it.Schedule.Title, loading: true, runs: map[model.FlexID]*runState{}, vp: scroll.New(s.c, s.c.Width, max(s.c.Height-1, 1))}
	s.mode = modeDetails
	return s.loadDetails(it.ID)
}

func (s *Screen) loadDetails(id string) tea.Cmd {
	cl := s.c.Client
	sc := cl.Scripts
	return task.Run(s.ID(), s.fetch.Next(), "Reading script schedule "+id, func(ctx context.Context) (detailsData, error) {
		var d detailsData
		it, err := sc.GetSchedule(ctx, id)
		if err != nil {
			return d, err
		}
		d.item = it
		d.hosts, d.tags, d.targetErr = cl.TargetNames(ctx, it.Schedule)
		d.jobs, d.jobsTotal, d.jobsErr = sc.Jobs(ctx, id, client.RecentRunsPage)
		return d, nil
	})
}

func (s *Screen) onDetails(msg detailsMsg) {
	if !s.fetch.Current(msg.Task) || s.details == nil {
		return
	}
	d := s.details
	d.loading = false
	if msg.Err != nil {
		d.err = safe.Line(msg.Err.Error(), 0)
		return
	}
	d.data = msg.Value
	d.sel = min(d.sel, max(len(d.data.jobs)-1, 0))
	s.renderDetails()
}

func (s *Screen) toggleRun() tea.Cmd {
	d := s.details
	if d == nil || d.sel >= len(d.data.jobs) {
		return nil
	}
	job := d.data.jobs[d.sel].ID
	if _, open := d.runs[job]; open {
		delete(d.runs, job)
		s.renderDetails()
		return nil
	}
	d.runs[job] = &runState{loading: true}
	s.renderDetails()
	sc := s.c.Client.Scripts
	return task.Run(s.ID(), 0, "Reading the run's asset results", func(ctx context.Context) (runData, error) {
		a, err := sc.AssetJobs(ctx, job)
		return runData{job: job, assets: a}, err
	})
}

func (s *Screen) onRun(msg runMsg) {
	if s.details == nil {
		return
	}
	r, ok := s.details.runs[msg.Value.job]
	if !ok {
		return // closed meanwhile
	}
	r.loading = false
	r.assets = msg.Value.assets
	if msg.Err != nil {
		r.err = safe.Line(msg.Err.Error(), 0)
	}
	s.renderDetails()
}

// updateDetails: esc/q back, ↑/↓ choose a run, enter expands it, r reads
// again; the other movement keys scroll.
func (s *Screen) updateDetails(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	d := s.details
	switch {
	case key.Matches(msg, k.Global.Back, k.Global.Quit):
		back := d.returnTo
		s.details, s.mode = nil, modeList
		return common.Return(back)
	case key.Matches(msg, k.List.Details):
		return s.toggleRun()
	case key.Matches(msg, k.List.Refresh):
		d.loading, d.err = true, ""
		return s.loadDetails(d.id)
	case len(d.data.jobs) > 0 && key.Matches(msg, k.List.Up):
		d.sel = max(d.sel-1, 0)
		s.renderDetails()
		return nil
	case len(d.data.jobs) > 0 && key.Matches(msg, k.List.Down):
		d.sel = min(d.sel+1, len(d.data.jobs)-1)
		s.renderDetails()
		return nil
	}
	var cmd tea.Cmd
	d.vp, cmd = d.vp.Update(msg)
	return cmd
}

// renderDetails rebuilds the content and keeps the chosen run in view.
func (s *Screen) renderDetails() {
	d := s.details
	if d == nil || d.loading && d.data.item.ID == "" {
		return
	}
	w := max(s.c.Width, 20)
	lines, at, end := detailLines(d, s.c.Loc(), s.c.Now(), w)
	d.vp.SetWidth(max(s.c.Width, 1))
	d.vp.SetHeight(max(s.c.Height-1, 1))
	scroll.SetText(&d.vp, strings.Join(lines, "\n"))
	if at >= 0 {
		h := d.vp.Height()
		switch y := d.vp.YOffset(); {
		case at < y:
			d.vp.SetYOffset(at)
		case at >= y+h:
			d.vp.SetYOffset(at - h + 1)
		}
		// An expanded run shows its results: as much of them as fits
		// below the run's line, which stays in view.
		if y := d.vp.YOffset(); end >= y+h {
			d.vp.SetYOffset(min(end-h+1, at))
		}
	}
}

// detailLines renders the details; at is the line of the chosen run and
// end the last line of its expansion (at when it is not expanded; both -1
// when there is no run). Every server text goes through safe.
func detailLines(d *details, loc *time.Location, now time.Time, w int) (lines []string, at, end int) {
	at, end = -1, -1
	it := d.data.item
	sc := it.Schedule
	add := func(label, value string) {
		lines = append(lines, safe.Line(fmt.Sprintf("%-14s %s", label, value), w))
	}
	add("Id", it.ID)
	add("Title", sc.Title)
	add("Description", present.OrNone(sc.Description))
	add("Active", present.YesNo(sc.Activate))
	if it.CreatedMs > 0 {
		add("Created", present.DateTime(time.UnixMilli(it.CreatedMs).In(loc)))
	}
	add("User", strings.TrimSpace(sc.User.Name+" "+sc.User.ID))
	for _, l := range scriptform.Summary(sc) {
		add("", l)
	}
	add("Start", sc.StartDate+" "+sc.StartTime+" (read as UTC)")
	if sc.EndDate != nil {
		add("End date", *sc.EndDate)
	}
	for _, sr := range sc.Scripts {
		var ps []string
		for _, p := range sr.Params {
			ps = append(ps, p.Key+"="+p.Value)
		}
		add("Script", fmt.Sprintf("%s (id %s) %s", sr.Title, sr.ID, strings.Join(ps, " ")))
	}
	target := func(label string, as []model.Asset, names map[int64]string, unknown string) {
		if len(as) == 0 {
			add(label, "none")
			return
		}
		for i, a := range as {
			n, _ := strconv.ParseInt(string(a.ID), 10, 64)
			name, ok := names[n]
			if !ok {
				name = unknown
			}
			if i > 0 {
				label = ""
			}
			add(label, fmt.Sprintf("%s  (id %s, %s)", name, a.ID, a.UUId))
		}
	}
	target("Assets", sc.Assets, d.data.hosts, "? not found")
	target("Asset tags", sc.AssetTags, d.data.tags, "? not found")
	target("Excluded", sc.ExcludedAssets, d.data.hosts, "? not found")
	if d.data.targetErr != nil {
		add("", "✗ names not read: "+d.data.targetErr.Error())
	}
	add("All tags", present.YesNo(model.Deref(sc.AllTagsForAssetsEnabled)))

	lines = append(lines, "", safe.Line(fmt.Sprintf("Next %d runs, in %s:", scriptform.PreviewRuns, present.Zone(loc, now)), w))
	runs, err := model.Upcoming(sc, loc, now, scriptform.PreviewRuns)
	switch {
	case err != nil:
		lines = append(lines, safe.Line("  cannot compute: "+err.Error(), w))
	case !sc.Activate:
		lines = append(lines, "  none: the schedule is inactive")
	case len(runs) == 0:
		lines = append(lines, "  none: the schedule ends before it runs again")
	}
	for _, t := range runs {
		lines = append(lines, safe.Line("  "+model.DescribeRun(t, now), w))
	}

	lines = append(lines, "")
	switch {
	case d.data.jobsErr != nil:
		lines = append(lines, safe.Line("Recent runs: ✗ "+d.data.jobsErr.Error(), w))
	case len(d.data.jobs) == 0:
		lines = append(lines, "Recent runs: none yet")
	default:
		lines = append(lines, safe.Line(fmt.Sprintf("Recent runs (%d of %d, newest first; ↑/↓ choose, enter shows the per-asset results):", len(d.data.jobs), d.data.jobsTotal), w))
	}
	for i, j := range d.data.jobs {
		glyph := "  "
		if i == d.sel {
			glyph, at = "▸ ", len(lines)
		}
		when := "—"
		if t := j.Created.Time(); !t.IsZero() {
			when = present.DateTime(t.In(loc))
		}
		lines = append(lines, safe.Line(fmt.Sprintf("%s%s  %s  %s  job %s", glyph, when, present.OrNone(j.Status), present.OrNone(j.ExecutionType), j.ID), w))
		r, open := d.runs[j.ID]
		if !open {
			continue
		}
		switch {
		case r.loading:
			lines = append(lines, "    reading the per-asset results…")
		case r.err != "":
			lines = append(lines, safe.Line("    ✗ "+r.err, w))
		case len(r.assets) == 0:
			lines = append(lines, "    no asset results yet")
		}
		for _, a := range r.assets {
			lines = append(lines, assetLines(a, d.data.hosts, loc, w)...)
		}
		if i == d.sel {
			end = len(lines) - 1
		}
	}
	if end < at {
		end = at
	}
	return lines, at, end
}

// assetLines is one asset's outcome: host, exit code, end time, then its
// output decoded, made safe and bounded.
func assetLines(a model.CARAssetJob, hosts map[int64]string, loc *time.Location, w int) []string {
	host := a.Asset.Name
	if n, err := strconv.ParseInt(string(a.Asset.ID), 10, 64); host == "" && err == nil {
		host = hosts[n]
	}
	mark := "✓"
	if !a.Succeeded() {
		mark = "✗"
	}
	end := "not finished"
	if t := a.Ended(); !t.IsZero() {
		end = "ended " + present.DateTime(t.In(loc))
	}
	out := []string{safe.Line(fmt.Sprintf("    %s %s (asset %s) · code %d · %s", mark, present.OrNone(host), a.Asset.ID, a.Output.Code, end), w)}
	b, cut, err := a.Result()
	if err != nil {
		return append(out, safe.Line("      output: "+err.Error(), w))
	}
	text := strings.TrimRight(string(b), "\n")
	if text == "" && a.Output.Text != "" {
		text = a.Output.Text
	}
	if text == "" {
		return out
	}
	ls := strings.Split(text, "\n")
	for i, l := range ls {
		if i == OutputLines {
			out = append(out, fmt.Sprintf("      … %s", present.Plural(len(ls)-OutputLines, "more line")))
			break
		}
		out = append(out, "      │ "+safe.Line(strings.TrimRight(l, "\r"), max(w-8, 1)))
	}
	if cut {
		out = append(out, fmt.Sprintf("      (output cut at %d KiB)", model.MaxScriptResult>>10))
	}
	return out
}

func (d *details) view(st *common.Styles, w, h int) string {
	title := st.Title.Render(safe.Line("Script schedule "+d.title, max(w-40, 10))) + st.Muted.Render("  (esc back · ↑/↓ runs · enter expand · r reload)")
	switch {
	case d.loading && d.data.item.ID == "":
		return title + "\n\nLoading…"
	case d.err != "":
		return title + "\n\n" + st.Error.Render("Could not read the schedule: "+d.err)
	}
	d.vp.SetWidth(max(w, 1))
	d.vp.SetHeight(max(h-1, 1))
	return title + "\n" + d.vp.View()
}

package was

import (
	"context"
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

type bulkResult struct{ R client.BulkResult }

// bulkMsg is the result of setActiveCmd.
type bulkMsg = task.DoneMsg[bulkResult]

// progressMsg reports chunks done during a bulk action.
type progressMsg struct {
	done, total int
	ch          <-chan [2]int
}

// filterPreview is what the by-filter confirmation shows.
type filterPreview struct {
	active   bool // the state asked for
	criteria []model.Criterion
	count    int
	already  int // in the requested state already, as last loaded (-1: not known)
	first    []target
}

// previewMsg is the result of previewFilterCmd.
type previewMsg = task.DoneMsg[filterPreview]

type byFilterResult struct {
	active   bool
	criteria []model.Criterion
	ids      []int64
}

// byFilterMsg is the result of deactivateByFilterCmd.
type byFilterMsg = task.DoneMsg[byFilterResult]

// bulkTargets are the rows a bulk action applies to: every mark (shown or
// hidden by the filter), or the row under the cursor when nothing is
// marked.
func (m *Model) bulkTargets() []target {
	if m.sel.Len() > 0 {
		return m.sel.Targets()
	}
	if r := m.cursorRow(); r != nil {
		return []target{{r.id, r.name}}
	}
	return nil
}

func (m *Model) busy() bool {
	if m.writing != "" {
		m.setNote("Wait: "+m.writing+" is still running.", true)
		return true
	}
	return false
}

// askBulk opens the confirmation for activating or deactivating the
// targets. The confirmed slice is the one sent.
func (m *Model) askBulk(active bool) tea.Cmd {
	if m.busy() || m.Client == nil {
		return nil
	}
	m.endRange() // the marks as they are now are what is confirmed
	ts := m.bulkTargets()
	if len(ts) == 0 {
		m.setNote("Nothing to "+present.Verb(active).Base+": mark schedules with space.", true)
		return nil
	}
	v := present.Verb(active)
	lines := []string{
		m.platformLine(),
		fmt.Sprintf("%s %s, by id, in requests of at most %s ids:", v.Title().Base, present.Plural(len(ts), "WAS schedule"), present.Count(model.MaxIDsPerFilter)),
	}
	lines = append(lines, targetLines(ts)...)
	hidden := 0
	for _, t := range ts {
		if !m.isShown(t.ID) {
			hidden++
		}
	}
	if hidden > 0 {
		lines = append(lines, fmt.Sprintf("%s of them hidden by the current filter.", present.Count(hidden)))
	}
	if already := m.alreadyIn(active, ts); already > 0 {
		lines = append(lines, common.AlreadyInState(already, len(ts), active)+" (as last loaded); they are sent too.")
	}
	if !active {
		lines = append(lines, "Deactivated schedules stop scanning until activated again.")
	}
	m.openConfirm(confirm.Spec{
		Title: fmt.Sprintf("%s %s?", v.Title().Base, present.Plural(len(ts), "WAS schedule")),
		Lines: lines, Verb: v.Base,
	}, func() tea.Cmd { return m.setActiveCmd(active, ts) })
	return nil
}

// alreadyIn counts the targets whose loaded row is already in the
// requested state.
func (m *Model) alreadyIn(active bool, ts []target) int {
	n := 0
	for _, t := range ts {
		if i, ok := m.index[t.ID]; ok && m.rows[i].active == active {
			n++
		}
	}
	return n
}

// platformLine names where a write goes, for its confirmation.
func (m *Model) platformLine() string {
	return present.PlatformLine(m.opts.Platform, m.user())
}

func (m *Model) user() string {
	if m.Client == nil {
		return ""
	}
	return m.Client.Config().Credentials.Username
}

// setActiveCmd sends exactly ts's ids (client.SetActive: chunks of at
// most 1000 ids) and streams the chunk progress.
func (m *Model) setActiveCmd(active bool, ts []target) tea.Cmd {
	ids := make([]int64, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	m.writing = present.Verb(active).Title().Ing + " " + present.Plural(len(ids), "WAS schedule")
	m.progress = [2]int{0, len(ids)}
	m.setNote("", false)
	ch := make(chan [2]int, 1)
	w := m.Client.WAS
	run := task.Run(m.ID(), 0, m.writing, func(ctx context.Context) (bulkResult, error) {
		defer close(ch)
		r := w.SetActive(ctx, active, ids, func(done, total int) {
			select { // never block the action on the screen
			case ch <- [2]int{done, total}:
			default:
			}
		})
		return bulkResult{r}, nil
	})
	return tea.Batch(run, listenProgress(m.ID(), ch))
}

func listenProgress(id common.ScreenID, ch <-chan [2]int) tea.Cmd {
	return common.Wrap(id, func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{done: p[0], total: p[1], ch: ch}
	})
}

func (m *Model) onProgress(msg progressMsg) tea.Cmd {
	if m.writing != "" {
		m.progress = [2]int{msg.done, msg.total}
	}
	return listenProgress(m.ID(), msg.ch)
}

// onBulk applies a bulk result: affected rows take the new state and are
// unmarked; the others stay marked with their problem, so the same key
// retries exactly those. A cancelled action still reports every id.
func (m *Model) onBulk(msg bulkMsg) tea.Cmd {
	m.writing, m.progress = "", [2]int{}
	r := msg.Value.R
	m.sel.ApplyResult(r)
	done := r.Succeeded()
	if len(done) > 0 {
		m.rows = slices.Clone(m.rows) // running filters keep reading the old slice
		for _, id := range done {
			if i, ok := m.index[id]; ok {
				m.rows[i] = m.rows[i].withActive(r.Active)
			}
		}
		m.showRowsNow()
	}
	var notAffected, failed, notSent int
	for _, it := range r.Items {
		switch {
		case it.Status == client.NotAffected:
			notAffected++
		case it.Status == client.Failed && errors.Is(it.Err, context.Canceled):
			// Failed and cancelled: the chunk was never sent (a sent one
			// would be unknown).
			notSent++
		case it.Status == client.Failed:
			failed++
		}
	}
	unknown := r.Unknowns()
	head := bulkHead(r, len(done))
	s := ""
	if notSent > 0 {
		s += fmt.Sprintf(" %s not sent (cancelled)", present.Count(notSent))
	}
	if failed > 0 {
		s += fmt.Sprintf(" %s failed", present.Count(failed))
	}
	if notAffected > 0 {
		s += fmt.Sprintf(" %s not found or not in scope", present.Count(notAffected))
	}
	if failed+notAffected+notSent > 0 {
		s += fmt.Sprintf(" — still marked; press %s to retry them.", m.retryKey(r.Active))
	}
	if len(r.Unexpected) > 0 {
		s += fmt.Sprintf(" The server also reported %s not requested: %s.", present.Plural(len(r.Unexpected), "id"), present.IDs(r.Unexpected))
	}
	bad := failed+notAffected+notSent+len(r.Unexpected) > 0
	after := afterBulk{result: r, done: len(done), rest: s, bad: bad}
	if len(unknown) > 0 {
		// Sent but unanswered: say so, and show what the server holds
		// once it has been read again (rereadWrittenCmd), never "failed".
		s = fmt.Sprintf("%s %s outcome unknown — reading them again…%s", head, present.Count(len(unknown)), s)
	} else {
		s = head + s
	}
	m.setNote(s, bad || len(unknown) > 0)
	// An activation's rows are read again for the next launch the server
	// computed; a deactivated row has none (U19), nothing to read.
	if !r.Active {
		done = nil
	}
	if len(unknown)+len(done) > 0 {
		return tea.Batch(m.refilter(), m.rereadWrittenCmd(r.Active, done, unknown, after))
	}
	return m.refilter()
}

// bulkHead is a bulk action's headline: "Activated 3 of 4 schedules in 1
// request." done counts the schedules the server holds in the requested
// state: those it answered for, and, once read again, those whose answer
// was lost.
func bulkHead(r client.BulkResult, done int) string {
	return fmt.Sprintf("%s %s of %s in %s.", present.Verb(r.Active).Title().Past, present.Count(done),
		present.Plural(len(r.Items), "schedule"), present.Plural(r.Requests, "request"))
}

// afterBulk is what the note after a bulk action is made of, kept for
// the re-read of the ids whose answer was lost.
type afterBulk struct {
	result client.BulkResult
	done   int    // answered as done
	rest   string // the report after the headline, but for the unknown outcomes
	bad    bool   // the rest reports a problem
}

type reread struct {
	active  bool    // the state the action asked for
	done    []int64 // changed: read again for what changed with them (next launch)
	ids     []int64 // the outcome is unknown
	fresh   map[int64]model.WasScanSchedule
	unknown bool      // some outcome was unknown: say what the server holds
	after   afterBulk // the action's report
}

// rereadMsg is the result of rereadWrittenCmd.
type rereadMsg = task.DoneMsg[reread]

// rereadWrittenCmd reads again the schedules a bulk write touched: those it changed,
// so that their rows show what changed with them (the next launch is the
// server's to compute), and those whose outcome is unknown. It runs even
// when the action was cancelled: what the screen says after a write must
// be what the server holds.
func (m *Model) rereadWrittenCmd(active bool, done, unknown []int64, after afterBulk) tea.Cmd {
	w := m.Client.WAS
	all := append(slices.Clone(done), unknown...)
	return task.Run(m.ID(), 0, "Reading "+present.Plural(len(all), "schedule")+" again", func(ctx context.Context) (reread, error) {
		fresh, err := w.ByIDs(ctx, all)
		return reread{active: active, done: done, ids: unknown, fresh: fresh, unknown: len(unknown) > 0, after: after}, err
	})
}

// onReread shows what the server holds: every row read again takes its
// fresh values; for ids whose outcome was unknown, those now in the
// requested state are unmarked and the others stay marked with why.
func (m *Model) onReread(msg rereadMsg) tea.Cmd {
	v := msg.Value
	if msg.Err != nil {
		if v.unknown {
			m.setNote(fmt.Sprintf("%s still unknown: reading them again failed: %s. Refresh (%s) before acting again.", present.Plural(len(v.ids), "schedule"), safe.Line(msg.Err.Error(), 0), m.Keys.List.Refresh.Help().Key), true)
		}
		return nil
	}
	m.rows = slices.Clone(m.rows)
	for id, s := range v.fresh {
		if i, ok := m.index[id]; ok {
			m.rows[i] = newRow(s)
		}
	}
	m.showRowsNow()
	if !v.unknown {
		return m.refilter()
	}
	var changed, unchanged, gone int
	for _, id := range v.ids {
		fresh, ok := v.fresh[id]
		now := fresh.IsActive()
		switch {
		case !ok:
			gone++
			m.sel.SetErr(id, "not found or not in your scope when read again")
			continue
		case now == v.active:
			changed++
			m.sel.Unmark(id)
		default:
			unchanged++
			m.sel.SetErr(id, "not changed (the request's answer was lost)")
		}
	}
	// The headline counts what the server holds: the answered and the
	// re-read alike.
	verb, a := present.Verb(v.active), v.after
	s := fmt.Sprintf("%s%s Of %s whose answer was lost, read again: %s %s, %s unchanged", bulkHead(a.result, a.done+changed), a.rest,
		present.Count(len(v.ids)), present.Count(changed), verb.Past, present.Count(unchanged))
	if gone > 0 {
		s += fmt.Sprintf(", %s not found", present.Count(gone))
	}
	m.setNote(s+".", a.bad || unchanged+gone > 0)
	return m.refilter()
}

func (m *Model) retryKey(active bool) string {
	if active {
		return m.Keys.List.Activate.Help().Key
	}
	return m.Keys.List.Deactivate.Help().Key
}

// askByFilter previews the server-side filter (count, how many are in
// the requested state already, first names) before the by-filter
// confirmation, for D (deactivate) and its twin (activate).
func (m *Model) askByFilter(active bool) tea.Cmd {
	if m.busy() || m.Client == nil {
		return nil
	}
	v := present.Verb(active)
	k := m.Keys.List.DeactivateByFilter
	if active {
		k = m.Keys.List.ActivateByFilter
	}
	if len(m.criteria) == 0 {
		m.setNote(fmt.Sprintf("%s needs a server-side filter: add one with %s.", k.Help().Key, m.Keys.List.ServerFilter.Help().Key), true)
		return nil
	}
	if err := model.ValidateCriteria(m.criteria, model.UseBulk); err != nil {
		m.setNote("This filter cannot be used to "+v.Base+": "+safe.Line(err.Error(), 0), true)
		return nil
	}
	// The list holds what this same filter matched when it was loaded:
	// those already in the requested state are counted there, no call.
	already := -1
	if !m.load.running && m.load.err == "" {
		already = 0
		for _, r := range m.rows {
			if r.active == active {
				already++
			}
		}
	}
	cs, w := slices.Clone(m.criteria), m.Client.WAS
	m.setNote("Counting the schedules the filter matches…", false)
	return task.Run(m.ID(), m.fetch.Next(), "Previewing the "+v.Base+" filter", func(ctx context.Context) (filterPreview, error) {
		n, err := w.Count(ctx, cs)
		if err != nil {
			return filterPreview{}, err
		}
		p := filterPreview{active: active, criteria: cs, count: n, already: already}
		pg, err := w.First(ctx, cs, 5)
		for _, s := range pg.Schedules {
			p.first = append(p.first, target{s.IDValue(), safe.Line(s.NameValue(), 0)})
		}
		return p, err
	})
}

func (m *Model) onPreview(msg previewMsg) {
	if !m.fetch.Current(msg.Task) {
		return
	}
	if msg.Err != nil {
		m.setNote("Could not preview the filter: "+safe.Line(msg.Err.Error(), 0), true)
		return
	}
	p := msg.Value
	v := present.Verb(p.active)
	m.setNote("", false)
	if p.count == 0 {
		m.setNote("The filter matches no schedule; nothing to "+v.Base+".", false)
		return
	}
	lines := []string{
		m.platformLine(),
		"Filter: " + present.Criteria(p.criteria),
		fmt.Sprintf("The count endpoint reports %s matching the filter, for example:", present.Plural(p.count, "schedule")),
	}
	first := targetLines(p.first)
	if len(first) > 0 && p.count > len(p.first) {
		first = append(first, fmt.Sprintf("  and %s more", present.Count(p.count-len(p.first))))
	}
	lines = append(lines, first...)
	if p.already > 0 {
		lines = append(lines, common.AlreadyInState(min(p.already, p.count), p.count, p.active)+" (as last loaded).")
	}
	lines = append(lines,
		"ONE request carries this filter; the server decides what matches when it runs,",
		"which may include schedules not loaded here.")
	m.openConfirm(confirm.Spec{
		Title: fmt.Sprintf("%s every schedule matching the filter (%s)?", v.Title().Base, present.Count(p.count)),
		Lines: lines, Verb: v.Base + " by filter",
	}, func() tea.Cmd { return m.setActiveByFilterCmd(p.active, p.criteria) })
}

func (m *Model) setActiveByFilterCmd(active bool, cs []model.Criterion) tea.Cmd {
	m.writing = present.Verb(active).Title().Ing + " by filter"
	m.progress = [2]int{}
	w := m.Client.WAS
	return task.Run(m.ID(), 0, m.writing, func(ctx context.Context) (byFilterResult, error) {
		ids, err := w.SetActiveByFilter(ctx, active, cs)
		return byFilterResult{active: active, criteria: cs, ids: ids}, err
	})
}

func (m *Model) onByFilter(msg byFilterMsg) tea.Cmd {
	m.writing = ""
	n := len(msg.Value.ids)
	v := present.Verb(msg.Value.active)
	if msg.Err != nil {
		m.setNote(fmt.Sprintf("%s by filter: %s (the server listed %s); reloading to show the real state.", v.Title().Base, safe.Line(msg.Err.Error(), 0), present.Plural(n, "id")), true)
	} else {
		m.setNote(fmt.Sprintf("%s %s by filter %s (count returned by the server).", v.Title().Past, present.Plural(n, "schedule"), present.Criteria(msg.Value.criteria)), false)
	}
	return m.reload(false)
}

package was

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// loadState tracks the load in progress. Each page is its own task, so
// esc cancels the load between pages and a reload's generation makes the
// older load's results stale.
type loadState struct {
	gen      task.Gen
	running  bool
	total    int    // from the count endpoint; -1 until known
	loaded   int    // schedules received by this load
	incoming []*row // a refresh fills this and swaps it in at the end
	swap     bool   // whether this load fills incoming (refresh)
	err      string
	last     time.Time // when the last load completed
	// The load ends when both the last page and the count are in.
	pagesDone, countDone bool
	// feed delivers the load's pages (newFeed); stopAhead stops its
	// reading (a new load, an error, the end).
	feed      <-chan fetched
	startFeed func() // starts the reading, once
	stopAhead context.CancelFunc
}

type countResult struct{ N int }
type pageResult struct{ Page client.Page }

// fetched is a page read ahead of the task that hands it over.
type fetched struct {
	page client.Page
	err  error
}

// countMsg is the result of countSchedulesCmd.
type countMsg = task.DoneMsg[countResult]

// pageMsg is the result of loadPageCmd.
type pageMsg = task.DoneMsg[pageResult]

// autoTickMsg fires the auto-refresh.
type autoTickMsg struct{ gen uint64 }

// reload starts a new load with the current server-side filter. With
// fresh the list is emptied and fills as pages arrive (first load, new
// server filter); otherwise (refresh) the current rows stay until the new
// ones are complete. Marks, cursor, local filter and sort are kept.
func (m *Model) reload(fresh bool) tea.Cmd {
	if m.Client == nil {
		return nil
	}
	gen := m.load.gen.Next()
	m.stopAhead()
	m.load.running, m.load.loaded, m.load.total, m.load.err = true, 0, -1, ""
	m.load.pagesDone, m.load.countDone = false, false
	m.load.swap = !fresh && len(m.rows) > 0
	m.load.incoming = nil
	if !m.load.swap {
		m.rows, m.index = nil, map[int64]int{}
		m.view, m.vrows, m.shown, m.vbase = nil, nil, nil, viewBase{}
		m.table.SetRows(viewRows{m})
	}
	return tea.Batch(m.countSchedulesCmd(gen), m.loadPageCmd(gen))
}

// stopAhead stops the load's page reading, if any.
func (m *Model) stopAhead() {
	if m.load.stopAhead != nil {
		m.load.stopAhead()
		m.load.stopAhead, m.load.feed, m.load.startFeed = nil, nil, nil
	}
}

func (m *Model) countSchedulesCmd(gen uint64) tea.Cmd {
	cs, w := slices.Clone(m.criteria), m.Client.WAS
	return task.RunOn(m.ID(), loadLine, gen, "Counting WAS schedules", func(ctx context.Context) (countResult, error) {
		n, err := w.Count(ctx, cs)
		return countResult{n}, err
	})
}

// loadPageCmd hands over the load's next page. One goroutine per load
// (newFeed) reads the pages through client.WAS.Pages, which asks for the
// next page as soon as an answer's lastId is readable (the account allows
// 2 calls in flight), so pages arrive and decode while earlier ones' rows
// are built and drawn; each page is still its own task, so esc stops the
// load between pages.
func (m *Model) loadPageCmd(gen uint64) tea.Cmd {
	if m.load.feed == nil {
		m.newFeed()
	}
	feed, start := m.load.feed, m.load.startFeed
	// The title shares the status line with the API budget (up to about
	// 50 cells with its endpoint) and a "(+n)" count: it stays short
	// enough to show whole at 80 columns.
	title := "Loading WAS schedules"
	if m.load.loaded > 0 {
		title = fmt.Sprintf("WAS: %s loaded", present.Count(m.load.loaded))
	}
	return task.RunOn(m.ID(), loadLine, gen, title, func(ctx context.Context) (pageResult, error) {
		start()
		select {
		case f, ok := <-feed:
			if !ok {
				return pageResult{}, errors.New("the load ended early")
			}
			return pageResult{Page: f.page}, f.err
		case <-ctx.Done():
			return pageResult{}, ctx.Err()
		}
	})
}

// newFeed prepares this load's feed: a goroutine, started by the first
// page's task when it runs (a load whose command never runs sends
// nothing), reads the pages into m.load.feed; stopAhead stops it.
func (m *Model) newFeed() {
	ctx, cancel := context.WithCancel(context.Background())
	feed := make(chan fetched, 1)
	w, cs, size := m.Client.WAS, slices.Clone(m.criteria), m.opts.PageSize
	m.load.feed, m.load.stopAhead = feed, cancel
	m.load.startFeed = sync.OnceFunc(func() {
		go func() {
			defer close(feed)
			for p, err := range w.Pages(ctx, cs, size) {
				select {
				case feed <- fetched{p, err}:
				case <-ctx.Done():
					return
				}
				if err != nil {
					return
				}
			}
		}()
	})
}

func (m *Model) onCount(msg countMsg) {
	if !m.load.gen.Current(msg.Task) {
		return
	}
	if msg.Err == nil {
		m.load.total = msg.Value.N
	}
	m.load.countDone = true
	if m.load.pagesDone {
		m.load.running = false
	}
}

func (m *Model) onPage(msg pageMsg) tea.Cmd {
	if !m.load.gen.Current(msg.Task) {
		return nil
	}
	if msg.Err != nil {
		m.stopAhead()
		m.load.running, m.load.pagesDone = false, true
		m.load.err = safe.Line(msg.Err.Error(), 0)
		if m.load.swap {
			m.load.incoming = nil // keep the old list whole rather than half
		}
		return nil
	}
	p := msg.Value.Page
	fresh := newRows(p.Schedules)
	m.load.loaded += len(fresh)
	if m.load.swap {
		m.load.incoming = append(m.load.incoming, fresh...)
	} else {
		m.appendRows(fresh)
	}
	if p.HasMore {
		cmd := m.loadPageCmd(msg.Task.Gen)
		if m.load.swap {
			return cmd
		}
		return tea.Batch(cmd, m.refilter())
	}
	return m.finishLoad()
}

// appendRows adds rows at the end. Appending never rewrites an element a
// running filter command may be reading.
func (m *Model) appendRows(rs []*row) {
	for _, r := range rs {
		if _, dup := m.index[r.id]; dup {
			continue
		}
		m.index[r.id] = len(m.rows)
		m.rows = append(m.rows, r)
	}
}

// finishLoad swaps in a refresh's rows and drops the marks of schedules
// that no longer exist.
func (m *Model) finishLoad() tea.Cmd {
	m.stopAhead()
	m.load.pagesDone = true
	m.load.running = !m.load.countDone
	m.load.last = m.Now()
	if m.load.swap {
		m.rows, m.index = nil, map[int64]int{}
		m.appendRows(m.load.incoming)
		m.load.incoming = nil
	}
	if n := m.sel.Keep(func(id int64) bool { _, ok := m.index[id]; return ok }); n > 0 {
		m.setNote("Unmarked "+present.Plural(n, "schedule")+" no longer in the list.", true)
	}
	return m.refilter()
}

// autoTick schedules the next auto-refresh, when configured.
func (m *Model) autoTick() tea.Cmd {
	if m.opts.AutoRefresh <= 0 {
		return nil
	}
	m.autoGen++
	gen := m.autoGen
	return common.Wrap(m.ID(), tea.Tick(m.opts.AutoRefresh, func(time.Time) tea.Msg { return autoTickMsg{gen} }))
}

// onAutoTick re-arms the timer and refreshes when allowed.
func (m *Model) onAutoTick(msg autoTickMsg) tea.Cmd {
	if msg.gen != m.autoGen {
		return nil
	}
	return tea.Batch(m.autoTick(), m.autoRefresh())
}

// autoRefresh reloads unless paused, loading, confirming, editing or
// writing (R6: no refresh during a bulk action or a confirmation).
func (m *Model) autoRefresh() tea.Cmd {
	if m.paused || m.load.running || m.writing != "" || m.mode == modeConfirm || m.mode == modeForm || m.mode == modeCreate {
		return nil
	}
	return m.reload(false)
}

// loadLine is the task line of the list's loads: a reload cancels the
// calls of the load it replaces (task.RunOn).
const loadLine = "load"

package was

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/ui/common"
)

// viewMsg carries a filtered and sorted view computed off the render
// path. Results of an older generation are dropped, so a late result can
// never replace what a newer query shows.
type viewMsg struct {
	gen   uint64
	rows  []*row // the snapshot the positions refer to
	view  []int
	shown shownSet
	base  viewBase
}

// viewBase is a computed view and what it was computed from; the next
// view starts from it when it can (narrowView). Its slices are never
// changed once made: later views copy.
type viewBase struct {
	rows  []*row
	query string // lower-cased and trimmed
	sort  sortSpec
	view  []int
	all   []int // every row in sort order, when known
}

// refilter computes the view for the current rows, query and sort in a
// command. The rows slice is passed with its length as capacity: later
// appends go elsewhere, and rows are never changed in place. The command
// starts from the last view (narrowView): a keystroke that extends the
// query filters what the last query showed, and a page of a load filters
// and sorts only its own rows.
func (m *Model) refilter() tea.Cmd {
	m.viewGen++
	gen, rows, q, s, base := m.viewGen, m.rows[:len(m.rows):len(m.rows)], m.query, m.sort, m.vbase
	var only map[int64]bool
	if m.markedOnly {
		only = m.sel.IDs()
	}
	return common.Wrap(m.ID(), func() tea.Msg {
		b := narrowView(base, rows, q, s, only)
		return viewMsg{gen: gen, rows: rows, view: b.view, shown: newShownSet(len(rows), b.view), base: b}
	})
}

// narrowView is computeView(rows, query, s), computed from base when base
// was computed with the same sort from a prefix of rows (a load appends):
// the rows after the prefix are sorted and merged in — the order a stable
// sort of the whole gives, base's rows first among equals — and a query
// that contains base's (every row it finds, base's found too) filters
// base's view; any other query filters every row in sort order, which is
// kept, so that no keystroke sorts again.
// With only (the marked rows, M) the view is computed whole and not kept
// as a base: it is small, and marks change under it.
func narrowView(base viewBase, rows []*row, query string, s sortSpec, only map[int64]bool) viewBase {
	q := strings.Join(strings.Fields(strings.ToLower(query)), " ")
	if only != nil {
		return viewBase{view: computeView(rows, q, s, only)}
	}
	next := viewBase{rows: rows, query: q, sort: s}
	if base.rows == nil || base.sort != s || !isPrefix(base.rows, rows) {
		next.view = computeView(rows, q, s, nil)
		if q == "" {
			next.all = next.view
		}
		return next
	}
	n := len(base.rows)
	added := computeView(rows[n:], "", s, nil)
	for i := range added {
		added[i] += n
	}
	if base.all != nil {
		next.all = mergeViews(rows, base.all, added, s)
	}
	switch {
	case narrows(q, base.query):
		next.view = mergeViews(rows, filterView(rows, base.view, q, q != base.query), filterView(rows, added, q, true), s)
	case next.all != nil:
		next.view = filterView(rows, next.all, q, true)
	default:
		next.all = computeView(rows, "", s, nil)
		next.view = filterView(rows, next.all, q, true)
	}
	return next
}

// filterView is the positions of view whose rows hold every term of q
// (view itself when there is nothing to filter).
func filterView(rows []*row, view []int, q string, filter bool) []int {
	if !filter || q == "" {
		return view
	}
	terms := strings.Fields(q)
	out := make([]int, 0, len(view)/4)
	for _, i := range view {
		if matchAll(rows[i].lower, terms) {
			out = append(out, i)
		}
	}
	return out
}

// narrows reports whether every row query q finds is found by base too:
// each of base's terms is inside one of q's (the user typed on).
func narrows(q, base string) bool {
	qt := strings.Fields(q)
	for _, b := range strings.Fields(base) {
		if !slices.ContainsFunc(qt, func(t string) bool { return strings.Contains(t, b) }) {
			return false
		}
	}
	return true
}

// mergeViews merges two views sorted by s, a's rows first among equals.
func mergeViews(rows []*row, a, b []int, s sortSpec) []int {
	switch {
	case len(b) == 0:
		return a
	case len(a) == 0:
		return b
	}
	out := make([]int, 0, len(a)+len(b))
	j := 0
	for _, i := range a {
		for j < len(b) && orderRows(rows[b[j]], rows[i], s) < 0 {
			out = append(out, b[j])
			j++
		}
		out = append(out, i)
	}
	return append(out, b[j:]...)
}

// orderRows compares two rows as computeView sorts them.
func orderRows(a, b *row, s sortSpec) int {
	c := compareRows(a, b, s.col)
	if s.desc {
		return -c
	}
	return c
}

// isPrefix reports whether a holds the first len(a) rows of b. Rows are
// never changed in place (rows.go), so a and b sharing their start share
// their elements.
func isPrefix(a, b []*row) bool {
	if len(a) > len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	for i, r := range a {
		if b[i] != r {
			return false
		}
	}
	return true
}

// shownSet holds which positions of a rows snapshot a view shows.
type shownSet []uint64

func newShownSet(n int, view []int) shownSet {
	s := make(shownSet, (n+63)/64)
	for _, p := range view {
		s[p/64] |= 1 << (p % 64)
	}
	return s
}

func (s shownSet) has(p int) bool { return p/64 < len(s) && s[p/64]&(1<<(p%64)) != 0 }

// isShown reports whether the view shows the schedule id.
func (m *Model) isShown(id int64) bool {
	p, ok := m.index[id]
	if !ok || p >= len(m.vrows) || m.vrows[p].id != id {
		if p = slices.IndexFunc(m.vrows, func(r *row) bool { return r.id == id }); p < 0 {
			return false
		}
	}
	return m.shown.has(p)
}

// showRowsNow shows rows changed in place (same rows, same order: a
// write's result) at once, before the refilter that may reorder or hide
// them comes back; a view of another generation of rows is left alone.
func (m *Model) showRowsNow() {
	if len(m.vrows) != len(m.rows) {
		return
	}
	for i, r := range m.vrows {
		if r.id != m.rows[i].id {
			return
		}
	}
	m.vrows = m.rows
	m.table.SetRows(viewRows{m})
}

func (m *Model) onView(msg viewMsg) {
	if msg.gen != m.viewGen {
		return // a newer query or sort is on its way
	}
	var keep int64 = -1
	if r := m.cursorRow(); r != nil {
		keep = r.id
	}
	if m.goTo != 0 { // a row just created: the cursor goes to it
		keep, m.goTo = m.goTo, 0
	}
	m.view, m.vrows, m.shown, m.vbase = msg.view, msg.rows, msg.shown, msg.base
	m.table.SetRows(viewRows{m})
	cursor := 0
	if keep >= 0 {
		for i, p := range m.view {
			if m.vrows[p].id == keep {
				cursor = i
				break
			}
		}
	}
	m.table.SetCursor(cursor)
	m.recountHidden()
}

// recountHidden caches how many marks the filter hides.
func (m *Model) recountHidden() {
	m.hidden = m.sel.Hidden(m.isShown)
}

// typeFilter edits the local filter: every change refilters; enter keeps
// the filter, esc clears it.
func (m *Model) typeFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.Keys.Form.Choose):
		m.mode, m.filterIn = modeList, nil
		return nil
	case key.Matches(msg, m.Keys.Global.Back):
		m.mode, m.filterIn = modeList, nil
		if m.query == "" {
			return nil
		}
		m.query = ""
		return m.refilter()
	}
	changed, cmd := m.filterIn.Update(msg)
	if !changed {
		return cmd
	}
	m.query = m.filterIn.Value()
	return tea.Batch(cmd, m.refilter())
}

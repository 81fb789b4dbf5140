package was

import (
	"strconv"
	"strings"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// row is one schedule as the list shows it. Rows are immutable once
// built: a change (new active state, new name) replaces the row, and the
// slice holding rows is cloned before any element is replaced, so that
// filter and sort commands can read a snapshot without locks.
type row struct {
	id      int64
	name    string // sanitized, one line
	typ     string
	webApp  string // sanitized
	occ     string
	owner   string // sanitized; the owner's user name, for the export
	next    int64  // the next launch, Unix seconds; 0 when none (shown in the display zone)
	active  bool
	invalid bool
	// lower is the text the local filter searches: id, name, web app,
	// type and occurrence, lower-cased.
	lower string
}

func newRow(s model.WasScanSchedule) *row {
	r := &row{}
	r.fill(s)
	r.lower = strings.ToLower(r.lowerSource())
	return r
}

// newRows builds a page's rows together: the rows in one block and their
// lower-case search texts in one string, so that a filter scanning 100,000
// rows reads memory in order instead of chasing 100,000 allocations.
func newRows(ss []model.WasScanSchedule) []*row {
	block := make([]row, len(ss))
	var b strings.Builder
	ends := make([]int, len(ss))
	for i, s := range ss {
		block[i].fill(s)
		b.WriteString(strings.ToLower(block[i].lowerSource()))
		ends[i] = b.Len()
	}
	all := b.String()
	out := make([]*row, len(ss))
	start := 0
	for i := range block {
		block[i].lower = all[start:ends[i]]
		start = ends[i]
		out[i] = &block[i]
	}
	return out
}

// fill sets every field but lower from s.
func (r *row) fill(s model.WasScanSchedule) {
	*r = row{
		id:      s.IDValue(),
		name:    safe.Line(s.NameValue(), 0),
		typ:     safe.Line(s.TypeValue(), 0),
		webApp:  safe.Line(s.WebAppName(), 0),
		occ:     safe.Line(s.OccurrenceValue(), 0),
		active:  s.IsActive(),
		invalid: s.IsInvalid(),
	}
	if s.Owner != nil {
		r.owner = safe.Line(s.Owner.Username, 0)
	}
	if t, ok := s.NextLaunch(); ok {
		r.next = t.Unix()
	}
}

// lowerSource is what lower holds, before lower-casing: id, name, web
// app, type and occurrence.
func (r *row) lowerSource() string {
	return strconv.FormatInt(r.id, 10) + " " + r.name + " " + r.webApp + " " + r.typ + " " + r.occ
}

// withActive returns a copy of r with the given state.
// A deactivated schedule has no next launch (U19); an activated one's is
// read again from the server (rereadWrittenCmd).
func (r *row) withActive(active bool) *row {
	c := *r
	c.active = active
	if !active {
		c.next = 0
	}
	return &c
}

// target is a schedule an action applies to: its id and its name as
// listed, so the confirmation can name it.
type target struct {
	ID   int64
	Name string
}

package was

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"charm.land/bubbles/v2/list"
	btable "charm.land/bubbles/v2/table"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

// The screen budgets of issue 16, beside the stock components holding the
// same rows in the same run; `qsched bench-table` reads them
// (docs/performance.md).

// budgetRows are 100,000 rows named as the simulator names schedules,
// with an en dash (text that needs the grapheme-aware width), built a
// page of 1,000 at a time as a load builds them.
func budgetRows() []*row {
	apps := []string{"Shop frontend", "Payments API", "Customer portal"}
	rows := make([]*row, 0, 100_000)
	page := make([]model.WasScanSchedule, 0, 1000)
	for i := range 100_000 {
		id := int64(700000 + i)
		page = append(page, model.WasScanSchedule{
			ID:             &id,
			Name:           model.TextPtr(fmt.Sprintf("Nightly scan %d – %s", i, apps[i%3])),
			Type:           model.Ptr(model.WASVulnerability),
			Active:         model.Ptr(i%7 != 0),
			NextLaunchDate: model.Ptr("2026-04-01T02:00:00Z"),
			Target:         &model.WASTarget{WebApp: &model.WASWebApp{ID: 1, Name: model.TextPtr(apps[i%3])}},
			Scheduling:     &model.WASScheduling{OccurrenceType: model.Ptr(model.OccurrenceDaily)},
		})
		if len(page) == cap(page) {
			rows = append(rows, newRows(page)...)
			page = page[:0]
		}
	}
	return rows
}

// loadedModel is the WAS screen at 120×40 with budgetRows loaded and
// shown, cursor in the middle.
func loadedModel(b *testing.B) *Model {
	c := common.New(nil, false, func() time.Time { return uitest.Epoch() })
	m := New(c, Options{})
	m.SetSize(120, 40)
	m.appendRows(budgetRows())
	m.onView(m.refilter()().(common.ScreenMsg).Msg.(viewMsg))
	m.table.Move(50_000)
	return m
}

// listItem is a row for bubbles/list's default delegate.
type listItem struct{ title, desc string }

func (i listItem) Title() string       { return i.title }
func (i listItem) Description() string { return i.desc }
func (i listItem) FilterValue() string { return i.title }

func stockRows() ([]list.Item, []btable.Row) {
	rows := budgetRows()
	items := make([]list.Item, len(rows))
	trows := make([]btable.Row, len(rows))
	for i, r := range rows {
		items[i] = listItem{r.name, r.webApp + " · " + r.occ}
		trows[i] = btable.Row{strconv.FormatInt(r.id, 10), r.name, typeLabel(r.typ), r.webApp, r.occ, time.Unix(r.next, 0).UTC().Format("2006-01-02 15:04"), "yes", "no"}
	}
	return items, trows
}

// BenchmarkBudgetCursorView100k moves the cursor one row and draws the
// screen, at 100,000 rows: the WAS screen, bubbles/list (default delegate
// and paginator) and bubbles/table.
func BenchmarkBudgetCursorView100k(b *testing.B) {
	items, trows := stockRows()
	b.Run("qsched", func(b *testing.B) {
		m := loadedModel(b)
		d := 1
		for b.Loop() {
			d = -d
			m.table.Move(d)
			_ = m.View()
		}
	})
	b.Run("bubbles-list", func(b *testing.B) {
		l := list.New(items, list.NewDefaultDelegate(), 120, 40)
		l.Select(50_000)
		down := true
		for b.Loop() {
			if down {
				l.CursorDown()
			} else {
				l.CursorUp()
			}
			down = !down
			_ = l.View()
		}
	})
	b.Run("bubbles-table", func(b *testing.B) {
		cols := make([]btable.Column, len(columns))
		for i, c := range columns {
			cols[i] = btable.Column{Title: c.Title, Width: c.Width}
		}
		t := btable.New(btable.WithColumns(cols), btable.WithRows(trows), btable.WithHeight(40), btable.WithWidth(120), btable.WithFocused(true))
		t.SetCursor(50_000)
		d := 1
		for b.Loop() {
			d = -d
			if d > 0 {
				t.MoveDown(1)
			} else {
				t.MoveUp(1)
			}
			_ = t.View()
		}
	})
}

// typed is the query BenchmarkBudgetFilterKey100k types, one key at a
// time: its first five keys find every row, its last a few.
const typed = "scan 4711"

// BenchmarkBudgetFilterKey100k types a query into the filter at 100,000
// rows, one keystroke at a time — each one's filter and sort, off the
// render path, and the view taking the result — and reports the mean
// keystroke and the slowest (the key whose mean is the highest); bubbles/list filtering the same items for one
// keystroke beside it.
func BenchmarkBudgetFilterKey100k(b *testing.B) {
	items, _ := stockRows()
	b.Run("qsched", func(b *testing.B) {
		m := loadedModel(b)
		before := *m
		per := make([]time.Duration, len(typed)) // each key's total
		for b.Loop() {
			*m = before
			for k := 1; k <= len(typed); k++ {
				t := time.Now()
				m.query = typed[:k]
				m.onView(m.refilter()().(common.ScreenMsg).Msg.(viewMsg))
				per[k-1] += time.Since(t)
			}
		}
		if len(m.view) == 0 || len(m.view) == len(m.rows) {
			b.Fatalf("%d of %d rows shown", len(m.view), len(m.rows))
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(typed)), "ns/key")
		b.ReportMetric(float64(slices.Max(per).Nanoseconds())/float64(b.N), "max-ns/key")
	})
	b.Run("bubbles-list", func(b *testing.B) {
		l := list.New(items, list.NewDefaultDelegate(), 120, 40)
		for b.Loop() {
			l.SetFilterText(typed)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/key")
	})
}

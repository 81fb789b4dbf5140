package was

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/qsched/qsched/model"
)

// narrowView gives exactly computeView's result whatever the way there:
// pages appended, queries extended, shortened and replaced, the sort
// changed, a row replaced (a write).
func TestNarrowViewIsComputeView(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	all := syntheticRows(3000)
	for i, r := range all { // names that sort with ties, web apps that differ
		c := *r
		c.name = fmt.Sprintf("scan %d", rng.IntN(40))
		c.lower = fmt.Sprintf("%d %s %s", c.id, c.name, c.webApp)
		all[i] = &c
	}
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	queries := []string{"", "s", "sc", "scan", "scan 1", "scan 12", "scan 1", "", "pay", "payments", "shop", "scan 3", "7", "pay scan", "pay scan 1", "1 pay", "12 scan"}
	sorts := []sortSpec{{col: colID}, {col: colName}, {col: colName, desc: true}, {col: colWebApp}}
	var base viewBase
	rows := []*row{}
	q, s := "", sorts[0]
	for step := range 400 {
		switch rng.IntN(6) {
		case 0, 1: // a page of a load
			if len(rows) < len(all) {
				n := min(len(rows)+1+rng.IntN(200), len(all))
				rows = append(rows, all[len(rows):n]...)
			}
		case 2, 3:
			q = queries[rng.IntN(len(queries))]
		case 4:
			s = sorts[rng.IntN(len(sorts))]
		case 5: // a write replaces a row in a clone
			if len(rows) > 0 {
				rows = slices.Clone(rows)
				i := rng.IntN(len(rows))
				rows[i] = newRow(model.WasScanSchedule{ID: model.Ptr(rows[i].id), Name: model.TextPtr("renamed scan 12")})
			}
		}
		snap := rows[:len(rows):len(rows)]
		base = narrowView(base, snap, q, s, nil)
		if want := computeView(snap, q, s, nil); !slices.Equal(base.view, want) && !(len(want) == 0 && len(base.view) == 0) {
			t.Fatalf("step %d, %d rows, query %q, sort %v: narrowed %v, computed %v", step, len(snap), q, s, head(base.view), head(want))
		}
	}
}

func head(v []int) []int { return v[:min(len(v), 12)] }

// A page's rows built together are the rows built one by one.
func TestNewRowsAreNewRow(t *testing.T) {
	ss := []model.WasScanSchedule{
		{ID: model.Ptr(int64(7)), Name: model.TextPtr("Nightly – Ünïcode SCAN"), Type: model.Ptr(model.WASDiscovery)},
		{ID: model.Ptr(int64(8))},
		{ID: model.Ptr(int64(9)), Name: model.TextPtr("x\u202ey"), Active: model.Ptr(true), NextLaunchDate: model.Ptr("2026-04-01T02:00:00Z")},
	}
	for i, r := range newRows(ss) {
		if want := newRow(ss[i]); *r != *want {
			t.Fatalf("row %d: %+v, want %+v", i, *r, *want)
		}
	}
}

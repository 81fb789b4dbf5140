package sim

import (
	"testing"
	"time"
)

// BenchmarkBudgetSeed100k seeds 100,000 WAS schedules, as `qsched sim
// --was-schedules 100000` does at start.
func BenchmarkBudgetSeed100k(b *testing.B) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for b.Loop() {
		st := seedWAS(1, 100_000, now)
		if len(st.ids) != 100_000 {
			b.Fatalf("%d schedules seeded", len(st.ids))
		}
	}
}

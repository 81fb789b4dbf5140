package main

import (
	"strings"
	"testing"
)

func TestBenchTableReadsResultsAndJudgesBudgets(t *testing.T) {
	in := `goos: linux
cpu: Test CPU
BenchmarkBudgetSeed100k-2   	       3	 800000000 ns/op	  12 B/op
BenchmarkBudgetCursorView100k/qsched-2   	 5000	 200000 ns/op
BenchmarkBudgetCursorView100k/bubbles-list-2   	 10	 150000000 ns/op
BenchmarkBudgetLoad100k-2 1 5 ns/op 4.5 plain-s 6.3 qsched-s 1.4 qsched/plain
some other line
`
	res, env, err := parseBench(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(env) != 2 || res["BudgetSeed100k"]["ns/op"] != 8e8 || res["BudgetLoad100k"]["qsched/plain"] != 1.4 {
		t.Fatalf("env %v, results %v", env, res)
	}
	var b strings.Builder
	bs := []budget{
		{figure: "seed", bench: "BudgetSeed100k", metric: "ns/op", unit: "s", scale: 1e-9, max: 1},
		{figure: "view", bench: "BudgetCursorView100k/qsched", metric: "ns/op", speedupOver: "BudgetCursorView100k/bubbles-list", unit: "×", min: 500},
		{figure: "load", bench: "BudgetLoad100k", metric: "qsched/plain", unit: "×", max: 1.2},
		{figure: "absent", bench: "BudgetNope", metric: "ns/op", unit: "ms", max: 1},
		{figure: "info", bench: "BudgetSeed100k", metric: "B/op", unit: ""},
	}
	missed := writeBenchTable(&b, bs, res, env)
	out := b.String()
	for _, want := range []string{
		"| seed | ≤ 1 s | 0.8 s | 0.80 | yes |",
		"| view | ≥ 500× | 750× | 1.50 | yes |",
		"| load | ≤ 1.2× | 1.4× | 1.17 | NO |",
		"| absent | ≤ 1 ms | not run | — | — |",
		"| info | — | 12 | — | — |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if missed != 2 {
		t.Fatalf("missed %d, want 2 (load over budget, absent not run)", missed)
	}
}

// Every budget names a benchmark and a metric, and a limit that is a
// number the table can divide by.
func TestBudgetsAreWellFormed(t *testing.T) {
	for _, b := range budgets {
		if b.figure == "" || !strings.HasPrefix(b.bench, "Budget") || b.metric == "" || b.max < 0 || b.min < 0 || (b.max != 0 && b.min != 0) {
			t.Errorf("budget %+v", b)
		}
	}
}

package main

// The performance budgets of issue 16, one row of the table `qsched
// bench-table` prints each (docs/performance.md). A row reads one metric of
// one benchmark from `go test -bench` output; ratioOf/speedupOver compare it
// with another benchmark of the same run.
var budgets = []budget{
	// 1. Simulator.
	{figure: "sim: 100 pages of 1,000 to a plain sequential loop", bench: "BudgetLoad100k", metric: "plain-s", unit: "s", max: 4},
	{figure: "sim: page at 100k ÷ page at 1k (cost follows the page)", bench: "BudgetSimPage/100k", metric: "ns/op", ratioOf: "BudgetSimPage/1k", unit: "×", max: 2},
	{figure: "sim: bulk chunk at 100k ÷ at 1k (cost follows the chunk)", bench: "BudgetSimBulkChunk/100k", metric: "ns/op", ratioOf: "BudgetSimBulkChunk/1k", unit: "×", max: 2},
	{figure: "sim: seeding 100,000 schedules", bench: "BudgetSeed100k", metric: "ns/op", unit: "s", scale: 1e-9, max: 1},
	// 2. Load through qsched.
	{figure: "load 100k through qsched ÷ plain loop (same sim, same run)", bench: "BudgetLoad100k", metric: "qsched/plain", unit: "×", max: 1.2},
	{figure: "decode: bytes allocated per schedule (page of 1,000)", bench: "BudgetDecodePage/qsched", metric: "B/schedule", unit: "KB", scale: 1.0 / 1024, max: 5},
	{figure: "decode: allocations per schedule (page of 1,000)", bench: "BudgetDecodePage/qsched", metric: "allocs/schedule", unit: ""},
	{figure: "`was list --json` of 100k: peak RSS", bench: "BudgetListJSON100k", metric: "peak-RSS-MiB", unit: "MiB", max: 200},
	{figure: "TUI holding 100k: RSS", bench: "BudgetTUIHold100k", metric: "RSS-MB", unit: "MB", max: 120},
	{figure: "TUI load of 100k ÷ plain loop (same sim, same run; from process start)", bench: "BudgetTUIHold100k", metric: "tui/plain", unit: "×", max: 1.2},
	// 3. Screens.
	{figure: "cursor move + View at 100k", bench: "BudgetCursorView100k/qsched", metric: "ns/op", unit: "ms", scale: 1e-6, max: 0.3},
	{figure: "cursor move + View: faster than bubbles/list", bench: "BudgetCursorView100k/qsched", metric: "ns/op", speedupOver: "BudgetCursorView100k/bubbles-list", unit: "×", min: 500},
	{figure: "cursor move + View: faster than bubbles/table", bench: "BudgetCursorView100k/qsched", metric: "ns/op", speedupOver: "BudgetCursorView100k/bubbles-table", unit: "×", min: 10},
	{figure: "one filter keystroke at 100k (mean of typing `scan 4711`)", bench: "BudgetFilterKey100k/qsched", metric: "ns/key", unit: "ms", scale: 1e-6, max: 3},
	{figure: "one filter keystroke at 100k (the slowest key: every row matches)", bench: "BudgetFilterKey100k/qsched", metric: "max-ns/key", unit: "ms", scale: 1e-6, max: 3},
	{figure: "one filter keystroke: faster than bubbles/list", bench: "BudgetFilterKey100k/qsched", metric: "ns/key", speedupOver: "BudgetFilterKey100k/bubbles-list", unit: "×"},
	// 4. Bulk.
	{figure: "deactivate 10,000 ids: requests", bench: "BudgetBulk10k/chunked", metric: "requests", unit: "", max: 10},
	{figure: "deactivate 10,000 ids: time", bench: "BudgetBulk10k/chunked", metric: "ns/op", unit: "s", scale: 1e-9, max: 1},
	{figure: "deactivate 10,000 ids one request per id: time", bench: "BudgetBulk10k/per-id", metric: "ns/op", unit: "s", scale: 1e-9},
	// 5. Start-up.
	{figure: "first frame of `--demo`, whole process (median)", bench: "BudgetDemoFirstFrame", metric: "median-ms", unit: "ms", max: 100},
	{figure: "`--help`: time waiting on a terminal that never answers (median, silent − answering)", bench: "BudgetHelpNoAnswer", metric: "wait-ms", unit: "ms", max: 100},
	{figure: "`--help` on a terminal that never answers, whole process (median)", bench: "BudgetHelpNoAnswer", metric: "no-answer-ms", unit: "ms"},
	// 6. SSH.
	{figure: "heap per SSH session, 50 open", bench: "BudgetSessionMemory", metric: "bytes/session", unit: "MB", scale: 1e-6, max: 8},
}

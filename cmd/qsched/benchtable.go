package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

// budget is one figure of the performance table: a metric of a benchmark,
// scaled to unit, held to max (at most) or min (at least); with ratioOf the
// figure is bench ÷ ratioOf, with speedupOver it is speedupOver ÷ bench.
// Neither max nor min: shown without a budget.
type budget struct {
	figure, bench, metric, unit string
	ratioOf, speedupOver        string
	scale                       float64 // multiplies the metric; 0 means 1
	max, min                    float64
}

// newBenchTableCmd is the hidden `qsched bench-table`: it reads `go test
// -bench` output on stdin and prints the budget table (docs/performance.md).
func newBenchTableCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "bench-table",
		Short:  "Print the performance budget table from go test -bench output on stdin",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, env, err := parseBench(cmd.InOrStdin())
			if err != nil {
				return &exitError{code: exitAPI, err: err}
			}
			if la, err := os.ReadFile("/proc/loadavg"); err == nil { // how busy the machine was
				env = append(env, "load average at the end: "+strings.Join(strings.Fields(string(la))[:3], " "))
			}
			if missed := writeBenchTable(cmd.OutOrStdout(), budgets, res, env); missed > 0 {
				return &exitError{code: exitPartial, err: fmt.Errorf("%d figures miss their budget or were not measured", missed), shown: true}
			}
			return nil
		},
	}
}

// benchLine is a result line: name (the -N suffix dropped), iterations,
// then value/unit pairs.
var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

// parseBench reads benchmark results by name and metric, and the goos,
// goarch, cpu and Go lines; a benchmark reported twice keeps its last.
func parseBench(r io.Reader) (map[string]map[string]float64, []string, error) {
	res := map[string]map[string]float64{}
	var env []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if k, _, ok := strings.Cut(line, ": "); ok && (k == "goos" || k == "goarch" || k == "cpu") {
			if !containsString(env, line) {
				env = append(env, line)
			}
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := strings.Fields(m[3])
		metrics := map[string]float64{}
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			metrics[f[i+1]] = v
		}
		res[m[1]] = metrics
	}
	return res, env, sc.Err()
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// value is a budget's figure from the results, or false when a benchmark
// it needs is not there.
func (b budget) value(res map[string]map[string]float64) (float64, bool) {
	v, ok := res[b.bench][b.metric]
	if !ok {
		return 0, false
	}
	switch {
	case b.ratioOf != "":
		base, ok := res[b.ratioOf][b.metric]
		if !ok || base == 0 {
			return 0, false
		}
		return v / base, true
	case b.speedupOver != "":
		other, ok := res[b.speedupOver][b.metric]
		if !ok || v == 0 {
			return 0, false
		}
		return other / v, true
	}
	if b.scale != 0 {
		v *= b.scale
	}
	return v, true
}

// writeBenchTable prints the environment and one Markdown row per budget
// (figure, budget, result, ratio of result to budget, met), and returns how
// many rows miss their budget or have no result.
func writeBenchTable(w io.Writer, bs []budget, res map[string]map[string]float64, env []string) int {
	for _, e := range env {
		fmt.Fprintln(w, e)
	}
	fmt.Fprintln(w, "\n| Figure | Budget | Result | Ratio | Met |\n|---|---|---|---|---|")
	missed := 0
	for _, b := range bs {
		limit, op := b.max, "≤"
		if b.min != 0 {
			limit, op = b.min, "≥"
		}
		want := "—"
		if limit != 0 {
			want = op + " " + num(limit, b.unit)
		}
		v, ok := b.value(res)
		got, ratio, met := "not run", "—", "—"
		if ok {
			got = num(v, b.unit)
			if limit != 0 {
				ratio = strconv.FormatFloat(v/limit, 'f', 2, 64)
				met = "yes"
				if (op == "≤" && v > limit) || (op == "≥" && v < limit) {
					met = "NO"
				}
			}
		}
		if limit != 0 && met != "yes" {
			missed++
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", b.figure, want, got, ratio, met)
	}
	return missed
}

// num writes v with three significant digits and its unit.
func num(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'g', 3, 64)
	if v >= 1000 {
		s = strconv.FormatFloat(v, 'f', 0, 64)
	}
	switch unit {
	case "":
		return s
	case "×":
		return s + "×"
	}
	return s + " " + unit
}

package main

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// Every list command's table fits an 80-column terminal: no line is wider,
// and the columns a reader needs (the ids) are never cut.
func TestListTablesFit80Columns(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 40, Seed: 8})
	e.createSeed("000-weekly.json", "A weekly schedule with a rather long title that must be cut somewhere")
	e.width = 80
	for _, tc := range []struct {
		args []string
		want string // a cell that must be shown uncut
	}{
		{[]string{"was", "list"}, fmt.Sprint(e.sim.WASSchedules()[0].IDValue())},
		{[]string{"scripts", "schedule", "list"}, e.sim.CARSchedules()[0].ID},
		{[]string{"assets", "search"}, e.sim.Agents()[0].AgentUUID},
		{[]string{"tags", "list"}, "TAG UUID"},
		{[]string{"scripts", "list"}, "TITLE"},
		{[]string{"audit"}, "OUTCOME"},
	} {
		r := e.run("", tc.args...).must(t, exitOK)
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if len(lines) < 2 {
			t.Fatalf("%v: no rows:\n%s", tc.args, r.stdout)
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > 80 {
				t.Fatalf("%v: a line of %d columns at width 80:\n%s", tc.args, w, r.stdout)
			}
		}
		if !strings.Contains(r.stdout, tc.want) {
			t.Fatalf("%v: %q not shown uncut:\n%s", tc.args, tc.want, r.stdout)
		}
	}
	// Not a terminal: every column, nothing cut.
	e.width = 0
	r := e.run("", "was", "list").must(t, exitOK)
	if !strings.Contains(r.stdout, "INVALID") || strings.Contains(r.stdout, "…") {
		t.Fatalf("piped output lost a column or was cut:\n%s", r.stdout[:min(len(r.stdout), 400)])
	}
}

func TestNarrowTableDropsTheLowestPriorityColumnsFirst(t *testing.T) {
	tb := &table{header: []string{"ID", "NAME", "TYPE", "WHEN", "FLAG"}, flex: []int{1}, drop: []int{4, 2}}
	tb.add("12345", strings.Repeat("n", 40), "VULNERABILITY", "2026-01-02 15:04 UTC", "yes")
	var b strings.Builder
	_ = tb.render(&b, 55)
	out := b.String()
	if strings.Contains(out, "FLAG") || !strings.Contains(out, "TYPE") || !strings.Contains(out, "2026-01-02 15:04 UTC") {
		t.Fatalf("width 55 should drop FLAG only:\n%s", out)
	}
	b.Reset()
	_ = tb.render(&b, 45)
	out = b.String()
	if strings.Contains(out, "FLAG") || strings.Contains(out, "TYPE") || !strings.Contains(out, "12345") {
		t.Fatalf("width 45 should drop FLAG then TYPE:\n%s", out)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if ansi.StringWidth(l) > 45 {
			t.Fatalf("line wider than 45: %q", l)
		}
	}
}

func TestListOutputFormats(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 9})
	ids := e.activeIDs(2)
	// A hostile name: a formula, and escape sequences.
	e.plantWAS(t, ids[0], "=HYPERLINK(\"http://x\")\u009b2J", "")
	e.plantWAS(t, ids[1], "@SUM(1)", "")

	r := e.run("", "was", "list", "--output", "csv").must(t, exitOK)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, r.stdout)
	}
	if len(recs) != 13 || strings.Join(recs[0], ",") != "id,name,type,active,invalid,webApp,occurrence,nextLaunch,owner" {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	names := map[string]bool{}
	for _, rec := range recs[1:] {
		names[rec[1]] = true
	}
	if !names[`'=HYPERLINK("http://x")\u009b2J`] || !names["'@SUM(1)"] || strings.Contains(r.stdout, "\u009b") {
		t.Fatalf("formula or control characters not neutralised:\n%s", r.stdout)
	}

	js := decodeJSON[[]map[string]any](t, e.run("", "was", "list", "--output", "json").must(t, exitOK).stdout)
	legacy := decodeJSON[[]map[string]any](t, e.run("", "was", "list", "--json").must(t, exitOK).stdout)
	if len(js) != 12 || fmt.Sprint(js) != fmt.Sprint(legacy) {
		t.Fatalf("--output json differs from --json")
	}
	tbl := e.run("", "was", "list", "--output", "table").must(t, exitOK)
	if !strings.HasPrefix(tbl.stdout, "ID") {
		t.Fatalf("--output table: %q", tbl.stdout[:40])
	}

	// Script schedules: the documented fields, in CSV too.
	e.createSeed("000-weekly.json", "-weekly")
	r = e.run("", "scripts", "schedule", "list", "--output", "csv").must(t, exitOK)
	recs, err = csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][1] != "title" || recs[1][1] != "'-weekly" {
		t.Fatalf("scripts CSV (%v):\n%s", err, r.stdout)
	}
	for _, args := range [][]string{{"assets", "search"}, {"tags", "list"}, {"scripts", "list"}} {
		r := e.run("", append(args, "--output", "csv")...).must(t, exitOK)
		recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("%v --output csv (%v):\n%s", args, err, r.stdout)
		}
	}

	// Bad values: one line naming the flag, exit 2, nothing sent.
	before := e.sim.Stats().Total
	r = e.run("", "was", "list", "--output", "xml").must(t, exitUsage)
	if strings.TrimSpace(r.stderr) != `qsched: --output: "xml" is not table, json or csv` {
		t.Fatalf("stderr %q", r.stderr)
	}
	r = e.run("", "was", "list", "--json", "--output", "csv").must(t, exitUsage)
	if !strings.Contains(r.stderr, "--json and --output csv disagree") || e.sim.Stats().Total != before {
		t.Fatalf("stderr %q", r.stderr)
	}
	_ = model.WASDiscovery
}

// An empty list says so in words, not with a lone header; --json stays an
// empty array and CSV keeps its header.
func TestEmptyListsSaySo(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"scripts", "schedule", "list"}, "No script schedules.\n"},
		{[]string{"was", "list"}, "No WAS schedules.\n"},
		{[]string{"was", "list", "--filter", "name CONTAINS nothing-like-this"}, "No WAS schedule matches the filters.\n"},
		{[]string{"scripts", "schedule", "list", "--json"}, "[]\n"},
		{[]string{"was", "list", "--json"}, "[]\n"},
	} {
		if r := e.run("", c.args...).must(t, exitOK); r.stdout != c.want {
			t.Errorf("%s: %q, want %q", strings.Join(c.args, " "), r.stdout, c.want)
		}
	}
	if r := e.run("", "was", "list", "--output", "csv").must(t, exitOK); !strings.HasPrefix(r.stdout, "id,") {
		t.Errorf("was list --output csv: %q", r.stdout)
	}
}

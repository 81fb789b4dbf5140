package main

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
)

// A typo anywhere in a command line is one line, a suggestion and exit 2,
// never a help page and exit 0; a flag value of the wrong kind names the
// flag in qsched's words.
func TestTyposAndBadFlagValuesExit2WithOneLine(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 3})
	for args, want := range map[string]string{
		"was lst":                        `unknown command "lst" for "qsched was"; did you mean "list"?`,
		"scripts schedule bogus":         `unknown command "bogus" for "qsched scripts schedule" (qsched scripts schedule --help lists the commands)`,
		"scripts shedule list":           `unknown command "shedule" for "qsched scripts"; did you mean "schedule"?`,
		"wsa list":                       `unknown command "wsa" for "qsched"; did you mean "was"?`,
		"was update 1688 --notify=maybe": `--notify: "maybe" is not true or false`,
		"sim --latency=soon":             `--latency: "soon" is not a duration such as 90s, 5m or 1h30m`,
		"was list --json=2":              `--json: "2" is not true or false`,
	} {
		r := e.run("", strings.Fields(args)...).must(t, exitUsage)
		if r.stderr != "qsched: "+want+"\n" || r.stdout != "" {
			t.Errorf("%s: stderr %q stdout %q, want %q", args, r.stderr, r.stdout, want)
		}
	}
	if e.sim.Stats().Total != 0 {
		t.Fatal("a typo reached the server")
	}
	// A group without a subcommand still shows its help.
	if r := e.run("", "was").must(t, exitOK); !strings.Contains(r.stdout, "list") {
		t.Fatalf("qsched was: %q", r.stdout)
	}
}

func TestScheduleBodyErrorsAreInQschedsWords(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	for body, want := range map[string]string{
		"":            "standard input: not a valid schedule body: the body is empty: expected a JSON object",
		"[]":          "standard input: not a valid schedule body: expected an object, got a list",
		`{"title":5}`: "standard input: not a valid schedule body: title: expected text, got number",
	} {
		r := e.run(body, "scripts", "schedule", "create", "-f", "-").must(t, exitUsage)
		if r.stderr != "qsched: "+want+"\n" {
			t.Errorf("%q: %q, want %q", body, r.stderr, want)
		}
	}
}

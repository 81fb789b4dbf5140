// Command qsched is a terminal UI and command line for scheduling work on
// the Qualys platform. main only wires commands together.
package main

import (
	"context"
	"os"
	"strings"
	"syscall"

	"charm.land/fang/v2"
)

// Set by goreleaser through -ldflags (see .goreleaser.yaml).
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

// versionString is what `qsched --version` prints after "qsched version":
// the version, then the commit and build date when they were injected, e.g.
// "0.2.0 (commit 1a2b3c4, built 2026-11-21T15:26:00Z)"; a plain go build
// prints "dev". fang has no option for a date and shows a commit only as a
// 7-character suffix, so the whole string is built here.
func versionString(version, commit, date string) string {
	var extra []string
	if commit != "" && commit != "none" {
		extra = append(extra, "commit "+commit)
	}
	if date != "" && date != "unknown" {
		extra = append(extra, "built "+date)
	}
	if len(extra) == 0 {
		return version
	}
	return version + " (" + strings.Join(extra, ", ") + ")"
}

func main() {
	a, in, out := newCLI(), os.Stdin, os.Stdout // before os.Stdin is hidden from fang
	os.Exit(withoutFangQuery(func() int {
		return execute(context.Background(), a, os.Args[1:], out, os.Stderr,
			fang.WithVersion(versionString(version, commit, date)),
			fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
			fangColors(in, out),
		)
	}))
}

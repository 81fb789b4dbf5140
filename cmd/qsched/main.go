// Command qsched is a terminal UI and command line for scheduling work on
// the Qualys platform. main only wires commands together.
package main

import (
	"context"
	"os"
	"syscall"

	"charm.land/fang/v2"
)

// Set by goreleaser through -ldflags.
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

func main() {
	os.Exit(execute(context.Background(), newCLI(), os.Args[1:], os.Stdout, os.Stderr,
		fang.WithVersion(version), fang.WithCommit(commit),
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
	))
}

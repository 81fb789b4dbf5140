package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Exit codes, documented in the README and in --help.
const (
	exitOK      = 0
	exitAPI     = 1 // API or network error
	exitUsage   = 2 // usage or validation error
	exitPartial = 3 // some ids failed
	exitAuth    = 4 // authentication failure
)

const exitCodesHelp = `Exit codes:
  0  success
  1  API or network error
  2  usage or validation error
  3  partial failure: some ids failed (each is listed with its reason)
  4  authentication failure`

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return exitUsage // cobra's own errors are usage errors
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "qsched",
		Short: "Schedule work on the Qualys platform",
		Long: `qsched builds Qualys CAR script-execution schedules and manages WAS scan schedules.

` + exitCodesHelp,
		SilenceUsage: true,
	}
	root.AddCommand(newSimCmd())
	return root
}

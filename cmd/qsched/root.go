package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// Exit codes, documented in the README and in --help.
const (
	exitOK      = 0
	exitAPI     = 1 // API or network error; audit log not writable
	exitUsage   = 2 // usage or validation error
	exitPartial = 3 // some ids failed
	exitAuth    = 4 // authentication failure
)

const exitCodesHelp = `Exit codes:
  0  success
  1  API or network error, or the audit log cannot be written (nothing sent)
  2  usage or validation error (including "needs --yes")
  3  partial failure: some ids failed or got no answer (each listed with why)
  4  authentication failure`

const configHelp = `Configuration, highest precedence first:
  flags          --platform, --api-url, --gateway-url, --profile, --read-only
  environment    QUALYS_PLATFORM, QUALYS_API_URL, QUALYS_GATEWAY_URL,
                 QUALYS_USERNAME, QUALYS_PASSWORD, QSCHED_PROFILE,
                 QSCHED_CONFIG
  profile        from the config file
                 (default: $XDG_CONFIG_HOME/qsched/config.yaml)
Read-only set anywhere wins. Passwords never go in the config file: a profile names
the variable that holds it with password_env, or a command that prints it with
password_cmd (run without a shell); the TUI asks for a password it still lacks.
qsched config init writes a commented starter file.`

// exitError carries an exit code through cobra. When shown is set, the
// details were already printed and only the summary line remains.
type exitError struct {
	code  int
	err   error
	shown bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }

func usagef(format string, args ...any) error { return usageErr(fmt.Errorf(format, args...)) }

// classify gives an error from a command its exit code.
func classify(err error) error {
	var e *exitError
	var ve model.ValidationErrors
	var ce *model.CriterionError
	switch {
	case err == nil || errors.As(err, &e):
		return err
	case errors.Is(err, client.ErrAuth):
		return &exitError{code: exitAuth, err: err}
	case errors.As(err, &ve), errors.As(err, &ce), errors.Is(err, client.ErrReadOnly):
		return usageErr(err)
	case errors.Is(err, context.Canceled):
		return &exitError{code: exitAPI, err: errors.New("interrupted")}
	}
	return &exitError{code: exitAPI, err: err}
}

func exitCode(err error) int {
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return exitUsage // cobra's own errors: unknown flag, bad argument
}

// printError writes an error to stderr as "qsched: " lines, every one
// shown through safe.Text, never a stack trace. Local multi-problem errors
// (validation lists, YAML errors) give one line per problem; an error that
// carries server text (*client.Error) is always one line, untrimmed, its
// newlines shown as \u000a, so that a server cannot start lines of its own.
func printError(w io.Writer, err error) {
	if ce := (*client.Error)(nil); errors.As(err, &ce) {
		fmt.Fprintln(w, "qsched: "+safe.Text(err.Error()))
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if line = safe.Text(strings.TrimSpace(line)); line != "" {
			fmt.Fprintln(w, "qsched: "+line)
		}
	}
}

// runE adapts a command body so that every error it returns carries its
// exit code.
func runE(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error { return classify(fn(cmd, args)) }
}

func newRootCmd(a *cli) *cobra.Command {
	root := &cobra.Command{
		Use:   "qsched",
		Short: "Schedule work on the Qualys platform",
		Long: `qsched builds Qualys CAR script-execution schedules and manages WAS scan schedules.
Without a command it opens the terminal UI; qsched --demo opens it on a simulated platform.

` + configHelp + `

` + exitCodesHelp,
		SilenceUsage: true,
		Args:         cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if a.autoRefresh < 0 || (a.autoRefresh > 0 && a.autoRefresh < 10*time.Second) {
				return usagef("--auto-refresh must be 0 (off) or at least 10s, got %s", a.autoRefresh)
			}
			t, err := a.tuiTarget(cmd)
			if err != nil {
				return err
			}
			return a.runTUI(cmd.Context(), t, cmd.InOrStdin(), rawOut(cmd.OutOrStdout()))
		}),
	}
	root.Flags().BoolVar(&a.demo, "demo", false, "open the TUI on a simulated Qualys platform started in-process")
	root.Flags().DurationVar(&a.autoRefresh, "auto-refresh", 0, "reload the WAS list this often, e.g. 60s (p pauses; 0 is off)")
	pf := root.PersistentFlags()
	pf.StringVar(&a.overrides.Profile, "profile", "", "profile from the config file (or QSCHED_PROFILE)")
	pf.StringVar(&a.overrides.Platform, "platform", "", "Qualys platform (POD), e.g. US1, EU2 (or QUALYS_PLATFORM)")
	pf.StringVar(&a.overrides.APIURL, "api-url", "", "base URL of the API server (or QUALYS_API_URL)")
	pf.StringVar(&a.overrides.GatewayURL, "gateway-url", "", "base URL of the gateway (or QUALYS_GATEWAY_URL)")
	pf.BoolVar(&a.overrides.ReadOnly, "read-only", false, "refuse every write")
	pf.StringVar(&a.overrides.TimeZone, "tz", "", "show times in this zone, e.g. Europe/Berlin or UTC (default: the profile's time_zone, else local)")
	pf.BoolVar(&a.json, "json", false, "print exactly one JSON document")
	pf.StringVar(&a.configPath, "config", "", "config file (or QSCHED_CONFIG)")
	pf.StringVar(&a.auditPath, "audit-log", "", "append-only record of every write (default $XDG_STATE_HOME/qsched/audit.jsonl)")
	root.AddCommand(newSimCmd(), newBenchTableCmd(), newWASCmd(a), newScriptsCmd(a), newAssetsCmd(a), newTagsCmd(a), newAuditCmd(a), newUndoCmd(a), newServeCmd(a), newConfigCmd(a), newCalendarCmd(a))
	addExamples(root)
	registerCompletions(root, a)
	return root
}

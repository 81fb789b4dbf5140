package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// starterConfig is what `qsched config init` writes: every key of a
// profile, each explained, in a file client.ParseProfiles accepts.
const starterConfig = `# qsched configuration: named profiles, each a Qualys platform and user.
# Precedence, highest first: command-line flags, environment variables,
# then the selected profile. Select a profile with --profile or
# QSCHED_PROFILE; otherwise "default" below is used.
#
# Passwords never go in this file (a "password:" key is refused). A
# profile gets its password from, in order:
#   1. the environment variable named by password_env (default QUALYS_PASSWORD);
#   2. password_cmd, when set: a command that prints the password;
#   3. otherwise the TUI asks for it (the headless commands fail instead).

# default: the profile used when none is named.
default: lab

profiles:
  # lab: the simulated platform of "qsched sim" (user demo, password demo).
  lab:
    # api_url: base URL of the API server (WAS). Overrides the platform's;
    # needed for private clouds and the simulator.
    api_url: http://127.0.0.1:8787
    # gateway_url: base URL of the gateway (CAR script schedules).
    gateway_url: http://127.0.0.1:8787
    # username: the Qualys user (QUALYS_USERNAME overrides it).
    username: demo
    # password_env: the environment variable that holds the password.
    password_env: QUALYS_LAB_PASSWORD
    # read_only: true refuses every write (the TUI hides write actions).
    read_only: false
    # time_zone: where times are shown (an IANA name; --tz overrides it;
    # default: the local zone). Script start times are still read as UTC.
    time_zone: UTC

  # prod: an example on a shared platform; edit or delete it.
  prod:
    # platform: the POD key, which sets both URLs: US1-US4, EU1-EU3, IN1,
    # CA1, AE1, UK1, AU1, KSA1 (GOV1: give api_url and gateway_url).
    platform: US1
    username: alice
    # password_cmd: run when the password_env variable is empty; its
    # standard output, trimmed, is the password. It runs without a shell:
    # arguments are split at spaces, quotes ('...' or "...") keep spaces
    # in one argument; no pipes, variables or globbing. Its output is
    # never logged or shown.
    password_cmd: pass show qualys/prod
    read_only: true
`

func newConfigCmd(a *cli) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Manage the config file",
		Args:  cobra.NoArgs,
	}
	var force bool
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter config file",
		Long: `init writes a starter config file, mode 0600, documenting every key of a profile:
at --config, else QSCHED_CONFIG, else $XDG_CONFIG_HOME/qsched/config.yaml.
An existing file is kept unless --force is given.`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			path, err := a.initConfig(force)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", path)
			return nil
		}),
	}
	initCmd.Flags().BoolVar(&force, "force", false, "overwrite an existing config file")
	cmd.AddCommand(initCmd)
	return cmd
}

// initConfig writes starterConfig and returns where.
func (a *cli) initConfig(force bool) (string, error) {
	path, _ := a.configFile()
	if path == "" {
		return "", usagef("--config: no config directory on this system; give a path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", usagef("--config: %v", err)
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return "", usagef("%s exists; use --force to overwrite it", path)
	}
	if err != nil {
		return "", usagef("--config: %v", err)
	}
	// An existing file keeps its mode on O_TRUNC: make it 0600.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if _, err := f.WriteString(starterConfig); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return path, nil
}

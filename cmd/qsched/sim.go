package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client/sim"
)

func newSimCmd() *cobra.Command {
	var (
		listen string
		faults string
		o      sim.Options
	)
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Run the simulated Qualys platform",
		Long: `Run the simulated Qualys platform: the WAS API server paths and the gateway paths
on one listener, with seeded data. It prints the base URL and the credentials and runs
until interrupted. Point qsched at it with --api-url and --gateway-url (or
QUALYS_API_URL and QUALYS_GATEWAY_URL).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.ScriptSchedules < 0 {
				return &exitError{code: exitUsage, err: fmt.Errorf("--script-schedules must be 0 or more, got %d", o.ScriptSchedules)}
			}
			if o.FailRate < 0 || o.FailRate > 1 {
				return &exitError{code: exitUsage, err: fmt.Errorf("--fail-rate must be between 0 and 1, got %g", o.FailRate)}
			}
			var err error
			if o.FailWith, err = sim.ParseFaults(faults); err != nil {
				return &exitError{code: exitUsage, err: fmt.Errorf("--faults: %w", err)}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return &exitError{code: exitAPI, err: fmt.Errorf("listen on %s: %w", listen, err)}
			}
			return serveSim(cmd.Context(), cmd, ln, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", "127.0.0.1:8787", "address to listen on")
	f.StringVar(&o.Username, "username", "demo", "user name the simulator accepts")
	f.StringVar(&o.Password, "password", "demo", "password the simulator accepts")
	f.IntVar(&o.WASSchedules, "was-schedules", 250, "number of seeded WAS schedules")
	f.IntVar(&o.ScriptSchedules, "script-schedules", demoScriptSchedules, "number of seeded CAR script schedules (0: none)")
	f.Uint64Var(&o.Seed, "seed", 1, "seed of the generated data")
	f.IntVar(&o.RateLimit, "rate-limit", 2000, "calls allowed per window, per user and endpoint")
	f.DurationVar(&o.RateWindow, "rate-window", time.Hour, "rate-limit window")
	f.IntVar(&o.Concurrency, "concurrency", 10, "calls allowed at once, per user and endpoint")
	f.DurationVar(&o.Latency, "latency", 0, "latency added to every API call")
	f.Float64Var(&o.FailRate, "fail-rate", 0, "probability (0–1) of an injected fault (--faults; default a 500, 503 or 409)")
	f.StringVar(&faults, "faults", "", "faults --fail-rate injects, comma-separated: "+strings.Join(sim.FaultNames(), ", "))
	f.DurationVar(&o.TokenTTL, "token-ttl", 4*time.Hour, "gateway token lifetime")
	f.BoolVar(&o.OmitFirstToWait, "omit-first-towait", false, "leave X-RateLimit-ToWait-Sec out of the first blocked response")
	f.BoolVar(&o.NoScriptSearch, "no-script-search", false, "answer 404 to the script search (POST /sm/v1/scripts/search)")
	return cmd
}

// demoScriptSchedules is how many script schedules `qsched sim` and
// `qsched --demo` seed: enough to show every schedule type.
const demoScriptSchedules = 12

func serveSim(ctx context.Context, cmd *cobra.Command, ln net.Listener, o sim.Options) error {
	if o.WASSchedules == 0 {
		o.WASSchedules = -1 // the flag's 0 means none
	}
	s := sim.New(o)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	base := "http://" + ln.Addr().String()
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "Simulated Qualys platform on %s\n", base)
	fmt.Fprintf(out, "  user name: %s\n  password:  %s   (simulator credentials)\n", s.Options().Username, s.Options().Password)
	fmt.Fprintf(out, "  try:       QUALYS_API_URL=%s QUALYS_GATEWAY_URL=%s QUALYS_USERNAME=%s QUALYS_PASSWORD=%s qsched ...\n", base, base, s.Options().Username, s.Options().Password)
	fmt.Fprintf(out, "  stats:     %s/_sim/stats\nPress Ctrl+C to stop.\n", base)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return &exitError{code: exitAPI, err: err}
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return &exitError{code: exitAPI, err: err}
	}
	return nil
}

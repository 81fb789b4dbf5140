package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// What a run does on one agent: an exit code, a one-line output text and
// the script's whole output (scriptResult, sent base64), and how long it
// took. Drawn from runSeed, so the same seed, schedule, run and agent
// always give the same outcome; about one run in seven fails.

type assetOutcome struct {
	code   int
	text   string // output.text
	result string // scriptResult before base64
	end    time.Time
}

var failures = []struct {
	code int
	text string
}{
	{1, "Access is denied."},
	{2, "The system cannot find the file specified."},
	{1, "Script exited with errors; see the script result."},
	{124, "Script timed out after 300 seconds."},
	{127, "Interpreter not found on the asset."},
}

// outcome draws the outcome of job j on agent ag; the script's output
// (result) is written only when withResult, the draws being the same.
func (s *Server) outcome(j *carJob, ag Agent, withResult bool) assetOutcome {
	a, b := s.runSeed(j, ag.ID)
	rng := rand.New(rand.NewPCG(a, b))
	took := time.Duration(5+rng.IntN(86)) * time.Second
	items := rng.IntN(240)
	changed := rng.IntN(items + 1)
	ok := rng.IntN(100) < 86
	f := failures[rng.IntN(len(failures))]
	o := assetOutcome{end: j.at.Add(took), text: "Script executed successfully."}
	if !ok {
		o.code, o.text = f.code, f.text
	}
	if !withResult {
		return o
	}
	var out strings.Builder
	fmt.Fprintf(&out, "Running %q (script %s) on %s (%s)\n", j.script.Title, j.script.ID, ag.Name, ag.OS)
	for k := range min(items, 3) {
		fmt.Fprintf(&out, "item %d: checked\n", k+1)
	}
	if ok {
		fmt.Fprintf(&out, "%d items checked, %d changed\nDone in %s.\n", items, changed, took)
	} else {
		fmt.Fprintf(&out, "ERROR: %s\nExit code %d.\n", f.text, f.code)
	}
	o.result = out.String()
	return o
}

// jobSeverities: a job's severity is its script's, which the simulator
// derives from the script id (the documentation names the field only).
var jobSeverities = []string{"LOW", "MEDIUM", "HIGH", "CRITICAL"}

func scriptSeverity(id model.FlexID) string {
	n, _ := id.Int()
	return jobSeverities[n%int64(len(jobSeverities))]
}

// The job and asset-job statuses (U42: qsched's reading). A job is
// RUNNING until every asset job has ended, then COMPLETED (every exit
// code 0, or no asset), FAILED (none 0) or PARTIALLY_COMPLETED.
const (
	jobRunning   = "RUNNING"
	jobCompleted = "COMPLETED"
	jobFailed    = "FAILED"
	jobPartial   = "PARTIALLY_COMPLETED"
	assetSuccess = "SUCCESS"
	assetFailed  = "FAILED"
)

// jobStatus is the job's status at now.
func (s *Server) jobStatus(j *carJob, now time.Time) string {
	failed := 0
	for _, id := range j.agents {
		ag, _ := s.agentByID(id)
		o := s.outcome(j, ag, false)
		if o.end.After(now) {
			return jobRunning
		}
		if o.code != 0 {
			failed++
		}
	}
	switch {
	case failed == 0:
		return jobCompleted
	case failed == len(j.agents):
		return jobFailed
	}
	return jobPartial
}

// CARJob is a run the simulator made: one script of one schedule at one
// run time, and its outcome on each agent reached.
type CARJob struct {
	ID         int64
	ScheduleID string
	ScriptID   string
	At         time.Time // the run time: created.dateTime
	AssetJobs  []CARAssetJob
}

// CARAssetJob is a job's outcome on one agent.
type CARAssetJob struct {
	ID      int64
	AssetID int64
	Code    int    // output.code
	Text    string // output.text
	Result  string // scriptResult, decoded
	End     time.Time
}

// CARJobs makes the runs due at the simulator's clock and returns every
// job kept, oldest first.
func (s *Server) CARJobs() []CARJob {
	s.mu.Lock()
	s.runDue(s.opts.Now())
	jobs := append([]*carJob(nil), s.car.jobs...)
	s.mu.Unlock()
	out := make([]CARJob, len(jobs))
	for i, j := range jobs {
		out[i] = CARJob{ID: j.id, ScheduleID: j.scheduleID, ScriptID: string(j.script.ID), At: j.at}
		for k, id := range j.agents {
			ag, _ := s.agentByID(id)
			o := s.outcome(j, ag, true)
			out[i].AssetJobs = append(out[i].AssetJobs, CARAssetJob{ID: j.firstAssetJob + int64(k), AssetID: id, Code: o.code, Text: o.text, Result: o.result, End: o.end})
		}
	}
	return out
}

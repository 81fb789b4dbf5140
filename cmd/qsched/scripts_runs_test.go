package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
)

type runOut struct {
	JobID  json.Number `json:"jobId"`
	At     *string     `json:"at"`
	Status string      `json:"status"`
	Script struct {
		ID    any    `json:"id"`
		Title string `json:"title"`
	} `json:"script"`
	Assets []struct {
		AssetID         any     `json:"assetId"`
		HostName        string  `json:"hostName"`
		AgentUUID       string  `json:"agentUuid"`
		Running         bool    `json:"running"`
		Code            *int    `json:"code"`
		Ended           *string `json:"ended"`
		Text            string  `json:"text"`
		Output          string  `json:"output"`
		OutputTruncated bool    `json:"outputTruncated"`
	} `json:"assets"`
	Summary map[string]int `json:"summary"`
}

type runsOut struct {
	ScheduleID string   `json:"scheduleId"`
	Total      int      `json:"total"`
	Runs       []runOut `json:"runs"`
}

func TestScriptsScheduleRunsAfterTheClockPasses(t *testing.T) {
	e, clock := carEnv(t, sim.Options{Seed: 7})
	id := e.createSeed("000-weekly.json", "") // Mon and Tue 10:49 UTC, 2030-05-11 to 05-16, web-01 and web-02

	// No run yet: said, exit 0; JSON with an empty list.
	if r := e.run("", "scripts", "schedule", "runs", id).must(t, exitOK); r.stdout != "No runs of script schedule "+id+" yet.\n" {
		t.Fatalf("no runs: %q", r.stdout)
	}
	if d := decodeJSON[runsOut](t, e.run("", "scripts", "schedule", "runs", id, "--json").must(t, exitOK).stdout); d.Total != 0 || d.Runs == nil || len(d.Runs) != 0 || d.ScheduleID != id {
		t.Fatalf("no runs --json: %+v", d)
	}

	// Past both runs, and every asset job's end (5–90 s after the run).
	clock.Set(time.Date(2030, 5, 15, 0, 0, 0, 0, time.UTC))
	e.now = clock.Now()
	d := decodeJSON[runsOut](t, e.run("", "scripts", "schedule", "runs", id, "--json", "--tz", "Europe/Berlin").must(t, exitOK).stdout)
	if d.Total != 2 || len(d.Runs) != 2 || *d.Runs[0].At != "2030-05-14T12:49:00+02:00" || *d.Runs[1].At != "2030-05-13T12:49:00+02:00" {
		t.Fatalf("runs: %+v", d)
	}
	jobs := e.sim.CARJobs()
	for _, r := range d.Runs {
		if r.Script.Title != "Sample script title" || len(r.Assets) != 2 || r.Summary["succeeded"]+r.Summary["failed"] != 2 || r.Summary["running"] != 0 {
			t.Fatalf("run %+v", r)
		}
		for _, x := range r.Assets {
			if x.Running || x.Code == nil || x.Ended == nil || !strings.HasPrefix(*x.Ended, "2030-05-1") || !strings.HasSuffix(*x.Ended, "+02:00") || x.Output == "" ||
				!strings.HasPrefix(x.HostName, "web-0") || x.AgentUUID == "" {
				t.Fatalf("asset result %+v", x)
			}
		}
		var sj *sim.CARJob
		for i := range jobs {
			if jobs[i].ID == mustAtoi(t, string(r.JobID)) {
				sj = &jobs[i]
			}
		}
		if sj == nil || len(sj.AssetJobs) != 2 {
			t.Fatalf("job %s not in the simulator", r.JobID)
		}
		for _, aj := range sj.AssetJobs {
			found := false
			for _, x := range r.Assets {
				if x.AssetID == float64(aj.AssetID) {
					found = true
					if *x.Code != aj.Code || x.Output != aj.Result {
						t.Fatalf("asset %d: code %d output %q; the simulator has %d %q", aj.AssetID, *x.Code, x.Output, aj.Code, aj.Result)
					}
				}
			}
			if !found {
				t.Fatalf("asset %d missing", aj.AssetID)
			}
		}
	}
	// The text: a line per run, a table of assets, bounded one-line output.
	e.width = 100
	r := requireSafeText(t, "scripts schedule runs", e.run("", "scripts", "schedule", "runs", id, "--tz", "UTC").must(t, exitOK), 100)
	for _, want := range []string{"2 runs of script schedule " + id + ", newest first.\nTimes in UTC.\n", "2030-05-14 10:49 UTC  job ", "script 226213 Sample …",
		"HOST NAME", "web-01.example.com", "web-02.example.com", "44496319"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("runs text lacks %q:\n%s", want, r.stdout)
		}
	}
	e.width = 0 // a pipe: nothing cut
	if r := e.run("", "scripts", "schedule", "runs", id).must(t, exitOK); !strings.Contains(r.stdout, "running  script 226213 Sample script title\n") {
		t.Errorf("piped runs text:\n%s", r.stdout)
	}
	// --limit 1: the newest only, the total still said.
	one := decodeJSON[runsOut](t, e.run("", "scripts", "schedule", "runs", id, "--json", "--limit", "1").must(t, exitOK).stdout)
	if one.Total != 2 || len(one.Runs) != 1 || one.Runs[0].JobID != d.Runs[0].JobID {
		t.Fatalf("--limit 1: %+v", one)
	}
	if r := e.run("", "scripts", "schedule", "runs", id, "--limit", "0").must(t, exitUsage); !strings.HasPrefix(r.stderr, "qsched: --limit ") {
		t.Fatalf("--limit 0: %q", r.stderr)
	}
	// An unknown id: no runs and no schedule: exit 1.
	if r := e.run("", "scripts", "schedule", "runs", "no-such-schedule").must(t, exitAPI); !strings.Contains(r.stderr, "not found or not in your scope") {
		t.Fatalf("unknown id: %q", r.stderr)
	}
	// A deleted schedule's runs stay listed.
	e.run("", "scripts", "schedule", "delete", id, "--yes").must(t, exitOK)
	if d := decodeJSON[runsOut](t, e.run("", "scripts", "schedule", "runs", id, "--json").must(t, exitOK).stdout); d.Total != 2 {
		t.Fatalf("after delete: %+v", d)
	}
}

// A run still in progress: its asset jobs have no end, no code.
func TestScriptsScheduleRunsWhileRunning(t *testing.T) {
	e, clock := carEnv(t, sim.Options{Seed: 7})
	id := e.createSeed("000-weekly.json", "")
	clock.Set(time.Date(2030, 5, 13, 10, 49, 1, 0, time.UTC)) // one second after the run
	e.now = clock.Now()
	d := decodeJSON[runsOut](t, e.run("", "scripts", "schedule", "runs", id, "--json").must(t, exitOK).stdout)
	if len(d.Runs) != 1 || d.Runs[0].Summary["running"] != 2 || d.Runs[0].Assets[0].Code != nil || d.Runs[0].Assets[0].Ended != nil || !d.Runs[0].Assets[0].Running {
		t.Fatalf("running: %+v", d)
	}
	if r := e.run("", "scripts", "schedule", "runs", id).must(t, exitOK); !strings.Contains(r.stdout, "running") {
		t.Fatalf("text:\n%s", r.stdout)
	}
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("job id %q is not a number", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

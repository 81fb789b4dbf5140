package sim

import (
	"encoding/binary"
	"hash/fnv"
	"net/http"
	"slices"
	"time"

	"github.com/qsched/qsched/model"
)

// Script schedules run when the simulator's clock (Options.Now) passes
// their run times, computed with model.NextRuns in UTC (U29). Nothing runs
// in the background: the runs that fell due since the last look are made
// at the start of every CAR request (carAPI) and by CARJobs. Each run of
// an active schedule makes one job per script, and each job one asset job
// per targeted agent: the assets (asset id and agent UUID must both be a
// seeded agent's), plus the agents carrying the assetTags (tagId and
// tagUuid must both be a tag's; any tag, or every tag when
// allTagsForAssetsEnabled), less the excludedAssets. Outcomes are drawn
// from Options.Seed, the schedule, the run and the agent only (outcome.go),
// so they do not depend on when the clock was read. Only the last
// maxRunsKept runs of each schedule are made and kept.

// maxRunsKept is how many runs of one schedule are kept.
const maxRunsKept = 50

// carJob is one run of one script of one schedule.
type carJob struct {
	id            int64
	scheduleID    string
	scheduleTitle string
	script        model.ScriptRef // id and title as the schedule gave them
	at            time.Time       // the run time
	firstAssetJob int64           // asset job ids are firstAssetJob, firstAssetJob+1, …
	agents        []int64         // asset ids, ascending
}

// carAPI is gatewayAPI for the CAR paths: the runs due are made first.
func (s *Server) carAPI(h gatewayHandler) http.HandlerFunc {
	return s.gatewayAPI(func(r *http.Request, user string, body []byte) (int, any) {
		s.mu.Lock()
		s.runDue(s.opts.Now())
		s.mu.Unlock()
		return h(r, user, body)
	})
}

// runDue makes the jobs of every run in (runsFrom, now] of the active
// schedules, oldest first. The caller holds s.mu.
func (s *Server) runDue(now time.Time) {
	type due struct {
		rec int
		at  time.Time
	}
	var all []due
	for i := range s.car.recs {
		rec := &s.car.recs[i]
		from := rec.runsFrom
		if from.IsZero() {
			from = rec.Created
		}
		if !now.After(from) {
			continue
		}
		if rec.Schedule.Activate {
			for _, at := range lastRuns(rec.Schedule, from, now, maxRunsKept) {
				all = append(all, due{i, at})
			}
		}
		rec.runsFrom = now
	}
	slices.SortStableFunc(all, func(a, b due) int { return a.at.Compare(b.at) })
	touched := map[string]bool{}
	reach := map[int][]int64{} // per schedule: the same for every run made here (read only)
	for _, d := range all {
		rec := s.car.recs[d.rec]
		agents, ok := reach[d.rec]
		if !ok {
			agents = s.targets(rec.Schedule)
			reach[d.rec] = agents
		}
		for _, sc := range rec.Schedule.Scripts {
			s.car.jobSeq++
			j := &carJob{id: s.car.jobSeq, scheduleID: rec.ID, scheduleTitle: rec.Schedule.Title,
				script: model.ScriptRef{ID: sc.ID, Title: sc.Title}, at: d.at, firstAssetJob: s.car.assetJobSeq + 1, agents: agents}
			s.car.assetJobSeq += int64(len(agents))
			s.car.jobs = append(s.car.jobs, j)
		}
		touched[rec.ID] = true
	}
	if len(touched) > 0 {
		s.pruneRuns(touched)
	}
}

// pruneRuns keeps the last maxRunsKept runs of the schedules touched.
func (s *Server) pruneRuns(touched map[string]bool) {
	runs := map[string][]time.Time{} // distinct run times, newest first
	for i := len(s.car.jobs) - 1; i >= 0; i-- {
		j := s.car.jobs[i]
		if ts := runs[j.scheduleID]; touched[j.scheduleID] && (len(ts) == 0 || !ts[len(ts)-1].Equal(j.at)) {
			runs[j.scheduleID] = append(ts, j.at)
		}
	}
	s.car.jobs = slices.DeleteFunc(s.car.jobs, func(j *carJob) bool {
		ts := runs[j.scheduleID]
		return touched[j.scheduleID] && len(ts) > maxRunsKept && !j.at.After(ts[maxRunsKept])
	})
}

// lastRuns returns the last n run times of sched in (from, now], in UTC,
// oldest first. It looks back over growing windows, so that a clock moved
// years ahead costs about as much as one moved a day.
func lastRuns(sched model.ScriptSchedule, from, now time.Time, n int) []time.Time {
	const chunk, maxScan = 256, 20000
	for w := 24 * time.Hour; ; w *= 8 {
		lo := from
		if wlo := now.Add(-w); w < 100*365*24*time.Hour && wlo.After(from) {
			lo = wlo
		}
		var got []time.Time
		after := lo.Add(time.Nanosecond)
	scan:
		for len(got) < maxScan {
			ts, err := model.NextRuns(sched, time.UTC, after, chunk)
			if err != nil {
				return nil
			}
			for _, t := range ts {
				if t.After(now) {
					break scan
				}
				got = append(got, t)
			}
			if len(ts) < chunk {
				break
			}
			after = ts[len(ts)-1].Add(time.Nanosecond)
		}
		if len(got) >= n || lo.Equal(from) {
			return got[max(len(got)-n, 0):]
		}
	}
}

// targets are the asset ids a run of sched reaches, ascending.
func (s *Server) targets(sched model.ScriptSchedule) []int64 {
	excluded := map[int64]bool{}
	for _, a := range sched.ExcludedAssets {
		if id, ok := a.ID.Int(); ok {
			excluded[id] = true
		}
	}
	picked := map[int64]bool{}
	for _, a := range sched.Assets {
		id, ok := a.ID.Int()
		if ag, found := s.agentByID(id); ok && found && ag.AgentUUID == a.UUId {
			picked[id] = true
		}
	}
	var tagIDs []int64
	for _, ref := range sched.AssetTags {
		if t, ok := tagByRef(ref); ok {
			tagIDs = append(tagIDs, t.TagID)
		} else if sched.AllTagsForAssetsEnabled != nil && *sched.AllTagsForAssetsEnabled {
			tagIDs = nil // an unknown tag that every agent must carry: none does
			break
		}
	}
	if len(tagIDs) > 0 {
		all := sched.AllTagsForAssetsEnabled != nil && *sched.AllTagsForAssetsEnabled
		for _, ag := range s.agents {
			hit := 0
			for _, id := range tagIDs {
				if slices.ContainsFunc(ag.Tags, func(t model.TagSimple) bool { return t.ID == id }) {
					hit++
				}
			}
			if hit > 0 && (!all || hit == len(tagIDs)) {
				picked[ag.ID] = true
			}
		}
	}
	out := make([]int64, 0, len(picked))
	for id := range picked {
		if !excluded[id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// runSeed is the seed of one draw about a run: the simulator's seed, the
// schedule, the run time, the script and the asset (0 for the job itself).
func (s *Server) runSeed(j *carJob, assetID int64) (uint64, uint64) {
	h := fnv.New64a()
	var b [8]byte
	for _, v := range []uint64{s.opts.Seed, uint64(j.at.Unix()), uint64(assetID)} {
		binary.BigEndian.PutUint64(b[:], v)
		h.Write(b[:])
	}
	h.Write([]byte(j.scheduleID + "\x00" + string(j.script.ID)))
	return h.Sum64(), s.opts.Seed ^ 0x0b5e55ed
}

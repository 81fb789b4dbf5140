package sim

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/qsched/qsched/model"
)

// POST /sm/v1/jobs/search (§10.6) and POST /sm/v1/assetjobs/search
// (§15.5). Both take filter, pageNumber (0-based; a string as the jobs
// page documents it, or a number), pageSize (default 10), sort
// ([{"created.dateTime":"desc"|"asc"}], default newest first) and
// startAt/endAt (ISO-8601; created.dateTime within them); asset jobs also
// take includeScriptResult. Jobs QQL: "", scheduler.id:"<id>" (qsched's
// reading, U42), scriptId:<n>, script.name:"text" (contains, ignoring
// case). Asset jobs QQL: "" or job.id:<n>.

type carDateTime struct {
	DateTime int64 `json:"dateTime"`
}

type jobItem struct {
	ID              int64       `json:"id"`
	Status          string      `json:"status"`
	Severity        string      `json:"severity"`
	Test            bool        `json:"test"`
	Created         carDateTime `json:"created"`
	ExecutionType   string      `json:"executionType"`
	CorrelationUUID string      `json:"correlationUuid"`
	Script          struct {
		ID    model.FlexID `json:"id"`
		Title string       `json:"title"`
	} `json:"script"`
	Scheduler struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"scheduler"`
}

type assetJobItem struct {
	ID  int64 `json:"id"`
	Job struct {
		ID int64 `json:"id"`
	} `json:"job"`
	Asset struct {
		ID        int64  `json:"id"`
		Name      string `json:"name"`
		AgentUUID string `json:"agentUuid"`
	} `json:"asset"`
	Status string `json:"status"`
	// Output and EndDate are null while the script runs.
	Output *struct {
		Code int    `json:"code"`
		Text string `json:"text"`
	} `json:"output"`
	ScriptResult string      `json:"scriptResult,omitempty"`
	EndDate      *int64      `json:"enddate"`
	Created      carDateTime `json:"created"`
	IsTest       bool        `json:"isTest"`
}

// jobQuery is what both searches share.
type jobQuery struct {
	page     carPage
	desc     bool
	from, to time.Time
}

// decodeJobQuery decodes a jobs or asset-jobs search body; extra holds
// the filter and any other member. A problem comes with its HTTP status.
func decodeJobQuery(r *http.Request, body []byte, extra map[string]any) (jobQuery, int, string) {
	var (
		q              jobQuery
		sort, from, to string
		size           *int
		number         flexInt
	)
	fields := map[string]any{"pageNumber": &number, "pageSize": &size, "sort": &sort, "startAt": &from, "endAt": &to}
	for k, v := range extra {
		fields[k] = v
	}
	if st, bad := decodeCARBody(r, body, fields); bad != "" {
		return q, st, bad
	}
	var bad string
	if q.page, bad = checkPage(size, int(number)); bad == "" {
		if q.desc, bad = parseSort(sort, true); bad == "" {
			q.from, q.to, bad = parseWindow(from, to)
		}
	}
	return q, http.StatusBadRequest, bad
}

// orderJobs sorts jobs by created.dateTime, then id, as asked.
func orderJobs(jobs []*carJob, desc bool) {
	slices.SortStableFunc(jobs, func(a, b *carJob) int {
		c := a.at.Compare(b.at)
		if c == 0 {
			c = cmpInt(a.id, b.id)
		}
		if desc {
			c = -c
		}
		return c
	})
}

func (s *Server) carJobSearch(r *http.Request, _ string, body []byte) (int, any) {
	var filter string
	q, st, bad := decodeJobQuery(r, body, map[string]any{"filter": &filter})
	if bad != "" {
		return st, carError(bad)
	}
	field, value, bad := parseQQL(filter, "scheduler.id", "scriptId", "script.name")
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	if _, err := strconv.ParseInt(value, 10, 64); field == "scriptId" && err != nil {
		return http.StatusBadRequest, carError("scriptId must be an integer, got " + strconv.Quote(value) + ".")
	}
	s.mu.Lock()
	now := s.opts.Now()
	var hits []*carJob
	for _, j := range s.car.jobs {
		ok := inWindow(j.at, q.from, q.to)
		switch field {
		case "scheduler.id":
			ok = ok && j.scheduleID == value
		case "scriptId":
			n, _ := strconv.ParseInt(value, 10, 64)
			id, _ := j.script.ID.Int()
			ok = ok && id == n
		case "script.name":
			ok = ok && containsFold(j.script.Title, value)
		}
		if ok {
			hits = append(hits, j)
		}
	}
	s.mu.Unlock()
	orderJobs(hits, q.desc)
	start, end := q.page.cut(len(hits))
	list := make([]jobItem, 0, end-start)
	for _, j := range hits[start:end] {
		it := jobItem{ID: j.id, Status: s.jobStatus(j, now), Severity: scriptSeverity(j.script.ID), Created: carDateTime{j.at.UnixMilli()},
			ExecutionType: "Scheduled", CorrelationUUID: nameUUID("job:" + strconv.FormatUint(s.opts.Seed, 10) + ":" + strconv.FormatInt(j.id, 10) + ":" + j.scheduleID)}
		it.Script.ID, it.Script.Title = j.script.ID, j.script.Title
		it.Scheduler.ID, it.Scheduler.Title = j.scheduleID, j.scheduleTitle
		list = append(list, it)
	}
	return http.StatusOK, carEnvelope{Body: struct {
		TotalCount int       `json:"totalCount"`
		List       []jobItem `json:"list"`
	}{len(hits), list}}
}

func (s *Server) carAssetJobSearch(r *http.Request, _ string, body []byte) (int, any) {
	var (
		filter  string
		include bool
	)
	q, st, bad := decodeJobQuery(r, body, map[string]any{"filter": &filter, "includeScriptResult": &include})
	if bad != "" {
		return st, carError(bad)
	}
	field, value, bad := parseQQL(filter, "job.id")
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	jobID, err := strconv.ParseInt(value, 10, 64)
	if field != "" && err != nil {
		return http.StatusBadRequest, carError("job.id must be an integer, got " + strconv.Quote(value) + ".")
	}
	s.mu.Lock()
	now := s.opts.Now()
	var jobs []*carJob
	for _, j := range s.car.jobs {
		if (field == "" || j.id == jobID) && inWindow(j.at, q.from, q.to) {
			jobs = append(jobs, j)
		}
	}
	s.mu.Unlock()
	orderJobs(jobs, q.desc)
	type ref struct {
		j *carJob
		k int
	}
	var hits []ref
	for _, j := range jobs {
		for k := range j.agents {
			hits = append(hits, ref{j, k})
		}
	}
	if q.desc { // within a job too, newest (highest) id first
		for a, b := 0, 0; a < len(hits); a = b {
			for b = a; b < len(hits) && hits[b].j == hits[a].j; b++ {
			}
			slices.Reverse(hits[a:b])
		}
	}
	start, end := q.page.cut(len(hits))
	list := make([]assetJobItem, 0, end-start)
	for _, h := range hits[start:end] {
		ag, _ := s.agentByID(h.j.agents[h.k])
		o := s.outcome(h.j, ag, include)
		it := assetJobItem{ID: h.j.firstAssetJob + int64(h.k), Status: jobRunning, Created: carDateTime{h.j.at.UnixMilli()}}
		it.Job.ID = h.j.id
		it.Asset.ID, it.Asset.Name, it.Asset.AgentUUID = ag.ID, ag.Name, ag.AgentUUID
		if !o.end.After(now) {
			it.Status = assetSuccess
			if o.code != 0 {
				it.Status = assetFailed
			}
			it.Output = &struct {
				Code int    `json:"code"`
				Text string `json:"text"`
			}{o.code, o.text}
			it.EndDate = model.Ptr(o.end.UnixMilli())
			if include {
				it.ScriptResult = base64.StdEncoding.EncodeToString([]byte(o.result))
			}
		}
		list = append(list, it)
	}
	return http.StatusOK, carEnvelope{Body: struct {
		TotalCount int            `json:"totalCount"`
		List       []assetJobItem `json:"list"`
	}{len(hits), list}}
}

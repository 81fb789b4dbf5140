package model

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CARJobsRequest is the body of POST /sm/v1/jobs/search (§10.6): a QQL
// filter, a 0-based page sent as a string (as documented), a page size
// and a sort.
type CARJobsRequest struct {
	Filter     string `json:"filter"`
	PageNumber string `json:"pageNumber"`
	PageSize   int    `json:"pageSize"`
	Sort       string `json:"sort,omitempty"`
}

// CARAssetJobsRequest is the body of POST /sm/v1/assetjobs/search (§15.5).
type CARAssetJobsRequest struct {
	Filter              string `json:"filter"`
	IncludeScriptResult bool   `json:"includeScriptResult"`
	PageNumber          int    `json:"pageNumber"`
	PageSize            int    `json:"pageSize"`
	Sort                string `json:"sort,omitempty"`
}

// CARNewestFirst is the documented sort of both job searches.
const CARNewestFirst = `[{"created.dateTime":"desc"}]`

// CARJobsForSchedule is the QQL that selects a schedule's jobs. The
// documented filters name scripts (script.name, scriptId); the schedule
// field is qsched's reading (U42), kept here only.
func CARJobsForSchedule(scheduleID string) string {
	q, _ := json.Marshal(scheduleID)
	return "scheduler.id:" + string(q)
}

// CARAssetJobsForJob is the documented filter of a job's asset jobs.
func CARAssetJobsForJob(jobID FlexID) string { return "job.id:" + string(jobID) }

// CARDateTime is {"dateTime": epoch milliseconds}.
type CARDateTime struct {
	DateTime int64 `json:"dateTime"`
}

// Time is the instant in UTC, or the zero time when none is given.
func (d CARDateTime) Time() time.Time { return msTime(d.DateTime) }

func msTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// CARNamedRef is an {id, name} or {id, title} reference inside a job.
type CARNamedRef struct {
	ID    FlexID `json:"id"`
	Name  string `json:"name,omitempty"`
	Title string `json:"title,omitempty"`
}

// CARJob is one item of the jobs search: a run of a script. The
// documented fields are severity, test, created.dateTime, executionType
// and correlationUuid; the id, status, script and scheduler references
// are qsched's reading (U42).
type CARJob struct {
	ID              FlexID      `json:"id"`
	Status          string      `json:"status,omitempty"`
	Severity        string      `json:"severity,omitempty"`
	Test            bool        `json:"test"`
	Created         CARDateTime `json:"created"`
	ExecutionType   string      `json:"executionType,omitempty"`
	CorrelationUUID string      `json:"correlationUuid,omitempty"`
	Script          CARNamedRef `json:"script"`
	Scheduler       CARNamedRef `json:"scheduler"`
}

// CARAssetJob is one item of the asset-jobs search: the outcome on one
// asset (§15.5). output.code is the script's exit status as the service
// reports it; scriptResult is base64.
type CARAssetJob struct {
	ID           FlexID      `json:"id"`
	Job          CARNamedRef `json:"job"`
	Asset        CARJobAsset `json:"asset"`
	Output       CAROutput   `json:"output"`
	ScriptResult string      `json:"scriptResult,omitempty"`
	EndDate      int64       `json:"enddate,omitempty"`
	Created      CARDateTime `json:"created"`
	IsTest       bool        `json:"isTest"`
}

// CARJobAsset names the asset of an asset job.
type CARJobAsset struct {
	ID        FlexID `json:"id"`
	Name      string `json:"name,omitempty"`
	AgentUUID string `json:"agentUuid,omitempty"`
}

// CAROutput is an asset job's outcome.
type CAROutput struct {
	Code CARCode `json:"code"`
	Text string  `json:"text,omitempty"`
}

// CARCode reads an exit code given as a number or a numeric string.
type CARCode int

// UnmarshalJSON accepts 0, "0" and null.
func (c *CARCode) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" {
		*c = 0
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("output code %s is not a number", b)
	}
	*c = CARCode(n)
	return nil
}

// Ended is when the script finished on the asset, or the zero time.
func (j CARAssetJob) Ended() time.Time { return msTime(j.EndDate) }

// Succeeded reports a zero exit code.
func (j CARAssetJob) Succeeded() bool { return j.Output.Code == 0 }

// MaxScriptResult bounds what is decoded and shown of a script's output
// (the service allows 1 MB, §10.7).
const MaxScriptResult = 64 << 10

// Result decodes scriptResult from base64, at most MaxScriptResult bytes;
// truncated says more was there. Bad base64 is an error naming the field.
func (j CARAssetJob) Result() (out []byte, truncated bool, err error) {
	s := strings.TrimSpace(j.ScriptResult)
	if s == "" {
		return nil, false, nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, false, FieldError{Field: "scriptResult", Problem: "is not base64"}
	}
	if len(b) > MaxScriptResult {
		return b[:MaxScriptResult], true, nil
	}
	return b, false, nil
}

package client

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/qsched/qsched/model"
)

// RecentRunsPage is how many runs a schedule's details ask for.
const RecentRunsPage = 10

// Jobs returns a schedule's most recent runs, newest first, at most limit
// (1 to 100) of them: one page of POST /sm/v1/jobs/search.
func (s *Scripts) Jobs(ctx context.Context, scheduleID string, limit int) ([]model.CARJob, int, error) {
	limit = min(max(limit, 1), 100)
	q := model.CARJobsRequest{Filter: model.CARJobsForSchedule(scheduleID), PageNumber: "0", PageSize: limit, Sort: model.CARNewestFirst}
	var out model.CARPage[model.CARJob]
	if err := s.search(ctx, "search script jobs", CARJobs, q, &out); err != nil {
		return nil, 0, err
	}
	return out.List, out.TotalCount, nil
}

// AssetJobs returns every per-asset outcome of one job, with the script
// output (base64 in scriptResult), paging to the end.
func (s *Scripts) AssetJobs(ctx context.Context, jobID model.FlexID) ([]model.CARAssetJob, error) {
	var all []model.CARAssetJob
	for page := 0; page < maxPages; page++ {
		q := model.CARAssetJobsRequest{Filter: model.CARAssetJobsForJob(jobID), IncludeScriptResult: true, PageNumber: page, PageSize: model.CARSearchPageSize, Sort: model.CARNewestFirst}
		var out model.CARPage[model.CARAssetJob]
		if err := s.search(ctx, "search asset jobs", CARAssetJobs, q, &out); err != nil {
			return all, err
		}
		all = append(all, out.List...)
		if len(out.List) == 0 || len(all) >= out.TotalCount {
			break
		}
	}
	return all, nil
}

// search posts one read to the gateway and decodes the answer's body into
// out.
func (s *Scripts) search(ctx context.Context, op string, e CAROp, q, out any) error {
	req, err := newGatewayRequest(op, e, "", q, true, false)
	if err != nil {
		return err
	}
	body, err := s.Do(ctx, req)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &Error{Op: op, Status: http.StatusOK, Message: "unexpected answer: " + err.Error()}
	}
	return nil
}

// pages runs a 0-based paged CAR search (tags, scripts) to the end,
// guarding against a total that changes between pages.
func pages[T any](ctx context.Context, s *Scripts, op string, e CAROp, filter string) ([]T, error) {
	var all []T
	for page := 0; page < maxPages; page++ {
		var out model.CARPage[T]
		q := model.CARPageRequest{Filter: filter, PageSize: model.CARSearchPageSize, PageNumber: page}
		if err := s.search(ctx, op, e, q, &out); err != nil {
			return all, err
		}
		all = append(all, out.List...)
		if len(out.List) == 0 || len(all) >= out.TotalCount {
			return all, nil
		}
	}
	return all, &Error{Op: op, Message: "more than " + strconv.Itoa(maxPages) + " pages; stopping"}
}

package client

import (
	"context"
	"encoding/xml"
	"fmt"
	"iter"
	"strconv"

	"github.com/qsched/qsched/model"
)

// Assets is Asset Management on the API server (QPS REST 2.0, XML, Basic):
// the Cloud Agent hosts that CAR schedules target.
type Assets struct{ c *Client }

// NewAssetSearchRequest builds one page of POST
// /qps/rest/2.0/search/am/hostasset: the query's criteria, the next page
// by `id GREATER after` (0 for the first), limitResults AMPageSize.
func NewAssetSearchRequest(q model.AssetQuery, after int64) (*Request, error) {
	cs := q.Criteria()
	if after > 0 {
		cs = append(cs, model.Criterion{Field: "id", Operator: model.OpGreater, Value: strconv.FormatInt(after, 10)})
	}
	body, err := model.EncodeRequest(model.NewSearchRequest(cs, model.AMPageSize))
	if err != nil {
		return nil, fmt.Errorf("search agents: %w", err)
	}
	ep := EndpointOf(AMHostAssets)
	return newRequest(apiServer, "search agents", ep.Method, ep.Path, "text/xml", body, true, false), nil
}

// AssetPage is one page of agents; More says the server has more.
type AssetPage struct {
	Assets []model.HostAsset
	More   bool
}

// Search iterates over the pages of agents matching q, to the end, the
// next page fetched while the current one is read (qpsPaging). It stops
// with an error, not a loop, when a page does not advance.
func (a *Assets) Search(ctx context.Context, q model.AssetQuery) iter.Seq2[AssetPage, error] {
	return a.SearchUpTo(ctx, q, 0)
}

// SearchUpTo is Search for the first n agents (0: all): it stops after the
// page that brings n and asks for no page it will not use.
func (a *Assets) SearchUpTo(ctx context.Context, q model.AssetQuery, n int) iter.Seq2[AssetPage, error] {
	const op = "search agents"
	paging := qpsPaging[model.HostAsset]{
		op:    op,
		want:  max(n, 0),
		build: func(after int64) (*Request, error) { return NewAssetSearchRequest(q, after) },
		read: func(resp *response) ([]model.HostAsset, bool, *int64, error) {
			var r model.AMResponse
			if xml.Unmarshal(resp.body, &r) != nil {
				r.ResponseCode = ""
			}
			if err := qpsOutcome(op, resp, r.ResponseCode, r.ErrorDetails); err != nil {
				return nil, false, nil, err
			}
			return r.Assets, r.HasMoreRecords != nil && *r.HasMoreRecords, r.LastID, nil
		},
	}
	return func(yield func(AssetPage, error) bool) {
		for pg, err := range paging.pages(ctx, a.c) {
			if !yield(AssetPage{Assets: pg.items, More: pg.more}, err) || err != nil {
				return
			}
		}
	}
}

// All collects every agent matching q.
func (a *Assets) All(ctx context.Context, q model.AssetQuery) ([]model.HostAsset, error) {
	var out []model.HostAsset
	for p, err := range a.Search(ctx, q) {
		if err != nil {
			return out, err
		}
		out = append(out, p.Assets...)
	}
	return out, nil
}

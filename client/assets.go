package client

import (
	"context"
	"encoding/xml"
	"fmt"
	"iter"
	"net/http"
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

// page sends one page and decodes it.
func (a *Assets) page(ctx context.Context, req *Request) (model.AMResponse, error) {
	var out model.AMResponse
	resp, err := a.c.do(ctx, req, func(r *http.Request, t ticket) { r.SetBasicAuth(t.creds.Username, t.creds.Password) })
	if err != nil {
		return out, err
	}
	if resp.status == http.StatusUnauthorized {
		return out, &AuthError{Op: req.op, Status: resp.status}
	}
	if xml.Unmarshal(resp.body, &out) != nil {
		out.ResponseCode = ""
	}
	return out, qpsOutcome(req.op, resp, out.ResponseCode, out.ErrorDetails)
}

// AssetPage is one page of agents; More says the server has more.
type AssetPage struct {
	Assets []model.HostAsset
	More   bool
}

// Search iterates over the pages of agents matching q, to the end. It stops
// with an error, not a loop, when a page does not advance.
func (a *Assets) Search(ctx context.Context, q model.AssetQuery) iter.Seq2[AssetPage, error] {
	return func(yield func(AssetPage, error) bool) {
		var after int64
		for n := 0; n < maxPages; n++ {
			req, err := NewAssetSearchRequest(q, after)
			var r model.AMResponse
			if err == nil {
				r, err = a.page(ctx, req)
			}
			if err != nil {
				yield(AssetPage{}, err)
				return
			}
			p := AssetPage{Assets: r.Assets, More: r.HasMoreRecords != nil && *r.HasMoreRecords}
			if p.More {
				switch {
				case r.LastID == nil || len(r.Assets) == 0:
					yield(AssetPage{}, &Error{Op: req.op, Status: http.StatusOK, Message: "the server says more records exist but sent no lastId or no records; stopping instead of looping"})
					return
				case *r.LastID <= after:
					yield(AssetPage{}, &Error{Op: req.op, Status: http.StatusOK, Message: fmt.Sprintf("paging did not advance (lastId %d after %d); stopping instead of looping", *r.LastID, after)})
					return
				}
				after = *r.LastID
			}
			if !yield(p, nil) || !p.More {
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

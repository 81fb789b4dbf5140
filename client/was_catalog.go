package client

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/qsched/qsched/model"
)

// The web apps and option profiles a WAS schedule refers to, searched by
// name for the create form's pickers: POST /qps/rest/3.0/search/was/webapp
// and …/search/was/optionprofile, with the schedule search's envelope and
// paging (`id GREATER lastId`).

// CatalogQuery is a picker's search.
type CatalogQuery struct {
	// NameContains filters by name (CONTAINS, case as the server
	// decides); "" lists everything.
	NameContains string
	// Limit is the most items returned (default 200); More says the
	// server had more.
	Limit int
	// PageSize is the items per request (1 to 1000; default 100).
	PageSize int
}

// CatalogResult is what a search found: Items in ascending id order, and
// More when the server holds more matches than Limit (never a silent
// truncation: the picker says so).
type CatalogResult[T any] struct {
	Items []T
	More  bool
}

// Catalog defaults.
const (
	DefaultCatalogLimit    = 200
	DefaultCatalogPageSize = 100
)

const (
	webAppObject  = "/was/webapp"
	profileObject = "/was/optionprofile"
)

// NewCatalogSearchRequest builds one page of a search of object
// ("/was/webapp" or "/was/optionprofile"): name CONTAINS q.NameContains
// when it is set, the page after id after (0 for the first), limitResults
// pageSize.
func NewCatalogSearchRequest(object string, nameContains string, after int64, pageSize int) (*Request, error) {
	var cs []model.Criterion
	if n := strings.TrimSpace(nameContains); n != "" {
		cs = append(cs, model.Criterion{Field: "name", Operator: model.OpContains, Value: n})
	}
	if after > 0 {
		cs = append(cs, model.Criterion{Field: "id", Operator: model.OpGreater, Value: strconv.FormatInt(after, 10)})
	}
	op := "search WAS web apps"
	if object == profileObject {
		op = "search WAS option profiles"
	}
	body, err := model.EncodeRequest(model.NewSearchRequest(cs, pageSize))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return newRequest(apiServer, op, http.MethodPost, wasPath+"search"+object, "text/xml", body, true, false), nil
}

// SearchWebApps lists the web apps whose name contains q.NameContains
// (deleted ones are not listed by the service).
func (w *WAS) SearchWebApps(ctx context.Context, q CatalogQuery) (CatalogResult[model.WASWebAppItem], error) {
	return searchCatalog(ctx, w, webAppObject, q, func(r *model.CatalogResponse) []model.WASWebAppItem { return r.WebApps() },
		func(a model.WASWebAppItem) int64 { return a.ID })
}

// SearchOptionProfiles lists the option profiles whose name contains
// q.NameContains.
func (w *WAS) SearchOptionProfiles(ctx context.Context, q CatalogQuery) (CatalogResult[model.WASOptionProfile], error) {
	return searchCatalog(ctx, w, profileObject, q, func(r *model.CatalogResponse) []model.WASOptionProfile { return r.Profiles() },
		func(p model.WASOptionProfile) int64 { return p.ID })
}

// searchCatalog pages through a catalog until Limit items or the end.
func searchCatalog[T any](ctx context.Context, w *WAS, object string, q CatalogQuery, items func(*model.CatalogResponse) []T, id func(T) int64) (CatalogResult[T], error) {
	if q.Limit <= 0 {
		q.Limit = DefaultCatalogLimit
	}
	if q.PageSize <= 0 || q.PageSize > model.MaxLimitResults {
		q.PageSize = DefaultCatalogPageSize
	}
	var (
		out   CatalogResult[T]
		after int64
	)
	for n := 0; n < maxPages; n++ {
		size := min(q.PageSize, q.Limit-len(out.Items))
		req, err := NewCatalogSearchRequest(object, q.NameContains, after, size)
		if err != nil {
			return out, err
		}
		r, err := w.catalogPage(ctx, req)
		if err != nil {
			return out, err
		}
		page := items(&r)
		out.Items = append(out.Items, page...)
		more := r.HasMoreRecords != nil && *r.HasMoreRecords
		if !more {
			return out, nil
		}
		if len(out.Items) >= q.Limit {
			out.Items, out.More = out.Items[:q.Limit], true
			return out, nil
		}
		// The next page starts after the last id listed (lastId when the
		// server sends one).
		next := int64(0)
		if len(page) > 0 {
			next = id(page[len(page)-1])
		}
		if r.LastID != nil {
			next = *r.LastID
		}
		if next <= after {
			return out, &Error{Op: req.op, Status: http.StatusOK, Message: fmt.Sprintf("paging did not advance (last id %d after %d); stopping instead of looping", next, after)}
		}
		after = next
	}
	return out, &Error{Op: "search " + object, Message: fmt.Sprintf("more than %d pages; stopping", maxPages)}
}

// catalogPage sends one page and decodes it: XML, or JSON when the answer
// says it is JSON (as decodeQPS does for schedules).
func (w *WAS) catalogPage(ctx context.Context, req *Request) (model.CatalogResponse, error) {
	var out model.CatalogResponse
	resp, err := w.c.do(ctx, req, func(r *http.Request, t ticket) { r.SetBasicAuth(t.creds.Username, t.creds.Password) })
	if err != nil {
		return out, err
	}
	if resp.status == http.StatusUnauthorized {
		return out, &AuthError{Op: req.op, Status: resp.status}
	}
	var perr error
	if isJSON(resp.header.Get("Content-Type")) {
		out, perr = model.DecodeCatalogResponseJSON(resp.body)
	} else {
		out, perr = model.DecodeCatalogResponse(resp.body)
	}
	if perr != nil {
		out.ResponseCode = ""
	}
	return out, qpsOutcome(req.op, resp, out.ResponseCode, out.ErrorDetails)
}

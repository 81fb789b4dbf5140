package sim

import (
	"net/http"

	"github.com/qsched/qsched/model"
)

// carTagSearch is POST /sm/v1/assettags/search (§15.4): the CAR-enabled
// asset tags, body {filter, pageSize, pageNumber} (0-based), answer
// body {totalCount, list}. QQL: "" or name:"text" / name:text, the tags
// whose name contains text, ignoring case.
func (s *Server) carTagSearch(r *http.Request, _ string, body []byte) (int, any) {
	var (
		filter string
		size   *int
		number int
	)
	if st, bad := decodeCARBody(r, body, map[string]any{"filter": &filter, "pageSize": &size, "pageNumber": &number}); bad != "" {
		return st, carError(bad)
	}
	page, bad := checkPage(size, number)
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	_, text, bad := parseQQL(filter, "name")
	if bad != "" {
		return http.StatusBadRequest, carError(bad)
	}
	var hits []model.CARTag
	for _, t := range carTags {
		if containsFold(t.Name, text) {
			hits = append(hits, t)
		}
	}
	start, end := page.cut(len(hits))
	return http.StatusOK, carEnvelope{Body: model.CARPage[model.CARTag]{TotalCount: len(hits), List: append([]model.CARTag{}, hits[start:end]...)}}
}

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
	page, text, st, bad := decodeFilteredPage(r, body, "name")
	if bad != "" {
		return st, carError(bad)
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

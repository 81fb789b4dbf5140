package sim

import (
	"net/http"
)

// carScriptSearch is POST /sm/v1/scripts/search, the script listing one
// unfinished public client uses (U36: unconfirmed; Options.NoScriptSearch
// leaves it out, so the path answers 404). Body and paging as the tag
// search; QQL: "" or title:"text" / title:text (contains, ignoring case).
// Items: {id (a number), title, platform, scriptType, params?}, the item
// shape being the simulator's invention.
func (s *Server) carScriptSearch(r *http.Request, _ string, body []byte) (int, any) {
	page, text, st, bad := decodeFilteredPage(r, body, "title")
	if bad != "" {
		return st, carError(bad)
	}
	type param struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	}
	type item struct {
		ID         int64   `json:"id"`
		Title      string  `json:"title"`
		Platform   string  `json:"platform"`
		ScriptType string  `json:"scriptType"`
		Params     []param `json:"params,omitempty"`
	}
	var hits []item
	for _, c := range catalog {
		if !containsFold(c.Title, text) {
			continue
		}
		it := item{ID: c.ID, Title: c.Title, Platform: c.Platform, ScriptType: c.Language}
		for _, p := range c.Params {
			it.Params = append(it.Params, param{Key: p})
		}
		hits = append(hits, it)
	}
	start, end := page.cut(len(hits))
	return http.StatusOK, carEnvelope{Body: struct {
		TotalCount int    `json:"totalCount"`
		List       []item `json:"list"`
	}{len(hits), append([]item{}, hits[start:end]...)}}
}

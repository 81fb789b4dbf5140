package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/qsched/qsched/model"
)

// Tags returns the asset tags on which CAR is enabled, every page, whose
// name contains text (ignoring case; "" for all). The QQL sent is
// name:"text" (U35: QQL fields are unconfirmed), and the names are checked
// again here, so a service that ignores the filter still gives the right
// list.
func (s *Scripts) Tags(ctx context.Context, text string) ([]model.CARTag, error) {
	return searchContaining(ctx, s, "search asset tags", CARTags, "name", text, func(t model.CARTag) string { return t.Name })
}

// ErrNoScriptSearch means the platform refused the script search, whose
// path is unconfirmed (U36): type the script id and title instead.
var ErrNoScriptSearch = errors.New("the platform does not offer the script search qsched tries (POST /sm/v1/scripts/search, a path not confirmed by Qualys documentation); type the script id and title")

// ScriptCatalog returns the scripts whose title contains text (ignoring
// case; "" for all), every page, like Tags. A 404, 405 or 501 answer —
// the path does not exist there — is ErrNoScriptSearch, wrapping the
// answer.
func (s *Scripts) ScriptCatalog(ctx context.Context, text string) ([]model.CARScript, error) {
	out, err := searchContaining(ctx, s, "search scripts", CARScripts, "title", text, func(sc model.CARScript) string { return sc.Title })
	var e *Error
	if errors.As(err, &e) && (e.Status == http.StatusNotFound || e.Status == http.StatusMethodNotAllowed || e.Status == http.StatusNotImplemented) {
		return nil, errors.Join(ErrNoScriptSearch, err)
	}
	return out, err
}

// searchContaining pages through a CAR search filtered by field:"text"
// and keeps the items whose name (as given by name) contains text.
func searchContaining[T any](ctx context.Context, s *Scripts, op string, e CAROp, field, text string, name func(T) string) ([]T, error) {
	text = strings.TrimSpace(text)
	filter := ""
	if text != "" {
		q, _ := json.Marshal(text)
		filter = field + ":" + string(q)
	}
	all, err := pages[T](ctx, s, op, e, filter)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, it := range all {
		if strings.Contains(strings.ToLower(name(it)), strings.ToLower(text)) {
			out = append(out, it)
		}
	}
	return out, nil
}

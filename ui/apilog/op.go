package apilog

import (
	"net/http"
	"strings"
)

// The API log's rows name each call by its operation, so calls to one
// object tell apart at 80 columns: "count wasscanschedule", "get
// wasscanschedule 1688", "activate scheduler 7f3c…", "search jobs". The
// full path stays in the call's detail pane and view.

// verbs are the path segments that name an operation.
var verbs = map[string]bool{
	"search": true, "count": true, "get": true, "create": true, "update": true,
	"delete": true, "activate": true, "deactivate": true,
}

// operation names a call by its method and path: the verb (from the path,
// or for a path without one from the method: GET get, DELETE delete,
// POST update when the path ends with an id, create otherwise), the
// object and the id when the path has one. A path of another shape
// (e.g. /auth) is shown as it is.
func operation(method, path string) string {
	parts := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	switch {
	case len(parts) >= 5 && parts[0] == "qps" && parts[1] == "rest":
		// /qps/rest/3.0/{verb}/{module}/{object}[/{id}]
		return join(parts[3], parts[5], strings.Join(parts[6:], "/"))
	case len(parts) >= 3 && parts[0] == "sm":
		// /sm/v1/{object…}[/{id}][/{verb}]
		var verb, id string
		var object []string
		for _, p := range parts[2:] {
			switch {
			case verbs[p] && verb == "":
				verb = p
			case isID(p) && id == "":
				id = p
			default:
				object = append(object, p)
			}
		}
		if verb == "" {
			verb = map[string]string{http.MethodGet: "get", http.MethodDelete: "delete", http.MethodPut: "update"}[method]
		}
		if verb == "" && method == http.MethodPost {
			verb = "create"
			if id != "" {
				verb = "update"
			}
		}
		return join(verb, strings.Join(object, " "), id)
	}
	return path
}

func join(words ...string) string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// isID reports whether a path segment is an id: all digits, or a UUID.
func isID(p string) bool {
	if p == "" {
		return false
	}
	if strings.Trim(p, "0123456789") == "" {
		return true
	}
	return len(p) == 36 && strings.Count(p, "-") == 4
}

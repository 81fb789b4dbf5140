package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The request bodies of the CAR searches (tags, scripts, jobs, asset
// jobs): one JSON object whose member names are exactly the documented
// ones (case matters; unknown members are refused, as on create), a QQL
// filter the simulator understands a small part of, and 0-based pages.

// decodeCARBody decodes body, a JSON object, into fields: member name →
// pointer to its value. A member given as null is treated as absent. The
// problem, if any, comes with its HTTP status (415 or 400).
func decodeCARBody(r *http.Request, body []byte, fields map[string]any) (int, string) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return http.StatusUnsupportedMediaType, "Content-Type must be application/json."
	}
	bad := func(msg string) (int, string) { return http.StatusBadRequest, msg }
	if len(bytes.TrimSpace(body)) == 0 {
		return bad("The request body is missing; send a JSON object.")
	}
	var members map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&members); err != nil || members == nil {
		return bad("Invalid request body: it must be one JSON object.")
	}
	if dec.More() {
		return bad("Invalid request body: data after the JSON object.")
	}
	names := make([]string, 0, len(members))
	for k := range members {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		dst, ok := fields[k]
		if !ok {
			return bad(fmt.Sprintf("Invalid request body: unknown field %q; the fields are %s.", k, fieldList(fields)))
		}
		if string(bytes.TrimSpace(members[k])) == "null" {
			continue
		}
		if err := json.Unmarshal(members[k], dst); err != nil {
			return bad(fmt.Sprintf("Invalid request body: field %q: %s.", k, jsonTypeProblem(err)))
		}
	}
	return 0, ""
}

func fieldList(fields map[string]any) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func jsonTypeProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "a JSON " + te.Value + " cannot be a " + te.Type.String()
	}
	return err.Error()
}

// flexInt is a number given as a JSON number or a numeric string: the jobs
// search documents pageNumber as a string (§10.6).
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("%s is not an integer", b)
	}
	*f = flexInt(n)
	return nil
}

// carPage is a 0-based page request.
type carPage struct {
	size, number int
}

// Paging bounds of the CAR searches (U35: undocumented; the jobs search
// documents a default page size of 10).
const (
	carDefaultPageSize = 10
	carMaxPageSize     = 1000
)

// checkPage applies the default size and checks the bounds.
func checkPage(size *int, number int) (carPage, string) {
	p := carPage{size: carDefaultPageSize, number: number}
	if size != nil {
		p.size = *size
	}
	if p.size < 1 || p.size > carMaxPageSize || p.number < 0 {
		return p, fmt.Sprintf("pageSize must be 1–%d and pageNumber 0 or more, got %d and %d.", carMaxPageSize, p.size, p.number)
	}
	return p, ""
}

// cut returns the page's part of n items as [start, end).
func (p carPage) cut(n int) (int, int) {
	if p.number > n/p.size {
		return n, n
	}
	start := p.number * p.size
	return start, min(start+p.size, n)
}

// qqlTerm is the QQL the simulator understands: one field:value term, the
// value bare (no spaces or quotes) or quoted as a JSON string, which is
// what json.Marshal makes of it ("a \"b\"", \u0026 …).
var qqlTerm = regexp.MustCompile(`^([A-Za-z][A-Za-z.]*)\s*:\s*(?:("(?:[^"\\]|\\.)*")|([^\s"]+))$`)

// parseQQL reads filter: "" (no condition: field and value empty) or one
// term on one of the fields allowed. The problem, if any, is for a 400.
func parseQQL(filter string, allowed ...string) (field, value, problem string) {
	f := strings.TrimSpace(filter)
	if f == "" {
		return "", "", ""
	}
	forms := make([]string, len(allowed))
	for i, a := range allowed {
		forms[i] = a + `:"text"`
	}
	unsupported := fmt.Sprintf("Unsupported QQL filter %q: use \"\" or one of %s.", filter, strings.Join(forms, ", "))
	m := qqlTerm.FindStringSubmatch(f)
	if m == nil || !slices.Contains(allowed, m[1]) {
		return "", "", unsupported
	}
	value = m[3]
	if m[2] != "" {
		if err := json.Unmarshal([]byte(m[2]), &value); err != nil {
			return "", "", unsupported
		}
	}
	return m[1], value, ""
}

// containsFold reports whether s contains sub, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// parseWindow reads startAt and endAt, ISO-8601 instants such as
// 2025-05-26T11:47:56.810Z (§10.5); either may be empty.
func parseWindow(startAt, endAt string) (from, to time.Time, problem string) {
	for _, p := range []struct {
		name, v string
		dst     *time.Time
	}{{"startAt", startAt, &from}, {"endAt", endAt, &to}} {
		if p.v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, p.v)
		if err != nil {
			return from, to, fmt.Sprintf("%s %q is not an ISO-8601 date-time such as 2025-05-26T11:47:56.810Z.", p.name, p.v)
		}
		*p.dst = t
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, "endAt is before startAt."
	}
	return from, to, ""
}

// inWindow reports whether t lies in [from, to] (a zero bound is open).
func inWindow(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || !t.After(to))
}

// parseSort reads sort, a string holding JSON such as
// [{"created.dateTime":"desc"}] (§10.5): created.dateTime is the only key
// understood. It reports whether the order is newest first; def when sort
// is empty.
func parseSort(sort string, def bool) (desc bool, problem string) {
	if strings.TrimSpace(sort) == "" {
		return def, ""
	}
	bad := fmt.Sprintf(`Unsupported sort %q: use [{"created.dateTime":"desc"}] or [{"created.dateTime":"asc"}].`, sort)
	var keys []map[string]string
	if json.Unmarshal([]byte(sort), &keys) != nil || len(keys) != 1 || len(keys[0]) != 1 {
		return def, bad
	}
	switch strings.ToLower(keys[0]["created.dateTime"]) {
	case "desc":
		return true, ""
	case "asc":
		return false, ""
	}
	return def, bad
}

// decodeFilteredPage reads the body the picker searches share —
// {filter, pageSize, pageNumber} — with a QQL filter on one field: the
// page, the text searched ("" for all), or a status and a problem.
func decodeFilteredPage(r *http.Request, body []byte, field string) (carPage, string, int, string) {
	var (
		filter string
		size   *int
		number int
	)
	if st, bad := decodeCARBody(r, body, map[string]any{"filter": &filter, "pageSize": &size, "pageNumber": &number}); bad != "" {
		return carPage{}, "", st, bad
	}
	page, bad := checkPage(size, number)
	if bad != "" {
		return page, "", http.StatusBadRequest, bad
	}
	_, text, bad := parseQQL(filter, field)
	if bad != "" {
		return page, "", http.StatusBadRequest, bad
	}
	return page, text, http.StatusOK, ""
}

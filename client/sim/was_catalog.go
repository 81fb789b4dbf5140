package sim

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/qsched/qsched/model"
)

// search/was/webapp and search/was/optionprofile (and their counts): the
// objects schedules reference, so that a client can pick a target and a
// profile. Same envelope, paging and strictness as schedule search; the
// filter fields are the few a picker needs.

// catalogField is a filter field of a catalog of T: its type and its
// values on one item (several for a multi-valued field such as tags).
type catalogField[T any] struct {
	typ model.FieldType
	get func(T) []string
}

var webAppFields = map[string]catalogField[catalogItem]{
	"id":        {model.TypeInteger, func(it catalogItem) []string { return []string{strconv.FormatInt(it.id, 10)} }},
	"name":      {model.TypeText, func(it catalogItem) []string { return []string{it.name} }},
	"url":       {model.TypeText, func(it catalogItem) []string { return it.extra[:1] }},
	"tags.id":   {model.TypeInteger, func(it catalogItem) []string { return tagPart(it.extra[1:], 0) }},
	"tags.name": {model.TypeText, func(it catalogItem) []string { return tagPart(it.extra[1:], 1) }},
}

var profileFields = map[string]catalogField[catalogItem]{
	"id":   webAppFields["id"],
	"name": webAppFields["name"],
}

// tagPart picks the ids (0) or names (1) of "id\tname" pairs.
func tagPart(pairs []string, i int) []string {
	out := make([]string, len(pairs))
	for k, p := range pairs {
		out[k] = strings.Split(p, "\t")[i]
	}
	return out
}

type catalogItem struct {
	id    int64
	name  string
	extra []string // webapp: url, then "id\tname" per tag
	node  *node
}

func (s *Server) webAppItems() []catalogItem {
	var out []catalogItem
	for _, a := range s.was.appList() {
		if a.deleted {
			continue
		}
		extra := []string{a.url}
		var tagNodes []*node
		for _, t := range a.tags {
			extra = append(extra, fmt.Sprintf("%d\t%s", t.ID, string(*t.Name)))
			tagNodes = append(tagNodes, obj("Tag", num("id", t.ID), txt("name", t.Name)))
		}
		n := obj("WebApp", num("id", a.id), &node{name: "name", kind: kText, val: a.name}, &node{name: "url", kind: kText, val: a.url},
			qlist("tags", tagNodes))
		out = append(out, catalogItem{id: a.id, name: a.name, extra: extra, node: n})
	}
	return out
}

func (s *Server) profileItems() []catalogItem {
	ids := make([]int64, 0, len(s.was.profile))
	for id := range s.was.profile {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]catalogItem, len(ids))
	for i, id := range ids {
		name := s.was.profile[id]
		n := obj("OptionProfile", num("id", id), &node{name: "name", kind: kText, val: name},
			&node{name: "isDefault", kind: kBool, val: strconv.FormatBool(i == 0)})
		out[i] = catalogItem{id: id, name: name, node: n}
	}
	return out
}

// catalogAPI serves a search or count of one catalog.
func (s *Server) catalogAPI(schema string, fields map[string]catalogField[catalogItem], items func() []catalogItem, count bool) http.HandlerFunc {
	h := func(r *http.Request, body []byte) (int, reply) {
		q, code, msg := parseCatalogQuery(body, fields, count)
		if code != "" {
			return http.StatusOK, reply{code: code, err: &model.ErrorDetails{ErrorMessage: msg}, schema: schema}
		}
		s.mu.Lock()
		all := items()
		s.mu.Unlock()
		var hits []catalogItem
		for _, it := range all {
			if catalogMatch(q.criteria, fields, it) {
				hits = append(hits, it)
			}
		}
		if count {
			return http.StatusOK, reply{code: model.CodeSuccess, count: model.Ptr(len(hits)), schema: schema}
		}
		page, more, lastID := catalogPage(q, hits, func(it catalogItem) int64 { return it.id })
		rp := reply{code: model.CodeSuccess, count: model.Ptr(len(page)), more: model.Ptr(more), lastID: lastID, hasData: true, schema: schema}
		for _, it := range page {
			rp.data = append(rp.data, it.node)
		}
		return http.StatusOK, rp
	}
	return s.wasAPIReply(h)
}

// catalogQuery is a checked catalog search or count: its criteria (ANDed)
// and its paging preferences.
type catalogQuery struct {
	criteria      []compiled
	limit, offset int
	fromID        int64
}

// parseCatalogQuery checks a catalog request against the schema and the
// catalog's fields, operators and value types. A non-empty code is the
// QPS error to answer, with its message.
func parseCatalogQuery[T any](body []byte, fields map[string]catalogField[T], count bool) (q catalogQuery, code, msg string) {
	if err := model.CheckRequestXML(body, model.RequestParts{Preferences: !count, Filters: true}); err != nil {
		return q, model.CodeInvalidXML, err.Error()
	}
	req, err := model.DecodeRequest(body)
	if err != nil {
		return q, model.CodeInvalidXML, "The request could not be parsed: " + err.Error()
	}
	bad := func(format string, a ...any) (catalogQuery, string, string) {
		return catalogQuery{}, model.CodeInvalidRequest, fmt.Sprintf(format, a...)
	}
	if req.Filters != nil {
		for _, c := range req.Filters.Criteria {
			c.Value = strings.TrimSpace(c.Value)
			if c.Field == "" || c.Operator == "" {
				return bad("Criteria needs the attributes field and operator.")
			}
			f, ok := fields[c.Field]
			if !ok {
				names := make([]string, 0, len(fields))
				for k := range fields {
					names = append(names, k)
				}
				slices.Sort(names)
				return bad("Invalid criteria %s: unknown field; use one of %s.", c.Field, strings.Join(names, ", "))
			}
			if !slices.Contains(model.OperatorsFor(f.typ), c.Operator) {
				return bad("Invalid criteria %s: operator %s is not allowed for a %s field.", c.Field, c.Operator, f.typ)
			}
			values := []string{c.Value}
			if c.Operator == model.OpIn {
				values = model.SplitIn(c.Value)
			}
			if len(values) == 0 || values[0] == "" && f.typ != model.TypeText {
				return bad("Invalid criteria %s: a value is required.", c.Field)
			}
			for _, v := range values {
				switch f.typ {
				case model.TypeInteger:
					if _, err := strconv.ParseInt(v, 10, 64); err != nil {
						return bad("Invalid criteria %s: %q is not an integer.", c.Field, c.Value)
					}
				case model.TypeDate:
					if _, ok := model.ParseFilterDate(v); !ok {
						return bad("Invalid criteria %s: %q is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ).", c.Field, c.Value)
					}
				}
			}
			q.criteria = append(q.criteria, compileAs(c, f.typ))
		}
	}
	q.limit, q.offset = model.DefaultLimitResults, 1
	if p := req.Preferences; p != nil {
		if p.LimitResults != nil {
			q.limit = *p.LimitResults
		}
		if p.StartFromOffset != nil {
			q.offset = *p.StartFromOffset
		}
		if p.StartFromID != nil {
			q.fromID = *p.StartFromID
		}
		if p.StartFromOffset != nil && p.StartFromID != nil {
			return bad("Use either startFromOffset or startFromId, not both.")
		}
	}
	if q.limit < 1 || q.limit > model.MaxLimitResults || q.offset < 1 {
		return bad("limitResults must be 1–%d and startFromOffset 1 or more.", model.MaxLimitResults)
	}
	return q, "", ""
}

// compileAs prepares one criterion on a field of type t.
func compileAs(c model.Criterion, t model.FieldType) compiled {
	out := compiled{Criterion: c, typ: t}
	if c.Operator == model.OpIn {
		out.in = map[string]bool{}
		for _, v := range model.SplitIn(c.Value) {
			out.in[canonical(t, v)] = true
		}
	}
	return out
}

// catalogPage cuts one page from hits, which are in ascending id order:
// from startFromId, then from the 1-based startFromOffset, limitResults
// long. lastID is set when more records follow.
func catalogPage[T any](q catalogQuery, hits []T, id func(T) int64) (page []T, more bool, lastID *int64) {
	start := 0
	for start < len(hits) && id(hits[start]) < q.fromID {
		start++
	}
	start = min(start+q.offset-1, len(hits))
	end := min(start+q.limit, len(hits))
	if end < len(hits) {
		lastID = model.Ptr(id(hits[end-1]))
	}
	return hits[start:end], end < len(hits), lastID
}

// catalogMatch reports whether it satisfies every criterion (AND). A
// multi-valued field matches when any value does; NOT EQUALS when none
// equals.
func catalogMatch[T any](cs []compiled, fields map[string]catalogField[T], it T) bool {
	for _, c := range cs {
		vals := fields[c.Field].get(it)
		if c.Operator == model.OpNotEquals {
			if slices.ContainsFunc(vals, func(v string) bool { return compare(c.typ, v, c.Value) == 0 }) {
				return false
			}
			continue
		}
		if !slices.ContainsFunc(vals, func(v string) bool {
			return c.in != nil && c.in[canonical(c.typ, v)] || c.in == nil && matchOne(c.typ, c.Operator, v, c.Value)
		}) {
			return false
		}
	}
	return true
}

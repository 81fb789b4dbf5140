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

type catalogField struct {
	typ model.FieldType
	get func(id int64, name string, extra []string) []string
}

var webAppFields = map[string]catalogField{
	"id":        {model.TypeInteger, func(id int64, _ string, _ []string) []string { return []string{strconv.FormatInt(id, 10)} }},
	"name":      {model.TypeText, func(_ int64, n string, _ []string) []string { return []string{n} }},
	"url":       {model.TypeText, func(_ int64, _ string, x []string) []string { return x[:1] }},
	"tags.id":   {model.TypeInteger, func(_ int64, _ string, x []string) []string { return tagPart(x[1:], 0) }},
	"tags.name": {model.TypeText, func(_ int64, _ string, x []string) []string { return tagPart(x[1:], 1) }},
}

var profileFields = map[string]catalogField{
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
func (s *Server) catalogAPI(schema string, fields map[string]catalogField, items func() []catalogItem, count bool) http.HandlerFunc {
	h := func(r *http.Request, body []byte) (int, reply) {
		bad := func(code, msg string) (int, reply) {
			return http.StatusOK, reply{code: code, err: &model.ErrorDetails{ErrorMessage: msg}, schema: schema}
		}
		if err := model.CheckRequestXML(body, model.RequestParts{Preferences: !count, Filters: true}); err != nil {
			return bad(model.CodeInvalidXML, err.Error())
		}
		req, err := model.DecodeRequest(body)
		if err != nil {
			return bad(model.CodeInvalidXML, "The request could not be parsed: "+err.Error())
		}
		var cs []compiled
		if req.Filters != nil {
			for _, c := range req.Filters.Criteria {
				c.Value = strings.TrimSpace(c.Value)
				f, ok := fields[c.Field]
				if !ok {
					names := make([]string, 0, len(fields))
					for k := range fields {
						names = append(names, k)
					}
					slices.Sort(names)
					return bad(model.CodeInvalidRequest, fmt.Sprintf("Invalid criteria %s: unknown field; use one of %s.", c.Field, strings.Join(names, ", ")))
				}
				if !slices.Contains(model.OperatorsFor(f.typ), c.Operator) {
					return bad(model.CodeInvalidRequest, fmt.Sprintf("Invalid criteria %s: operator %s is not allowed for a %s field.", c.Field, c.Operator, f.typ))
				}
				if f.typ == model.TypeInteger {
					for _, v := range model.SplitIn(c.Value) {
						if _, err := strconv.ParseInt(v, 10, 64); err != nil || c.Operator != model.OpIn && v != c.Value {
							return bad(model.CodeInvalidRequest, fmt.Sprintf("Invalid criteria %s: %q is not an integer.", c.Field, c.Value))
						}
					}
				}
				cs = append(cs, compile([]model.Criterion{c})[0])
				cs[len(cs)-1].typ = f.typ
			}
		}
		limit, offset := model.DefaultLimitResults, 1
		if p := req.Preferences; p != nil {
			if p.LimitResults != nil {
				limit = *p.LimitResults
			}
			if p.StartFromOffset != nil {
				offset = *p.StartFromOffset
			}
		}
		if limit < 1 || limit > model.MaxLimitResults || offset < 1 {
			return bad(model.CodeInvalidRequest, fmt.Sprintf("limitResults must be 1–%d and startFromOffset 1 or more.", model.MaxLimitResults))
		}
		s.mu.Lock()
		all := items()
		s.mu.Unlock()
		var hits []catalogItem
		for _, it := range all {
			if catalogMatch(cs, fields, it) {
				hits = append(hits, it)
			}
		}
		if count {
			return http.StatusOK, reply{code: model.CodeSuccess, count: model.Ptr(len(hits)), schema: schema}
		}
		start := min(offset-1, len(hits))
		end := min(start+limit, len(hits))
		rp := reply{code: model.CodeSuccess, count: model.Ptr(end - start), more: model.Ptr(end < len(hits)), hasData: true, schema: schema}
		for _, it := range hits[start:end] {
			rp.data = append(rp.data, it.node)
		}
		if end < len(hits) {
			rp.lastID = model.Ptr(hits[end-1].id)
		}
		return http.StatusOK, rp
	}
	return s.wasAPIReply(h)
}

func catalogMatch(cs []compiled, fields map[string]catalogField, it catalogItem) bool {
	for _, c := range cs {
		vals := fields[c.Field].get(it.id, it.name, it.extra)
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

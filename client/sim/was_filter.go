package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// values returns the values of a filter field for a schedule. Fields with
// several values (the web apps of a Multi-Scan schedule, tags) match when
// any value matches; a missing value matches nothing but NOT EQUALS.
func (st *wasStore) values(field string, s model.WasScanSchedule) []string {
	i64 := func(n int64) []string { return []string{strconv.FormatInt(n, 10)} }
	str := func(p *string) []string {
		if p == nil {
			return nil
		}
		return []string{*p}
	}
	boolean := func(b bool) []string { return []string{strconv.FormatBool(b)} }
	switch field {
	case "id":
		return i64(s.IDValue())
	case "name":
		return []string{s.NameValue()}
	case "owner.id":
		if s.Owner == nil {
			return nil
		}
		return i64(s.Owner.ID)
	case "createdDate":
		return str(s.CreatedDate)
	case "updatedDate":
		return str(s.UpdatedDate)
	case "active":
		return boolean(s.IsActive())
	case "invalid":
		return boolean(s.IsInvalid())
	case "multi":
		return boolean(s.Multi != nil && *s.Multi)
	case "type":
		return str(s.Type)
	case "webApp.name", "webApp.id", "webApp.tags.id":
		var out []string
		for _, a := range st.targetApps(s) {
			switch field {
			case "webApp.name":
				out = append(out, a.name)
			case "webApp.id":
				out = append(out, strconv.FormatInt(a.id, 10))
			default:
				for _, t := range a.tags {
					out = append(out, strconv.FormatInt(t.ID, 10))
				}
			}
		}
		return out
	case "lastScan.launchedDate":
		if s.LastScan == nil {
			return nil
		}
		return str(s.LastScan.LaunchedDate)
	case "lastScan.status":
		if s.LastScan == nil {
			return nil
		}
		return str(s.LastScan.Status)
	}
	return nil
}

func (st *wasStore) targetApps(s model.WasScanSchedule) []*webApp {
	var out []*webApp
	if t := s.Target; t != nil {
		if t.WebApp != nil {
			if a := st.webApps[t.WebApp.ID]; a != nil {
				out = append(out, a)
			}
		}
		if t.WebApps != nil {
			for _, w := range append(t.WebApps.List, t.WebApps.Set...) {
				if a := st.webApps[w.ID]; a != nil {
					out = append(out, a)
				}
			}
		}
		if t.Tags != nil && t.Tags.Included != nil {
			// A tag target scans the web apps its tags select now.
			for _, a := range st.appList() {
				if !a.deleted && tagsSelect(t.Tags.Included, a.tags) && (t.Tags.Excluded == nil || !tagsSelect(t.Tags.Excluded, a.tags)) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// compiled is a criterion prepared once per request: an IN list becomes a
// set of canonical values, so 1,000-id filters stay cheap.
type compiled struct {
	model.Criterion
	typ model.FieldType
	in  map[string]bool
}

func compile(cs []model.Criterion) []compiled {
	out := make([]compiled, len(cs))
	for i, c := range cs {
		f, _ := model.LookupField(c.Field)
		out[i] = compiled{Criterion: c, typ: f.Type}
		if c.Operator == model.OpIn {
			out[i].in = map[string]bool{}
			for _, v := range model.SplitIn(c.Value) {
				out[i].in[canonical(f.Type, v)] = true
			}
		}
	}
	return out
}

// canonical normalises integers ("007" is 7) for set lookups.
func canonical(t model.FieldType, v string) string {
	if t == model.TypeInteger {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
	}
	return v
}

// matches reports whether s satisfies every criterion (AND).
func (st *wasStore) matches(cs []compiled, s model.WasScanSchedule) bool {
	for _, c := range cs {
		if !st.match(c, s) {
			return false
		}
	}
	return true
}

func (st *wasStore) match(c compiled, s model.WasScanSchedule) bool {
	if c.Operator == model.OpNone {
		switch c.Field {
		case "webApp.tags":
			for _, a := range st.targetApps(s) {
				if len(a.tags) > 0 {
					return false
				}
			}
			return true
		case "lastScan":
			return s.LastScan == nil
		}
		return false
	}
	vals := st.values(c.Field, s)
	if c.Operator == model.OpNotEquals {
		for _, v := range vals {
			if compare(c.typ, v, c.Value) == 0 {
				return false
			}
		}
		return true
	}
	for _, v := range vals {
		if c.in != nil && c.in[canonical(c.typ, v)] || c.in == nil && matchOne(c.typ, c.Operator, v, c.Value) {
			return true
		}
	}
	return false
}

func matchOne(t model.FieldType, op model.Operator, have, want string) bool {
	switch op {
	case model.OpEquals:
		return compare(t, have, want) == 0
	case model.OpContains:
		if model.ContainsIgnoresCase {
			return strings.Contains(strings.ToLower(have), strings.ToLower(want))
		}
		return strings.Contains(have, want)
	case model.OpGreater:
		c := compare(t, have, want)
		return c > 0 && c != incomparable
	case model.OpLesser:
		return compare(t, have, want) < 0
	}
	return false
}

const incomparable = 2

// compare orders have against want for the field type: -1, 0, 1, or
// incomparable. A date-only value EQUALS every instant of that UTC day.
func compare(t model.FieldType, have, want string) int {
	switch t {
	case model.TypeInteger:
		a, err1 := strconv.ParseInt(have, 10, 64)
		b, err2 := strconv.ParseInt(want, 10, 64)
		if err1 != nil || err2 != nil {
			return incomparable
		}
		return cmpInt(a, b)
	case model.TypeDate:
		a, ok1 := model.ParseFilterDate(have)
		b, ok2 := model.ParseFilterDate(want)
		if !ok1 || !ok2 {
			return incomparable
		}
		if len(want) == len(model.DateLayout) {
			day := a.UTC().Truncate(24 * time.Hour)
			return cmpInt(day.Unix(), b.Unix())
		}
		return cmpInt(a.Unix(), b.Unix())
	}
	if have == want {
		return 0
	}
	return incomparable
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// tagsSelect reports whether an app with have matches the selection: ANY
// of its tags, or ALL of them (excluded selections default to ANY).
func tagsSelect(sel *model.WASTagSelection, have []model.WASTag) bool {
	want := sel.TagList.Tags()
	if len(want) == 0 {
		return false
	}
	hit := 0
	for _, w := range want {
		for _, h := range have {
			if h.ID == w.ID {
				hit++
				break
			}
		}
	}
	if sel.Option == "ALL" {
		return hit == len(want)
	}
	return hit > 0
}

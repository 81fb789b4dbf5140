package model

import (
	"fmt"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
)

// AssetQuery is what an operator searches agents by; every part given
// must match (QPS criteria are ANDed).
type AssetQuery struct {
	Name    string // name CONTAINS
	DNSName string // dnsHostName CONTAINS
	Address string // address EQUALS
	Tag     string // tagName EQUALS, besides the Cloud Agent tag
	// IDs selects these assets (id IN a,b,…): a schedule's targets by
	// their asset ids. Not part of the search text.
	IDs []int64
}

// ParseAssetQuery reads the search text of the agent picker and of
// `qsched assets search`: words search the asset name; an IP address
// searches addresses; dns:NAME the DNS host name; tag:NAME (quoted when it
// has spaces: tag:"Web servers") a tag. The same prefix twice, or an
// unknown prefix, is an error naming it.
func ParseAssetQuery(text string) (AssetQuery, error) {
	var q AssetQuery
	var name []string
	toks, err := splitQuoted(text)
	if err != nil {
		return q, err
	}
	set := func(dst *string, what, v string) error {
		if *dst != "" {
			return fmt.Errorf("%s is given twice", what)
		}
		if v == "" {
			return fmt.Errorf("%s is empty", what)
		}
		*dst = v
		return nil
	}
	for _, t := range toks {
		k, v, ok := strings.Cut(t, ":")
		switch {
		case ok && strings.EqualFold(k, "tag"):
			err = set(&q.Tag, "tag:", v)
		case ok && strings.EqualFold(k, "dns"):
			err = set(&q.DNSName, "dns:", v)
		case ok && strings.EqualFold(k, "ip"):
			if v != "" && !isAddr(v) {
				return q, fmt.Errorf("ip: %q is not an IP address", v)
			}
			err = set(&q.Address, "ip:", v)
		case isAddr(t):
			err = set(&q.Address, "an address", t)
		default:
			name = append(name, t)
		}
		if err != nil {
			return q, err
		}
	}
	q.Name = strings.Join(name, " ")
	return q, nil
}

// isAddr reports an IP address without a zone: a zone (fe80::1%eth0)
// names an interface of the machine asking, which means nothing to the
// platform, and may hold spaces ("::% ").
func isAddr(s string) bool { a, err := netip.ParseAddr(s); return err == nil && a.Zone() == "" }

// splitQuoted splits on spaces, keeping "quoted parts" (after a prefix
// too) together.
func splitQuoted(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, has := false, false
	for _, r := range s {
		switch {
		case r == '"':
			in, has = !in, true
		case !in && (r == ' ' || r == '\t'):
			if has {
				out = append(out, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteRune(r)
			has = true
		}
	}
	if in {
		return nil, fmt.Errorf("a quote is not closed")
	}
	if has {
		out = append(out, cur.String())
	}
	return out, nil
}

// Criteria are the QPS criteria of the search: the mandatory Cloud Agent
// tag first (§15.4), then each part given.
func (q AssetQuery) Criteria() []Criterion {
	cs := []Criterion{{Field: AMAgentTagField, Operator: OpEquals, Value: AMAgentTag}}
	add := func(field string, op Operator, v string) {
		if v = strings.TrimSpace(v); v != "" {
			cs = append(cs, Criterion{Field: field, Operator: op, Value: v})
		}
	}
	add("name", OpContains, q.Name)
	add("dnsHostName", OpContains, q.DNSName)
	add("address", OpEquals, q.Address)
	add("tagName", OpEquals, q.Tag)
	if len(q.IDs) > 0 {
		ids := make([]string, len(q.IDs))
		for i, id := range q.IDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		add("id", OpIn, strings.Join(ids, ","))
	}
	return cs
}

// String is the query as ParseAssetQuery reads it.
func (q AssetQuery) String() string {
	var parts []string
	quote := func(p, v string) {
		if strings.ContainsAny(v, " \t") {
			v = `"` + v + `"`
		}
		parts = append(parts, p+v)
	}
	if n := q.Name; n != "" {
		// Words read back as the same name unless they hold an address,
		// a prefix or a run of spaces, which only quotes keep.
		if back, err := ParseAssetQuery(n); err != nil || !reflect.DeepEqual(back, AssetQuery{Name: n}) {
			n = `"` + n + `"`
		}
		parts = append(parts, n)
	}
	if q.DNSName != "" {
		quote("dns:", q.DNSName)
	}
	if q.Address != "" {
		parts = append(parts, q.Address)
	}
	if q.Tag != "" {
		quote("tag:", q.Tag)
	}
	return strings.Join(parts, " ")
}

package model

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzParseAssetQuery checks that a query that parses is written by
// String as text that parses back to the same query, that its criteria
// are the Cloud Agent tag plus one per part given, and that a refusal is
// one line.
func FuzzParseAssetQuery(f *testing.F) {
	for _, s := range []string{"web01", "10.0.0.1", "dns:host.example", `tag:"Web servers" db`, "ip:::1 x", `"a 10.0.0.1"`, `"a  b"`,
		"tag:a tag:b", "dns:", `"unclosed`, "x\ty", `tag:a:b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseAssetQuery(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal of %q is not one line: %q", s, err)
			}
			return
		}
		back, err := ParseAssetQuery(q.String())
		if err != nil || !reflect.DeepEqual(back, q) {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, q, q.String(), back, err)
		}
		cs := q.Criteria()
		if len(cs) == 0 || cs[0].Field != AMAgentTagField {
			t.Fatalf("criteria of %q do not start with the Cloud Agent tag: %+v", s, cs)
		}
		for _, c := range cs[1:] {
			if strings.TrimSpace(c.Value) == "" {
				t.Fatalf("empty criterion from %q: %+v", s, cs)
			}
		}
	})
}

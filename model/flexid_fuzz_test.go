package model

import (
	"encoding/json"
	"strconv"
	"testing"
)

// FuzzFlexID checks the id rules on any JSON value: what decodes encodes
// again to a value that decodes to the same id; when Int says the id is a
// number, it is positive and marshals as exactly that JSON number; and an
// id that is not written the one way JSON writes it is never a number.
func FuzzFlexID(f *testing.F) {
	for _, s := range []string{`226213`, `"226213"`, `"007"`, `"+7"`, `7.0`, `7e0`, `-1`, `0`, `null`, `"<SCRIPT ID>"`,
		`9223372036854775807`, `9223372036854775808`, `"\u0000"`, `1e400`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var id FlexID
		if json.Unmarshal(b, &id) != nil {
			return
		}
		out, err := json.Marshal(id)
		if err != nil {
			t.Fatalf("id %q decodes but does not encode: %v", string(id), err)
		}
		var back FlexID
		if err := json.Unmarshal(out, &back); err != nil || back != id {
			t.Fatalf("id %q encodes as %s, which reads back as %q (%v)", string(id), out, string(back), err)
		}
		n, ok := id.Int()
		if ok {
			if n <= 0 || string(out) != strconv.FormatInt(n, 10) {
				t.Fatalf("Int(%q) = %d but it marshals as %s", string(id), n, out)
			}
		} else if len(out) > 0 && out[0] != '"' && n > 0 && string(out) == strconv.FormatInt(n, 10) {
			t.Fatalf("%q is not an id by Int but marshals as the number %s", string(id), out)
		}
	})
}

package model

import (
	"reflect"
	"strings"
	"testing"
)

// String is documented as the query as ParseAssetQuery reads it, but it
// wrote a quoted name without its quotes: `"a 10.0.0.1"` (a name) came
// back as the name a and the address 10.0.0.1, and `"a  b"` lost a space
// (found by FuzzParseAssetQuery). A name that would not read back as
// itself is now quoted; plain words are left as typed.
func TestAssetQueryStringReadsBack(t *testing.T) {
	for in, want := range map[string]string{
		`"a 10.0.0.1"`:           `"a 10.0.0.1"`,
		`"a  b"`:                 `"a  b"`,
		`"web tag:x"`:            `"web tag:x"`,
		`web 01 tag:"A B"`:       `web 01 tag:"A B"`,
		`dns:h.example 10.1.1.1`: `dns:h.example 10.1.1.1`,
	} {
		q, err := ParseAssetQuery(in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := q.String(); got != want {
			t.Errorf("%q: String() = %q, want %q", in, got, want)
		}
		if back, err := ParseAssetQuery(q.String()); err != nil || !reflect.DeepEqual(back, q) {
			t.Errorf("%q: %+v reads back as %+v, %v", in, q, back, err)
		}
	}
}

// ip: took any value as an address: "ip:0" searched the address "0", and
// String wrote it as "0", which reads back as a name (found by
// FuzzParseAssetQuery). An ip: value must now be an IP address.
func TestAssetQueryIPMustBeAnAddress(t *testing.T) {
	for _, in := range []string{"ip:0", "ip:web01", "ip:10.0.0.256", "ip:fe80::1%eth0"} {
		if q, err := ParseAssetQuery(in); err == nil {
			t.Errorf("%q accepted: %+v", in, q)
		} else if !strings.HasPrefix(err.Error(), "ip: ") {
			t.Errorf("%q: %v", in, err)
		}
	}
	if q, err := ParseAssetQuery("ip:fe80::1 web"); err != nil || q.Address != "fe80::1" || q.Name != "web" {
		t.Errorf("ip:fe80::1 web: %+v %v", q, err)
	}
}

// An IPv6 address with a zone was an address, and the zone may hold a
// space: the quoted `::"% "` searched the address "::% ", which String
// wrote unquoted and which read back as the name "::%" (found by
// FuzzParseAssetQuery). A zoned address is not an address to search for.
func TestAssetQueryZonedAddressIsNotAnAddress(t *testing.T) {
	q, err := ParseAssetQuery(`::"% "`)
	if err != nil || q.Address != "" || q.Name != "::% " {
		t.Fatalf("%+v %v", q, err)
	}
	if back, err := ParseAssetQuery(q.String()); err != nil || !reflect.DeepEqual(back, q) {
		t.Fatalf("%+v reads back as %+v, %v", q, back, err)
	}
}

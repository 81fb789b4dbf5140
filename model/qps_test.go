package model

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
)

// canonicalXML reduces a document to its element structure and trimmed
// text, so that two documents can be compared regardless of indentation and
// of CDATA versus escaped text.
func canonicalXML(t testing.TB, b []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var out strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("bad XML: %v\n%s", err, b)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			out.WriteString("<" + x.Name.Local)
			for _, a := range x.Attr {
				out.WriteString(" " + a.Name.Local + "=" + a.Value)
			}
			out.WriteString(">")
		case xml.EndElement:
			out.WriteString("</" + x.Name.Local + ">")
		case xml.CharData:
			out.WriteString(strings.TrimSpace(string(x)))
		}
	}
	return out.String()
}

func TestBuildSeed002RequestsFromModel(t *testing.T) {
	emails := []string{"alice.ops@example.com", "bob.secops@example.com", "carol.soc@example.com"}
	reqs := map[string]WasScanSchedule{
		"002-update-1-request.xml": {Notification: &WASNotification{
			Active: Ptr(true), Delay: &WASDelay{Nb: 4, Scale: "DAY"},
			Recipients: SetRecipients(emails), Message: TextPtr("The schedule notification message"),
		}},
		"002-update-2-request.xml": {Name: TextPtr("Update Notification to enable Reschedule"), Notification: &WASNotification{
			Active: Ptr(true), Reschedule: Ptr(true), Delay: &WASDelay{Nb: 1, Scale: "DAY"},
			Message: TextPtr("A Qualys scan is scheduled to start soon."),
		}},
		"002-update-3-request.xml": {Name: TextPtr("Schedule with sendOneMail enabled"), SendMail: Ptr(true), SendOneMail: Ptr(true)},
	}
	for name, s := range reqs {
		t.Run(name, func(t *testing.T) {
			got, err := EncodeRequest(NewUpdateRequest(s))
			if err != nil {
				t.Fatal(err)
			}
			want := readSeed(t, "filled", name)
			if canonicalXML(t, got) != canonicalXML(t, want) {
				t.Fatalf("built request differs from seed\n got: %s\nwant: %s", got, want)
			}
			if err := CheckRequestXML(got, RequestParts{Data: true}); err != nil {
				t.Fatalf("own request fails the schema: %v", err)
			}
		})
	}
}

func TestBuildSeed003RequestFromModel(t *testing.T) {
	c, err := ParseCriterion("name CONTAINS Schedule")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := EncodeRequest(NewSearchRequest([]Criterion{c}, 0))
	want := readSeed(t, "verbatim", "003-deactivate-filter-request.xml")
	if canonicalXML(t, got) != canonicalXML(t, want) {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}

func TestDecodeSeedResponses(t *testing.T) {
	tests := map[string][]int64{
		"002-update-1-response.xml":          {1688},
		"002-update-2-response.xml":          {171425669},
		"002-update-3-response.xml":          {171425669},
		"003-deactivate-id-response.xml":     {1688},
		"003-deactivate-filter-response.xml": {701147, 701946},
	}
	for name, ids := range tests {
		// The seed's attribute holds a literal "<qualys_base_url>", which is
		// not well-formed XML; the filled copy has a real URL there.
		r, err := DecodeResponse(readSeed(t, "filled", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []int64
		for _, s := range r.Schedules() {
			got = append(got, s.IDValue())
		}
		if r.ResponseCode != CodeSuccess || r.CountValue() != len(ids) || !reflect.DeepEqual(got, ids) {
			t.Errorf("%s: code %s count %d ids %v", name, r.ResponseCode, r.CountValue(), got)
		}
	}
}

func TestSeedRequestsPassSchema(t *testing.T) {
	for _, n := range seedNames(t, "verbatim", "00[23]-*-request.xml") {
		parts := RequestParts{Data: true}
		if strings.HasPrefix(n, "003") {
			parts = RequestParts{Filters: true}
		}
		if err := CheckRequestXML(readSeed(t, "verbatim", n), parts); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		r, err := DecodeRequest(readSeed(t, "filled", n))
		if err != nil {
			t.Errorf("%s: %v", n, err)
		}
		if n == "002-update-1-request.xml" {
			got := r.Data.WasScanSchedule.Notification.Recipients.Emails()
			if len(got) != 3 || got[0] != "alice.ops@example.com" {
				t.Errorf("recipients = %q (CDATA with surrounding whitespace)", got)
			}
		}
	}
}

func TestSchemaRejects(t *testing.T) {
	tests := []struct {
		name, body, want string
		parts            RequestParts
	}{
		{"unknown element", `<ServiceRequest><data><WasScanSchedule><nmae>x</nmae></WasScanSchedule></data></ServiceRequest>`, "element 'nmae'", RequestParts{Data: true}},
		{"misplaced element", `<ServiceRequest><data><WasScanSchedule><notification><sendMail>true</sendMail></notification></WasScanSchedule></data></ServiceRequest>`, "element 'sendMail' in ServiceRequest/data/WasScanSchedule/notification", RequestParts{Data: true}},
		{"read-only element", `<ServiceRequest><data><WasScanSchedule><id>5</id></WasScanSchedule></data></ServiceRequest>`, "element 'id'", RequestParts{Data: true}},
		{"verbose", `<ServiceRequest><preferences><verbose>true</verbose></preferences></ServiceRequest>`, "element 'verbose'", RequestParts{Preferences: true, Filters: true}},
		{"data on search", `<ServiceRequest><data/></ServiceRequest>`, "element 'data'", RequestParts{Preferences: true, Filters: true}},
		{"wrong root", `<Request/>`, "element 'Request'", RequestParts{}},
		{"bad attribute", `<ServiceRequest><filters><Criteria field="id" op="IN">1</Criteria></filters></ServiceRequest>`, "Attribute 'op'", RequestParts{Filters: true}},
		{"text in container", `<ServiceRequest><filters>hello</filters></ServiceRequest>`, "no character content", RequestParts{Filters: true}},
		{"not xml", `<ServiceRequest><filters></ServiceRequest>`, "not well-formed", RequestParts{Filters: true}},
		{"element in leaf", `<ServiceRequest><data><WasScanSchedule><name><b>x</b></name></WasScanSchedule></data></ServiceRequest>`, "element 'b'", RequestParts{Data: true}},
	}
	for _, tt := range tests {
		err := CheckRequestXML([]byte(tt.body), tt.parts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
	ok := `<ServiceRequest><preferences><verbose>true</verbose><limitResults>5</limitResults></preferences></ServiceRequest>`
	if err := CheckRequestXML([]byte(ok), RequestParts{Preferences: true, AllowVerbose: true}); err != nil {
		t.Errorf("verbose with AllowVerbose: %v", err)
	}
}

func TestCDATARoundTrip(t *testing.T) {
	for _, v := range []string{"plain", "a]]>b", "]]>", "<tag> & \"quotes\"", "x]]]]>y", "ünïcödé"} {
		s := WasScanSchedule{Name: TextPtr(v), Notification: &WASNotification{Message: TextPtr(v)}}
		b, err := EncodeRequest(NewUpdateRequest(s))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("<![CDATA[")) {
			t.Fatalf("value not in CDATA: %s", b)
		}
		r, err := DecodeRequest(b)
		if err != nil {
			t.Fatalf("%q: %v\n%s", v, err, b)
		}
		if got := r.Data.WasScanSchedule.NameValue(); got != v {
			t.Errorf("name round trip: %q -> %q\n%s", v, got, b)
		}
		if got := string(*r.Data.WasScanSchedule.Notification.Message); got != v {
			t.Errorf("message round trip: %q -> %q", v, got)
		}
	}
}

func TestEncodeResponseRoundTrip(t *testing.T) {
	r := ServiceResponse{ResponseCode: CodeSuccess, Count: Ptr(2), HasMoreRecords: Ptr(true), LastID: Ptr(int64(701946))}
	r.SetSchedules([]WasScanSchedule{{ID: Ptr(int64(701147)), Name: TextPtr("a]]>b")}, {ID: Ptr(int64(701946))}})
	b, err := EncodeResponse(r, "https://qualysapi.example")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) || !bytes.Contains(b, []byte(`xsi:noNamespaceSchemaLocation="https://qualysapi.example/qps/xsd/3.0/was/wasscanschedule.xsd"`)) {
		t.Fatalf("envelope: %s", b)
	}
	got, err := DecodeResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.CountValue() != 2 || !*got.HasMoreRecords || *got.LastID != 701946 || got.Schedules()[0].NameValue() != "a]]>b" {
		t.Fatalf("round trip: %+v", got)
	}
	e, _ := DecodeResponse([]byte(`<ServiceResponse><responseCode>INVALID_REQUEST</responseCode><responseErrorDetails><errorMessage>bad</errorMessage><errorResolution>fix</errorResolution></responseErrorDetails></ServiceResponse>`))
	if e.ErrorDetails == nil || e.ErrorDetails.ErrorMessage != "bad" || e.ErrorDetails.ErrorResolution != "fix" || e.CountValue() != -1 {
		t.Fatalf("error details: %+v", e)
	}
	u, _ := DecodeResponse([]byte(`<ServiceResponse><responseCode>SUCCESS</responseCode><COUNT>7</COUNT></ServiceResponse>`))
	if u.CountValue() != 7 {
		t.Fatalf("COUNT not read")
	}
}

func FuzzDecodeResponse(f *testing.F) {
	for _, n := range []string{"002-update-1-response.xml", "003-deactivate-filter-response.xml"} {
		f.Add(readSeed(f, "filled", n))
	}
	f.Add([]byte(`<ServiceResponse><data><WasScanSchedule><name><![CDATA[x]]]]><![CDATA[>]]></name></WasScanSchedule></data></ServiceResponse>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeResponse(b)
		if err != nil {
			return
		}
		out, err := EncodeResponse(r, "")
		if err != nil {
			return // e.g. invalid UTF-8 names cannot be re-encoded
		}
		r2, err := DecodeResponse(out)
		if err != nil {
			t.Fatalf("own encoding does not decode: %v\n%s", err, out)
		}
		if len(r2.Schedules()) != len(r.Schedules()) || r2.CountValue() != r.CountValue() {
			t.Fatalf("schedules lost in round trip")
		}
	})
}

func FuzzCheckRequestXML(f *testing.F) {
	for _, n := range []string{"002-update-1-request.xml", "002-update-3-request.xml", "003-deactivate-filter-request.xml"} {
		f.Add(readSeed(f, "verbatim", n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		all := RequestParts{Preferences: true, Filters: true, Data: true}
		if CheckRequestXML(b, all) != nil {
			return
		}
		// The schema checks structure, not values (<active>2</active> passes
		// it and fails decoding). What decodes must re-encode into a request
		// the schema accepts: qsched never sends what it would refuse.
		r, err := DecodeRequest(b)
		if err != nil {
			return
		}
		out, err := EncodeRequest(r)
		if err != nil {
			return
		}
		if err := CheckRequestXML(out, all); err != nil {
			t.Fatalf("own encoding fails the schema: %v\n%s", err, out)
		}
	})
}

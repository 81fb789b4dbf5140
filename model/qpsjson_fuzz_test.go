package model

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzDecodeResponseJSON checks that a JSON answer qsched accepts means
// the same as the XML document it stands for: what DecodeResponseJSON
// returns, written as XML (when it can be: XML cannot carry the control
// characters JSON can, which are kept as sent), decodes with DecodeResponse to the same
// response code, count and schedules, and that a refusal is one line.
func FuzzDecodeResponseJSON(f *testing.F) {
	f.Add([]byte(jsonSearchAnswer))
	f.Add([]byte(`{"ServiceResponse":{"responseCode":"SUCCESS","COUNT":1,"data":{"WasScanSchedule":{"id":5}}}}`))
	f.Add([]byte(`{"ServiceResponse":{"responseCode":"INVALID_REQUEST","responseErrorDetails":{"errorMessage":"bad","errorResolution":"fix"}}}`))
	f.Add([]byte(`{"ServiceResponse":{"data":[{"WasScanSchedule":{"scheduling":{"occurrence":{"monthlyOccurrence":{"x":"\u0001]]>"}}}}}]}}`))
	f.Add([]byte(`{"ServiceResponse":{"responseCode":"SUCCESS","data":[{"WasScanSchedule":{"name":["a","b"],"notification":{"recipients":{"list":[{"EmailAddress":null}]}}}}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeResponseJSON(b)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal is not one line: %q", err)
			}
			return
		}
		out, err := EncodeResponse(r, "")
		if err != nil {
			return
		}
		x, err := DecodeResponse(out)
		if err != nil && strings.Contains(err.Error(), "illegal character code") {
			return // kept as sent (see DecodeResponseJSON); XML cannot carry it
		}
		if err != nil {
			t.Fatalf("XML of a decoded JSON answer does not decode: %v\n%s", err, out)
		}
		if x.ResponseCode != r.ResponseCode || x.CountValue() != r.CountValue() || len(x.Schedules()) != len(r.Schedules()) {
			t.Fatalf("JSON and XML readings differ:\n%+v\n%+v", r, x)
		}
		again, err := EncodeResponse(x, "")
		// An XML reader turns CR and CRLF into LF, even in CDATA.
		norm := bytes.ReplaceAll(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		if err != nil || !bytes.Equal(again, norm) {
			t.Fatalf("XML of the answer is not stable (%v):\n%s\n%s", err, out, again)
		}
	})
}

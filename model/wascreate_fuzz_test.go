package model

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzDecodeWASCreate reads any bytes as a WAS create file (XML or its
// JSON form). A refusal is one line; a schedule that decodes and that
// ValidateWASCreate finds nothing wrong with encodes into a request the
// schema accepts, which reads back as the same schedule (its encoding is
// stable).
func FuzzDecodeWASCreate(f *testing.F) {
	f.Add([]byte(createXML))
	f.Add([]byte(createJSON))
	f.Add([]byte(`{"ServiceRequest":{"data":{"WasScanSchedule":{"name":"a\u0007"}}}}`))
	f.Add([]byte("\xef\xbb\xbf<ServiceRequest><data><WasScanSchedule><name>x</name></WasScanSchedule></data></ServiceRequest>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeWASCreate(b)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal is not one line: %q", err)
			}
			return
		}
		if len(ValidateWASCreate(s)) > 0 {
			return
		}
		out, err := EncodeRequest(NewCreateRequest(s))
		if err != nil {
			t.Fatalf("valid schedule does not encode: %v", err)
		}
		back, err := DecodeWASCreate(out)
		if err != nil {
			t.Fatalf("own request is refused: %v\n%s", err, out)
		}
		again, err := EncodeRequest(NewCreateRequest(back))
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("request changes when read back (%v):\n%s\n%s", err, out, again)
		}
	})
}

package client_test

import (
	"encoding/xml"
	"reflect"
	"runtime"
	"testing"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// decodePage is a search answer of 1,000 seeded schedules, as the simulator
// serves a page.
func decodePage(b testing.TB) []byte {
	b.Helper()
	s := sim.New(sim.Options{WASSchedules: 1000})
	var r model.ServiceResponse
	r.ResponseCode = model.CodeSuccess
	n, more, last := 1000, true, int64(0)
	r.Count, r.HasMoreRecords, r.LastID = &n, &more, &last
	r.SetSchedules(s.WASSchedules())
	body, err := model.EncodeResponse(r, "http://127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkBudgetDecodePage decodes a page of 1,000 schedules as the
// client does (model.DecodeResponse) and reports what is allocated per
// schedule; encoding/xml beside it for comparison.
func BenchmarkBudgetDecodePage(b *testing.B) {
	body := decodePage(b)
	b.Run("qsched", func(b *testing.B) { benchDecode(b, body, model.DecodeResponse) })
	b.Run("encoding-xml", func(b *testing.B) {
		benchDecode(b, body, func(p []byte) (model.ServiceResponse, error) {
			var r model.ServiceResponse
			return r, xml.Unmarshal(p, &r)
		})
	})
}

func benchDecode(b *testing.B, body []byte, decode func([]byte) (model.ServiceResponse, error)) {
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		r, err := decode(body)
		if err != nil || len(r.Schedules()) != 1000 {
			b.Fatalf("%d schedules, %v", len(r.Schedules()), err)
		}
	}
	runtime.ReadMemStats(&after)
	n := float64(b.N) * 1000
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/schedule")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/schedule")
}

// A whole page of seeded schedules reads the same through the fast path
// as through encoding/xml, and the fast path takes it.
func TestDecodePageSameAsEncodingXML(t *testing.T) {
	body := decodePage(t)
	fast, err := model.DecodeResponse(body)
	if err != nil {
		t.Fatal(err)
	}
	var slow model.ServiceResponse
	if err := xml.Unmarshal(body, &slow); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) || len(fast.Schedules()) != 1000 {
		t.Fatalf("fast and encoding/xml differ on a page of %d", len(fast.Schedules()))
	}
	// encoding/xml allocates 570 times a schedule; the fast path about 42.
	if n := testing.AllocsPerRun(1, func() { _, _ = model.DecodeResponse(body) }); n > 100*1000 {
		t.Fatalf("%.0f allocations for a page: the fast path declined a page the simulator serves", n)
	}
}

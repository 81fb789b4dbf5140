package sim

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
)

// The simulator's cost budgets of issue 16: a search page and a bulk chunk
// cost in proportion to the page or chunk, not to the schedules held —
// the same request at 1,000 and at 100,000 schedules (`qsched bench-table`
// divides the two).

// serve sends a QPS request straight to the handler and checks the answer.
func serve(b *testing.B, s *Server, verb string, r model.ServiceRequest) {
	body, err := model.EncodeRequest(r)
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/qps/rest/3.0/"+verb+"/was/wasscanschedule", bytes.NewReader(body))
	req.Header.Set("Content-Type", "text/xml")
	req.SetBasicAuth("demo", "demo")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), model.CodeSuccess) {
		b.Fatalf("%s: %d %.300s", verb, rec.Code, rec.Body.String())
	}
}

// sizes are the two simulators each benchmark compares.
var sizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"100k", 100_000}}

// BenchmarkBudgetSimPage serves the last page of 1,000 schedules (id
// GREATER the 1,001st from the end).
func BenchmarkBudgetSimPage(b *testing.B) {
	for _, sz := range sizes {
		b.Run(sz.name, func(b *testing.B) {
			s := New(Options{WASSchedules: sz.n, RateLimit: 1 << 30})
			ids := s.was.ids
			after := int64(0)
			if len(ids) > 1000 {
				after = ids[len(ids)-1001]
			}
			r := model.NewSearchRequest([]model.Criterion{{Field: "id", Operator: model.OpGreater, Value: strconv.FormatInt(after, 10)}}, 1000)
			for b.Loop() {
				serve(b, s, "search", r)
			}
		})
	}
}

// BenchmarkBudgetSimBulkChunk deactivates 1,000 schedules by `id IN`, the
// last 1,000 held.
func BenchmarkBudgetSimBulkChunk(b *testing.B) {
	for _, sz := range sizes {
		b.Run(sz.name, func(b *testing.B) {
			s := New(Options{WASSchedules: sz.n, RateLimit: 1 << 30})
			ids := s.was.ids[len(s.was.ids)-1000:]
			list := make([]string, len(ids))
			for i, id := range ids {
				list[i] = strconv.FormatInt(id, 10)
			}
			r := model.NewSearchRequest([]model.Criterion{{Field: "id", Operator: model.OpIn, Value: strings.Join(list, ",")}}, 0)
			for b.Loop() {
				serve(b, s, "deactivate", r)
			}
		})
	}
}

package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// The budget benchmarks of issue 16; `go run ./cmd/qsched bench-table`
// reads their output (docs/performance.md).

// benchEnv is a simulator of n WAS schedules with no rate limit to meet,
// and a client of it.
func benchEnv(b *testing.B, n int) *env {
	b.Helper()
	s := sim.New(sim.Options{WASSchedules: n, RateLimit: 1 << 30})
	srv := httptest.NewServer(s)
	b.Cleanup(srv.Close)
	c, err := client.New(client.Config{
		APIURL: srv.URL, GatewayURL: srv.URL,
		Credentials: client.Credentials{Username: "demo", Password: "demo"},
	})
	if err != nil {
		b.Fatal(err)
	}
	return &env{sim: s, srv: srv, c: c}
}

var plainLastID = regexp.MustCompile(`<lastId>(\d+)</lastId>`)

// plainLoad is the floor a load is compared with: a plain sequential loop
// of HTTP calls asking for the next 1,000 schedules after the last id,
// reading each answer whole and looking only for its lastId — no decoding.
// It returns the pages fetched.
func plainLoad(b *testing.B, base string) int {
	url := base + "/qps/rest/3.0/search/was/wasscanschedule"
	var after int64
	pages := 0
	for {
		var cs []model.Criterion
		if after > 0 {
			cs = []model.Criterion{{Field: "id", Operator: model.OpGreater, Value: strconv.FormatInt(after, 10)}}
		}
		body, err := model.EncodeRequest(model.NewSearchRequest(cs, model.MaxLimitResults))
		if err != nil {
			b.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "text/xml")
		req.SetBasicAuth("demo", "demo")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("page %d: %d %v", pages, resp.StatusCode, err)
		}
		pages++
		m := plainLastID.FindSubmatch(data)
		if m == nil || !bytes.Contains(data, []byte("<hasMoreRecords>true</hasMoreRecords>")) {
			return pages
		}
		after, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
}

// qschedLoad reads every schedule through client.WAS.Pages — the path of
// `was list --json` and of the TUI's load — keeping none (as the streamed
// list does) and returns how many it read.
func qschedLoad(b *testing.B, c *client.Client) int {
	n := 0
	for p, err := range c.WAS.Pages(context.Background(), nil, 0) {
		if err != nil {
			b.Fatal(err)
		}
		n += len(p.Schedules)
	}
	return n
}

// BenchmarkBudgetLoad100k loads 100,000 schedules (100 pages of 1,000)
// from one simulator, the plain loop and qsched taking turns three times
// per iteration on the same server; it reports the medians and their
// ratio, so that a busy machine slows both alike.
func BenchmarkBudgetLoad100k(b *testing.B) {
	e := benchEnv(b, 100_000)
	var plain, qs []float64
	for b.Loop() {
		for range 3 {
			t := time.Now()
			if p := plainLoad(b, e.srv.URL); p != 100 {
				b.Fatalf("plain loop fetched %d pages, want 100", p)
			}
			plain = append(plain, time.Since(t).Seconds())
			t = time.Now()
			if n := qschedLoad(b, e.c); n != 100_000 {
				b.Fatalf("qsched read %d schedules, want 100000", n)
			}
			qs = append(qs, time.Since(t).Seconds())
		}
	}
	p, q := median(plain), median(qs)
	b.ReportMetric(p, "plain-s")
	b.ReportMetric(q, "qsched-s")
	b.ReportMetric(q/p, "qsched/plain")
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// BenchmarkBudgetBulk10k deactivates 10,000 schedules: in chunks of 1,000
// ids (client.WAS.SetActive), and one request per id beside it.
func BenchmarkBudgetBulk10k(b *testing.B) {
	e := benchEnv(b, 10_000)
	var ids []int64
	for _, s := range e.sim.WASSchedules() {
		ids = append(ids, s.IDValue())
	}
	b.Run("chunked", func(b *testing.B) {
		reqs := 0
		for b.Loop() {
			res := e.c.WAS.SetActive(context.Background(), false, ids, nil)
			if len(res.Succeeded()) != len(ids) {
				b.Fatalf("%d of %d deactivated", len(res.Succeeded()), len(ids))
			}
			reqs = res.Requests
		}
		b.ReportMetric(float64(reqs), "requests")
	})
	b.Run("per-id", func(b *testing.B) {
		reqs := 0
		for b.Loop() {
			reqs = 0
			for _, id := range ids {
				res := e.c.WAS.SetActive(context.Background(), false, []int64{id}, nil)
				if len(res.Succeeded()) != 1 {
					b.Fatalf("%d not deactivated: %+v", id, res.Items)
				}
				reqs += res.Requests
			}
		}
		b.ReportMetric(float64(reqs), "requests")
	})
}

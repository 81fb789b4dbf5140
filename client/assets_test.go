package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const hostAssetEP = "POST /qps/rest/2.0/search/am/hostasset"

// bodyLog is a simulator behind a handler that keeps the body of every
// request whose path contains match.
type bodyLog struct {
	mu     sync.Mutex
	bodies []string
}

func (r *bodyLog) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...)
}

func setupRecording(t *testing.T, o sim.Options, match string) (*env, *bodyLog) {
	t.Helper()
	s := sim.New(o)
	rec := &bodyLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, match) {
			b, _ := io.ReadAll(r.Body)
			rec.mu.Lock()
			rec.bodies = append(rec.bodies, string(b))
			rec.mu.Unlock()
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"},
		MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &env{sim: s, srv: srv, c: c}, rec
}

const cloudAgentCriterion = `<Criteria field="tagName" operator="EQUALS">Cloud Agent</Criteria>`

// Every agent, in ascending id order, in pages of 100 that each carry the
// Cloud Agent criterion and the previous page's last id.
func TestAssetsSearchPagesToTheEndOverEveryAgent(t *testing.T) {
	e, rec := setupRecording(t, sim.Options{WASSchedules: -1, Seed: 2}, "/search/am/hostasset")
	var pages int
	var last int64
	var all []model.HostAsset
	for p, err := range e.c.Assets.Search(context.Background(), model.AssetQuery{}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range p.Assets {
			if a.ID <= last {
				t.Fatalf("id %d after %d: not ascending", a.ID, last)
			}
			last = a.ID
		}
		all = append(all, p.Assets...)
		if len(p.Assets) > model.AMPageSize || (p.More && len(p.Assets) != model.AMPageSize) {
			t.Fatalf("page %d holds %d agents, more %v", pages, len(p.Assets), p.More)
		}
	}
	agents := e.sim.Agents()
	if len(all) != 2250 || len(agents) != 2250 || pages != 23 || e.calls(hostAssetEP) != 23 {
		t.Fatalf("%d agents in %d pages (%d requests); the simulator has %d", len(all), pages, e.calls(hostAssetEP), len(agents))
	}
	for i, a := range all {
		if a.ID != agents[i].ID || a.AgentInfo.AgentID != agents[i].AgentUUID || a.Name != agents[i].Name || a.AgentInfo.LastCheckedIn.IsZero() {
			t.Fatalf("agent %d: %+v, the simulator has %+v", i, a, agents[i])
		}
		if got := a.CARAsset(); got.UUId != agents[i].AgentUUID || got.ID != model.IDOf(agents[i].ID) {
			t.Fatalf("CAR pair %+v", got)
		}
	}
	bodies := rec.all()
	for i, b := range bodies {
		if !strings.Contains(b, cloudAgentCriterion) {
			t.Fatalf("request %d lacks the Cloud Agent criterion:\n%s", i, b)
		}
		if i > 0 && !strings.Contains(b, `<Criteria field="id" operator="GREATER">`) {
			t.Fatalf("request %d does not page by id:\n%s", i, b)
		}
	}
	// A query: every criterion in every request, the Cloud Agent one too.
	before := len(bodies)
	q, err := model.ParseAssetQuery(`web tag:"Cloud Agent" dns:example`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.c.Assets.All(context.Background(), q)
	if err != nil || len(got) == 0 {
		t.Fatalf("query: %d agents, %v", len(got), err)
	}
	for _, a := range got {
		if !strings.Contains(a.Name, "web") || !strings.Contains(a.DNSHostName, "example") {
			t.Fatalf("%s does not match", a.Name)
		}
	}
	for _, b := range rec.all()[before:] {
		for _, want := range []string{cloudAgentCriterion, `<Criteria field="name" operator="CONTAINS">web</Criteria>`, `<Criteria field="dnsHostName" operator="CONTAINS">example</Criteria>`} {
			if !strings.Contains(b, want) {
				t.Fatalf("request lacks %s:\n%s", want, b)
			}
		}
	}
	// By name, then by its address: exactly web-01.
	one, err := e.c.Assets.All(context.Background(), model.AssetQuery{Name: "web-01.example.com"})
	if err != nil || len(one) != 1 || one[0].ID != 44496319 || one[0].AgentInfo.AgentID != "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81" {
		t.Fatalf("web-01: %+v %v", one, err)
	}
	if by, err := e.c.Assets.All(context.Background(), model.AssetQuery{Address: one[0].Address}); err != nil || len(by) != 1 || by[0].ID != one[0].ID {
		t.Fatalf("by address: %+v %v", by, err)
	}
}

// The request builder says what a dry run shows, and the endpoint is the
// documented one.
func TestAssetSearchRequest(t *testing.T) {
	r, err := client.NewAssetSearchRequest(model.AssetQuery{Tag: "Web servers"}, 42)
	if err != nil {
		t.Fatal(err)
	}
	body := string(r.Body())
	if r.Method() != http.MethodPost || r.Path() != "/qps/rest/2.0/search/am/hostasset" || !strings.Contains(body, cloudAgentCriterion) ||
		!strings.Contains(body, `<Criteria field="tagName" operator="EQUALS">Web servers</Criteria>`) || !strings.Contains(body, `<Criteria field="id" operator="GREATER">42</Criteria>`) ||
		!strings.Contains(body, "<limitResults>100</limitResults>") {
		t.Fatalf("%s %s\n%s", r.Method(), r.Path(), body)
	}
	if !client.EndpointOf(client.AMHostAssets).Confirmed {
		t.Fatal("the host-asset search is documented")
	}
}

// A server that says "more" without advancing stops the search with an
// error instead of looping.
func TestAssetsSearchStopsWhenPagingDoesNotAdvance(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, `<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count><hasMoreRecords>true</hasMoreRecords><lastId>0</lastId>
<data><HostAsset><id>5</id><name>a</name></HostAsset></data></ServiceResponse>`)
	}))
	t.Cleanup(srv.Close)
	c, _ := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	_, err := c.Assets.All(context.Background(), model.AssetQuery{})
	var ce *client.Error
	if !errors.As(err, &ce) || !strings.Contains(ce.Message, "stopping instead of looping") {
		t.Fatalf("err %v", err)
	}
}

// The picker's bounded search asks for exactly the pages it uses: no page
// is fetched ahead and cancelled, which the platform would count all the
// same (and which made the budget shown depend on which call it counted
// last).
func TestAssetsSearchUpToAsksForNoPageItWillNotUse(t *testing.T) {
	for _, c := range []struct{ n, pages, calls int }{{300, 3, 3}, {250, 3, 3}, {1, 1, 1}, {0, 23, 23}} {
		e, _ := setupRecording(t, sim.Options{WASSchedules: -1, Seed: 2}, "/search/am/hostasset")
		var pages, got int
		for p, err := range e.c.Assets.SearchUpTo(context.Background(), model.AssetQuery{}, c.n) {
			if err != nil {
				t.Fatal(err)
			}
			pages++
			got += len(p.Assets)
		}
		if pages != c.pages || e.calls(hostAssetEP) != c.calls || c.n > 0 && got < c.n {
			t.Errorf("up to %d: %d agents in %d pages, %d calls; want %d pages, %d calls", c.n, got, pages, e.calls(hostAssetEP), c.pages, c.calls)
		}
	}
}

package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const (
	webAppSearchEP  = "POST /qps/rest/3.0/search/was/webapp"
	profileSearchEP = "POST /qps/rest/3.0/search/was/optionprofile"
)

func appNames(items []model.WASWebAppItem) []string {
	out := make([]string, len(items))
	for i, a := range items {
		out[i] = string(a.Name)
	}
	return out
}

func TestSearchWebAppsByNameAndPage(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 10}, nil)
	ctx := context.Background()

	got, err := e.c.WAS.SearchWebApps(ctx, client.CatalogQuery{NameContains: " portal "})
	if err != nil {
		t.Fatal(err)
	}
	if names := appNames(got.Items); !slices.Equal(names, []string{"Customer portal", "Docs portal"}) || got.More {
		t.Fatalf("name CONTAINS portal: %v more=%v", names, got.More)
	}
	a := got.Items[0]
	if a.ID != 2900115 || string(a.URL) != "https://portal.example.com/" {
		t.Fatalf("web app %+v", a)
	}

	// Every web app, 5 per request: 18 (two are deleted), ascending ids,
	// in 4 requests.
	before := e.calls(webAppSearchEP)
	all, err := e.c.WAS.SearchWebApps(ctx, client.CatalogQuery{PageSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Items) != 18 || all.More || e.calls(webAppSearchEP)-before != 4 {
		t.Fatalf("%d web apps, more=%v, %d requests", len(all.Items), all.More, e.calls(webAppSearchEP)-before)
	}
	if !slices.IsSortedFunc(all.Items, func(x, y model.WASWebAppItem) int { return int(x.ID - y.ID) }) {
		t.Fatal("ids not ascending across pages")
	}
	var tagged bool
	for _, a := range all.Items {
		if len(a.Tags.Tags()) > 0 && a.Tags.Tags()[0].Name != nil {
			tagged = true
		}
		if strings.Contains(string(a.Name), "Legacy billing") || strings.Contains(string(a.Name), "Data lake UI") {
			t.Errorf("deleted web app listed: %s", a.Name)
		}
	}
	if !tagged {
		t.Error("no web app read with its tags")
	}

	// A limit stops early and says more exist.
	before = e.calls(webAppSearchEP)
	some, err := e.c.WAS.SearchWebApps(ctx, client.CatalogQuery{PageSize: 5, Limit: 7})
	if err != nil || len(some.Items) != 7 || !some.More || e.calls(webAppSearchEP)-before != 2 {
		t.Fatalf("limit 7: %d items, more=%v, %d requests, %v", len(some.Items), some.More, e.calls(webAppSearchEP)-before, err)
	}
	if !slices.Equal(appNames(some.Items), appNames(all.Items[:7])) {
		t.Fatalf("limited %v, all %v", appNames(some.Items), appNames(all.Items[:7]))
	}

	// Nothing matches: no items, no error.
	none, err := e.c.WAS.SearchWebApps(ctx, client.CatalogQuery{NameContains: "no such app"})
	if err != nil || len(none.Items) != 0 || none.More {
		t.Fatalf("no match: %+v %v", none, err)
	}
}

func TestSearchOptionProfiles(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 10}, nil)
	ctx := context.Background()
	all, err := e.c.WAS.SearchOptionProfiles(ctx, client.CatalogQuery{})
	if err != nil || len(all.Items) != 3 || all.More {
		t.Fatalf("%+v %v", all, err)
	}
	if p := all.Items[0]; p.ID != 610001 || string(p.Name) != "Initial WAS Options" || p.IsDefault == nil || !*p.IsDefault {
		t.Fatalf("first profile %+v", p)
	}
	pci, err := e.c.WAS.SearchOptionProfiles(ctx, client.CatalogQuery{NameContains: "PCI"})
	if err != nil || len(pci.Items) != 1 || pci.Items[0].ID != 610003 {
		t.Fatalf("name CONTAINS PCI: %+v %v", pci, err)
	}
	if n := e.calls(profileSearchEP); n != 2 {
		t.Fatalf("%d requests", n)
	}
}

// The request is the documented envelope: criteria, limitResults, and
// nothing else.
func TestCatalogSearchRequestBody(t *testing.T) {
	req, err := client.NewCatalogSearchRequest("/was/webapp", "shop & co", 2900101, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := `<ServiceRequest>
  <preferences>
    <limitResults>50</limitResults>
  </preferences>
  <filters>
    <Criteria field="name" operator="CONTAINS">shop &amp; co</Criteria>
    <Criteria field="id" operator="GREATER">2900101</Criteria>
  </filters>
</ServiceRequest>
`
	if req.Method() != http.MethodPost || req.Path() != "/qps/rest/3.0/search/was/webapp" || string(req.Body()) != want {
		t.Fatalf("%s %s\n%s", req.Method(), req.Path(), req.Body())
	}
}

// A JSON answer (a proxy may force one, §15.1) reads the same.
func TestCatalogSearchReadsJSON(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 10})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Accept", "application/json")
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.WAS.SearchWebApps(context.Background(), client.CatalogQuery{NameContains: "portal", PageSize: 1})
	if err != nil || !slices.Equal(appNames(got.Items), []string{"Customer portal", "Docs portal"}) {
		t.Fatalf("%v %v", appNames(got.Items), err)
	}
	ps, err := c.WAS.SearchOptionProfiles(context.Background(), client.CatalogQuery{})
	if err != nil || len(ps.Items) != 3 || string(ps.Items[2].Name) != "Deep scan (PCI)" {
		t.Fatalf("%+v %v", ps, err)
	}
}

// A refusal is an *Error with the server's code; bad credentials stop.
func TestCatalogSearchErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write([]byte(`<ServiceResponse><responseCode>INVALID_REQUEST</responseCode><responseErrorDetails><errorMessage>no</errorMessage></responseErrorDetails></ServiceResponse>`))
	}))
	t.Cleanup(srv.Close)
	c, _ := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "u", Password: "p"}})
	_, err := c.WAS.SearchWebApps(context.Background(), client.CatalogQuery{})
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Code != "INVALID_REQUEST" || ce.Message != "no" {
		t.Fatalf("%v", err)
	}

	e := setup(t, sim.Options{WASSchedules: 10}, func(c *client.Config) { c.Credentials.Password = "wrong" })
	if _, err := e.c.WAS.SearchOptionProfiles(context.Background(), client.CatalogQuery{}); !errors.Is(err, client.ErrAuth) {
		t.Fatalf("bad password: %v", err)
	}
}

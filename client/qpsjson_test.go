package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
)

// jsonWAS is an API server behind a proxy that forces JSON answers
// (§15.1): whatever qsched sends, it answers application/json. It checks
// that every request is still XML.
type jsonWAS struct {
	t      *testing.T
	mu     sync.Mutex
	paths  []string
	bodies []string
}

func (j *jsonWAS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	j.mu.Lock()
	j.paths = append(j.paths, r.Method+" "+r.URL.Path)
	j.bodies = append(j.bodies, string(b))
	j.mu.Unlock()
	if len(b) > 0 && (r.Header.Get("Content-Type") != "text/xml" || !strings.HasPrefix(string(b), "<ServiceRequest>")) {
		j.t.Errorf("%s %s: sent %q %.40q, want XML", r.Method, r.URL.Path, r.Header.Get("Content-Type"), b)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	sched := func(id int) string {
		return fmt.Sprintf(`{"WasScanSchedule":{"id":%d,"name":"s%d","active":"true","multi":true,
			"target":{"webApps":{"count":2,"list":[{"WebApp":{"id":11,"name":"shop"}},{"WebApp":{"id":12,"name":"blog"}}]},
			  "tags":{"included":{"option":"ANY","tagList":{"count":1,"list":[{"Tag":{"id":5,"name":"prod"}}]}}}},
			"notification":{"active":true,"recipients":{"list":[{"EmailAddress":"a@x.com"}]}}}}`, id, id)
	}
	switch {
	case r.URL.Path == "/qps/rest/3.0/search/was/wasscanschedule" && !strings.Contains(string(b), `field="id" operator="GREATER"`):
		fmt.Fprintf(w, `{"ServiceResponse":{"data":[%s,%s],"count":2,"hasMoreRecords":"true","lastId":"2","responseCode":"SUCCESS"}}`, sched(1), sched(2))
	case r.URL.Path == "/qps/rest/3.0/search/was/wasscanschedule":
		// A long page: responseCode, last, is far from the start.
		fmt.Fprintf(w, `{"ServiceResponse":{"data":[%s],"count":1,"hasMoreRecords":"false","padding":%q,"responseCode":"SUCCESS"}}`, sched(3), strings.Repeat("x", 10000))
	case r.URL.Path == "/qps/rest/3.0/count/was/wasscanschedule":
		fmt.Fprint(w, `{"ServiceResponse":{"count":"42","responseCode":"SUCCESS"}}`)
	case r.URL.Path == "/qps/rest/3.0/get/was/wasscanschedule/2":
		fmt.Fprintf(w, `{"ServiceResponse":{"data":[%s],"count":1,"responseCode":"SUCCESS"}}`, sched(2))
	default:
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"ServiceResponse":{"responseCode":"NOT_FOUND","responseErrorDetails":{"errorMessage":"no such schedule","errorResolution":"check the id"}}}`)
	}
}

func TestJSONAnswersAreRead(t *testing.T) {
	j := &jsonWAS{t: t}
	srv := httptest.NewServer(j)
	defer srv.Close()
	var mu sync.Mutex
	var codes []string
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "u", Password: "p"},
		Observer: func(r client.CallRecord) { mu.Lock(); codes = append(codes, r.Code); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// search: both pages, paged by lastId.
	crit, _ := model.ParseCriterion("name CONTAINS s")
	all, err := c.WAS.All(ctx, []model.Criterion{crit})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range all {
		ids = append(ids, s.IDValue())
	}
	if fmt.Sprint(ids) != "[1 2 3]" || all[0].NameValue() != "s1" || !all[0].IsActive() || all[0].WebAppName() != "shop +1" {
		t.Fatalf("search: ids %v, first %q %v %q", ids, all[0].NameValue(), all[0].IsActive(), all[0].WebAppName())
	}
	if len(j.paths) != 2 || !strings.Contains(j.bodies[1], `<Criteria field="id" operator="GREATER">2</Criteria>`) {
		t.Fatalf("paging: %v %q", j.paths, j.bodies)
	}

	// count
	if n, err := c.WAS.Count(ctx, []model.Criterion{crit}); err != nil || n != 42 {
		t.Fatalf("count %d, %v", n, err)
	}

	// get: the QLists of the target and the recipients, with their counts.
	s, err := c.WAS.Get(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	tg := s.Target
	if len(tg.WebApps.Apps()) != 2 || *tg.WebApps.Count != 2 || tg.Tags.Included.Option != "ANY" ||
		string(*tg.Tags.Included.TagList.Tags()[0].Name) != "prod" || strings.Join(s.Notification.Recipients.Emails(), ",") != "a@x.com" {
		t.Fatalf("get: %+v", tg)
	}

	// A QPS error in JSON is the typed error, its text kept.
	_, err = c.WAS.Get(ctx, 9)
	var ae *client.Error
	if !errors.As(err, &ae) || ae.Code != "NOT_FOUND" || ae.Message != "no such schedule" || ae.Resolution != "check the id" || ae.Status != http.StatusBadRequest {
		t.Fatalf("error: %#v", err)
	}

	// The API log names each answer's code.
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(codes, ",") != "SUCCESS,SUCCESS,SUCCESS,SUCCESS,NOT_FOUND" {
		t.Fatalf("codes %q", codes)
	}
}

// Only an answer that says it is JSON is read as JSON: XML labelled XML,
// or unlabelled, is read as before, and JSON that is not a ServiceResponse
// is described, not dumped.
func TestOnlyJSONContentTypeIsReadAsJSON(t *testing.T) {
	for _, tc := range []struct {
		ct, body string
		ok       bool
	}{
		{"application/json", `{"ServiceResponse":{"responseCode":"SUCCESS","count":7}}`, true},
		{"application/vnd.qualys+json; charset=utf-8", `{"ServiceResponse":{"responseCode":"SUCCESS","count":7}}`, true},
		{"text/xml", `<ServiceResponse><responseCode>SUCCESS</responseCode><count>7</count></ServiceResponse>`, true},
		{"", `<ServiceResponse><responseCode>SUCCESS</responseCode><count>7</count></ServiceResponse>`, true},
		{"application/json", `<ServiceResponse><responseCode>SUCCESS</responseCode><count>7</count></ServiceResponse>`, false},
		{"text/xml", `{"ServiceResponse":{"responseCode":"SUCCESS","count":7}}`, false},
		{"application/json", `{"error":"proxy says no"}`, false},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tc.ct != "" {
				w.Header().Set("Content-Type", tc.ct)
			} else {
				w.Header()["Content-Type"] = nil
			}
			fmt.Fprint(w, tc.body)
		}))
		c, _ := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "u", Password: "p"}})
		n, err := c.WAS.Count(context.Background(), nil)
		srv.Close()
		if tc.ok != (err == nil && n == 7) {
			t.Errorf("%q %.20q: count %d, %v", tc.ct, tc.body, n, err)
		}
		if !tc.ok && (err == nil || strings.Contains(err.Error(), "proxy says no")) {
			t.Errorf("%q %.20q: error %v", tc.ct, tc.body, err)
		}
	}
}

package sim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

func newTest(t *testing.T, o Options) (*Server, *httptest.Server) {
	t.Helper()
	s := New(o)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func seed(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// qps sends an XML request the way the seed's curl does:
// curl -u USER:PASS -H "content-type: text/xml" -X POST --data-binary @file.
func qps(t *testing.T, method, u string, body []byte) (*http.Response, model.ServiceResponse) {
	t.Helper()
	req, _ := http.NewRequest(method, u, bytes.NewReader(body))
	req.SetBasicAuth("demo", "demo")
	req.Header.Set("Content-Type", "text/xml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r, err := model.DecodeResponse(b)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", method, u, err, b)
	}
	return resp, r
}

func login(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.PostForm(base+"/auth", url.Values{"username": {"demo"}, "password": {"demo"}, "token": {"true"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated || strings.Count(string(b), ".") != 2 {
		t.Fatalf("auth: %d %s", resp.StatusCode, b)
	}
	return string(b)
}

// car sends a JSON body the way seed 000's curl does.
func car(t *testing.T, base, token, path string, body []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	return resp.StatusCode, out
}

func TestSeed000BodiesAccepted(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: 10})
	tok := login(t, ts.URL)
	names := []string{"000-curl-one-time.json", "000-one-time.json", "000-monthly.json", "000-weekly.json", "000-hourly.json", "000-daily.json", "000-reboot.json"}
	for _, n := range names {
		status, out := car(t, ts.URL, tok, "/sm/v1/scripts/scheduler", seed(t, "filled", n))
		body, _ := out["body"].(map[string]any)
		id, _ := body["id"].(string)
		if status != 200 || out["errorCode"] != "0" || out["message"] != "Script scheduler created successfully" || !model.ValidUUID(id) {
			t.Errorf("%s: %d %v", n, status, out)
		}
	}
	recs := s.CARSchedules()
	if len(recs) != len(names) {
		t.Fatalf("stored %d schedules, want %d", len(recs), len(names))
	}
	if !bytes.Equal(recs[0].Raw, seed(t, "filled", names[0])) {
		t.Errorf("stored body is not the body sent")
	}
	// The same title again is refused with the documented message.
	status, out := car(t, ts.URL, tok, "/sm/v1/scripts/scheduler", seed(t, "filled", "000-curl-one-time.json"))
	if status == 200 || out["message"] != "Scheduler with the same title already exists: Sample title" || out["errorCode"] == "0" {
		t.Errorf("duplicate: %d %v", status, out)
	}
	if len(s.CARSchedules()) != len(names) {
		t.Error("duplicate was stored")
	}
}

func TestCARCreateRejectsInvalid(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1, Now: func() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) }})
	tok := login(t, ts.URL)
	var body map[string]any
	_ = json.Unmarshal(seed(t, "filled", "000-weekly.json"), &body)
	tests := []struct {
		name   string
		mutate func(map[string]any)
		want   string
	}{
		{"weekly without days", func(m map[string]any) { delete(m, "daysOfWeek") }, "daysOfWeek"},
		{"monthly fields missing", func(m map[string]any) { m["scheduleType"] = "MONTHLY" }, "recurrenceDate"},
		{"impossible date", func(m map[string]any) { m["startDate"] = "2030-02-30" }, "startDate: 2030-02-30 is not a real calendar date"},
		{"end before start", func(m map[string]any) { m["endDate"] = "2030-05-01" }, "endDate: 2030-05-01 is before startDate"},
		{"bad reboot delay", func(m map[string]any) {
			m["rebootAfterScriptExecution"], m["rebootDelayInSeconds"], m["rebootDelayTimeUnit"] = true, 60, "SECONDS"
		}, "rebootDelayInSeconds"},
		{"past start", func(m map[string]any) { m["startDate"], m["endDate"] = "2025-05-11", "2025-05-16" }, "startDate: 2025-05-11 is in the past"},
		{"placeholder asset", func(m map[string]any) {
			m["assets"] = []any{map[string]any{"UUId": "<AGENT UUID>", "id": "<ASSET ID>"}}
		}, "assets[0].UUId"},
		{"user id not a uuid", func(m map[string]any) { m["user"] = map[string]any{"id": "abc1111", "name": "demo"} }, `user.id: "abc1111" is not a UUID`},
		{"unknown field", func(m map[string]any) { m["startdate"] = "2030-05-11" }, `unknown field "startdate"`},
		{"unknown script", func(m map[string]any) { m["scripts"] = []any{map[string]any{"id": 1, "title": "x"}} }, "Script with id 1 was not found"},
	}
	for _, tt := range tests {
		m := map[string]any{}
		for k, v := range body {
			m[k] = v
		}
		tt.mutate(m)
		b, _ := json.Marshal(m)
		status, out := car(t, ts.URL, tok, "/sm/v1/scripts/scheduler", b)
		msg, _ := out["message"].(string)
		if status != 400 || out["errorCode"] == "0" || out["errorCode"] == nil || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %d %v (want message with %q)", tt.name, status, out, tt.want)
		}
	}
	if n := len(s.CARSchedules()); n != 0 {
		t.Fatalf("%d invalid schedules stored", n)
	}
}

func TestSeed002UpdatesAccepted(t *testing.T) {
	s, ts := newTest(t, Options{})
	for i, path := range []string{"/1688", "/171425669", "/171425669"} {
		name := []string{"002-update-1-request.xml", "002-update-2-request.xml", "002-update-3-request.xml"}[i]
		_, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule"+path, seed(t, "filled", name))
		if r.ResponseCode != "SUCCESS" || r.CountValue() != 1 || r.Schedules()[0].IDValue() != mustID(path) {
			t.Fatalf("%s: %+v %+v", name, r, r.ErrorDetails)
		}
	}
	a, _ := s.WASSchedule(1688)
	n := a.Notification
	if !*n.Active || n.Delay.Nb != 4 || n.Delay.Scale != "DAY" || strings.Join(n.Recipients.Emails(), ",") != "alice.ops@example.com,bob.secops@example.com,carol.soc@example.com" || string(*n.Message) != "The schedule notification message" {
		t.Errorf("1688 notification not stored: %+v", n)
	}
	b, _ := s.WASSchedule(171425669)
	if b.NameValue() != "Schedule with sendOneMail enabled" || !*b.SendMail || !*b.SendOneMail || !*b.Notification.Reschedule || string(*b.Notification.Message) != "A Qualys scan is scheduled to start soon." {
		t.Errorf("171425669 not merged: %+v %+v", b, b.Notification)
	}
	if b.Notification.Recipients.Emails() == nil && b.Target == nil {
		t.Error("update dropped elements it was not given")
	}
}

func mustID(path string) int64 {
	var id int64
	for _, c := range strings.TrimPrefix(path, "/") {
		id = id*10 + int64(c-'0')
	}
	return id
}

func TestSeed003Deactivate(t *testing.T) {
	s, ts := newTest(t, Options{})
	_, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/deactivate/was/wasscanschedule/1688", nil)
	if r.ResponseCode != "SUCCESS" || r.CountValue() != 1 || r.Schedules()[0].IDValue() != 1688 {
		t.Fatalf("by id: %+v", r)
	}
	if a, _ := s.WASSchedule(1688); a.IsActive() || a.NextLaunchDate != nil {
		t.Fatal("1688 still active or still has a next launch")
	}
	want := 0
	for _, w := range s.WASSchedules() {
		if strings.Contains(strings.ToLower(w.NameValue()), "schedule") {
			want++
		}
	}
	_, r = qps(t, "POST", ts.URL+"/qps/rest/3.0/deactivate/was/wasscanschedule", seed(t, "filled", "003-deactivate-filter-request.xml"))
	if r.ResponseCode != "SUCCESS" || r.CountValue() != want || len(r.Schedules()) != want || want == 0 {
		t.Fatalf("by filter: count %d ids %d, want %d", r.CountValue(), len(r.Schedules()), want)
	}
	for _, w := range r.Schedules() {
		if got, _ := s.WASSchedule(w.IDValue()); got.IsActive() {
			t.Fatalf("%d still active", w.IDValue())
		}
	}
}

func TestSearchPaging(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: 250})
	var all []int64
	var last int64
	for pages := 0; ; pages++ {
		body := `<ServiceRequest><preferences><limitResults>100</limitResults></preferences>`
		if last > 0 {
			body += `<filters><Criteria field="id" operator="GREATER">` + itoa(last) + `</Criteria></filters>`
		}
		body += `</ServiceRequest>`
		_, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", []byte(body))
		if r.ResponseCode != "SUCCESS" {
			t.Fatalf("%+v", r.ErrorDetails)
		}
		for _, w := range r.Schedules() {
			if len(all) > 0 && w.IDValue() <= all[len(all)-1] {
				t.Fatal("ids not ascending")
			}
			all = append(all, w.IDValue())
		}
		if !*r.HasMoreRecords {
			if r.LastID != nil {
				t.Error("lastId on the last page")
			}
			break
		}
		if *r.LastID != all[len(all)-1] {
			t.Fatalf("lastId %d, last on page %d", *r.LastID, all[len(all)-1])
		}
		last = *r.LastID
		if pages > 5 {
			t.Fatal("too many pages")
		}
	}
	if len(all) != 250 {
		t.Fatalf("paged %d schedules, want 250", len(all))
	}
	// Default page size is 100; startFromOffset is 1-based.
	_, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", []byte(`<ServiceRequest><preferences><startFromOffset>101</startFromOffset></preferences></ServiceRequest>`))
	if r.CountValue() != 100 || r.Schedules()[0].IDValue() != all[100] {
		t.Fatalf("offset paging: count %d first %d", r.CountValue(), r.Schedules()[0].IDValue())
	}
	_, r = qps(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", []byte(`<ServiceRequest><preferences><limitResults>1001</limitResults></preferences></ServiceRequest>`))
	if r.ResponseCode != "INVALID_REQUEST" {
		t.Fatalf("limitResults 1001 accepted")
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestStrictXMLAndOperators(t *testing.T) {
	_, ts := newTest(t, Options{})
	search := ts.URL + "/qps/rest/3.0/search/was/wasscanschedule"
	tests := []struct{ body, code, msg string }{
		{`<ServiceRequest><preferences><verbose>true</verbose></preferences></ServiceRequest>`, "INVALID_XML", "element 'verbose'"},
		{`<ServiceRequest><filter/></ServiceRequest>`, "INVALID_XML", "element 'filter'"},
		{`<ServiceRequest><filters><Criteria field="name" operator="GREATER">a</Criteria></filters></ServiceRequest>`, "INVALID_REQUEST", "GREATER"},
		{`<ServiceRequest><filters><Criteria field="nmae" operator="EQUALS">a</Criteria></filters></ServiceRequest>`, "INVALID_REQUEST", "nmae"},
		{`<ServiceRequest><filters><Criteria field="type" operator="NOT_EQUALS">DISCOVERY</Criteria></filters></ServiceRequest>`, "INVALID_REQUEST", "NOT_EQUALS"},
	}
	for _, tt := range tests {
		resp, r := qps(t, "POST", search, []byte(tt.body))
		if resp.StatusCode != 200 || r.ResponseCode != tt.code || !strings.Contains(r.ErrorDetails.ErrorMessage, tt.msg) {
			t.Errorf("%s: %d %s %+v", tt.body, resp.StatusCode, r.ResponseCode, r.ErrorDetails)
		}
	}
	// Update without an id in the path is not a valid URL (U9).
	_, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule", seed(t, "filled", "002-update-3-request.xml"))
	if r.ResponseCode != "INVALID_URL" {
		t.Errorf("update without id: %s", r.ResponseCode)
	}
	_, r = qps(t, "GET", ts.URL+"/qps/rest/3.0/get/was/wasscanschedule/42", nil)
	if r.ResponseCode != model.NotFoundCode || !strings.Contains(r.ErrorDetails.ErrorMessage, "not found or is not in your scope") {
		t.Errorf("unknown id: %+v", r)
	}
	_, r = qps(t, "POST", ts.URL+"/qps/rest/3.0/deactivate/was/wasscanschedule", []byte(`<ServiceRequest><filters><Criteria field="lastScan.status" operator="EQUALS">ERROR</Criteria></filters></ServiceRequest>`))
	if r.ResponseCode != "INVALID_REQUEST" {
		t.Errorf("bulk with a field not documented for bulk: %s", r.ResponseCode)
	}
	_, r = qps(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule/1688", []byte(`<ServiceRequest><data><WasScanSchedule><notification><recipients><set><EmailAddress>not-an-address</EmailAddress></set></recipients></notification></WasScanSchedule></data></ServiceRequest>`))
	if r.ResponseCode != "INVALID_REQUEST" || !strings.Contains(r.ErrorDetails.ErrorMessage, "not-an-address") {
		t.Errorf("bad recipient: %+v", r.ErrorDetails)
	}
}

func TestFiltersAreANDedAndCount(t *testing.T) {
	s, ts := newTest(t, Options{})
	want := 0
	for _, w := range s.WASSchedules() {
		if w.IsActive() && w.TypeValue() == "DISCOVERY" {
			want++
		}
	}
	body := []byte(`<ServiceRequest><filters><Criteria field="active" operator="EQUALS">true</Criteria><Criteria field="type" operator="NOT EQUALS">VULNERABILITY</Criteria></filters></ServiceRequest>`)
	_, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/count/was/wasscanschedule", body)
	if r.CountValue() != want || want == 0 {
		t.Fatalf("count %d, want %d", r.CountValue(), want)
	}
	_, r = qps(t, "GET", ts.URL+"/qps/rest/3.0/count/was/wasscanschedule", nil)
	if r.CountValue() != 250 {
		t.Fatalf("count all = %d", r.CountValue())
	}
}

func TestSeededDataIsDeterministicAndVaried(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC) }
	a := New(Options{Seed: 7, Now: now}).WASSchedules()
	b := New(Options{Seed: 7, Now: now}).WASSchedules()
	c := New(Options{Seed: 8, Now: now}).WASSchedules()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	jc, _ := json.Marshal(c)
	if !bytes.Equal(ja, jb) || bytes.Equal(ja, jc) {
		t.Fatal("seeded data is not deterministic per seed")
	}
	seen := map[string]bool{}
	for _, w := range a {
		seen["type:"+w.TypeValue()] = true
		seen["occ:"+w.OccurrenceValue()] = true
		seen["active:"+itoa(boolInt(w.IsActive()))] = true
		seen["invalid:"+itoa(boolInt(w.IsInvalid()))] = true
		seen["owner:"+itoa(w.Owner.ID)] = true
		seen["multi:"+itoa(boolInt(*w.Multi))] = true
	}
	for _, k := range []string{"type:VULNERABILITY", "type:DISCOVERY", "occ:ONCE", "occ:DAILY", "occ:WEEKLY", "occ:MONTHLY", "active:0", "active:1", "invalid:1", "invalid:0", "multi:1", "owner:1203941", "owner:1204010"} {
		if !seen[k] {
			t.Errorf("seeded data has no %s", k)
		}
	}
	for _, id := range seedDocIDs {
		if _, ok := New(Options{}).WASSchedule(id); !ok {
			t.Errorf("seed document id %d missing", id)
		}
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func TestAuthAndStats(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: 5})
	req, _ := http.NewRequest("POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", nil)
	req.SetBasicAuth("demo", "wrong")
	resp, _ := http.DefaultClient.Do(req)
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("bad basic auth: %d", resp.StatusCode)
	}
	resp, _ = http.PostForm(ts.URL+"/auth", url.Values{"username": {"demo"}, "password": {"nope"}, "token": {"true"}})
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("bad login: %d", resp.StatusCode)
	}
	status, out := car(t, ts.URL, "forged.token.value", "/sm/v1/scheduler/search", []byte(`{"pageSize":10,"pageNumber":0,"filter":""}`))
	if status != 401 || out["message"] != "Not authenticated" {
		t.Fatalf("forged token: %d %v", status, out)
	}
	resp, _ = http.Get(ts.URL + "/_sim/stats")
	var st Stats
	_ = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if st.Total != 3 || st.Requests["POST /auth"] != 1 || st.Requests["POST /qps/rest/3.0/search/was/wasscanschedule"] != 1 || st.Requests["POST /sm/v1/scheduler/search"] != 1 {
		t.Fatalf("stats: %+v", st)
	}
	// Bad Basic credentials and a bad login are failed logins; a forged
	// token is not.
	if st.FailedLogins != 2 {
		t.Fatalf("failed logins %d, want 2", st.FailedLogins)
	}
}

// maxInFlight is the most API requests served at once, over every
// endpoint, /_sim/ excepted, under the JSON name maxInFlight.
func TestStatsMaxInFlight(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: 5, Latency: 150 * time.Millisecond})
	get := func(path string) {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Error(err)
			return
		}
		resp.Body.Close()
	}
	get("/qps/rest/3.0/count/was/wasscanschedule")
	get("/_sim/stats")
	if n := s.Stats().MaxInFlight; n != 1 {
		t.Fatalf("one request at a time: maxInFlight %d", n)
	}
	// Every one of these waits out the latency, whatever its answer.
	paths := []string{"/qps/rest/3.0/count/was/wasscanschedule", "/qps/rest/3.0/get/was/wasscanschedule/1", "/qps/rest/3.0/count/was/wasscanschedule"}
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Go(func() { get(p) })
	}
	wg.Go(func() {
		resp, err := http.PostForm(ts.URL+"/auth", url.Values{"username": {"demo"}, "password": {"demo"}, "token": {"true"}})
		if err == nil {
			resp.Body.Close()
		}
	})
	for range 3 {
		wg.Go(func() { get("/_sim/stats") })
	}
	wg.Wait()
	resp, err := http.Get(ts.URL + "/_sim/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	if raw["maxInFlight"] != float64(len(paths)+1) {
		t.Fatalf("maxInFlight %v, want %d (stats: %v)", raw["maxInFlight"], len(paths)+1, raw)
	}
}

func TestTokenExpiry(t *testing.T) {
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	_, ts := newTest(t, Options{TokenTTL: time.Minute, Now: clock})
	tok := login(t, ts.URL)
	if status, _ := car(t, ts.URL, tok, "/sm/v1/scheduler/search", []byte(`{"pageSize":10,"pageNumber":0,"filter":""}`)); status != 200 {
		t.Fatalf("fresh token: %d", status)
	}
	now = now.Add(2 * time.Minute)
	if status, out := car(t, ts.URL, tok, "/sm/v1/scheduler/search", []byte(`{"pageSize":10,"pageNumber":0,"filter":""}`)); status != 401 || out["message"] != "JWT expired" {
		t.Fatalf("expired token: %d %v", status, out)
	}
}

func TestRateLimitHeadersAndBlock(t *testing.T) {
	_, ts := newTest(t, Options{RateLimit: 2, RateWindow: time.Hour})
	u := ts.URL + "/qps/rest/3.0/count/was/wasscanschedule"
	for i, want := range []int{200, 200, 409} {
		resp, _ := qps(t, "GET", u, nil)
		h := resp.Header
		if resp.StatusCode != want || h.Get("X-RateLimit-Limit") != "2" || h.Get("X-RateLimit-Window-Sec") != "3600" || h.Get("X-Concurrency-Limit-Limit") != "10" {
			t.Fatalf("call %d: %d %v", i, resp.StatusCode, h)
		}
		if i == 1 && h.Get("X-RateLimit-Remaining") != "0" {
			t.Fatalf("remaining after 2 calls: %s", h.Get("X-RateLimit-Remaining"))
		}
		if i == 2 && h.Get("X-RateLimit-ToWait-Sec") != "3600" {
			t.Fatalf("ToWait: %q", h.Get("X-RateLimit-ToWait-Sec"))
		}
	}
	// Limits are per endpoint: search still has its budget.
	if resp, _ := qps(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", nil); resp.StatusCode != 200 {
		t.Fatalf("search blocked by count's budget: %d", resp.StatusCode)
	}
}

func TestOmitFirstToWait(t *testing.T) {
	_, ts := newTest(t, Options{RateLimit: 1, OmitFirstToWait: true})
	u := ts.URL + "/qps/rest/3.0/count/was/wasscanschedule"
	qps(t, "GET", u, nil)
	r1, _ := qps(t, "GET", u, nil)
	r2, _ := qps(t, "GET", u, nil)
	if r1.StatusCode != 409 || r1.Header.Get("X-RateLimit-ToWait-Sec") != "" || r2.Header.Get("X-RateLimit-ToWait-Sec") == "" {
		t.Fatalf("first block should omit ToWait, second carry it: %v / %v", r1.Header, r2.Header)
	}
}

func TestGatewayBlocksWith429(t *testing.T) {
	_, ts := newTest(t, Options{RateLimit: 1})
	tok := login(t, ts.URL)
	body := []byte(`{"pageSize":10,"pageNumber":0,"filter":""}`)
	car(t, ts.URL, tok, "/sm/v1/scheduler/search", body)
	if status, _ := car(t, ts.URL, tok, "/sm/v1/scheduler/search", body); status != 429 {
		t.Fatalf("gateway block: %d", status)
	}
}

func TestCARSearch(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	tok := login(t, ts.URL)
	for _, n := range []string{"000-weekly.json", "000-daily.json", "000-hourly.json"} {
		car(t, ts.URL, tok, "/sm/v1/scripts/scheduler", seed(t, "filled", n))
	}
	status, out := car(t, ts.URL, tok, "/sm/v1/scheduler/search", []byte(`{"pageSize":2,"pageNumber":1,"filter":"","sort":"[{\"created.dateTime\":\"desc\"}]"}`))
	body := out["body"].(map[string]any)
	if status != 200 || body["totalCount"].(float64) != 3 || len(body["list"].([]any)) != 1 {
		t.Fatalf("paging: %d %v", status, out)
	}
	var env struct {
		Body model.CARSearchBody `json:"body"`
	}
	raw, _ := json.Marshal(out)
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatal(err)
	}
	if it := env.Body.List[0]; it.Schedule.Title != "Seed weekly schedule" || !model.ValidUUID(it.ID) || it.CreatedMs == 0 {
		t.Fatalf("item: %+v", it)
	}
	_, out = car(t, ts.URL, tok, "/sm/v1/scheduler/search", []byte(`{"pageSize":10,"pageNumber":0,"filter":"title:\"seed DAILY schedule\""}`))
	if out["body"].(map[string]any)["totalCount"].(float64) != 1 {
		t.Fatalf("title filter: %v", out)
	}
	if status, _ := car(t, ts.URL, tok, "/sm/v1/scheduler/search", []byte(`{"pageSize":10,"pageNumber":0,"filter":"owner:me"}`)); status != 400 {
		t.Fatalf("unsupported QQL: %d", status)
	}
}

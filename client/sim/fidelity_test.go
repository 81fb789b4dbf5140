package sim

import (
	"bytes"
	"encoding/json"
	"github.com/qsched/qsched/model"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// raw sends a request with the given auth ("basic" demo/demo, "bad" basic,
// "none", or "bearer <jwt>") and headers, and returns the status and body.
func raw(t *testing.T, method, u, auth string, body string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, u, rd)
	switch {
	case auth == "basic":
		req.SetBasicAuth("demo", "demo")
	case auth == "bad":
		req.SetBasicAuth("demo", "wrong")
	case strings.HasPrefix(auth, "bearer "):
		req.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(auth, "bearer "))
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func TestAuthBeforeRouting(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: 5})
	for _, path := range []string{"/qps/rest/3.0/nosuch/was/thing", "/qps/rest/3.0/update/was/wasscanschedule", "/qps/rest/3.0/search/was/wasscanschedule"} {
		for _, auth := range []string{"none", "bad", "bearer forged.token.value"} {
			if st, _, b := raw(t, "POST", ts.URL+path, auth, ""); st != 401 || bytes.Contains(b, []byte("INVALID_URL")) {
				t.Errorf("%s with %s: %d %s, want 401 before routing", path, auth, st, b)
			}
		}
	}
	// With good credentials the unknown path is INVALID_URL.
	if st, _, b := raw(t, "POST", ts.URL+"/qps/rest/3.0/nosuch/was/thing", "basic", ""); st != 200 || !bytes.Contains(b, []byte("INVALID_URL")) {
		t.Fatalf("unknown path, good credentials: %d %s", st, b)
	}
	if st := s.Stats(); st.FailedLogins != 6 {
		t.Fatalf("failed logins %d, want 6 (missing or bad Basic, not forged tokens)", st.FailedLogins)
	}
}

func TestBearerOnWAS(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: 5})
	tok := login(t, ts.URL)
	st, _, b := raw(t, "GET", ts.URL+"/qps/rest/3.0/count/was/wasscanschedule", "bearer "+tok, "")
	if st != 200 || !bytes.Contains(b, []byte("<count>5</count>")) {
		t.Fatalf("count with bearer: %d %s", st, b)
	}
	st, _, b = raw(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", "bearer "+tok+"x", "")
	if st != 401 {
		t.Fatalf("tampered bearer: %d %s", st, b)
	}
}

func TestTrailingSlash(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: 5})
	st, _, b := raw(t, "GET", ts.URL+"/qps/rest/3.0/count/was/wasscanschedule/", "basic", "")
	if st != 200 || !bytes.Contains(b, []byte("<count>5</count>")) {
		t.Fatalf("count/: %d %s", st, b)
	}
	st, _, b = raw(t, "GET", ts.URL+"/qps/rest/3.0/get/was/wasscanschedule/1688/", "basic", "")
	if st != 200 || !bytes.Contains(b, []byte("<id>1688</id>")) || !bytes.Contains(b, []byte("SUCCESS")) {
		t.Fatalf("get/1688/: %d %s", st, b)
	}
	// Only one slash, and only at the end.
	st, _, b = raw(t, "GET", ts.URL+"/qps/rest/3.0/get/was/wasscanschedule/1688//", "basic", "")
	if bytes.Contains(b, []byte("SUCCESS")) {
		t.Fatalf("get/1688//: %d %s", st, b)
	}
}

// Reads have QList shapes: count + list; set, add and remove never appear.
func TestReadsUseQListShapes(t *testing.T) {
	_, ts := newTest(t, Options{})
	up := `<ServiceRequest><data><WasScanSchedule><notification><recipients><set><EmailAddress>a@example.com</EmailAddress><EmailAddress>b@example.com</EmailAddress></set></recipients></notification></WasScanSchedule></data></ServiceRequest>`
	if st, _, b := raw(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule/1688", "basic", up); st != 200 || !bytes.Contains(b, []byte("SUCCESS")) {
		t.Fatalf("update: %d %s", st, b)
	}
	_, _, b := raw(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", "basic", `<ServiceRequest><preferences><limitResults>1000</limitResults></preferences></ServiceRequest>`)
	for _, w := range []string{"<set>", "<add>", "<remove>", "<set/>", "</set>"} {
		if bytes.Contains(b, []byte(w)) {
			t.Fatalf("a read holds %s", w)
		}
	}
	b = regexp.MustCompile(`>\s+<`).ReplaceAll(b, []byte("><"))
	for _, w := range []string{
		"<recipients><count>2</count><list><EmailAddress><![CDATA[a@example.com]]></EmailAddress><EmailAddress><![CDATA[b@example.com]]></EmailAddress></list></recipients>",
		"<webApps><count>", "</count><list><WebApp><id>", "<tags><included><option>", "<tagList><count>", "<list><Tag><id>5501</id><name><![CDATA[PCI]]></name></Tag>",
	} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("search lacks %q", w)
		}
	}
}

// js sends a JSON request with Accept JSON and decodes the ServiceResponse.
func js(t *testing.T, method, u, body string) map[string]any {
	t.Helper()
	st, h, b := raw(t, method, u, "basic", body, "Content-Type", "application/json", "Accept", "application/json")
	if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("%s %s: %d %s %s", method, u, st, h.Get("Content-Type"), b)
	}
	var out struct {
		SR map[string]any `json:"ServiceResponse"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&out); err != nil || out.SR == nil {
		t.Fatalf("%s %s: not a JSON ServiceResponse: %v %s", method, u, err, b)
	}
	return out.SR
}

func code(sr map[string]any) string { c, _ := sr["responseCode"].(string); return c }

// data returns the objects of a JSON answer, unwrapped from {"<Type>":{…}}.
func data(t *testing.T, sr map[string]any, typ string) []map[string]any {
	t.Helper()
	list, _ := sr["data"].([]any)
	var out []map[string]any
	for _, it := range list {
		o, _ := it.(map[string]any)[typ].(map[string]any)
		if o == nil {
			t.Fatalf("data item %v is not {%q:{…}}", it, typ)
		}
		out = append(out, o)
	}
	return out
}

func TestJSONRoundTrips(t *testing.T) {
	s, ts := newTest(t, Options{})
	base := ts.URL + "/qps/rest/3.0/"
	// search: criteria as an array, values as strings or numbers.
	sr := js(t, "POST", base+"search/was/wasscanschedule",
		`{"ServiceRequest":{"preferences":{"limitResults":"5"},"filters":{"Criteria":[{"field":"id","operator":"GREATER","value":1000},{"field":"active","operator":"EQUALS","value":"true"}]}}}`)
	if code(sr) != "SUCCESS" || sr["count"] != json.Number("5") || sr["hasMoreRecords"] != true || sr["lastId"] == nil {
		t.Fatalf("search: %v", sr)
	}
	for _, w := range data(t, sr, "WasScanSchedule") {
		if w["active"] != true || w["id"] == nil {
			t.Fatalf("search item: %v", w)
		}
	}
	// count
	if sr := js(t, "POST", base+"count/was/wasscanschedule", `{"ServiceRequest":{"filters":{"Criteria":{"field":"name","operator":"CONTAINS","value":"weekend"}}}}`); code(sr) != "SUCCESS" || sr["count"] == json.Number("0") {
		t.Fatalf("count: %v", sr)
	}
	// update with a recipients set, then get shows the QList as read.
	sr = js(t, "POST", base+"update/was/wasscanschedule/1688",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"name":"JSON name","notification":{"active":true,"recipients":{"set":[{"EmailAddress":"a@example.com"},{"EmailAddress":"b@example.com"}]}}}}}}`)
	if code(sr) != "SUCCESS" {
		t.Fatalf("update: %v", sr)
	}
	got := data(t, js(t, "GET", base+"get/was/wasscanschedule/1688", ""), "WasScanSchedule")[0]
	rec := got["notification"].(map[string]any)["recipients"].(map[string]any)
	if got["name"] != "JSON name" || rec["count"] != json.Number("2") || rec["set"] != nil {
		t.Fatalf("get after update: %v", got)
	}
	if l := rec["list"].([]any); len(l) != 2 || l[1].(map[string]any)["EmailAddress"] != "b@example.com" {
		t.Fatalf("recipients list %v", rec["list"])
	}
	if w, _ := s.WASSchedule(1688); w.NameValue() != "JSON name" {
		t.Fatalf("stored name %q", w.NameValue())
	}
	// create: weekly on two days, JSON arrays for onDays.
	start := time.Now().Add(48 * time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	sr = js(t, "POST", base+"create/was/wasscanschedule", `{"ServiceRequest":{"data":{"WasScanSchedule":{
		"name":"JSON create","type":"VULNERABILITY",
		"target":{"webApp":{"id":2900101},"scannerAppliance":{"type":"EXTERNAL"},"cancelOption":"DEFAULT"},
		"profile":{"id":610001},
		"scheduling":{"startDate":"`+start+`","timeZone":{"code":"Europe/Berlin"},"occurrenceType":"WEEKLY",
			"occurrence":{"weeklyOccurrence":{"everyNWeeks":2,"onDays":[{"WeekDay":"SATURDAY"},{"WeekDay":"SUNDAY"}]}}},
		"notification":{"active":false}}}}}`)
	if code(sr) != "SUCCESS" || sr["count"] != json.Number("1") {
		t.Fatalf("create: %v", sr)
	}
	id := data(t, sr, "WasScanSchedule")[0]["id"].(json.Number).String()
	got = data(t, js(t, "GET", base+"get/was/wasscanschedule/"+id, ""), "WasScanSchedule")[0]
	next, err := time.Parse("2006-01-02T15:04:05Z", got["nextLaunchDate"].(string))
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if wd := next.In(berlin).Weekday(); err != nil || wd != time.Saturday && wd != time.Sunday {
		t.Fatalf("created weekend schedule launches %v (%v)", got["nextLaunchDate"], err)
	}
	// bodyless deactivate and activate answer JSON when asked.
	for _, op := range []string{"deactivate", "activate"} {
		st, h, b := raw(t, "POST", base+op+"/was/wasscanschedule/"+id, "basic", "", "Accept", "application/json")
		if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || !bytes.Contains(b, []byte(`"data":[{"WasScanSchedule":{"id":`+id+`}}]`)) {
			t.Fatalf("%s: %d %s", op, st, b)
		}
		if w, _ := s.WASSchedule(mustID("/" + id)); w.IsActive() != (op == "activate") {
			t.Fatalf("%s did not change the state", op)
		}
	}
	// bulk deactivate by JSON filter.
	if sr := js(t, "POST", base+"deactivate/was/wasscanschedule", `{"ServiceRequest":{"filters":{"Criteria":[{"field":"id","operator":"IN","value":"1688,`+id+`"}]}}}`); code(sr) != "SUCCESS" || sr["count"] != json.Number("2") {
		t.Fatalf("bulk deactivate: %v", sr)
	}
}

// JSON is exactly as strict as XML, and XML stays the default answer.
func TestJSONStrictness(t *testing.T) {
	_, ts := newTest(t, Options{})
	u := ts.URL + "/qps/rest/3.0/update/was/wasscanschedule/1688"
	for body, want := range map[string]string{
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"colour":"red"}}}}`:                            "INVALID_XML",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"id":5}}}}`:                                    "INVALID_XML",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"lastScan":{"id":5}}}}}`:                       "INVALID_XML",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"name":null}}}}`:                               "INVALID_XML",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"name":"a\u0001b"}}}}`:                         "INVALID_XML",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"notification":{"recipients":{"list":[]}}}}}}`: "INVALID_XML",
		`{"Other":{}}`: "INVALID_XML",
		`{"ServiceRequest":{"data":{"WasScanSchedule":{"name":"x"}}}} trailing`:                                  "INVALID_XML",
		`{"ServiceRequest":{"filters":{"Criteria":[{"field":"id","operator":"EQUALS","value":"1","extra":1}]}}}`: "INVALID_XML",
	} {
		if sr := js(t, "POST", u, body); code(sr) != want {
			t.Errorf("%s: %v, want %s", body, sr, want)
		}
	}
	st, h, b := raw(t, "GET", ts.URL+"/qps/rest/3.0/get/was/wasscanschedule/1688", "basic", "")
	if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/xml") || !bytes.HasPrefix(b, []byte("<?xml")) {
		t.Fatalf("default answer: %s %s", h.Get("Content-Type"), b[:40])
	}
}

// The web apps and option profiles schedules reference can be searched,
// in XML and JSON, and agree with what the schedules show.
func TestSearchWebAppsAndProfiles(t *testing.T) {
	s, ts := newTest(t, Options{})
	base := ts.URL + "/qps/rest/3.0/"
	_, _, b := raw(t, "POST", base+"search/was/webapp", "basic",
		`<ServiceRequest><filters><Criteria field="name" operator="CONTAINS">portal</Criteria></filters></ServiceRequest>`)
	b = regexp.MustCompile(`>\s+<`).ReplaceAll(b, []byte("><"))
	for _, w := range []string{"webapp.xsd", "<responseCode>SUCCESS</responseCode><count>2</count>", "<name><![CDATA[Customer portal]]></name>", "<name><![CDATA[Docs portal]]></name>", "<tags><count>"} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("webapp search lacks %q:\n%s", w, b)
		}
	}
	// Every web app and profile a schedule references is found by id.
	for _, w := range s.WASSchedules()[:40] {
		if w.Target.WebApp != nil && !w.IsInvalid() {
			sr := js(t, "POST", base+"search/was/webapp", `{"ServiceRequest":{"filters":{"Criteria":[{"field":"id","operator":"EQUALS","value":`+itoa(w.Target.WebApp.ID)+`}]}}}`)
			if apps := data(t, sr, "WebApp"); len(apps) != 1 || apps[0]["name"] != string(*w.Target.WebApp.Name) {
				t.Fatalf("web app %d: %v", w.Target.WebApp.ID, sr)
			}
		}
		sr := js(t, "POST", base+"search/was/optionprofile", `{"ServiceRequest":{"filters":{"Criteria":[{"field":"id","operator":"EQUALS","value":"`+itoa(*w.Profile.ID)+`"}]}}}`)
		if ps := data(t, sr, "OptionProfile"); len(ps) != 1 || ps[0]["name"] != string(*w.Profile.Name) {
			t.Fatalf("profile %d: %v", *w.Profile.ID, sr)
		}
	}
	for body, want := range map[string]string{
		`<ServiceRequest><filters><Criteria field="colour" operator="EQUALS">x</Criteria></filters></ServiceRequest>`: "INVALID_REQUEST",
		`<ServiceRequest><filters><Criteria field="name" operator="GREATER">x</Criteria></filters></ServiceRequest>`:  "INVALID_REQUEST",
		`<ServiceRequest><data><WasScanSchedule/></data></ServiceRequest>`:                                            "INVALID_XML",
	} {
		if _, _, b := raw(t, "POST", base+"search/was/optionprofile", "basic", body); !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s: %s, want %s", body, b, want)
		}
	}
	if st, _, b := raw(t, "GET", base+"count/was/webapp/", "basic", ""); st != 200 || !bytes.Contains(b, []byte("<count>18</count>")) {
		t.Errorf("count/was/webapp/: %d %s", st, b)
	}
}

func createBody(sched string, mods ...string) string {
	b := `<ServiceRequest><data><WasScanSchedule>
  <name><![CDATA[Strict create]]></name><type>VULNERABILITY</type>
  <target><webApp><id>2900101</id></webApp><scannerAppliance><type>EXTERNAL</type></scannerAppliance><cancelOption>DEFAULT</cancelOption></target>
  <profile><id>610001</id></profile>
  ` + sched + `
  <notification><active>false</active></notification>
</WasScanSchedule></data></ServiceRequest>`
	for i := 0; i+1 < len(mods); i += 2 {
		b = strings.Replace(b, mods[i], mods[i+1], 1)
	}
	return b
}

func TestStrictCreate(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) // a Saturday
	s, ts := newTest(t, Options{Now: func() time.Time { return now }, WASSchedules: 5})
	u := ts.URL + "/qps/rest/3.0/create/was/wasscanschedule"
	sched := func(start, occ, inner string) string {
		return `<scheduling><startDate>` + start + `</startDate><timeZone><code>Europe/Berlin</code></timeZone><occurrenceType>` + occ + `</occurrenceType>` + inner + `</scheduling>`
	}
	weekly := sched("2026-11-23T02:00:00Z", "WEEKLY", `<occurrence><weeklyOccurrence><everyNWeeks>2</everyNWeeks><onDays><WeekDay>SATURDAY</WeekDay><WeekDay>SUNDAY</WeekDay></onDays></weeklyOccurrence></occurrence>`)
	monthly := sched("2026-11-23T02:00:00Z", "MONTHLY", `<occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth><dayOrder>LAST</dayOrder><dayOfMonth>FRIDAY</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType></monthlyOccurrence></occurrence>`)
	created := func(body string) model.WasScanSchedule {
		t.Helper()
		_, r := qps(t, "POST", u, []byte(body))
		if r.ResponseCode != "SUCCESS" || len(r.Schedules()) != 1 {
			t.Fatalf("create: %+v %+v\n%s", r, r.ErrorDetails, body)
		}
		w, _ := s.WASSchedule(r.Schedules()[0].IDValue())
		return w
	}
	w := created(createBody(weekly))
	// The start is Monday 03:00 Berlin; the first weekend day after it in
	// the start's fortnight is Saturday the 28th, at the same wall time.
	if model.Deref(w.NextLaunchDate) != "2026-11-28T02:00:00Z" {
		t.Fatalf("weekly next launch %v", model.Deref(w.NextLaunchDate))
	}
	next, _ := w.NextLaunch()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if wd := next.In(berlin).Weekday(); wd != time.Saturday && wd != time.Sunday {
		t.Fatalf("every 2 weeks on SATURDAY, SUNDAY launches on %v (%v)", wd, next)
	}
	w = created(createBody(monthly))
	next, _ = w.NextLaunch()
	if l := next.In(berlin); l.Weekday() != time.Friday || l.AddDate(0, 0, 7).Month() == l.Month() || l.Hour() != 3 {
		t.Fatalf("LAST FRIDAY launches %v", l)
	}
	w = created(createBody(sched("2026-11-23T02:00:00Z", "ONCE", ""), "<webApp><id>2900101</id></webApp>",
		`<tags><included><option>ANY</option><tagList><set><Tag><id>5501</id></Tag></set></tagList></included></tags>`))
	if !model.Deref(w.Multi) || w.Target.Tags.Included.TagList.Tags()[0].Name == nil {
		t.Fatalf("tag target stored %+v", w.Target)
	}
	for name, body := range map[string]string{
		"start in the past":     createBody(sched("2026-11-20T02:00:00Z", "DAILY", `<occurrence><dailyOccurrence><everyNDays>1</everyNDays></dailyOccurrence></occurrence>`)),
		"no target":             createBody(weekly, "<webApp><id>2900101</id></webApp>", ""),
		"deleted web app":       createBody(weekly, "2900101", "2900199"),
		"unknown profile":       createBody(weekly, "610001", "610999"),
		"no scanner":            createBody(weekly, "<scannerAppliance><type>EXTERNAL</type></scannerAppliance>", ""),
		"INTERNAL without name": createBody(weekly, "EXTERNAL", "INTERNAL"),
		"bad scanner type":      createBody(weekly, "EXTERNAL", "CLOUD"),
		"bad cancel option":     createBody(weekly, "DEFAULT", "SOMETIMES"),
		"bad time zone":         createBody(weekly, "Europe/Berlin", "Mars/Olympus"),
		"weekly without days":   createBody(weekly, "<onDays><WeekDay>SATURDAY</WeekDay><WeekDay>SUNDAY</WeekDay></onDays>", ""),
		"lower-case day":        createBody(weekly, "SATURDAY", "saturday"),
		"occurrence count 0":    createBody(weekly, "</everyNWeeks>", "</everyNWeeks><occurrenceCount>0</occurrenceCount>"),
		"monthly both forms":    createBody(monthly, "<monthlyType>", "<monthlyType><occurDayNbInMonth><dayNb>3</dayNb><everyNMonths>1</everyNMonths></occurDayNbInMonth>"),
		"monthly bad order":     createBody(monthly, "LAST", "FIFTH"),
		"monthly unknown":       createBody(monthly, "<monthlyType>", "<dayOfMonth>3</dayOfMonth><monthlyType>"),
		"HOURLY, no occurrence": createBody(sched("2026-11-23T02:00:00Z", "HOURLY", "")),
		"unknown tag":           createBody(weekly, "<webApp><id>2900101</id></webApp>", `<tags><included><option>ANY</option><tagList><set><Tag><id>1</id></Tag></set></tagList></included></tags>`),
		"tag option":            createBody(weekly, "<webApp><id>2900101</id></webApp>", `<tags><included><option>SOME</option><tagList><set><Tag><id>5501</id></Tag></set></tagList></included></tags>`),
		"no notification":       createBody(weekly, "<notification><active>false</active></notification>", ""),
		"notify, no recipients": createBody(weekly, "<notification><active>false</active></notification>", "<notification><active>true</active></notification>"),
		"bad mail flag":         createBody(weekly, "<notification>", "<sendMail>yes</sendMail><notification>"),
		"bad cancel hours":      createBody(weekly, "</occurrenceType>", "</occurrenceType><cancelAfterNHours>0</cancelAfterNHours>"),
	} {
		before := len(s.WASSchedules())
		if _, r := qps(t, "POST", u, []byte(body)); r.ResponseCode == "SUCCESS" {
			t.Errorf("%s: accepted", name)
		}
		if len(s.WASSchedules()) != before {
			t.Errorf("%s: a refused create added a schedule", name)
		}
	}
	// By profile name, as the documentation's create sample does.
	w = created(createBody(weekly, "<profile><id>610001</id></profile>", "<profile><name><![CDATA[Deep scan (PCI)]]></name></profile>"))
	if *w.Profile.ID != 610003 {
		t.Fatalf("profile by name: %+v", w.Profile)
	}
}

// Seeded next launches agree with the recurrence, read in the schedule's
// zone, and the seed holds every shape a client must handle.
func TestSeedIsConsistent(t *testing.T) {
	s, _ := newTest(t, Options{})
	statuses := map[string]bool{}
	var tagged, multi, undated, hourly, dailyCount int
	for _, w := range s.WASSchedules() {
		if ls := w.LastScan; ls != nil {
			statuses[model.Deref(ls.Status)] = true
			if ls.LaunchedDate == nil {
				undated++
				if st := *ls.Status; st != "SUBMITTED" && st != "RUNNING" {
					t.Errorf("%d: %s scan without a launch date", w.IDValue(), st)
				}
			}
		}
		if w.Target.Tags != nil {
			tagged++
		}
		if w.Target.WebApps != nil && len(w.Target.WebApps.List) > 2 {
			multi++
		}
		next, ok := w.NextLaunch()
		if !ok {
			continue
		}
		loc, _ := time.LoadLocation(w.Scheduling.TimeZone.Code)
		l := next.In(loc)
		start, _ := time.Parse(model.WASTimeLayout, *w.Scheduling.StartDate)
		if w.OccurrenceValue() == model.OccurrenceHourly {
			hourly++
			if every := time.Duration(w.Scheduling.Occurrence.Hourly.EveryNHours) * time.Hour; next.Sub(start)%every != 0 {
				t.Errorf("%d: next %v is not a whole number of %v after the start %v", w.IDValue(), next, every, start)
			}
			continue
		}
		if d := w.Scheduling.Occurrence; d != nil && d.Daily != nil && d.Daily.OccurrenceCount != nil {
			dailyCount++
		}
		if ls := start.In(loc); l.Hour() != ls.Hour() && !(l.Hour() == ls.Hour()+1) { // +1: a wall time in a DST gap
			t.Errorf("%d: next %v is not at the start's wall time %v", w.IDValue(), l, ls)
		}
		switch occ := w.Scheduling.Occurrence; w.OccurrenceValue() {
		case model.OccurrenceWeekly:
			if !slices.Contains(occ.Weekly.OnDays, strings.ToUpper(l.Weekday().String())) {
				t.Errorf("%d: weekly on %v launches on %v", w.IDValue(), occ.Weekly.OnDays, l)
			}
		case model.OccurrenceMonthly:
			m, err := parseMonthly(occ.Monthly.InnerXML)
			if err != nil {
				t.Fatalf("%d: %v", w.IDValue(), err)
			}
			last := time.Date(l.Year(), l.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if m.DayNb > 0 && l.Day() != min(m.DayNb, last) || m.DayNb == 0 && strings.ToUpper(l.Weekday().String()) != m.DayOfWeek {
				t.Errorf("%d: monthly %+v launches on %v", w.IDValue(), m, l)
			}
		}
	}
	for _, st := range scanStatuses {
		if !statuses[st] {
			t.Errorf("no seeded schedule has lastScan status %s", st)
		}
	}
	if tagged == 0 || multi == 0 || undated == 0 || hourly == 0 || dailyCount == 0 {
		t.Errorf("seed lacks shapes: %d tag-targeted, %d multi-app, %d undated scans, %d active hourly, %d active daily with a count", tagged, multi, undated, hourly, dailyCount)
	}
}

package sim

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
)

// carDo sends a gateway request; a body goes as application/json.
func carDo(t *testing.T, method, u, tok, body string) (int, map[string]any) {
	t.Helper()
	var hdr []string
	if body != "" {
		hdr = []string{"Content-Type", "application/json"}
	}
	st, _, b := raw(t, method, u, "bearer "+tok, body, hdr...)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: %d, not JSON: %s", method, u, st, b)
	}
	return st, out
}

// carPageOf sends a CAR search and decodes the body of its answer, which
// must be a success.
func carPageOf[T any](t *testing.T, u, tok, body string) model.CARPage[T] {
	t.Helper()
	st, out := carDo(t, "POST", u, tok, body)
	if st != 200 || out["errorCode"] != nil {
		t.Fatalf("search: %d %v", st, out)
	}
	b, _ := json.Marshal(out["body"])
	var p model.CARPage[T]
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("body: %v: %s", err, b)
	}
	return p
}

// carRefused checks a 4xx CAR error whose message says want.
func carRefused(t *testing.T, what string, st int, out map[string]any, status int, want string) {
	t.Helper()
	msg, _ := out["message"].(string)
	if st != status || out["errorCode"] == nil || out["errorCode"] == "0" || out["body"] != nil || !strings.Contains(msg, want) {
		t.Errorf("%s: %d %v, want %d saying %q", what, st, out, status, want)
	}
}

func TestCARTagSearch(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1})
	const path = "/sm/v1/assettags/search"
	if st, _, b := raw(t, "POST", ts.URL+path, "none", `{"filter":""}`, "Content-Type", "application/json"); st != 401 {
		t.Fatalf("no token: %d %s", st, b)
	}
	if st, _, b := raw(t, "POST", ts.URL+path, "basic", `{"filter":""}`, "Content-Type", "application/json"); st != 401 {
		t.Fatalf("Basic on the gateway: %d %s", st, b)
	}
	tok := login(t, ts.URL)
	// Every tag, paged by 7 from page 0.
	var all []model.CARTag
	for n := 0; ; n++ {
		p := carPageOf[model.CARTag](t, ts.URL+path, tok, fmt.Sprintf(`{"filter":"","pageSize":7,"pageNumber":%d}`, n))
		if p.TotalCount < 50 || len(p.List) > 7 {
			t.Fatalf("page %d: total %d, %d items", n, p.TotalCount, len(p.List))
		}
		all = append(all, p.List...)
		if len(p.List) == 0 || len(all) >= p.TotalCount {
			break
		}
	}
	if fmt.Sprint(all) != fmt.Sprint(CARTags()) || len(all) < 50 {
		t.Fatalf("paged %d tags, not the %d of CARTags()", len(all), len(CARTags()))
	}
	seen := map[int64]bool{}
	for _, tg := range all {
		if tg.ID == 0 || tg.TagID == 0 || tg.ID == tg.TagID || !model.ValidUUID(tg.TagUUID) || tg.CustomerUUID == "" || tg.CustomerID == 0 || tg.BackgroundColor == "" || seen[tg.TagID] {
			t.Fatalf("tag %+v", tg)
		}
		seen[tg.TagID] = true
	}
	// The item's members are exactly the documented ones.
	_, out := carDo(t, "POST", ts.URL+path, tok, `{"filter":"","pageSize":1,"pageNumber":0}`)
	item := out["body"].(map[string]any)["list"].([]any)[0].(map[string]any)
	var keys []string
	for k := range item {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, ",") != "backgroundColor,customerId,customerUuid,id,name,tagId,tagUuid" {
		t.Errorf("tag item members: %v", keys)
	}
	// Agents carry tags by tagId, with the tag's name.
	names := map[int64]string{}
	for _, tg := range all {
		names[tg.TagID] = tg.Name
	}
	for _, a := range s.Agents() {
		for _, tg := range a.Tags {
			if names[tg.ID] != tg.Name {
				t.Fatalf("agent %s carries tag %d %q, the tag list says %q", a.Name, tg.ID, tg.Name, names[tg.ID])
			}
		}
	}
	// name:"text" and name:text contain the text, ignoring case.
	for _, f := range []string{`name:\"SERVERS\"`, `name:servers`, `name: \"servers\"`} {
		p := carPageOf[model.CARTag](t, ts.URL+path, tok, `{"filter":"`+f+`","pageSize":100,"pageNumber":0}`)
		if p.TotalCount < 8 || p.TotalCount != len(p.List) {
			t.Errorf("%s: %d of %d", f, len(p.List), p.TotalCount)
		}
		for _, tg := range p.List {
			if !strings.Contains(strings.ToLower(tg.Name), "servers") {
				t.Errorf("%s: %q", f, tg.Name)
			}
		}
	}
	p := carPageOf[model.CARTag](t, ts.URL+path, tok, `{"filter":"name:\"Patch group A\"","pageSize":100,"pageNumber":0}`)
	if p.TotalCount != 1 || p.List[0].Name != "Patch group A" {
		t.Errorf("quoted name with spaces: %+v", p)
	}
	for what, c := range map[string]struct {
		body, want string
		status     int
	}{
		"unknown field":       {`{"filter":"","pageSize":10,"pageNumber":0,"sort":""}`, `unknown field "sort"`, 400},
		"field in other case": {`{"filter":"","PageSize":10}`, `unknown field "PageSize"`, 400},
		"pageSize as string":  {`{"filter":"","pageSize":"10"}`, `"pageSize"`, 400},
		"negative page":       {`{"filter":"","pageNumber":-1}`, "pageNumber", 400},
		"page too large":      {`{"filter":"","pageSize":1001}`, "pageSize", 400},
		"other QQL field":     {`{"filter":"title:web"}`, "Unsupported QQL", 400},
		"two terms":           {`{"filter":"name:a and name:b"}`, "Unsupported QQL", 400},
		"unclosed quote":      {`{"filter":"name:\"a"}`, "Unsupported QQL", 400},
		"not an object":       {`[]`, "JSON object", 400},
		"trailing data":       {`{"filter":""} {}`, "after the JSON object", 400},
		"no body":             {``, "", 415},
	} {
		st, out := carDo(t, "POST", ts.URL+path, tok, c.body)
		carRefused(t, what, st, out, c.status, c.want)
	}
}

func TestCARScriptSearch(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	tok := login(t, ts.URL)
	const path = "/sm/v1/scripts/search"
	p := carPageOf[model.CARScript](t, ts.URL+path, tok, `{"filter":"","pageSize":100,"pageNumber":0}`)
	if p.TotalCount < 25 || len(p.List) != p.TotalCount || len(Scripts()) != p.TotalCount {
		t.Fatalf("%d of %d scripts; catalog %d", len(p.List), p.TotalCount, len(Scripts()))
	}
	for i, sc := range p.List {
		c := Scripts()[i]
		if sc.ID != model.IDOf(c.ID) || sc.Title != c.Title || sc.Platform == "" || sc.Type != c.Language || len(sc.Params) != len(c.Params) {
			t.Errorf("script %d: %+v, catalog %+v", i, sc, c)
		}
	}
	if _, out := carDo(t, "POST", ts.URL+path, tok, `{"filter":"","pageSize":1,"pageNumber":0}`); !strings.Contains(fmt.Sprint(out), "id:226213") {
		t.Errorf("the first script's id is not a JSON number 226213: %v", out)
	}
	p = carPageOf[model.CARScript](t, ts.URL+path, tok, `{"filter":"title:\"log4j\"","pageSize":10,"pageNumber":0}`)
	if p.TotalCount != 2 || !strings.Contains(p.List[0].Title, "Log4j") || p.List[0].Params[0].Key != "searchRoot" {
		t.Errorf("title:log4j: %+v", p)
	}
	p = carPageOf[model.CARScript](t, ts.URL+path, tok, `{"filter":"title:dns","pageSize":1,"pageNumber":1}`)
	if p.TotalCount != 2 || len(p.List) != 1 || p.List[0].ID != "226545" {
		t.Errorf("second page of title:dns: %+v", p)
	}
	st, out := carDo(t, "POST", ts.URL+path, tok, `{"filter":"name:dns"}`)
	carRefused(t, "name: on scripts", st, out, 400, "Unsupported QQL")

	// A platform without the path answers 404, so clients fall back.
	_, ts2 := newTest(t, Options{WASSchedules: -1, NoScriptSearch: true})
	if st, _, b := raw(t, "POST", ts2.URL+path, "bearer "+login(t, ts2.URL), `{"filter":"","pageSize":10,"pageNumber":0}`, "Content-Type", "application/json"); st != 404 {
		t.Fatalf("NoScriptSearch: %d %s", st, b)
	}
}

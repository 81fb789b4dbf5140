package sim

import (
	"encoding/json"
	"testing"

	"github.com/qsched/qsched/model"
)

// TestCARScheduleSearchStrictAndEscaped: schedule search refuses what
// the other CAR searches refuse, and finds a title as json.Marshal quotes
// it (\u0026 for &).
func TestCARScheduleSearchStrictAndEscaped(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	tok := login(t, ts.URL)
	var body map[string]any
	_ = json.Unmarshal(seed(t, "filled", "000-weekly.json"), &body)
	body["title"] = `Patch <Windows> & "Linux"`
	b, _ := json.Marshal(body)
	if st, out := car(t, ts.URL, tok, "/sm/v1/scripts/scheduler", b); st != 200 {
		t.Fatalf("create: %d %v", st, out)
	}
	q, _ := json.Marshal(`patch <windows> & "linux"`) // "patch \u003cwindows\u003e \u0026 \"linux\""
	f, _ := json.Marshal("title:" + string(q))
	p := carPageOf[model.CARSearchItem](t, ts.URL+"/sm/v1/scheduler/search", tok, `{"filter":`+string(f)+`,"pageSize":10,"pageNumber":0}`)
	if p.TotalCount != 1 || p.List[0].Schedule.Title != `Patch <Windows> & "Linux"` {
		t.Fatalf("title with escapes: %+v", p)
	}
	for what, c := range map[string]struct{ body, want string }{
		"member in other case": {`{"filter":"","PageSize":10}`, `unknown field "PageSize"`},
		"bad sort":             {`{"filter":"","sort":"[{\"title\":\"asc\"}]"}`, "Unsupported sort"},
		"bad endAt":            {`{"filter":"","endAt":"tomorrow"}`, "endAt"},
		"bad QQL":              {`{"filter":"owner:me"}`, "Unsupported QQL"},
	} {
		st, out := carDo(t, "POST", ts.URL+"/sm/v1/scheduler/search", tok, c.body)
		carRefused(t, what, st, out, 400, c.want)
	}
}

package apilog_test

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/ui/uitest"
)

// At 80 columns each WAS and script call shows its operation, so count,
// search, activate and deactivate tell apart; the detail pane keeps the
// path whole.
func TestRowsShowTheOperation(t *testing.T) {
	const uuid = "c0c60099-1111-2222-3333-fe60854074db"
	m := newLog(80, 24)
	feed(m, call(1, "POST", "/qps/rest/3.0/count/was/wasscanschedule", 200),
		call(2, "POST", "/qps/rest/3.0/search/was/wasscanschedule", 200),
		call(3, "POST", "/qps/rest/3.0/activate/was/wasscanschedule", 200),
		call(4, "POST", "/qps/rest/3.0/deactivate/was/wasscanschedule", 200),
		call(5, "GET", "/qps/rest/3.0/get/was/wasscanschedule/700844", 200),
		call(6, "POST", "/sm/v1/scheduler/"+uuid+"/deactivate", 200),
		call(7, "GET", "/sm/v1/scheduler/"+uuid, 200),
		call(8, "POST", "/sm/v1/scheduler/"+uuid, 200),
		call(9, "POST", "/sm/v1/scheduler/search", 200),
		call(10, "POST", "/auth", 200))
	v := shownPaths(m)
	for _, want := range []string{"count wasscanschedule", "search wasscanschedule", "activate wasscanschedule", "deactivate wasscanschedule",
		"get wasscanschedule 700844", "deactivate scheduler c0c6", "get scheduler c0c6", "update scheduler c0c6", "search scheduler", "/auth"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	for range 5 {
		m.Update(uitest.Key("up"))
	}
	if v := shownPaths(m); !strings.Contains(v, "GET /qps/rest/3.0/get/was/wasscanschedule/700844") {
		t.Errorf("the detail pane lacks the path:\n%s", v)
	}
}

// "activate" keeps the activations only, not the deactivations; "=word"
// matches a whole word; the other terms still match a piece.
func TestFilterMatchesTheOperationByWord(t *testing.T) {
	m := newLog(120, 30)
	feed(m, call(1, "POST", "/qps/rest/3.0/activate/was/wasscanschedule", 200),
		call(2, "POST", "/qps/rest/3.0/deactivate/was/wasscanschedule", 200),
		call(3, "POST", "/sm/v1/scheduler/c0c60099-1111-2222-3333-fe60854074db/activate", 200),
		call(4, "GET", "/qps/rest/3.0/get/was/wasscanschedule/16880", 200),
		call(5, "GET", "/qps/rest/3.0/get/was/wasscanschedule/1688", 200))
	for _, c := range []struct {
		q    string
		want int
	}{{"activate", 2}, {"deactivate", 1}, {"activate scheduler", 1}, {"=1688", 1}, {"1688", 2}, {"get", 2}, {"wasscan", 4}, {"/activate/", 1}} {
		m.Update(uitest.Key("/"))
		m.Update(uitest.Key("ctrl+u"))
		typeKeys(m, c.q)
		m.Update(uitest.Key("enter"))
		if m.Shown() != c.want {
			t.Errorf("filter %q: %d shown, want %d:\n%s", c.q, m.Shown(), c.want, shownPaths(m))
		}
	}
}

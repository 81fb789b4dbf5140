package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const (
	tagSearchEP    = "POST /sm/v1/assettags/search"
	scriptSearchEP = "POST /sm/v1/scripts/search"
)

func TestTagsEveryPageAndFiltered(t *testing.T) {
	e, rec := setupRecording(t, sim.Options{WASSchedules: -1}, "/assettags/search")
	all, err := e.c.Scripts.Tags(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	want := sim.CARTags()
	if len(all) != 61 || len(want) != 61 || e.calls(tagSearchEP) != 1 {
		t.Fatalf("%d tags in %d requests; the simulator has %d", len(all), e.calls(tagSearchEP), len(want))
	}
	for i, tg := range all {
		if tg != want[i] {
			t.Fatalf("tag %d: %+v, want %+v", i, tg, want[i])
		}
		if ref := tg.Ref(); ref.UUId != tg.TagUUID || ref.ID != model.IDOf(tg.TagID) {
			t.Fatalf("a schedule's tag reference is {tagUuid, tagId} (U41): %+v", ref)
		}
	}
	dc, err := e.c.Scripts.Tags(context.Background(), "  domain CONTROLLERS ")
	if err != nil || len(dc) != 1 || dc[0].Name != "Domain Controllers" {
		t.Fatalf("filtered: %+v %v", dc, err)
	}
	var q model.CARPageRequest
	bodies := rec.all()
	if err := json.Unmarshal([]byte(bodies[len(bodies)-1]), &q); err != nil || q.Filter != `name:"domain CONTROLLERS"` || q.PageNumber != 0 || q.PageSize != model.CARSearchPageSize {
		t.Fatalf("request %s", bodies[len(bodies)-1])
	}
	if none, err := e.c.Scripts.Tags(context.Background(), "no such tag"); err != nil || len(none) != 0 {
		t.Fatalf("no match: %+v %v", none, err)
	}
}

func TestScriptCatalogAndErrNoScriptSearch(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: -1}, nil)
	all, err := e.c.Scripts.ScriptCatalog(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 25 || len(sim.Scripts()) != 25 || e.calls(scriptSearchEP) != 1 {
		t.Fatalf("%d scripts", len(all))
	}
	for _, s := range all {
		if s.ID == "" || s.Title == "" || s.Platform == "" {
			t.Fatalf("script %+v", s)
		}
	}
	word := strings.Fields(all[0].Title)[0]
	some, err := e.c.Scripts.ScriptCatalog(context.Background(), strings.ToUpper(word))
	if err != nil || len(some) == 0 {
		t.Fatalf("%q: %v %v", word, some, err)
	}
	for _, s := range some {
		if !strings.Contains(strings.ToLower(s.Title), strings.ToLower(word)) {
			t.Fatalf("%q listed for %q", s.Title, word)
		}
	}
	if client.EndpointOf(client.CARScripts).Confirmed {
		t.Fatal("the script search is unconfirmed (U36)")
	}

	// Refused: ErrNoScriptSearch, still carrying the answer.
	e = setup(t, sim.Options{WASSchedules: -1, NoScriptSearch: true}, nil)
	_, err = e.c.Scripts.ScriptCatalog(context.Background(), "")
	var ce *client.Error
	if !errors.Is(err, client.ErrNoScriptSearch) || !errors.As(err, &ce) || ce.Status != http.StatusNotFound {
		t.Fatalf("err %v", err)
	}
	// Other failures are not ErrNoScriptSearch.
	e = setup(t, sim.Options{WASSchedules: -1}, nil)
	e.sim.AddFault(sim.Fault{Endpoint: scriptSearchEP, Status: http.StatusInternalServerError})
	if _, err := e.c.Scripts.ScriptCatalog(context.Background(), ""); err == nil || errors.Is(err, client.ErrNoScriptSearch) {
		t.Fatalf("a 500: %v", err)
	}
}

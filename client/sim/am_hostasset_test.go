package sim

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

const hostAssetPath = "/qps/rest/2.0/search/am/hostasset"

// amRequest is a host-asset search: criteria as field, operator, value
// triples, and optional preferences XML.
func amRequest(prefs string, triples ...string) string {
	var b strings.Builder
	b.WriteString("<ServiceRequest>")
	if prefs != "" {
		b.WriteString("<preferences>" + prefs + "</preferences>")
	}
	if len(triples) > 0 {
		b.WriteString("<filters>")
		for i := 0; i+2 < len(triples); i += 3 {
			fmt.Fprintf(&b, `<Criteria field="%s" operator="%s">%s</Criteria>`, triples[i], triples[i+1], triples[i+2])
		}
		b.WriteString("</filters>")
	}
	b.WriteString("</ServiceRequest>")
	return b.String()
}

var cloudAgent = []string{"tagName", "EQUALS", "Cloud Agent"}

func amSearch(t *testing.T, base, auth, body string) model.AMResponse {
	t.Helper()
	st, _, b := raw(t, "POST", base+hostAssetPath, auth, body, "Content-Type", "text/xml")
	if st != 200 {
		t.Fatalf("hostasset search: %d %s", st, b)
	}
	var r model.AMResponse
	if err := xml.Unmarshal(b, &r); err != nil {
		t.Fatalf("hostasset answer: %v\n%s", err, b)
	}
	return r
}

func TestHostAssetAuthAndMandatoryCriterion(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	for _, auth := range []string{"none", "bad", "bearer forged.token.value"} {
		if st, _, b := raw(t, "POST", ts.URL+hostAssetPath, auth, amRequest("", cloudAgent...)); st != 401 {
			t.Errorf("%s: %d %s, want 401", auth, st, b)
		}
	}
	// Bearer from /auth is accepted, as on the WAS paths.
	if r := amSearch(t, ts.URL, "bearer "+login(t, ts.URL), amRequest("", cloudAgent...)); r.ResponseCode != model.CodeSuccess {
		t.Fatalf("bearer: %+v", r)
	}
	for name, body := range map[string]string{
		"no criteria":      amRequest(""),
		"other tag only":   amRequest("", "tagName", "EQUALS", "Production"),
		"CONTAINS":         amRequest("", "tagName", "CONTAINS", "Cloud Agent"),
		"lower case value": amRequest("", "tagName", "EQUALS", "cloud agent"),
	} {
		r := amSearch(t, ts.URL, "basic", body)
		if r.ResponseCode != model.CodeInvalidRequest || r.ErrorDetails == nil || !strings.Contains(r.ErrorDetails.ErrorMessage, `field="tagName" operator="EQUALS">Cloud Agent`) || len(r.Assets) != 0 {
			t.Errorf("%s: %+v %+v", name, r, r.ErrorDetails)
		}
	}
}

func TestHostAssetStrictness(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	for name, c := range map[string]struct{ body, code, says string }{
		"unknown field":      {amRequest("", append(slices.Clone(cloudAgent), "hostname", "CONTAINS", "web")...), model.CodeInvalidRequest, "unknown field"},
		"bad operator":       {amRequest("", append(slices.Clone(cloudAgent), "name", "GREATER", "web")...), model.CodeInvalidRequest, "operator GREATER"},
		"CONTAINS on tagId":  {amRequest("", append(slices.Clone(cloudAgent), "tagId", "CONTAINS", "7")...), model.CodeInvalidRequest, "operator CONTAINS"},
		"not an integer":     {amRequest("", append(slices.Clone(cloudAgent), "id", "GREATER", "abc")...), model.CodeInvalidRequest, "not an integer"},
		"not a date":         {amRequest("", append(slices.Clone(cloudAgent), "lastCheckedIn", "GREATER", "yesterday")...), model.CodeInvalidRequest, "not a date"},
		"unknown element":    {strings.Replace(amRequest("", cloudAgent...), "<filters>", "<filter/><filters>", 1), model.CodeInvalidXML, "'filter'"},
		"limit over 1000":    {amRequest("<limitResults>1001</limitResults>", cloudAgent...), model.CodeInvalidRequest, "limitResults"},
		"offset and fromId":  {amRequest("<startFromOffset>2</startFromOffset><startFromId>5</startFromId>", cloudAgent...), model.CodeInvalidRequest, "not both"},
		"not well-formed":    {"<ServiceRequest><filters>", model.CodeInvalidXML, "well-formed"},
		"verbose preference": {amRequest("<verbose>true</verbose>", cloudAgent...), model.CodeInvalidXML, "'verbose'"},
	} {
		r := amSearch(t, ts.URL, "basic", c.body)
		if r.ResponseCode != c.code || r.ErrorDetails == nil || !strings.Contains(r.ErrorDetails.ErrorMessage, c.says) {
			t.Errorf("%s: %s %+v, want %s saying %q", name, r.ResponseCode, r.ErrorDetails, c.code, c.says)
		}
	}
}

// TestHostAssetPagingToTheEnd pages with id GREATER lastId, as the client
// does, and gets every agent once, in ascending id order.
func TestHostAssetPagingToTheEnd(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1, Seed: 7})
	want := s.Agents()
	if len(want) < 2000 {
		t.Fatalf("%d agents seeded, want at least 2,000", len(want))
	}
	var got []model.HostAsset
	var after int64
	for pages := 0; ; pages++ {
		if pages > 30 {
			t.Fatal("paging does not end")
		}
		cs := slices.Clone(cloudAgent)
		if after > 0 {
			cs = append(cs, "id", "GREATER", fmt.Sprint(after))
		}
		r := amSearch(t, ts.URL, "basic", amRequest("", cs...))
		if r.ResponseCode != model.CodeSuccess || r.Count == nil || *r.Count != len(r.Assets) || r.HasMoreRecords == nil {
			t.Fatalf("page %d: %+v", pages, r)
		}
		if len(r.Assets) > model.DefaultLimitResults {
			t.Fatalf("page of %d, default limit is %d", len(r.Assets), model.DefaultLimitResults)
		}
		got = append(got, r.Assets...)
		if !*r.HasMoreRecords {
			if r.LastID != nil {
				t.Errorf("last page carries lastId %d", *r.LastID)
			}
			break
		}
		if r.LastID == nil || *r.LastID != r.Assets[len(r.Assets)-1].ID {
			t.Fatalf("page %d: lastId %v, last record %d", pages, r.LastID, r.Assets[len(r.Assets)-1].ID)
		}
		after = *r.LastID
	}
	if len(got) != len(want) {
		t.Fatalf("paged %d agents, seeded %d", len(got), len(want))
	}
	for i, h := range got {
		a := want[i]
		if h.ID != a.ID || h.Name != a.Name || h.DNSHostName != a.DNSHostName || h.Address != a.Address || h.OS != a.OS ||
			h.AgentInfo.AgentID != a.AgentUUID || !h.AgentInfo.LastCheckedIn.Equal(a.LastCheckedIn) || len(h.Tags) != len(a.Tags) ||
			h.Tags[0].Name != "Cloud Agent" || h.Tags[0].ID != a.Tags[0].ID || h.AgentInfo.Status != a.Status {
			t.Fatalf("agent %d: got %+v, seeded %+v", i, h, a)
		}
	}
	// startFromOffset and startFromId page the same list.
	r := amSearch(t, ts.URL, "basic", amRequest("<startFromOffset>1001</startFromOffset><limitResults>1000</limitResults>", cloudAgent...))
	if len(r.Assets) != 1000 || r.Assets[0].ID != want[1000].ID || !*r.HasMoreRecords {
		t.Fatalf("startFromOffset 1001: %d assets, first %d", len(r.Assets), r.Assets[0].ID)
	}
	r = amSearch(t, ts.URL, "basic", amRequest(fmt.Sprintf("<startFromId>%d</startFromId><limitResults>5</limitResults>", want[10].ID), cloudAgent...))
	if len(r.Assets) != 5 || r.Assets[0].ID != want[10].ID || *r.LastID != want[14].ID {
		t.Fatalf("startFromId: %+v", r)
	}
}

func TestHostAssetFilters(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: -1, Now: func() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) }})
	find := func(triples ...string) []model.HostAsset {
		t.Helper()
		r := amSearch(t, ts.URL, "basic", amRequest("<limitResults>1000</limitResults>", append(slices.Clone(cloudAgent), triples...)...))
		if r.ResponseCode != model.CodeSuccess {
			t.Fatalf("%v: %+v %+v", triples, r, r.ErrorDetails)
		}
		return r.Assets
	}
	// The seed documents' assets are web-01 and web-02, found by name.
	for name, want := range map[string]struct {
		id   int64
		uuid string
	}{"web-01.example.com": {44496319, "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81"}, "WEB-02.example": {49526617, "7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f"}} {
		got := find("name", "CONTAINS", name)
		if len(got) != 1 || got[0].ID != want.id || got[0].AgentInfo.AgentID != want.uuid || got[0].CARAsset() != (model.Asset{UUId: want.uuid, ID: model.IDOf(want.id)}) {
			t.Errorf("name CONTAINS %s: %+v", name, got)
		}
	}
	if got := find("name", "EQUALS", "WEB-01.example.com"); len(got) != 0 {
		t.Errorf("text EQUALS is exact, yet found %v", got)
	}
	if got := find("dnsHostName", "CONTAINS", ".ci.example.net"); len(got) != 60 {
		t.Errorf("build hosts by DNS name: %d, want 60", len(got))
	}
	if got := find("address", "EQUALS", "10.10.0.1"); len(got) != 1 || got[0].ID != 44496319 {
		t.Errorf("address EQUALS: %+v", got)
	}
	if got := find("agentUuid", "EQUALS", "7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f"); len(got) != 1 || got[0].ID != 49526617 {
		t.Errorf("agentUuid: %+v", got)
	}
	if got := find("id", "IN", "44496319, 49526617"); len(got) != 2 {
		t.Errorf("id IN: %+v", got)
	}
	macs := find("os", "CONTAINS", "macos")
	if len(macs) != 150 {
		t.Errorf("os CONTAINS macos: %d, want 150", len(macs))
	}
	// Two tagName criteria are ANDed: web servers in production.
	web, prod := find("tagName", "EQUALS", "Web servers"), find("tagName", "EQUALS", "Production")
	both := find("tagName", "EQUALS", "Web servers", "tagName", "EQUALS", "Production")
	if len(web) != 160 || len(both) == 0 || len(both) >= len(web) || len(both) >= len(prod) {
		t.Fatalf("web %d, production %d, both %d", len(web), len(prod), len(both))
	}
	for _, h := range both {
		if !slices.Contains(h.TagNames(), "Web servers") || !slices.Contains(h.TagNames(), "Production") {
			t.Fatalf("%s lacks a tag: %v", h.Name, h.TagNames())
		}
	}
	prodID := tagNamed("Production").TagID
	if got := find("tagName", "EQUALS", "Web servers", "tagId", "EQUALS", fmt.Sprint(prodID)); len(got) != len(both) {
		t.Errorf("by tagId: %d, by name %d", len(got), len(both))
	}
	if got := find("tagName", "NOT EQUALS", "Production", "tagName", "EQUALS", "Web servers"); len(got) != len(web)-len(both) {
		t.Errorf("NOT EQUALS: %d, want %d", len(got), len(web)-len(both))
	}
	stale := find("lastCheckedIn", "LESSER", "2026-11-19T12:00:00Z")
	for _, h := range stale {
		if h.AgentInfo.Status != "STATUS_INACTIVE" {
			t.Fatalf("%s last checked in %s but is %s", h.Name, h.AgentInfo.LastCheckedIn, h.AgentInfo.Status)
		}
	}
	if len(stale) == 0 || len(stale) > len(s.Agents())/5 {
		t.Errorf("%d stale agents", len(stale))
	}
}

func TestHostAssetJSON(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: -1})
	st, _, b := raw(t, "POST", ts.URL+hostAssetPath, "basic",
		`{"ServiceRequest":{"filters":{"Criteria":[{"field":"tagName","operator":"EQUALS","value":"Cloud Agent"},{"field":"name","operator":"CONTAINS","value":"web-01.example.com"}]}}}`,
		"Content-Type", "application/json", "Accept", "application/json")
	for _, w := range []string{`"responseCode":"SUCCESS"`, `"data":[{"HostAsset":{"id":44496319,`, `"agentId":"2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81"`, `"lastCheckedIn":{"date":"`, `"tags":{"list":[{"TagSimple":{"id":7271003,"name":"Cloud Agent"}}`} {
		if st != 200 || !strings.Contains(string(b), w) {
			t.Errorf("JSON answer lacks %s: %d %s", w, st, b)
		}
	}
	// The XML answer names the Asset Management schema.
	_, _, b = raw(t, "POST", ts.URL+hostAssetPath, "basic", amRequest("", cloudAgent...), "Content-Type", "text/xml")
	if !strings.Contains(string(b), "/qps/xsd/2.0/am/hostasset.xsd") {
		t.Errorf("XML answer's schema: %.300s", b)
	}
}

func TestAgentsAreDeterministic(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	a := New(Options{Seed: 3, WASSchedules: -1, Now: func() time.Time { return now }}).Agents()
	b := New(Options{Seed: 3, WASSchedules: -1, Now: func() time.Time { return now }}).Agents()
	c := New(Options{Seed: 4, WASSchedules: -1, Now: func() time.Time { return now }}).Agents()
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("same seed, different agents")
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Fatal("different seeds, same agents")
	}
	ids, uuids, names := map[int64]bool{}, map[string]bool{}, map[string]bool{}
	oses := map[string]int{}
	for _, x := range a {
		if ids[x.ID] || uuids[x.AgentUUID] || names[x.Name] || !model.ValidUUID(x.AgentUUID) || x.LastCheckedIn.After(now) {
			t.Fatalf("agent %+v: duplicate id, UUID or name, bad UUID or check-in after now", x)
		}
		ids[x.ID], uuids[x.AgentUUID], names[x.Name] = true, true, true
		oses[strings.Fields(x.OS)[0]]++
	}
	if oses["Microsoft"] < 500 || oses["macOS"] < 100 || len(a)-oses["Microsoft"]-oses["macOS"] < 500 {
		t.Errorf("OS mix: %v", oses)
	}
}

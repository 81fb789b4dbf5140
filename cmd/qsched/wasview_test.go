package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/ui/present"
)

// was get prints exactly the label/value pairs of present.WASDetails, the
// ones the TUI's details view shows (ui/was detailLines), for every kind
// of schedule the simulator seeds.
func TestWASGetPrintsThePresentFields(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 8})
	for _, s := range e.sim.WASSchedules() {
		got := e.run("", "was", "get", fmt.Sprint(s.IDValue())).must(t, exitOK).stdout
		want := strings.Join(present.Lines(present.WASDetails(s, time.Local, e.now)), "\n") + "\n"
		if got != want {
			t.Fatalf("was get %d:\n%s\nwant:\n%s", s.IDValue(), got, want)
		}
		target := "Web app:"
		if s.Target.Tags != nil { // a tag-targeted schedule names tags, not apps
			target = "Tags included:"
		}
		for _, label := range []string{"Name:", "Next launch:", target, "Recipient", "Send mail:"} {
			if !strings.Contains(got, "\n"+label) {
				t.Errorf("was get %d lacks %q", s.IDValue(), label)
			}
		}
	}
}

// A Multi-Scan schedule as the service answers it, in XML (the read QList
// shape, §15.2) and in JSON (§15.1): was get shows the web apps and the
// tags by name and id with their option, the same for both; --json keeps
// the API element names.
func TestWASGetShowsTheTargetOfAMultiScanSchedule(t *testing.T) {
	const xmlAnswer = `<?xml version="1.0" encoding="UTF-8"?>
<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count><data><WasScanSchedule>
  <id>701946</id><name><![CDATA[Multi]]></name><multi>true</multi>
  <target>
    <webApps><count>2</count><list>
      <WebApp><id>11</id><name><![CDATA[shop]]></name></WebApp>
      <WebApp><id>12</id><name><![CDATA[blog]]></name></WebApp>
    </list></webApps>
    <tags>
      <included><option>ANY</option><tagList><count>3</count><list><Tag><id>5</id><name><![CDATA[prod]]></name></Tag><Tag><id>6</id><name><![CDATA[eu]]></name></Tag></list></tagList></included>
      <excluded><option>ALL</option><tagList><set><Tag><id>7</id><name><![CDATA[legacy]]></name></Tag></set></tagList></excluded>
    </tags>
  </target>
</WasScanSchedule></data></ServiceResponse>`
	const jsonAnswer = `{"ServiceResponse":{"responseCode":"SUCCESS","count":1,"data":[{"WasScanSchedule":{
  "id":701946,"name":"Multi","multi":"true",
  "target":{
    "webApps":{"count":2,"list":[{"WebApp":{"id":11,"name":"shop"}},{"WebApp":{"id":12,"name":"blog"}}]},
    "tags":{"included":{"option":"ANY","tagList":{"count":3,"list":[{"Tag":{"id":5,"name":"prod"}},{"Tag":{"id":6,"name":"eu"}}]}},
            "excluded":{"option":"ALL","tagList":{"set":[{"Tag":{"id":7,"name":"legacy"}}]}}}}}}]}}`
	var outputs []string
	for ct, body := range map[string]string{"text/xml": xmlAnswer, "application/json": jsonAnswer} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/qps/rest/3.0/get/was/wasscanschedule/701946" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", ct)
			fmt.Fprint(w, body)
		}))
		defer srv.Close()
		e := newTestEnv(t, sim.Options{})
		e.vars["QUALYS_API_URL"] = srv.URL
		got := e.run("", "was", "get", "701946").must(t, exitOK).stdout
		for _, want := range []string{
			"\nWeb app:           shop (id 11)\nWeb app:           blog (id 12)\n",
			"\nTags included:     ANY of prod (id 5), eu (id 6)\nIncluded count:    3 by the server, 2 listed\n",
			"\nTags excluded:     ALL of legacy (id 7)\n",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: was get lacks %q:\n%s", ct, want, got)
			}
		}
		outputs = append(outputs, got)

		js := decodeJSON[map[string]any](t, e.run("", "was", "get", "701946", "--json").must(t, exitOK).stdout)
		target, _ := js["target"].(map[string]any)
		apps, _ := target["webApps"].(map[string]any)
		tags, _ := target["tags"].(map[string]any)
		inc, _ := tags["included"].(map[string]any)
		incList, _ := inc["tagList"].(map[string]any)
		first, _ := incList["list"].([]any)
		exc, _ := tags["excluded"].(map[string]any)
		excList, _ := exc["tagList"].(map[string]any)
		if js["webApp"] != "shop +1" || apps["count"] != 2.0 || len(apps["list"].([]any)) != 2 || inc["option"] != "ANY" || incList["count"] != 3.0 ||
			len(first) != 2 || fmt.Sprint(first[0]) != "map[id:5 name:prod]" || exc["option"] != "ALL" || excList["set"] == nil {
			t.Errorf("%s: was get --json target %v", ct, target)
		}
	}
	if outputs[0] != outputs[1] {
		t.Errorf("XML and JSON answers show differently:\n%s\n%s", outputs[0], outputs[1])
	}
}

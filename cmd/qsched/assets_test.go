package main

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
)

const (
	hostAssetEP    = "POST /qps/rest/2.0/search/am/hostasset"
	tagSearchEP    = "POST /sm/v1/assettags/search"
	scriptSearchEP = "POST /sm/v1/scripts/search"
)

// simClock is a clock tests set, for the simulator's runs.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *simClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

type assetOut struct {
	AgentUUID     string   `json:"agentUuid"`
	AssetID       int64    `json:"assetId"`
	HostName      string   `json:"hostName"`
	DNSHostName   string   `json:"dnsHostName"`
	OS            string   `json:"os"`
	Address       string   `json:"address"`
	Tags          []string `json:"tags"`
	LastCheckedIn *string  `json:"lastCheckedIn"`
}

func TestAssetsSearchPagesToTheEnd(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1, Seed: 3})
	all := decodeJSON[[]assetOut](t, e.run("", "assets", "search", "--json", "--tz", "UTC").must(t, exitOK).stdout)
	if len(all) != 2250 || e.requests(hostAssetEP) != 23 {
		t.Fatalf("%d agents in %d requests; want 2,250 in 23 pages of 100", len(all), e.requests(hostAssetEP))
	}
	seen := map[int64]bool{}
	for _, a := range all {
		if seen[a.AssetID] || a.AgentUUID == "" || a.HostName == "" || a.LastCheckedIn == nil || !strings.HasSuffix(*a.LastCheckedIn, "Z") {
			t.Fatalf("bad item %+v", a)
		}
		seen[a.AssetID] = true
	}
	// By host name: the seed documents' agent, with its pair.
	one := decodeJSON[[]assetOut](t, e.run("", "assets", "search", "web-01.example.com", "--json", "--tz", "Europe/Berlin").must(t, exitOK).stdout)
	if len(one) != 1 || one[0].AssetID != 44496319 || one[0].AgentUUID != "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81" || one[0].HostName != "web-01.example.com" ||
		!slices.Contains(one[0].Tags, "Cloud Agent") || one[0].OS == "" || one[0].Address == "" {
		t.Fatalf("web-01: %+v", one)
	}
	if lc := *one[0].LastCheckedIn; !strings.HasSuffix(lc, "+01:00") && !strings.HasSuffix(lc, "+02:00") {
		t.Fatalf("last check-in not in the display zone: %s", lc)
	}
	// By address, and by tag (the flag and the prefix are the same).
	if got := decodeJSON[[]assetOut](t, e.run("", "assets", "search", one[0].Address, "--json").must(t, exitOK).stdout); len(got) != 1 || got[0].AssetID != 44496319 {
		t.Fatalf("by address: %+v", got)
	}
	tag := one[0].Tags[len(one[0].Tags)-1]
	byFlag := decodeJSON[[]assetOut](t, e.run("", "assets", "search", "--tag", tag, "--json").must(t, exitOK).stdout)
	byText := decodeJSON[[]assetOut](t, e.run("", "assets", "search", `tag:"`+tag+`"`, "--json").must(t, exitOK).stdout)
	if len(byFlag) == 0 || len(byFlag) != len(byText) || len(byFlag) == len(all) {
		t.Fatalf("tag %q: %d by --tag, %d by tag:", tag, len(byFlag), len(byText))
	}
	for _, a := range byFlag {
		if !slices.Contains(a.Tags, tag) {
			t.Fatalf("%s lacks tag %q", a.HostName, tag)
		}
	}
	// Nothing found: an empty array, not null.
	if r := e.run("", "assets", "search", "no-such-host-anywhere", "--json").must(t, exitOK); strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("no match: %q", r.stdout)
	}
	// The table fits the terminal and names its columns.
	e.width = 100
	r := e.run("", "assets", "search", "web-0", "--tz", "UTC").must(t, exitOK)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if !strings.HasPrefix(lines[0], "HOST NA") || !strings.Contains(lines[0], "AGENT UUID") || !strings.Contains(r.stdout, "44496319") || !strings.Contains(r.stdout, "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81") {
		t.Fatalf("table:\n%s", r.stdout)
	}
	requireSafeText(t, "assets search", r, 100)
}

func TestAssetsSearchBadInputIsOneLineNamingIt(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"assets", "search", "tag:a", "--tag", "b"}, "qsched: --tag: "},
		{[]string{"assets", "search", "--tag", " "}, "qsched: --tag: is empty"},
		{[]string{"assets", "search", "dns:"}, "qsched: TEXT: dns: is empty"},
		{[]string{"assets", "search", "tag:a", "tag:b"}, "qsched: TEXT: tag: is given twice"},
	} {
		r := e.run("", c.args...).must(t, exitUsage)
		if !strings.HasPrefix(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("%v: stderr %q", c.args, r.stderr)
		}
	}
	if e.sim.Stats().Total != 0 {
		t.Fatalf("bad input reached the server: %v", e.sim.Stats())
	}
}

func TestTagsList(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	type tagOut struct {
		Name    string `json:"name"`
		TagUUID string `json:"tagUuid"`
		TagID   int64  `json:"tagId"`
		ID      int64  `json:"id"`
	}
	all := decodeJSON[[]tagOut](t, e.run("", "tags", "list", "--json").must(t, exitOK).stdout)
	if len(all) != 61 {
		t.Fatalf("%d tags, want 61", len(all))
	}
	for _, tg := range all {
		if tg.Name == "" || tg.TagUUID == "" || tg.TagID == 0 || tg.ID == 0 || tg.TagID == tg.ID {
			t.Fatalf("bad tag %+v", tg)
		}
	}
	dc := decodeJSON[[]tagOut](t, e.run("", "tags", "list", "domain", "controllers", "--json").must(t, exitOK).stdout)
	if len(dc) != 1 || dc[0].Name != "Domain Controllers" {
		t.Fatalf("tags list domain controllers: %+v", dc)
	}
	e.width = 60
	r := requireSafeText(t, "tags list", e.run("", "tags", "list", "Domain").must(t, exitOK), 60)
	if !strings.HasPrefix(r.stdout, "NAME") || !strings.Contains(r.stdout, "Domain Contr…") || !strings.Contains(r.stdout, dc[0].TagUUID) {
		t.Fatalf("tags list:\n%s", r.stdout)
	}
}

func TestScriptsCatalogAndItsFallback(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: -1})
	type scriptOut struct {
		ID       json.Number `json:"id"`
		Title    string      `json:"title"`
		Platform string      `json:"platform"`
		Type     string      `json:"type"`
		Params   []string    `json:"params"`
	}
	all := decodeJSON[[]scriptOut](t, e.run("", "scripts", "list", "--json").must(t, exitOK).stdout)
	if len(all) != 25 || all[0].ID == "" || all[0].Title == "" || all[0].Params == nil {
		t.Fatalf("catalog: %d scripts, first %+v", len(all), all)
	}
	word := strings.Fields(all[3].Title)[0]
	some := decodeJSON[[]scriptOut](t, e.run("", "scripts", "list", word, "--json").must(t, exitOK).stdout)
	if len(some) == 0 || len(some) == len(all) {
		t.Fatalf("%q matched %d scripts of %d", word, len(some), len(all))
	}
	for _, s := range some {
		if !strings.Contains(strings.ToLower(s.Title), strings.ToLower(word)) {
			t.Fatalf("%q listed for %q", s.Title, word)
		}
	}
	r := e.run("", "scripts", "list").must(t, exitOK)
	if !strings.HasPrefix(r.stdout, "ID") || !strings.Contains(r.stdout, all[0].Title) || !strings.Contains(r.stdout, "POST /sm/v1/scripts/search (a path not documented by Qualys).") {
		t.Fatalf("scripts list:\n%s", r.stdout)
	}

	// A platform without the search: one line saying so, exit 1, nothing
	// on stdout, with or without --json.
	e = newTestEnv(t, sim.Options{WASSchedules: -1, NoScriptSearch: true})
	for _, args := range [][]string{{"scripts", "list"}, {"scripts", "list", "--json"}} {
		r := e.run("", args...).must(t, exitAPI)
		if r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "does not offer the script search") || !strings.Contains(r.stderr, "(HTTP 404)") {
			t.Fatalf("%v without the search: stdout %q stderr %q", args, r.stdout, r.stderr)
		}
	}
	if e.requests(scriptSearchEP) != 0 || e.requests("unmatched") != 2 {
		t.Fatalf("stats %v", e.sim.Stats())
	}
}

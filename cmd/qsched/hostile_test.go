package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// Hostile server text: XML 1.0 cannot carry C0 controls, so the WAS values
// use their C1 forms (CSI U+009B, OSC U+009D … ST U+009C); the CAR title,
// JSON, carries ESC-based OSC 52 and OSC 8 sequences and C0 controls.
const (
	hostileName    = "Evil\u009b2J \u009d52;c;aGk=\u009c \u009d8;;http://evil.example\u009clink \u202egnp.exe\u200b\u2060\ufeff \u2028line\nbreak \U0001F468\u200D\U0001F469\u200D\U0001F467 end"
	hostileMailbox = "a\u009b2Jb@x.com"
	hostileTitle   = "\x1b]52;c;aGk=\x07 \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ \u202egnp\u200d\n\x01\x7f\u0085 \U0001F468\u200D\U0001F469 title"
)

func TestHostileServerTextIsShownSafelyEverywhere(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 3, Seed: 21})
	e.now = time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)
	e.width = 80
	id := fmt.Sprint(e.sim.WASSchedules()[0].IDValue())
	bigMessage := strings.Repeat("m\u009b\u202e\u200d\n", 1<<20/10) + "end" // 1 MB
	recipients := []string{hostileMailbox, "ops\u200d@example.com"}
	// qsched refuses to send such text, safely and sending nothing; it is
	// planted as another client of the platform would store it.
	before := e.sim.Stats().Total
	r := e.run("", "was", "update", id, "--name", hostileName, "--notify-message", bigMessage, "--recipients", strings.Join(recipients, ","))
	requireSafeText(t, "was update", r.must(t, exitUsage), 0)
	if e.sim.Stats().Total != before {
		t.Fatal("a refused update sent requests")
	}
	e.plantWAS(t, e.sim.WASSchedules()[0].IDValue(), hostileName, bigMessage, recipients...)

	stored, _ := e.sim.WASSchedule(e.sim.WASSchedules()[0].IDValue())
	if stored.NameValue() != hostileName || string(*stored.Notification.Message) != bigMessage {
		t.Fatalf("the simulator did not store the values as sent: %q", stored.NameValue())
	}

	for _, args := range [][]string{{"was", "list"}, {"was", "get", id}} {
		for _, w := range []int{80, 0} { // a terminal, a pipe
			e.width = w
			r := requireSafeText(t, strings.Join(args, " "), e.run("", args...).must(t, exitOK), w)
			if len(r.stdout) > 64<<10 {
				t.Errorf("%v printed %d bytes for a 1 MB message", args, len(r.stdout))
			}
			if w > 0 {
				continue
			}
			for _, want := range []string{`Evil\u009b2J`, `\u009d52;c;aGk=\u009c`, `\u202egnp`, "👨\\u200d👩\\u200d👧 end"} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("%v does not show %q:\n%s", args, want, r.stdout)
				}
			}
		}
	}
	get := e.run("", "was", "get", id).stdout
	for _, want := range []string{`Recipient:         a\u009b2Jb@x.com`, `ops\u200d@example.com`, `Message:           m\u009b\u202e\u200d\u000am`, "more bytes)"} {
		if !strings.Contains(get, want) {
			t.Errorf("was get does not show %q:\n%.2000s", want, get)
		}
	}
	e.width = 80

	type wasJSON struct {
		Name         string `json:"name"`
		Notification struct {
			Recipients []string `json:"recipients"`
			Message    string   `json:"message"`
		} `json:"notification"`
	}
	list := requireSafeJSON[[]wasJSON](t, "was list --json", e.run("", "was", "list", "--json").must(t, exitOK))
	one := requireSafeJSON[wasJSON](t, "was get --json", e.run("", "was", "get", id, "--json").must(t, exitOK))
	if list[0].Name != hostileName || one.Name != hostileName || one.Notification.Message != bigMessage || strings.Join(one.Notification.Recipients, ",") != strings.Join(recipients, ",") {
		t.Errorf("JSON does not carry the stored values: %q %q", list[0].Name, one.Name)
	}

	// CAR: a title with ESC sequences and C0 controls. qsched will not
	// send it (one line naming the field, nothing sent); another tool
	// wrote it, and the list shows it.
	body := map[string]any{}
	if err := json.Unmarshal([]byte(seed(t, "000-daily.json")), &body); err != nil {
		t.Fatal(err)
	}
	body["title"] = hostileTitle
	raw, _ := json.Marshal(body)
	before = e.sim.Stats().Total
	refused := requireSafeText(t, "scripts create", e.run(string(raw), "scripts", "schedule", "create", "-f", "-").must(t, exitUsage), 0)
	if !strings.HasPrefix(refused.stderr, "qsched: title: holds control character U+001B") || strings.Count(refused.stderr, "\n") != 1 || e.sim.Stats().Total != before {
		t.Errorf("a hostile title is not refused locally on one line: %q", refused.stderr)
	}
	planted, err := model.DecodeScriptSchedule(raw)
	if err != nil {
		t.Fatal(err)
	}
	e.sim.PlantCARSchedule(planted)
	requireSafeText(t, "scripts list", e.run("", "scripts", "schedule", "list").must(t, exitOK), e.width)
	e.width = 0
	sl := requireSafeText(t, "scripts list", e.run("", "scripts", "schedule", "list").must(t, exitOK), 0)
	if !strings.Contains(sl.stdout, `\u001b]52;c;aGk=\u0007 \u001b]8;;http://evil.example\u001b\click`) {
		t.Errorf("scripts list does not show the escapes:\n%s", sl.stdout)
	}
	scripts := requireSafeJSON[[]map[string]any](t, "scripts list --json", e.run("", "scripts", "schedule", "list", "--json").must(t, exitOK))
	if len(scripts) != 1 || scripts[0]["title"] != hostileTitle {
		t.Errorf("scripts list --json: %v", scripts)
	}
}

// requireSafeText fails when stdout or stderr carries a control, format or
// separator character other than the newlines between lines, is not
// UTF-8, or (width > 0: a table or detail view on a terminal) has a line
// wider than width.
func requireSafeText(t *testing.T, what string, r result, width int) result {
	t.Helper()
	for _, out := range []string{r.stdout, r.stderr} {
		if !utf8.ValidString(out) {
			t.Errorf("%s: invalid UTF-8", what)
		}
		for _, c := range out {
			if c != '\n' && safe.Escaped(c) {
				t.Errorf("%s: raw U+%04X in %.300q", what, c, out)
				break
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); width > 0 && w > width {
				t.Errorf("%s: line of %d cells on a %d-cell terminal: %.200q", what, w, width, l)
				break
			}
		}
	}
	return r
}

// requireSafeJSON fails unless stdout is one valid JSON document in which
// every control, bidi and zero-width character is a \u escape.
func requireSafeJSON[T any](t *testing.T, what string, r result) T {
	t.Helper()
	if !json.Valid([]byte(r.stdout)) {
		t.Fatalf("%s: not valid JSON", what)
	}
	for _, c := range r.stdout + r.stderr {
		if c != '\n' && safe.Escaped(c) {
			t.Fatalf("%s: raw U+%04X in JSON", what, c)
		}
	}
	if !strings.Contains(r.stdout, `\u202e`) || !strings.Contains(r.stdout, `\u200d`) {
		t.Errorf("%s: bidi override or ZWJ not written as \\u escapes", what)
	}
	return decodeJSON[T](t, r.stdout)
}

// An error message from the server reaches the CLI verbatim (package client
// keeps it) and is printed escaped, on one line: an OSC 52 clipboard write
// and a C1 CSI are shown as \u001b…\u0007 and \u009b, not run and not
// deleted, and the server's newline does not start a line of its own.
func TestServerErrorIsPrintedEscapedOnOneLine(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/auth" {
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, "token")
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"errorCode":"BAD","message":"copy \u001b]52;c;aGk=\u0007 then \u009b2J\nqsched: fake line"}`)
	}))
	t.Cleanup(srv.Close)
	e := newTestEnv(t, sim.Options{})
	e.vars["QUALYS_GATEWAY_URL"] = srv.URL
	r := requireSafeText(t, "scripts list", e.run("", "scripts", "schedule", "list").must(t, exitAPI), 0)
	want := `qsched: search script schedules: BAD: copy \u001b]52;c;aGk=\u0007 then \u009b2J\u000aqsched: fake line` + "\n"
	if r.stderr != want {
		t.Fatalf("stderr:\n%q\nwant\n%q", r.stderr, want)
	}
}

// A platform whose agents, tags, scripts, schedules and runs carry
// hostile text: every new headless output (issue 12) shows it escaped,
// tables fit the terminal, and JSON carries it as \u escapes.
func TestHostileTextInTargetsSchedulesAndRuns(t *testing.T) {
	ended := time.Date(2030, 5, 13, 10, 50, 0, 0, time.UTC).UnixMilli()
	output := base64.StdEncoding.EncodeToString([]byte(hostileTitle + "\nsecond line\n" + strings.Repeat("x\u009b", 100<<10)))
	envelope := func(body any) any { return map[string]any{"errorCode": "0", "message": "ok", "body": body} }
	schedule := map[string]any{
		"id": "hostile-1", "activate": true, "title": hostileTitle, "description": hostileName,
		"assets": []any{map[string]any{"UUId": hostileTitle, "id": 7}}, "assetTags": []any{}, "excludedAssets": []any{},
		"scripts": []any{map[string]any{"id": 1, "title": hostileTitle}}, "user": map[string]any{"id": "u", "name": hostileTitle},
		"startDate": "2030-05-11", "startTime": "10:49:00", "endDate": "2030-05-16", "scheduleType": "WEEKLY", "daysOfWeek": []int{1, 2},
		"created": map[string]any{"dateTime": ended},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v any
		switch {
		case r.URL.Path == "/auth":
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, "token")
			return
		case strings.HasSuffix(r.URL.Path, "/search/am/hostasset"):
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count><hasMoreRecords>false</hasMoreRecords>
<data><HostAsset><id>7</id><name>%[1]s</name><dnsHostName>%[1]s</dnsHostName><address>%[1]s</address><os>%[1]s</os>
<agentInfo><agentId>%[1]s</agentId><lastCheckedIn><date>2030-05-01T00:00:00Z</date></lastCheckedIn></agentInfo>
<tags><list><TagSimple><id>1</id><name>%[1]s</name></TagSimple></list></tags></HostAsset></data></ServiceResponse>`, hostileName)
			return
		case strings.HasSuffix(r.URL.Path, "/assettags/search"):
			v = envelope(map[string]any{"totalCount": 1, "list": []any{map[string]any{"name": hostileTitle, "tagUuid": hostileTitle, "tagId": 1, "id": 2}}})
		case strings.HasSuffix(r.URL.Path, "/scripts/search"):
			v = envelope(map[string]any{"totalCount": 1, "list": []any{map[string]any{"id": 1, "title": hostileTitle, "platform": hostileTitle, "scriptType": hostileTitle, "params": []any{map[string]any{"key": hostileTitle, "value": ""}}}}})
		case strings.HasSuffix(r.URL.Path, "/jobs/search"):
			v = envelope(map[string]any{"totalCount": 1, "list": []any{map[string]any{"id": 5, "status": hostileTitle, "created": map[string]any{"dateTime": ended - 60000},
				"script": map[string]any{"id": 1, "title": hostileTitle}, "scheduler": map[string]any{"id": "hostile-1", "title": hostileTitle}}}})
		case strings.HasSuffix(r.URL.Path, "/assetjobs/search"):
			v = envelope(map[string]any{"totalCount": 1, "list": []any{map[string]any{"id": 9, "job": map[string]any{"id": 5},
				"asset": map[string]any{"id": 7, "name": hostileTitle, "agentUuid": hostileTitle}, "output": map[string]any{"code": 3, "text": hostileTitle},
				"scriptResult": output, "enddate": ended}}})
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/sm/v1/scheduler/"):
			v = envelope(schedule)
		default: // activate, deactivate, delete: refused with hostile text
			w.WriteHeader(http.StatusBadRequest)
			v = map[string]any{"errorCode": "400", "message": hostileTitle}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}))
	t.Cleanup(srv.Close)
	e := newTestEnv(t, sim.Options{})
	e.vars["QUALYS_API_URL"], e.vars["QUALYS_GATEWAY_URL"] = srv.URL, srv.URL
	e.now = time.Date(2030, 5, 1, 0, 0, 0, 0, time.UTC)

	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"assets", "search"}, exitOK},
		{[]string{"tags", "list"}, exitOK},
		{[]string{"scripts", "list"}, exitOK},
		{[]string{"scripts", "schedule", "get", "hostile-1"}, exitOK},
		{[]string{"scripts", "schedule", "runs", "hostile-1"}, exitOK},
		{[]string{"scripts", "schedule", "deactivate", "hostile-1"}, exitUsage},
		{[]string{"scripts", "schedule", "delete", "hostile-1", "--yes"}, exitAPI},
	} {
		name := strings.Join(c.args, " ")
		for _, w := range []int{80, 0} {
			e.width = w
			check := w
			r := requireSafeText(t, name, e.run("", c.args...).must(t, c.code), 0)
			// Tables and prose fit the terminal; errors on stderr are
			// never cut (the server's text, whole, on one line).
			requireSafeText(t, name, result{stdout: r.stdout}, check)
			if len(r.stdout) > 64<<10 {
				t.Errorf("%s printed %d bytes", name, len(r.stdout))
			}
			if w == 0 && !strings.Contains(r.stdout+r.stderr, `\u001b]52;c;aGk=\u0007`) && !strings.Contains(r.stdout+r.stderr, `\u009d52;c;aGk=\u009c`) {
				t.Errorf("%s does not show the escapes:\n%.3000s", name, r.stdout+r.stderr)
			}
		}
		e.width = 0
		js := e.run("", append(c.args, "--json")...).must(t, c.code)
		if c.code == exitAPI {
			requireSafeText(t, name+" --json", js, 0)
			continue
		}
		requireSafeJSON[any](t, name+" --json", js)
	}
	// The output is decoded, bounded and carried as stored.
	type runs struct {
		Runs []struct {
			Assets []struct {
				Output          string `json:"output"`
				OutputTruncated bool   `json:"outputTruncated"`
			} `json:"assets"`
		} `json:"runs"`
	}
	rs := decodeJSON[runs](t, e.run("", "scripts", "schedule", "runs", "hostile-1", "--json").stdout)
	if out := rs.Runs[0].Assets[0]; !strings.HasPrefix(out.Output, hostileTitle+"\nsecond line\n") || !out.OutputTruncated || len(out.Output) != 64<<10 {
		t.Errorf("output: truncated %v, %d bytes", out.OutputTruncated, len(out.Output))
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

const wasCreateEP = "POST /qps/rest/3.0/create/was/wasscanschedule"

// Web app 2900101 and option profile 610001 are in the simulator's catalog.
const wasCreateXML = `<ServiceRequest><data><WasScanSchedule>
  <name><![CDATA[Weekly scan – shop]]></name>
  <type>VULNERABILITY</type>
  <target>
    <webApp><id>2900101</id></webApp>
    <scannerAppliance><type>EXTERNAL</type></scannerAppliance>
    <cancelOption>DEFAULT</cancelOption>
  </target>
  <profile><id>610001</id></profile>
  <scheduling>
    <startDate>2031-01-05T02:00:00Z</startDate>
    <timeZone><code>Europe/Berlin</code></timeZone>
    <occurrenceType>WEEKLY</occurrenceType>
    <occurrence><weeklyOccurrence><everyNWeeks>1</everyNWeeks><onDays><WeekDay>SUNDAY</WeekDay></onDays></weeklyOccurrence></occurrence>
  </scheduling>
  <notification><active>true</active><delay><nb>2</nb><scale>DAY</scale></delay>
    <recipients><set><EmailAddress>ops@example.com</EmailAddress></set></recipients></notification>
</WasScanSchedule></data></ServiceRequest>
`

const wasCreateJSON = `{"ServiceRequest":{"data":{"WasScanSchedule":{
  "name":"Daily scan – JSON","type":"DISCOVERY",
  "target":{"webApps":{"set":[{"WebApp":{"id":2900101}},{"WebApp":{"id":"2900108"}}]},
    "scannerAppliance":{"type":"EXTERNAL"},"cancelOption":"SPECIFIC"},
  "profile":{"id":610002},
  "scheduling":{"startDate":"2031-02-01T03:00:00Z","timeZone":{"code":"UTC"},"occurrenceType":"DAILY",
    "occurrence":{"dailyOccurrence":{"everyNDays":2}}},
  "notification":{"active":false}}}}}`

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWASCreateFromXMLAndJSON(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 5, Seed: 3})
	for _, c := range []struct{ file, body, name, typ string }{
		{"new.xml", wasCreateXML, "Weekly scan – shop", "VULNERABILITY"},
		{"new.json", wasCreateJSON, "Daily scan – JSON", "DISCOVERY"},
	} {
		calls := e.requests(wasCreateEP)
		r := e.run("", "was", "create", "-f", writeTemp(t, c.file, c.body), "--json").must(t, exitOK)
		got := decodeJSON[struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		}](t, r.stdout)
		stored, ok := e.sim.WASSchedule(got.ID)
		if !ok || got.Name != c.name || stored.NameValue() != c.name || stored.TypeValue() != c.typ || e.requests(wasCreateEP) != calls+1 {
			t.Fatalf("%s: %+v stored %v %q", c.file, got, ok, stored.NameValue())
		}
	}
	// From standard input, in text.
	r := e.run(strings.Replace(wasCreateXML, "shop]]", "stdin]]", 1), "was", "create", "-f", "-").must(t, exitOK)
	if !strings.HasPrefix(r.stdout, "Created WAS schedule ") || !strings.Contains(r.stdout, "(Weekly scan – stdin)") {
		t.Fatalf("stdout %q", r.stdout)
	}
	recs := e.auditRecords()
	if len(recs) != 6 || recs[0].Action != client.AuditWASCreate || recs[0].Target.Title != "Weekly scan – shop" || recs[1].Status != "done" {
		t.Fatalf("audit %+v", recs)
	}
}

func TestWASCreateDryRunSendsNothing(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 5, Seed: 3})
	for _, body := range []string{wasCreateXML, wasCreateJSON} {
		s, err := model.DecodeWASCreate([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		req, err := client.NewWASCreateRequest(s)
		if err != nil {
			t.Fatal(err)
		}
		r := e.run(body, "was", "create", "-f", "-", "--dry-run").must(t, exitOK)
		if want := "POST /qps/rest/3.0/create/was/wasscanschedule\n" + string(req.Body()); r.stdout != want {
			t.Fatalf("dry run prints\n%s\nwant\n%s", r.stdout, want)
		}
		j := e.run(body, "was", "create", "-f", "-", "--dry-run", "--json").must(t, exitOK)
		doc := decodeJSON[struct {
			Sent     bool
			Requests []requestJSON
		}](t, j.stdout)
		if doc.Sent || len(doc.Requests) != 1 || doc.Requests[0].Body != string(req.Body()) {
			t.Fatalf("dry run JSON %s", j.stdout)
		}
	}
	if n := e.sim.Stats().Total; n != 0 {
		t.Fatalf("a dry run sent %d requests", n)
	}
	if _, err := os.Stat(e.auditPath()); !os.IsNotExist(err) {
		t.Fatal("a dry run wrote the audit log")
	}
}

func TestWASCreateRefusesBadFiles(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 5, Seed: 3})
	for name, c := range map[string]struct{ body, want string }{
		"empty":           {"", "empty"},
		"not XML or JSON": {"name = weekly", "neither XML nor JSON"},
		"broken XML":      {"<ServiceRequest><data>", "not well-formed XML"},
		"broken JSON":     {`{"ServiceRequest":{`, "not valid JSON"},
		"unknown element": {strings.Replace(wasCreateXML, "<type>", "<colour>red</colour><type>", 1), "'colour'"},
		"read-only":       {strings.Replace(wasCreateXML, "<type>", "<id>5</id><type>", 1), "'id'"},
		"unknown in JSON": {strings.Replace(wasCreateJSON, `"type":`, `"colour":"red","type":`, 1), "'colour'"},
		"invalid field":   {strings.Replace(wasCreateXML, "Europe/Berlin", "Mars/Olympus", 1), "scheduling.timeZone.code: "},
	} {
		r := e.run(c.body, "was", "create", "-f", "-").must(t, exitUsage)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if len(lines) != 1 || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%s: stderr %q", name, r.stderr)
		}
	}
	// Several problems: one line each, naming the field.
	two := strings.Replace(strings.Replace(wasCreateXML, "<everyNWeeks>1", "<everyNWeeks>0", 1), "ops@example.com", "nobody", 1)
	r := e.run(two, "was", "create", "-f", "-").must(t, exitUsage)
	if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 2 ||
		!strings.Contains(r.stderr, "scheduling.occurrence.weeklyOccurrence.everyNWeeks: ") || !strings.Contains(r.stderr, "notification.recipients: ") {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
	e.run("", "was", "create").must(t, exitUsage)
	e.run("", "was", "create", "-f", filepath.Join(t.TempDir(), "missing.xml")).must(t, exitUsage)
	e.run(wasCreateXML, "was", "create", "-f", "-", "--read-only").must(t, exitUsage)
	if n := e.sim.Stats().Total; n != 0 {
		t.Fatalf("refused creates sent %d requests", n)
	}
}

// futureSchedule is a seeded schedule whose start is still to come: the
// service refuses a create that starts in the past.
func (e *testEnv) futureSchedule() model.WasScanSchedule {
	e.t.Helper()
	for _, w := range e.sim.WASSchedules() {
		if st, err := time.Parse(model.WASTimeLayout, model.Deref(w.Scheduling.StartDate)); err == nil && st.After(time.Now().Add(time.Hour)) {
			return w
		}
	}
	e.t.Fatal("no seeded schedule starts in the future")
	return model.WasScanSchedule{}
}

func TestWASClone(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 80, Seed: 4})
	src := e.futureSchedule()
	id := fmt.Sprint(src.IDValue())

	// Refused: no name, the same name (even in another case), read-only.
	e.run("", "was", "clone", id).must(t, exitUsage)
	r := e.run("", "was", "clone", id, "--name", " "+strings.ToUpper(src.NameValue())+" ").must(t, exitUsage)
	if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 1 || !strings.Contains(r.stderr, "--name: must differ") {
		t.Fatalf("same name: %q", r.stderr)
	}
	e.run("", "was", "clone", id, "--name", "a\u0007b").must(t, exitUsage)
	calls := e.sim.Stats().Total
	e.run("", "was", "clone", id, "--name", "Copy", "--read-only").must(t, exitUsage)
	if e.sim.Stats().Total != calls || e.requests(wasCreateEP) != 0 {
		t.Fatal("a refused clone reached the server")
	}

	// --dry-run reads the source and prints the create, sending no write.
	r = e.run("", "was", "clone", id, "--name", "Copy of it", "--dry-run").must(t, exitOK)
	want, _ := client.NewWASCreateRequest(model.WASForCreate(src, "Copy of it"))
	if r.stdout != "POST /qps/rest/3.0/create/was/wasscanschedule\n"+string(want.Body()) || e.requests(wasCreateEP) != 0 {
		t.Fatalf("dry run:\n%s", r.stdout)
	}

	before := len(e.sim.WASSchedules())
	r = e.run("", "was", "clone", id, "--name", "Copy of it", "--json").must(t, exitOK)
	got := decodeJSON[struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Source int64  `json:"source"`
	}](t, r.stdout)
	stored, ok := e.sim.WASSchedule(got.ID)
	if !ok || len(e.sim.WASSchedules()) != before+1 || got.Source != src.IDValue() || got.Name != "Copy of it" || stored.NameValue() != "Copy of it" {
		t.Fatalf("clone %+v stored %v", got, ok)
	}
	if a, b := model.WASForCreate(stored, ""), model.WASForCreate(src, ""); !reflect.DeepEqual(a, b) {
		t.Fatalf("the clone differs from its source beyond name and read-only fields:\n%+v\n%+v", a, b)
	}
	if e.requests(wasCreateEP) != 1 {
		t.Fatalf("%d creates sent", e.requests(wasCreateEP))
	}
	recs := e.auditRecords()
	if len(recs) != 2 || recs[0].Action != client.AuditWASCreate || recs[0].Target.Title != "Copy of it" || recs[1].Results[0].ID != fmt.Sprint(got.ID) {
		t.Fatalf("audit %+v", recs)
	}
	e.run("", "was", "clone", "999999999", "--name", "x").must(t, exitAPI)
}

// A create the server stored whose answer was lost is found by its name
// and reported as created once, in text and in JSON; nothing is sent
// again.
func TestCreateFoundAfterLostAnswer(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 5, Seed: 3})
	e.sim.AddFault(sim.Fault{Endpoint: wasCreateEP, Kind: sim.CommitDrop, Calls: []int{1}})
	r := e.run("", "was", "create", "-f", writeTemp(t, "new.xml", wasCreateXML)).must(t, exitOK)
	if !strings.Contains(r.stdout, "Created WAS schedule ") || !strings.Contains(r.stdout, "The answer was lost; a search found the new schedule") {
		t.Fatalf("stdout %q", r.stdout)
	}
	e.sim.AddFault(sim.Fault{Endpoint: wasCreateEP, Kind: sim.CommitDrop, Calls: []int{1}})
	r = e.run(strings.Replace(wasCreateXML, "shop]]", "json]]", 1), "was", "create", "-f", "-", "--json").must(t, exitOK)
	got := decodeJSON[struct {
		ID   int64  `json:"id"`
		Note string `json:"note"`
	}](t, r.stdout)
	if _, ok := e.sim.WASSchedule(got.ID); !ok || !strings.Contains(got.Note, "found the new schedule") || e.requests(wasCreateEP) != 2 {
		t.Fatalf("json %+v stored %v, %d creates sent", got, ok, e.requests(wasCreateEP))
	}
	n := 0
	for _, s := range e.sim.WASSchedules() {
		if strings.HasPrefix(s.NameValue(), "Weekly scan – ") {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d schedules named like the two creates, want 2", n)
	}
}

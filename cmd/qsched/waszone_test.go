package main

import (
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

func loadZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// scheduleWithNextLaunch is a seeded schedule that has a next launch, a
// creation date and a start.
func scheduleWithNextLaunch(t *testing.T, e *testEnv) model.WasScanSchedule {
	t.Helper()
	for _, s := range e.sim.WASSchedules() {
		if _, ok := s.NextLaunch(); ok && s.CreatedDate != nil && s.Scheduling != nil && s.Scheduling.StartDate != nil {
			return s
		}
	}
	t.Fatal("no seeded schedule with a next launch")
	return model.WasScanSchedule{}
}

// was get --tz shows every time in that zone: the creation, the start and
// the next launch, each with the zone's abbreviation, none in UTC.
func TestWASGetShowsTimesInTheDisplayZone(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 8})
	berlin := loadZone(t, "Europe/Berlin")
	s := scheduleWithNextLaunch(t, e)
	got := e.run("", "was", "get", fmt.Sprint(s.IDValue()), "--tz", "Europe/Berlin").must(t, exitOK).stdout
	if want := strings.Join(present.Lines(present.WASDetails(s, berlin, e.now)), "\n") + "\n"; got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	created, _ := time.Parse(model.WASTimeLayout, *s.CreatedDate)
	next, _ := s.NextLaunch()
	for _, want := range []string{
		present.Line(present.Field{Label: "Created", Value: present.DateTime(created.In(berlin))}),
		present.Line(present.Field{Label: "Next launch", Value: model.DescribeRun(next.In(berlin), e.now)}),
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, " UTC") && !strings.HasPrefix(l, "Time zone:") {
			t.Errorf("a time in UTC: %q", l)
		}
	}

	// --json: nextLaunch, createdDate and updatedDate in the zone, with its
	// offset; the scheduling block as the API holds it, in UTC, so that it
	// can be sent back.
	d := decodeJSON[map[string]any](t, e.run("", "was", "get", fmt.Sprint(s.IDValue()), "--json", "--tz", "Asia/Tokyo").must(t, exitOK).stdout)
	if got, want := d["nextLaunch"], next.In(loadZone(t, "Asia/Tokyo")).Format(time.RFC3339); got != want {
		t.Errorf("nextLaunch %v, want %v", got, want)
	}
	if got, want := d["createdDate"], created.In(loadZone(t, "Asia/Tokyo")).Format(time.RFC3339); got != want {
		t.Errorf("createdDate %v, want %v", got, want)
	}
	if got := d["scheduling"].(map[string]any)["startDate"]; got != *s.Scheduling.StartDate {
		t.Errorf("scheduling.startDate %v, want it as stored, %s", got, *s.Scheduling.StartDate)
	}
}

// was list --tz: the table's column names the zone and its next launches
// are in it; JSON and CSV write them as RFC 3339 with the zone's offset,
// the same instant as the server's.
func TestWASListShowsNextLaunchesInTheDisplayZone(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 8})
	ny := loadZone(t, "America/New_York")
	s := scheduleWithNextLaunch(t, e)
	next, _ := s.NextLaunch()
	id := fmt.Sprint(s.IDValue())

	out := e.run("", "was", "list", "--tz", "America/New_York").must(t, exitOK).stdout
	lines := strings.Split(out, "\n")
	if want := "NEXT LAUNCH " + e.now.In(ny).Format("MST"); !strings.Contains(lines[0], want) {
		t.Fatalf("header %q lacks %q", lines[0], want)
	}
	row := ""
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, id+" ") {
			row = l
		}
	}
	if want := present.DateTime(next.In(ny)); !strings.Contains(row, want) {
		t.Fatalf("row %q lacks %q", row, want)
	}
	if strings.Contains(out, " UTC") {
		t.Fatalf("a time in UTC:\n%s", out)
	}

	want := next.In(ny).Format(time.RFC3339)
	for _, js := range [][]map[string]any{
		decodeJSON[[]map[string]any](t, e.run("", "was", "list", "--json", "--tz", "America/New_York").must(t, exitOK).stdout),
		decodeJSON[[]map[string]any](t, e.run("", "was", "list", "--output", "json", "--tz", "America/New_York").must(t, exitOK).stdout),
	} {
		found := false
		for _, r := range js {
			if fmt.Sprint(r["id"]) == id {
				found = true
				if r["nextLaunch"] != want {
					t.Fatalf("nextLaunch %v, want %s", r["nextLaunch"], want)
				}
			}
			if v, ok := r["nextLaunch"].(string); ok && strings.HasSuffix(v, "Z") {
				t.Fatalf("nextLaunch in UTC: %s", v)
			}
		}
		if !found {
			t.Fatalf("schedule %s not listed", id)
		}
	}

	recs, err := csv.NewReader(strings.NewReader(e.run("", "was", "list", "--output", "csv", "--tz", "America/New_York").must(t, exitOK).stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		if r[0] == id && r[7] != want {
			t.Fatalf("CSV nextLaunch %q, want %q", r[7], want)
		}
	}
}

// The preview of a bulk action (without --yes) lists the schedules in the
// same form as was list, next launches in the display zone.
func TestWASBulkPreviewInTheDisplayZone(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 8})
	s := scheduleWithNextLaunch(t, e)
	next, _ := s.NextLaunch()
	r := e.run("", "was", "deactivate", fmt.Sprint(s.IDValue()), "--json", "--tz", "Asia/Tokyo").must(t, exitUsage)
	d := decodeJSON[map[string]any](t, r.stdout)
	list, _ := d["schedules"].([]any)
	if len(list) != 1 {
		t.Fatalf("schedules %v", d["schedules"])
	}
	if got, want := list[0].(map[string]any)["nextLaunch"], next.In(loadZone(t, "Asia/Tokyo")).Format(time.RFC3339); got != want {
		t.Fatalf("nextLaunch %v, want %s", got, want)
	}
}

// The undo report says when the action was taken in the display zone, as
// the TUI's does.
func TestUndoReportInTheDisplayZone(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 12, Seed: 8})
	id := e.activeIDs(1)[0]
	e.run("", "was", "deactivate", fmt.Sprint(id), "--yes").must(t, exitOK)
	r := e.run("", "undo", "--last", "--tz", "Asia/Tokyo").must(t, exitUsage)
	if !regexp.MustCompile(`\nAction \S+: was\.deactivate by .* at \d{4}-\d\d-\d\d \d\d:\d\d JST\.\n`).MatchString(r.stdout) {
		t.Fatalf("the action's time is not in the display zone:\n%s", r.stdout)
	}
}

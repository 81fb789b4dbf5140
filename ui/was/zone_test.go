package was

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The details show every date-time in the display zone, named by its
// abbreviation: the creation, the start and the next launch of a
// schedule are never shown in UTC when the zone is Berlin.
func TestDetailsInTheDisplayZone(t *testing.T) {
	r := newRig(t, 20, false, Options{})
	loc := berlin(t)
	r.m.Zone = loc
	var s model.WasScanSchedule
	for _, row := range r.m.rows {
		if row.next != 0 {
			s, _ = r.env.Sim.WASSchedule(row.id)
			break
		}
	}
	if s.CreatedDate == nil || s.Scheduling == nil || s.Scheduling.StartDate == nil {
		t.Fatalf("no seeded schedule with a next launch, a creation and a start: %+v", s)
	}
	r.run(r.deliver(common.FocusScheduleMsg{Screen: common.WASScreen, ID: strconv.FormatInt(s.IDValue(), 10)}))
	if r.m.details == nil || r.m.details.loading {
		t.Fatal("details not open")
	}
	all := r.m.details.vp.GetContent()
	at := func(v string) time.Time {
		tm, err := time.Parse(model.WASTimeLayout, v)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	next, _ := s.NextLaunch()
	for _, want := range []string{
		present.Line(present.Field{Label: "Created", Value: present.DateTime(at(*s.CreatedDate).In(loc))}),
		present.Line(present.Field{Label: "Start", Value: present.DateTime(at(*s.Scheduling.StartDate).In(loc))}),
		present.Line(present.Field{Label: "Next launch", Value: model.DescribeRun(next.In(loc), r.m.Now())}),
	} {
		if !strings.Contains(all, want) {
			t.Errorf("details lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, present.DateTime(at(*s.CreatedDate).UTC())) {
		t.Errorf("the creation is shown in UTC:\n%s", all)
	}
}

// The export's next launch is RFC 3339 in the display zone, with its
// offset, and reads back as the instant the row holds.
func TestExportNextLaunchInTheDisplayZone(t *testing.T) {
	r := newRig(t, 20, false, Options{})
	loc := berlin(t)
	r.m.Zone = loc
	recs := r.m.exportTable().JSON.([]present.WASRecord)
	seen := 0
	for i, rec := range recs {
		row := r.m.vrows[r.m.view[i]]
		if rec.NextLaunch == nil {
			continue
		}
		seen++
		want := time.Unix(row.next, 0).In(loc).Format(time.RFC3339)
		if *rec.NextLaunch != want || strings.HasSuffix(want, "Z") {
			t.Fatalf("row %d: nextLaunch %s, want %s", row.id, *rec.NextLaunch, want)
		}
	}
	if seen == 0 {
		t.Fatal("no exported row has a next launch")
	}
}

// A next launch that differs from the preview is reported in the display
// zone, with its abbreviation.
func TestLaunchMismatchInTheDisplayZone(t *testing.T) {
	now := time.Date(2026, 3, 30, 9, 15, 0, 0, time.UTC)
	f := &createForm{now: func() time.Time { return now }, out: model.WasScanSchedule{Scheduling: &model.WASScheduling{
		StartDate: model.Ptr("2026-04-01T02:00:00Z"), TimeZone: &model.WASTimeZone{Code: "UTC"},
		OccurrenceType: model.Ptr(model.OccurrenceDaily), Occurrence: &model.WASOccurrence{Daily: &model.WASDaily{EveryNDays: 1}}}}}
	s := model.WasScanSchedule{NextLaunchDate: model.Ptr("2026-04-01T03:00:00Z")}
	got := launchMismatch(f, s, berlin(t))
	if want := "Warning: the server's next launch (2026-04-01 05:00 CEST) differs from the preview's (2026-04-01 04:00 CEST)."; got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	s.NextLaunchDate = model.Ptr("2026-04-01T02:00:00Z")
	if got := launchMismatch(f, s, berlin(t)); got != "" {
		t.Fatalf("same launch reported: %q", got)
	}
}

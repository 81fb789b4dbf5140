package present_test

import (
	"testing"
	"time"
	_ "time/tzdata" // America/New_York on machines without a zone database

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// zonedSchedule has a time in every date-time field of the details, in
// winter (EST, UTC-5) and in summer (EDT, UTC-4) for New York.
func zonedSchedule() model.WasScanSchedule {
	return model.WasScanSchedule{
		ID:             model.Ptr(int64(1)),
		CreatedDate:    model.Ptr("2025-01-02T03:04:05Z"),
		UpdatedDate:    model.Ptr("2025-07-01T00:30:00Z"),
		NextLaunchDate: model.Ptr("2025-07-04T02:00:00Z"),
		Scheduling:     &model.WASScheduling{StartDate: model.Ptr("2025-01-03T00:00:00Z"), TimeZone: &model.WASTimeZone{Code: "UTC"}},
		LastScan:       &model.WASLastScan{ID: 9, LaunchedDate: model.Ptr("2025-06-30T23:59:00Z")},
	}
}

// Every date-time of the details is shown in the display zone given,
// with that zone's abbreviation at that time (EST in January, EDT in
// July), never in UTC.
func TestWASDetailsShowTimesInTheDisplayZone(t *testing.T) {
	now := time.Date(2025, 7, 1, 2, 0, 0, 0, time.UTC)
	got := map[string]string{}
	for _, f := range present.WASDetails(zonedSchedule(), newYork(t), now) {
		got[f.Section+"/"+f.Label] = f.Value
	}
	for k, want := range map[string]string{
		"/Created":               "2025-01-01 22:04 EST",
		"/Updated":               "2025-06-30 20:30 EDT",
		"Scheduling/Next launch": "Thu 2025-07-03 22:00 EDT (in 3 d)",
		"Scheduling/Start":       "2025-01-02 19:00 EST",
		"Scheduling/Time zone":   "UTC", // the schedule's own zone, as stored
		"Last scan/Launched":     "2025-06-30 19:59 EDT",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
}

// A fixed zone without a name shows its offset as Go names it.
func TestWASTimeInAFixedZone(t *testing.T) {
	if got, want := present.WASTime("2025-03-04T05:06:07Z", time.FixedZone("", 5*3600+1800)), "2025-03-04 10:36 +0530"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// The record's next launch is RFC 3339 in the display zone: the offset
// is written, and it reads back as the instant the server gave.
func TestWASRecordNextLaunchInTheDisplayZone(t *testing.T) {
	s := zonedSchedule()
	r := present.WASRecordOf(s, newYork(t))
	if r.NextLaunch == nil || *r.NextLaunch != "2025-07-03T22:00:00-04:00" {
		t.Fatalf("nextLaunch %v, want 2025-07-03T22:00:00-04:00", r.NextLaunch)
	}
	back, err := time.Parse(time.RFC3339, *r.NextLaunch)
	want, _ := s.NextLaunch()
	if err != nil || !back.Equal(want) {
		t.Fatalf("%s reads back as %v (%v), want %v", *r.NextLaunch, back, err, want)
	}
	if c := r.Cells()[7]; c != *r.NextLaunch {
		t.Fatalf("CSV cell %q, want %q", c, *r.NextLaunch)
	}
	if r := present.WASRecordOf(s, nil); *r.NextLaunch != "2025-07-04T02:00:00Z" {
		t.Fatalf("no zone: %s, want UTC", *r.NextLaunch)
	}
}

func TestWASInstant(t *testing.T) {
	if present.WASInstant(nil, time.UTC) != nil {
		t.Fatal("nil became a value")
	}
	if got := present.WASInstant(model.Ptr("2025-01-02T03:04:05Z"), newYork(t)); got == nil || *got != "2025-01-01T22:04:05-05:00" {
		t.Fatalf("got %v", got)
	}
	if got := present.WASInstant(model.Ptr("yesterday"), newYork(t)); got == nil || *got != "yesterday" {
		t.Fatalf("text that is not a time: %v", got)
	}
}

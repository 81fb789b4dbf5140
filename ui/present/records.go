package present

import (
	"strconv"
	"time"

	"github.com/qsched/qsched/model"
)

// WASRecord is the documented, stable form of a WAS schedule in a list:
// `was list --json`/`--output csv` and the WAS screen's export (README,
// "JSON output"). Server text is kept as it is; safe.WriteJSON and
// CSVCell make it safe on the way out.
type WASRecord struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Active     bool    `json:"active"`
	Invalid    bool    `json:"invalid"`
	WebApp     string  `json:"webApp"`
	Occurrence string  `json:"occurrence"`
	NextLaunch *string `json:"nextLaunch"` // RFC 3339 in the display zone; null when none
	Owner      string  `json:"owner,omitempty"`
}

// WASHeader is the CSV header of WASRecord, its JSON names.
var WASHeader = []string{"id", "name", "type", "active", "invalid", "webApp", "occurrence", "nextLaunch", "owner"}

// WASRecordOf is a schedule's record, its next launch in loc, the display
// zone (nil: UTC).
func WASRecordOf(s model.WasScanSchedule, loc *time.Location) WASRecord {
	r := WASRecord{
		ID: s.IDValue(), Name: s.NameValue(), Type: s.TypeValue(), Active: s.IsActive(),
		Invalid: s.IsInvalid(), WebApp: s.WebAppName(), Occurrence: s.OccurrenceValue(),
	}
	if t, ok := s.NextLaunch(); ok {
		r.NextLaunch = RFC3339(t.In(orUTC(loc)))
	}
	if s.Owner != nil {
		r.Owner = s.Owner.Username
	}
	return r
}

// Cells is the record as a CSV row, in WASHeader's order.
func (r WASRecord) Cells() []string {
	return []string{strconv.FormatInt(r.ID, 10), r.Name, r.Type, strconv.FormatBool(r.Active), strconv.FormatBool(r.Invalid),
		r.WebApp, r.Occurrence, deref(r.NextLaunch), r.Owner}
}

// ScriptScheduleRecord is the documented form of a script schedule in a
// list: `scripts schedule list --json`/`--output csv` and the script
// screen's export.
type ScriptScheduleRecord struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Type      string  `json:"type"`
	Active    bool    `json:"active"`
	StartDate string  `json:"startDate"`
	StartTime string  `json:"startTime"`
	EndDate   *string `json:"endDate"`
	NextRun   *string `json:"nextRun"` // RFC 3339 in the display zone; null when none or inactive
	Reboot    bool    `json:"reboot"`
}

// ScriptScheduleHeader is the CSV header of ScriptScheduleRecord.
var ScriptScheduleHeader = []string{"id", "title", "type", "active", "startDate", "startTime", "endDate", "nextRun", "reboot"}

// ScriptScheduleRecordOf is a listed schedule's record; next is its next
// run in the display zone, the zero time for none.
func ScriptScheduleRecordOf(it model.CARSearchItem, next time.Time) ScriptScheduleRecord {
	s := it.Schedule
	r := ScriptScheduleRecord{ID: it.ID, Title: s.Title, Type: string(s.ScheduleType), Active: s.Activate,
		StartDate: s.StartDate, StartTime: s.StartTime, EndDate: s.EndDate, Reboot: s.RebootOn()}
	if !next.IsZero() {
		r.NextRun = RFC3339(next)
	}
	return r
}

// Cells is the record as a CSV row, in ScriptScheduleHeader's order.
func (r ScriptScheduleRecord) Cells() []string {
	return []string{r.ID, r.Title, r.Type, strconv.FormatBool(r.Active), r.StartDate, r.StartTime, deref(r.EndDate),
		deref(r.NextRun), strconv.FormatBool(r.Reboot)}
}

// WASInstant is a QPS date-time (model.WASTimeLayout, UTC) as RFC 3339 in
// loc, the display zone (nil: UTC), for JSON; nil stays nil, and text
// that is not one is kept as stored.
func WASInstant(v *string, loc *time.Location) *string {
	if v == nil {
		return nil
	}
	t, err := time.Parse(model.WASTimeLayout, *v)
	if err != nil {
		return v
	}
	return RFC3339(t.In(orUTC(loc)))
}

// RFC3339 is t in RFC 3339, as a JSON value that may be null.
func RFC3339(t time.Time) *string {
	v := t.Format(time.RFC3339)
	return &v
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

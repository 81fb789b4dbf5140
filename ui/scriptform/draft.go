// Package scriptform is the script-schedule builder: a huh form bound to a
// Draft, a review (summary, next runs, JSON body, curl) and the submit.
package scriptform

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// Draft holds the builder's input as typed, so that a half-filled form can
// be saved and restored exactly. Schedule turns it into a request body.
type Draft struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Activate    bool   `json:"activate"`
	UserID      string `json:"userId"`
	UserName    string `json:"userName"`

	// ScriptChoice is what drafts saved before the script search held:
	// a catalog script id, or OtherScript. A numeric choice with no
	// ScriptID is read as the script id; nothing writes it any more.
	ScriptChoice string `json:"scriptChoice,omitempty"`
	// ScriptID and ScriptTitle are the script: typed, or filled by the
	// script picker (ctrl+f on the field).
	ScriptID    string `json:"scriptId"`
	ScriptTitle string `json:"scriptTitle"`
	Params      string `json:"params"` // key=value, one per line

	Assets    string `json:"assets"`    // "UUID id", one per line
	AssetTags string `json:"assetTags"` // same form
	Excluded  string `json:"excluded"`  // same form
	AllTags   bool   `json:"allTags"`
	// Names are the host and tag names the pickers gave, by "UUID id"
	// line: kept so that a restored draft names its targets again.
	Names map[string]string `json:"names,omitempty"`

	Type           string   `json:"type"` // a model.ScheduleType
	StartDate      string   `json:"startDate"`
	StartTime      string   `json:"startTime"`
	EndDate        string   `json:"endDate"`
	HourlyInterval string   `json:"hourlyInterval"`
	Days           []string `json:"days"` // weekday names, e.g. "Monday"
	DayOfMonth     string   `json:"dayOfMonth"`
	EveryNMonths   string   `json:"everyNMonths"`
	MonthlyKind    string   `json:"monthlyKind"`

	Reboot      bool   `json:"reboot"`
	RebootDelay string `json:"rebootDelay"`
	RebootUnit  string `json:"rebootUnit"` // SECONDS, MINUTES or HOURS
	Bypass      bool   `json:"bypass"`
	ShareFIM    bool   `json:"shareFim"`
}

// OtherScript was the catalog choice for typing a script id and title
// (drafts saved before the script search).
const OtherScript = "other"

// DefaultRunDays is how long a new recurring schedule runs unless the end
// date is changed: an end on the start day would stop an hourly schedule
// after a few runs.
const DefaultRunDays = 30

// NewDraft returns the defaults: one-time, starting tomorrow at 02:00
// (the platform's zone, U29), ending DefaultRunDays later if made
// recurring, activated, reboot after 10 minutes if chosen.
func NewDraft(now time.Time, user string) Draft {
	start := now.In(model.CARZone()).AddDate(0, 0, 1)
	return Draft{
		Activate: true, UserName: user, Type: string(model.OneTime),
		StartDate: start.Format(model.DateLayout), StartTime: "02:00:00",
		EndDate:        start.AddDate(0, 0, DefaultRunDays).Format(model.DateLayout),
		HourlyInterval: "4", DayOfMonth: "1", EveryNMonths: "1", MonthlyKind: model.MonthlyDateOfMonthJob,
		RebootDelay: "10", RebootUnit: "MINUTES",
	}
}

// Empty reports whether the draft holds nothing the user typed worth
// keeping.
func (d Draft) Empty() bool {
	return strings.TrimSpace(d.Title+d.Description+d.ScriptID+d.ScriptTitle+d.Params+d.Assets+d.AssetTags+d.Excluded) == ""
}

// weekdays are the day names offered, Monday first (ISO order, U24).
var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// Schedule builds the request body. Only the chosen type's recurrence
// fields are set, whatever else the draft still holds from an earlier
// choice (huh keeps values of hidden groups). Problems the draft's text
// forms cause are returned together with the model's validation.
func (d Draft) Schedule() (model.ScriptSchedule, model.ValidationErrors) {
	var v model.ValidationErrors
	add := func(field, problem string) { v = append(v, model.FieldError{Field: field, Problem: problem}) }
	s := model.ScriptSchedule{
		Activate: d.Activate, Title: strings.TrimSpace(d.Title), Description: d.Description,
		User:      model.User{ID: strings.TrimSpace(d.UserID), Name: strings.TrimSpace(d.UserName)},
		StartDate: strings.TrimSpace(d.StartDate), StartTime: NormalizeTime(d.StartTime),
		ScheduleType: model.ScheduleType(d.Type),
	}
	ref := model.ScriptRef{ID: model.FlexID(strings.TrimSpace(d.ScriptID)), Title: strings.TrimSpace(d.ScriptTitle)}
	if ref.ID == "" && d.ScriptChoice != OtherScript && d.ScriptChoice != "" {
		ref.ID = model.FlexID(d.ScriptChoice) // a draft saved with the old catalog
	}
	params, err := ParseParams(d.Params)
	if err != nil {
		add("scripts[0].params", err.Error())
	}
	ref.Params = params
	s.Scripts = []model.ScriptRef{ref}
	for _, f := range []struct {
		field string
		text  string
		dst   *[]model.Asset
	}{{"assets", d.Assets, &s.Assets}, {"assetTags", d.AssetTags, &s.AssetTags}, {"excludedAssets", d.Excluded, &s.ExcludedAssets}} {
		list, err := ParseAssets(f.text)
		if err != nil {
			add(f.field, err.Error())
		}
		*f.dst = list
	}
	// Optional switches go out only when on, as in the documented samples.
	s.AllTagsForAssetsEnabled = onlyTrue(d.AllTags)
	if end := strings.TrimSpace(d.EndDate); s.ScheduleType == model.OneTime {
		s.EndDate = model.Ptr(s.StartDate) // U28: builders send endDate = startDate
	} else {
		s.EndDate = &end
	}
	atoi := func(field, text string) *int {
		if strings.TrimSpace(text) == "" {
			return nil // the model's validation says it is required
		}
		n, err := strconv.Atoi(strings.TrimSpace(text))
		if err != nil {
			add(field, fmt.Sprintf("%q is not a whole number", text))
			return nil
		}
		return &n
	}
	switch s.ScheduleType {
	case model.Hourly:
		s.HourlyInterval = atoi("hourlyInterval", d.HourlyInterval)
	case model.Weekly:
		for _, name := range d.Days {
			for i, w := range weekdays {
				if w == name {
					s.DaysOfWeek = append(s.DaysOfWeek, i+1) // ISO: Monday = 1 (U24)
				}
			}
		}
	case model.Monthly:
		s.RecurrenceDate = atoi("recurrenceDate", d.DayOfMonth)
		s.RecurrenceMonth = atoi("recurrenceMonth", d.EveryNMonths)
		s.MonthlyScheduleType = model.Ptr(d.MonthlyKind)
	}
	s.RebootAfterScriptExecution = onlyTrue(d.Reboot)
	if d.Reboot {
		if n := atoi("rebootDelayInSeconds", d.RebootDelay); n != nil {
			if u := unitSeconds(d.RebootUnit); *n > math.MaxInt/u || *n < math.MinInt/u {
				// Multiplied out, it would wrap round, possibly into the
				// allowed range.
				add("rebootDelayInSeconds", fmt.Sprintf("%d %s is out of range (10 minutes to 48 hours)", *n, strings.ToLower(d.RebootUnit)))
			} else {
				s.RebootDelayInSeconds = model.Ptr(*n * unitSeconds(d.RebootUnit))
			}
		}
		s.RebootDelayTimeUnit = model.Ptr(d.RebootUnit)
	}
	s.ExecutionPolicyBypassEnabled = onlyTrue(d.Bypass)
	s.ShareScriptResultWithFim = onlyTrue(d.ShareFIM)
	for _, e := range s.ValidateForSend() {
		if e.Field == "startTime" {
			// The form takes either (NormalizeTime); the API's own
			// form is HH:MM:SS.
			e.Problem = strings.ReplaceAll(e.Problem, "HH:MM:SS", "HH:MM or HH:MM:SS")
		}
		v = append(v, e)
	}
	return s, v
}

// Check returns every problem of the draft: the body's validation and a
// start date in the past.
func (d Draft) Check(now time.Time) (model.ScriptSchedule, model.ValidationErrors) {
	s, v := d.Schedule()
	return s, append(v, s.CheckStart(now)...)
}

func onlyTrue(b bool) *bool {
	if b {
		return &b
	}
	return nil
}

func unitSeconds(unit string) int {
	switch strings.ToUpper(unit) {
	case "MINUTES":
		return 60
	case "HOURS":
		return 3600
	}
	return 1
}

// NormalizeTime accepts HH:MM or HH:MM:SS and returns HH:MM:SS; anything
// else is returned unchanged for validation to report.
func NormalizeTime(s string) string {
	s = strings.TrimSpace(s)
	if _, err := time.Parse("15:04", s); err == nil {
		return s + ":00"
	}
	return s
}

// ParseParams reads key=value lines; blank lines are skipped.
func ParseParams(text string) ([]model.ScriptParam, error) {
	var out []model.ScriptParam
	for i, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		k, val, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return out, fmt.Errorf("line %d: expected key=value, got %q", i+1, line)
		}
		out = append(out, model.ScriptParam{Key: strings.TrimSpace(k), Value: strings.TrimSpace(val)})
	}
	return out, nil
}

// ParseAssets reads "UUID id" lines (a comma also separates); blank lines
// are skipped. Each UUID must be an agent UUID and each id a number.
func ParseAssets(text string) ([]model.Asset, error) {
	out := []model.Asset{}
	for i, line := range strings.Split(text, "\n") {
		f := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == ';' })
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return out, fmt.Errorf("line %d: expected an agent UUID and an asset id, got %q", i+1, strings.TrimSpace(line))
		}
		if !model.ValidUUID(f[0]) {
			return out, fmt.Errorf("line %d: %q is not an agent UUID", i+1, f[0])
		}
		if n, err := strconv.ParseInt(f[1], 10, 64); err != nil || n <= 0 {
			return out, fmt.Errorf("line %d: asset id %q is not a positive number", i+1, f[1])
		}
		out = append(out, model.Asset{UUId: f[0], ID: model.FlexID(f[1])})
	}
	return out, nil
}

package model

import (
	"bytes"
	"encoding/json"
	"strings"
)

// ScheduleType is the CAR recurrence kind.
type ScheduleType string

// The five schedule types (U27).
const (
	OneTime ScheduleType = "ONE_TIME"
	Hourly  ScheduleType = "HOURLY"
	Daily   ScheduleType = "DAILY"
	Weekly  ScheduleType = "WEEKLY"
	Monthly ScheduleType = "MONTHLY"
)

// Asset is an agent target: {UUId, id}. The spelling UUId is the API's.
type Asset struct {
	UUId string `json:"UUId"`
	ID   FlexID `json:"id"`
}

// ScriptParam is one key/value parameter of a script.
type ScriptParam struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ScriptRef names a script to run.
type ScriptRef struct {
	ID     FlexID        `json:"id"`
	Title  string        `json:"title"`
	Params []ScriptParam `json:"params,omitempty"`
}

// User is the customer user the schedule belongs to.
type User struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ScriptSchedule is the body of POST /sm/v1/scripts/scheduler (seed 000).
// Optional fields are pointers so that "not given" and "false" differ.
type ScriptSchedule struct {
	Activate                bool
	AssetTags               []Asset
	Assets                  []Asset
	Description             string
	ExcludedAssets          []Asset
	Scripts                 []ScriptRef
	Title                   string
	User                    User
	AllTagsForAssetsEnabled *bool

	RebootAfterScriptExecution *bool
	RebootDelayInSeconds       *int
	RebootDelayTimeUnit        *string

	EndDate      *string
	StartDate    string
	StartTime    string
	ScheduleType ScheduleType

	// Recurrence fields: only those of ScheduleType are encoded.
	HourlyInterval      *int
	DaysOfWeek          []int
	RecurrenceDate      *int
	RecurrenceMonth     *int
	MonthlyScheduleType *string

	ExecutionPolicyBypassEnabled *bool
	ShareScriptResultWithFim     *bool
}

// wireSchedule is the JSON shape, with fields in the order of the seed
// samples.
type wireSchedule struct {
	Activate                   bool        `json:"activate"`
	AssetTags                  []Asset     `json:"assetTags"`
	Assets                     []Asset     `json:"assets"`
	Description                string      `json:"description"`
	ExcludedAssets             []Asset     `json:"excludedAssets"`
	Scripts                    []ScriptRef `json:"scripts"`
	Title                      string      `json:"title"`
	User                       User        `json:"user"`
	AllTagsForAssetsEnabled    *bool       `json:"allTagsForAssetsEnabled,omitempty"`
	RebootAfterScriptExecution *bool       `json:"rebootAfterScriptExecution,omitempty"`
	RebootDelayInSeconds       *int        `json:"rebootDelayInSeconds,omitempty"`
	RebootDelayTimeUnit        *string     `json:"rebootDelayTimeUnit,omitempty"`
	// EndDate is always present; null for a one-time schedule without one.
	EndDate                      *string      `json:"endDate"`
	StartDate                    string       `json:"startDate"`
	StartTime                    string       `json:"startTime"`
	ScheduleType                 ScheduleType `json:"scheduleType"`
	HourlyInterval               *int         `json:"hourlyInterval,omitempty"`
	DaysOfWeek                   []int        `json:"daysOfWeek,omitempty"`
	RecurrenceDate               *int         `json:"recurrenceDate,omitempty"`
	RecurrenceMonth              *int         `json:"recurrenceMonth,omitempty"`
	MonthlyScheduleType          *string      `json:"monthlyScheduleType,omitempty"`
	ExecutionPolicyBypassEnabled *bool        `json:"executionPolicyBypassEnabled,omitempty"`
	ShareScriptResultWithFim     *bool        `json:"shareScriptResultWithFim,omitempty"`
}

func nonNil(a []Asset) []Asset {
	if a == nil {
		return []Asset{}
	}
	return a
}

// MarshalJSON encodes the schedule in the seed's shape. Recurrence fields
// of other schedule types are left out, whatever the struct holds, and the
// reboot unit goes out in upper case (U30).
func (s ScriptSchedule) MarshalJSON() ([]byte, error) {
	w := wireSchedule{
		Activate: s.Activate, AssetTags: nonNil(s.AssetTags), Assets: nonNil(s.Assets),
		Description: s.Description, ExcludedAssets: nonNil(s.ExcludedAssets),
		Scripts: s.Scripts, Title: s.Title, User: s.User,
		AllTagsForAssetsEnabled:    s.AllTagsForAssetsEnabled,
		RebootAfterScriptExecution: s.RebootAfterScriptExecution,
		RebootDelayInSeconds:       s.RebootDelayInSeconds,
		EndDate:                    s.EndDate, StartDate: s.StartDate, StartTime: s.StartTime,
		ScheduleType:                 s.ScheduleType,
		ExecutionPolicyBypassEnabled: s.ExecutionPolicyBypassEnabled,
		ShareScriptResultWithFim:     s.ShareScriptResultWithFim,
	}
	if w.Scripts == nil {
		w.Scripts = []ScriptRef{}
	}
	if s.RebootDelayTimeUnit != nil {
		u := strings.ToUpper(*s.RebootDelayTimeUnit)
		w.RebootDelayTimeUnit = &u
	}
	switch s.ScheduleType {
	case Hourly:
		w.HourlyInterval = s.HourlyInterval
	case Weekly:
		w.DaysOfWeek = s.DaysOfWeek
	case Monthly:
		w.RecurrenceDate, w.RecurrenceMonth, w.MonthlyScheduleType = s.RecurrenceDate, s.RecurrenceMonth, s.MonthlyScheduleType
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes a body as the documentation shows it. Ids may be
// numbers or strings. Field names must match exactly (encoding/json alone
// ignores case) and unknown fields are an error (checkExactKeys), so that a
// typo such as "UUID" for "UUId" is not silently dropped.
func (s *ScriptSchedule) UnmarshalJSON(b []byte) error {
	if err := checkExactKeys(b, scheduleKeys); err != nil {
		return err
	}
	var w wireSchedule
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = fromWire(w)
	return nil
}

func fromWire(w wireSchedule) ScriptSchedule {
	return ScriptSchedule{
		Activate: w.Activate, AssetTags: w.AssetTags, Assets: w.Assets,
		Description: w.Description, ExcludedAssets: w.ExcludedAssets,
		Scripts: w.Scripts, Title: w.Title, User: w.User,
		AllTagsForAssetsEnabled:    w.AllTagsForAssetsEnabled,
		RebootAfterScriptExecution: w.RebootAfterScriptExecution,
		RebootDelayInSeconds:       w.RebootDelayInSeconds,
		RebootDelayTimeUnit:        w.RebootDelayTimeUnit,
		EndDate:                    w.EndDate, StartDate: w.StartDate, StartTime: w.StartTime,
		ScheduleType:   w.ScheduleType,
		HourlyInterval: w.HourlyInterval, DaysOfWeek: w.DaysOfWeek,
		RecurrenceDate: w.RecurrenceDate, RecurrenceMonth: w.RecurrenceMonth,
		MonthlyScheduleType:          w.MonthlyScheduleType,
		ExecutionPolicyBypassEnabled: w.ExecutionPolicyBypassEnabled,
		ShareScriptResultWithFim:     w.ShareScriptResultWithFim,
	}
}

// DecodeScriptSchedule decodes one JSON body and rejects trailing data.
// The error is one line in qsched's words, naming the field at fault.
func DecodeScriptSchedule(b []byte) (ScriptSchedule, error) {
	var s ScriptSchedule
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&s); err != nil {
		return s, jsonProblem(err)
	}
	if dec.More() {
		return s, errTrailing
	}
	return s, nil
}

// RebootOn reports whether the schedule reboots after execution.
func (s ScriptSchedule) RebootOn() bool {
	return s.RebootAfterScriptExecution != nil && *s.RebootAfterScriptExecution
}

// Ptr returns a pointer to v, for optional fields.
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value when p is nil: the reading side of
// Ptr for optional fields.
func Deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

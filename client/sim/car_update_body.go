package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// decodeCARUpdate reads the body of POST /sm/v1/scheduler/{id} in either
// shape U23 leaves open, field by field:
//
//   - the create/search shape: startDate "YYYY-MM-DD", startTime
//     "HH:MM:SS", endDate "YYYY-MM-DD" or null, scheduleType one of the
//     five types;
//   - the update page's types: startDate, startTime and endDate as integer
//     epoch milliseconds (read in UTC, U29: the date of startDate and
//     endDate, the time of day of startTime, whole seconds), scheduleType
//     ONE_TIME or RECURRING, the recurring kind inferred from the
//     recurrence fields present (hourlyInterval: HOURLY, daysOfWeek:
//     WEEKLY, recurrenceDate/recurrenceMonth/monthlyScheduleType: MONTHLY,
//     none: DAILY; fields of two kinds are refused).
//
// The result is then decoded like a create body: exact field names, no
// unknown fields.
func decodeCARUpdate(body []byte) (model.ScriptSchedule, error) {
	var m map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil || m == nil {
		return model.ScriptSchedule{}, errors.New("the body must be one JSON object")
	}
	if dec.More() {
		return model.ScriptSchedule{}, errors.New("data after the JSON object")
	}
	for _, f := range []struct {
		name, layout string
	}{{"startDate", model.DateLayout}, {"endDate", model.DateLayout}, {"startTime", model.TimeLayout}} {
		raw, ok := m[f.name]
		if !ok {
			continue
		}
		v, isNum, err := epochMillis(raw)
		if err != nil {
			return model.ScriptSchedule{}, fmt.Errorf("%s: %w", f.name, err)
		}
		if isNum {
			m[f.name], _ = json.Marshal(time.UnixMilli(v).UTC().Format(f.layout))
		}
	}
	if raw, ok := m["scheduleType"]; ok {
		var typ string
		if json.Unmarshal(raw, &typ) == nil && typ == "RECURRING" {
			kind, err := recurringKind(m)
			if err != nil {
				return model.ScriptSchedule{}, err
			}
			m["scheduleType"], _ = json.Marshal(kind)
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return model.ScriptSchedule{}, err
	}
	return model.DecodeScriptSchedule(b)
}

// epochMillis reads a JSON integer of milliseconds since the epoch; a
// value of another JSON type is left to the create decoding (isNum false).
func epochMillis(raw json.RawMessage) (v int64, isNum bool, err error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || !(s[0] == '-' || s[0] >= '0' && s[0] <= '9') {
		return 0, false, nil
	}
	v, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil || v < 0 {
		return 0, true, fmt.Errorf("%s is not a non-negative integer of epoch milliseconds", s)
	}
	return v, true, nil
}

// recurringKind infers the schedule type of a RECURRING update from the
// recurrence fields present (not null).
func recurringKind(m map[string]json.RawMessage) (model.ScheduleType, error) {
	present := func(k string) bool {
		raw, ok := m[k]
		return ok && strings.TrimSpace(string(raw)) != "null"
	}
	var kinds []model.ScheduleType
	if present("hourlyInterval") {
		kinds = append(kinds, model.Hourly)
	}
	if present("daysOfWeek") {
		kinds = append(kinds, model.Weekly)
	}
	if present("recurrenceDate") || present("recurrenceMonth") || present("monthlyScheduleType") {
		kinds = append(kinds, model.Monthly)
	}
	switch len(kinds) {
	case 0:
		return model.Daily, nil
	case 1:
		return kinds[0], nil
	}
	return "", fmt.Errorf("scheduleType RECURRING with the fields of %s and %s: give the fields of one kind only", kinds[0], kinds[1])
}

package scriptform

import (
	"strconv"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// FromSchedule is the draft of an existing schedule, for editing or
// cloning it: every field as the builder would type it, so that the form
// shows the schedule and Draft.Schedule gives it back. Targets become
// "UUID id" lines (the pickers read and write the same lines), the script
// its id and title. Recurrence fields of other types keep the builder's defaults, so that
// changing the type offers sensible values.
func FromSchedule(s model.ScriptSchedule, now time.Time) Draft {
	d := NewDraft(now, s.User.Name)
	d.Title, d.Description, d.Activate = s.Title, s.Description, s.Activate
	d.UserID, d.UserName = s.User.ID, s.User.Name
	if len(s.Scripts) > 0 {
		sc := s.Scripts[0]
		d.ScriptID, d.ScriptTitle = string(sc.ID), sc.Title
		var params []string
		for _, p := range sc.Params {
			params = append(params, p.Key+"="+p.Value)
		}
		d.Params = strings.Join(params, "\n")
	}
	d.Assets, d.AssetTags, d.Excluded = assetLines(s.Assets), assetLines(s.AssetTags), assetLines(s.ExcludedAssets)
	d.AllTags = model.Deref(s.AllTagsForAssetsEnabled)

	d.Type = string(s.ScheduleType)
	d.StartDate, d.StartTime = s.StartDate, s.StartTime
	if s.EndDate != nil && *s.EndDate != "" {
		d.EndDate = *s.EndDate
	}
	switch s.ScheduleType {
	case model.Hourly:
		if s.HourlyInterval != nil {
			d.HourlyInterval = strconv.Itoa(*s.HourlyInterval)
		}
	case model.Weekly:
		d.Days = nil
		for _, n := range s.DaysOfWeek {
			if n >= 1 && n <= 7 {
				d.Days = append(d.Days, weekdays[n-1])
			}
		}
	case model.Monthly:
		if s.RecurrenceDate != nil {
			d.DayOfMonth = strconv.Itoa(*s.RecurrenceDate)
		}
		if s.RecurrenceMonth != nil {
			d.EveryNMonths = strconv.Itoa(*s.RecurrenceMonth)
		}
		if s.MonthlyScheduleType != nil {
			d.MonthlyKind = *s.MonthlyScheduleType
		}
	}

	d.Reboot = s.RebootOn()
	if d.Reboot {
		unit := strings.ToUpper(model.Deref(s.RebootDelayTimeUnit))
		if unit != "SECONDS" && unit != "MINUTES" && unit != "HOURS" {
			unit = "SECONDS"
		}
		secs := model.Deref(s.RebootDelayInSeconds)
		if secs%unitSeconds(unit) != 0 {
			unit = "SECONDS" // keep the exact delay
		}
		d.RebootUnit, d.RebootDelay = unit, strconv.Itoa(secs/unitSeconds(unit))
	}
	d.Bypass = model.Deref(s.ExecutionPolicyBypassEnabled)
	d.ShareFIM = model.Deref(s.ShareScriptResultWithFim)
	return d
}

// assetLines writes targets as the builder's "UUID id" lines.
func assetLines(as []model.Asset) string {
	lines := make([]string, len(as))
	for i, a := range as {
		lines[i] = a.UUId + " " + string(a.ID)
	}
	return strings.Join(lines, "\n")
}

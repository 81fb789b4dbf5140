package model

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Layouts of the CAR date and time strings.
const (
	DateLayout = "2006-01-02"
	TimeLayout = "15:04:05"
)

// MaxTitleLen is the longest schedule title accepted, in characters.
const MaxTitleLen = 256

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// ValidUUID reports whether s is a UUID in its 8-4-4-4-12 hex form.
func ValidUUID(s string) bool { return uuidRE.MatchString(s) }

// rebootUnits are the accepted reboot delay units (U30), upper case.
var rebootUnits = []string{"SECONDS", "MINUTES", "HOURS"}

// Validate checks a schedule against every documented rule and returns all
// problems at once. It does not know the current time: see CheckStart.
func (s ScriptSchedule) Validate() ValidationErrors {
	var v ValidationErrors
	title := strings.TrimSpace(s.Title)
	switch {
	case title == "":
		v.add("title", "is required")
	case utf8.RuneCountInString(s.Title) > MaxTitleLen:
		v.add("title", fmt.Sprintf("is %d characters long; at most %d are allowed", utf8.RuneCountInString(s.Title), MaxTitleLen))
	}
	// user is optional (a user id left empty is sent empty); the
	// documentation calls the id "the customer UUID", so one given must
	// have a UUID's form.
	if id := s.User.ID; id != "" && !ValidUUID(id) {
		v.add("user.id", fmt.Sprintf("%q is not a UUID (8-4-4-4-12 hex digits); leave it empty to send none", id))
	}
	if len(s.Scripts) == 0 {
		v.add("scripts", "at least one script is required")
	}
	for i, sc := range s.Scripts {
		f := fmt.Sprintf("scripts[%d]", i)
		if _, ok := sc.ID.Int(); !ok {
			if strings.TrimSpace(string(sc.ID)) == "" {
				v.add(f+".id", "is required")
			} else {
				v.add(f+".id", fmt.Sprintf("must be a positive integer, got %q", string(sc.ID)))
			}
		}
		if strings.TrimSpace(sc.Title) == "" {
			v.add(f+".title", "is required")
		}
		for j, p := range sc.Params {
			if strings.TrimSpace(p.Key) == "" {
				v.add(fmt.Sprintf("%s.params[%d].key", f, j), "is required")
			}
		}
	}
	if len(s.Assets) == 0 && len(s.AssetTags) == 0 {
		v.add("assets", "at least one asset or asset tag is required")
	}
	validateAssets(&v, "assets", s.Assets)
	validateAssets(&v, "assetTags", s.AssetTags)
	validateAssets(&v, "excludedAssets", s.ExcludedAssets)

	start, startOK := checkDate(&v, "startDate", s.StartDate, true)
	if _, err := time.Parse(TimeLayout, s.StartTime); err != nil {
		if s.StartTime == "" {
			v.add("startTime", "is required (HH:MM:SS)")
		} else {
			v.add("startTime", fmt.Sprintf("%q is not a time of day in the form HH:MM:SS", s.StartTime))
		}
	}
	endRequired := s.ScheduleType != OneTime || !OneTimeEndDateMayBeNull
	if s.EndDate == nil {
		if endRequired {
			v.add("endDate", "is required (YYYY-MM-DD)")
		}
	} else if end, ok := checkDate(&v, "endDate", *s.EndDate, endRequired); ok && startOK && end.Before(start) {
		v.add("endDate", fmt.Sprintf("%s is before startDate %s", *s.EndDate, s.StartDate))
	}

	switch s.ScheduleType {
	case OneTime, Daily:
	case Hourly:
		switch {
		case s.HourlyInterval == nil:
			v.add("hourlyInterval", "is required for an HOURLY schedule")
		case *s.HourlyInterval < MinHourlyInterval || *s.HourlyInterval > MaxHourlyInterval:
			v.add("hourlyInterval", fmt.Sprintf("must be between %d and %d hours, got %d", MinHourlyInterval, MaxHourlyInterval, *s.HourlyInterval))
		}
	case Weekly:
		validateDays(&v, s.DaysOfWeek)
	case Monthly:
		switch {
		case s.RecurrenceDate == nil:
			v.add("recurrenceDate", "is required for a MONTHLY schedule")
		case *s.RecurrenceDate < 1 || *s.RecurrenceDate > 31:
			v.add("recurrenceDate", fmt.Sprintf("must be a day of the month between 1 and 31, got %d", *s.RecurrenceDate))
		}
		switch {
		case s.RecurrenceMonth == nil:
			v.add("recurrenceMonth", "is required for a MONTHLY schedule")
		case *s.RecurrenceMonth < 1:
			v.add("recurrenceMonth", fmt.Sprintf("must be at least 1 (every N months), got %d", *s.RecurrenceMonth))
		}
		switch {
		case s.MonthlyScheduleType == nil:
			v.add("monthlyScheduleType", "is required for a MONTHLY schedule ("+MonthlyDateOfMonthJob+")")
		case *s.MonthlyScheduleType != MonthlyDateOfMonthJob:
			v.add("monthlyScheduleType", fmt.Sprintf("must be %s, got %q", MonthlyDateOfMonthJob, *s.MonthlyScheduleType))
		}
	case "":
		v.add("scheduleType", "is required (ONE_TIME, HOURLY, DAILY, WEEKLY or MONTHLY)")
	default:
		v.add("scheduleType", fmt.Sprintf("%q is not one of ONE_TIME, HOURLY, DAILY, WEEKLY, MONTHLY", string(s.ScheduleType)))
	}

	if s.RebootOn() {
		validateReboot(&v, s.RebootDelayInSeconds, s.RebootDelayTimeUnit)
	}
	return v
}

// CheckStart reports a start date that lies before the day of now (UTC),
// which the simulator refuses (RejectPastStartDate).
func (s ScriptSchedule) CheckStart(now time.Time) ValidationErrors {
	var v ValidationErrors
	start, err := time.Parse(DateLayout, s.StartDate)
	if err != nil || !RejectPastStartDate {
		return v
	}
	today := now.UTC().Format(DateLayout)
	if start.Format(DateLayout) < today {
		v.add("startDate", fmt.Sprintf("%s is in the past (today is %s UTC)", s.StartDate, today))
	}
	return v
}

func checkDate(v *ValidationErrors, field, value string, required bool) (time.Time, bool) {
	if value == "" {
		if required {
			v.add(field, "is required (YYYY-MM-DD)")
		}
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, value)
	if err != nil {
		if len(value) == len(DateLayout) && dateShapeRE.MatchString(value) {
			v.add(field, fmt.Sprintf("%s is not a real calendar date", value))
		} else {
			v.add(field, fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", value))
		}
		return t, false
	}
	return t, true
}

var dateShapeRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func validateAssets(v *ValidationErrors, field string, list []Asset) {
	for i, a := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !ValidUUID(a.UUId) {
			v.add(f+".UUId", fmt.Sprintf("must be an agent UUID (8-4-4-4-12 hex digits), got %q", a.UUId))
		}
		if _, ok := a.ID.Int(); !ok {
			v.add(f+".id", fmt.Sprintf("must be a positive integer, got %q", string(a.ID)))
		}
	}
}

func validateDays(v *ValidationErrors, days []int) {
	if len(days) == 0 {
		v.add("daysOfWeek", "at least one day is required for a WEEKLY schedule (1 = Monday … 7 = Sunday)")
		return
	}
	seen := map[int]bool{}
	for _, d := range days {
		if d < 1 || d > 7 {
			v.add("daysOfWeek", fmt.Sprintf("%d is not a day; use 1 = Monday … 7 = Sunday", d))
			continue
		}
		if seen[d] {
			v.add("daysOfWeek", fmt.Sprintf("%s (%d) is listed twice", ISOWeekday(d), d))
		}
		seen[d] = true
	}
}

func validateReboot(v *ValidationErrors, delay *int, unit *string) {
	switch {
	case delay == nil:
		v.add("rebootDelayInSeconds", "is required when rebootAfterScriptExecution is true")
	case *delay < MinRebootDelaySeconds || *delay > MaxRebootDelaySeconds:
		v.add("rebootDelayInSeconds", fmt.Sprintf("must be between %d (10 minutes) and %d (48 hours) seconds, got %d", MinRebootDelaySeconds, MaxRebootDelaySeconds, *delay))
	}
	switch {
	case unit == nil || *unit == "":
		v.add("rebootDelayTimeUnit", "is required when rebootAfterScriptExecution is true (SECONDS, MINUTES or HOURS)")
	case !slices.Contains(rebootUnits, strings.ToUpper(*unit)):
		v.add("rebootDelayTimeUnit", fmt.Sprintf("%q is not SECONDS, MINUTES or HOURS", *unit))
	}
}

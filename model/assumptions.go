package model

import "time"

// This file is the one place in code for every choice the Qualys
// documentation leaves open. Each value carries its U-number and has one
// line in docs/api-assumptions.md, which says what the numbers refer to.
// The client and the simulator both import these values, so a reading of
// the documentation is changed in one place only.

// U10: the responseCode the simulator uses for a missing or out-of-scope id.
// The client treats every code IsNotFoundCode accepts as "not found or not
// in your scope".
const NotFoundCode = "NOT_FOUND"

// U10: IsNotFoundCode reports whether a response code means "not found or
// not in your scope".
func IsNotFoundCode(code string) bool {
	switch code {
	case "NOT_FOUND", "OBJECT_NOT_FOUND", "UNKNOWN_OBJECT":
		return true
	}
	return false
}

// §5: page size limits of QPS search.
const (
	DefaultLimitResults = 100
	MaxLimitResults     = 1000
)

// MaxIDsPerFilter is how many ids one `id IN` criterion carries in bulk
// activate/deactivate requests (one request per chunk).
const MaxIDsPerFilter = 1000

// U14: qsched never sends <verbose>; the simulator rejects it on schedule
// search as INVALID_XML, as one real client observed on wasscan search.
const SendVerbose = false

// U16: CONTAINS on text fields ignores case.
const ContainsIgnoresCase = true

// U24: daysOfWeek numbering is ISO 8601: 1 = Monday … 7 = Sunday.
// ISOWeekday returns the weekday of day n, which must be 1 to 7.
func ISOWeekday(n int) time.Weekday { return time.Weekday(n % 7) }

// U25: recurrenceMonth is an interval: run every N months.
// U26: the only monthly kind known is the day-of-month job.
const MonthlyDateOfMonthJob = "MONTHLY_DATE_OF_MONTH_JOB"

// U37: allowed hourlyInterval range.
const (
	MinHourlyInterval = 1
	MaxHourlyInterval = 23
)

// U30: reboot delay bounds, in seconds (10 minutes to 48 hours).
const (
	MinRebootDelaySeconds = 10 * 60
	MaxRebootDelaySeconds = 48 * 60 * 60
)

// U29: CAR startDate/startTime carry no zone; qsched reads them as UTC
// (CARZone) everywhere, labelled as unconfirmed, and shows the resulting
// instants in the operator's display zone.
const CARDefaultZone = "UTC"

// CARZone is the zone the platform is assumed to read startDate and
// startTime in (U29).
func CARZone() *time.Location { return time.UTC }

// U34: CAR success errorCode as returned by create.
const CARSuccessCode = "0"

// CARCreatedMessage is the create sample's success message (seed 000).
const CARCreatedMessage = "Script scheduler created successfully"

// CARDuplicateTitlePrefix starts the documented duplicate-title error.
const CARDuplicateTitlePrefix = "Scheduler with the same title already exists: "

// U35: CAR search page size qsched sends.
const CARSearchPageSize = 100

// §2.2 / U40: gateway token lifetime and how long before expiry qsched gets
// a new one.
const (
	TokenLifetime      = 4 * time.Hour
	TokenRefreshMargin = 10 * time.Minute
)

// §8 / U21: a gateway service answers 429 when rate limited, the API server 409.
const (
	APIServerLimitStatus = 409
	GatewayLimitStatus   = 429
)

// Monthly day 29–31 in a month without that day (not documented): the run
// falls on the month's last day.
const MonthlyClampToLastDay = true

// U28: a ONE_TIME schedule may send endDate null; qsched's builders send
// endDate = startDate.
const OneTimeEndDateMayBeNull = true

// CAR create refuses a startDate before today (UTC): an assumption, since the
// documentation does not say; the simulator enforces it.
const RejectPastStartDate = true

// U6: the notification delay scale and range qsched sends and the simulator
// accepts; DAY is the only scale the documentation shows.
const (
	NotifyDelayScale   = "DAY"
	MinNotifyDelayDays = 1
	MaxNotifyDelayDays = 30
)

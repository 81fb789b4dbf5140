package present

import (
	"strconv"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// The one layout of each kind of time (see the package comment).
const (
	DateTimeLayout = "2006-01-02 15:04 MST"
	DateLayout     = "2006-01-02"
)

// DateTime formats t with DateTimeLayout, in t's zone.
func DateTime(t time.Time) string { return t.Format(DateTimeLayout) }

// Zone names a display zone: its IANA name, or for the local zone
// (whose name Go does not know) "local" with the abbreviation and offset
// in force at now, e.g. "local (CET, UTC+01:00)".
func Zone(loc *time.Location, now time.Time) string {
	loc = orUTC(loc)
	if loc != time.Local {
		return loc.String()
	}
	t := now.In(loc)
	return "local (" + t.Format("MST") + ", UTC" + t.Format("-07:00") + ")"
}

// Date formats t with DateLayout.
func Date(t time.Time) string { return t.Format(DateLayout) }

// WASTime formats a QPS date-time (model.WASTimeLayout, UTC) with
// DateTimeLayout in loc, the display zone (nil: UTC); text that is not
// one is shown as it is, made safe.
func WASTime(s string, loc *time.Location) string {
	t, err := time.Parse(model.WASTimeLayout, s)
	if err != nil {
		return safe.Text(s)
	}
	return DateTime(t.In(orUTC(loc)))
}

// orUTC is loc, or UTC for nil (time.Time.In panics on nil).
func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// Duration names d in its largest whole unit: "45 s", "10 min", "2 h",
// "3 d"; never "2h0m0s". Less than a second is "0 s".
func Duration(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "min"}} {
		if d >= u.d && d%u.d == 0 {
			return sign + strconv.FormatInt(int64(d/u.d), 10) + " " + u.name
		}
	}
	return sign + strconv.FormatInt(int64(d/time.Second), 10) + " s"
}

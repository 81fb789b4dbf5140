package present

import (
	"fmt"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// The calendar's words and shapes, shared by the Calendar screen and
// `qsched calendar`.
const (
	// CalendarDayLayout heads a day of the agenda and a row of the
	// density strip.
	CalendarDayLayout = "Mon 2006-01-02"
	// CalendarTimeLayout is a run's time within its day; the zone's
	// abbreviation tells the two 02:30s of an autumn night apart.
	CalendarTimeLayout = "15:04 MST"
	// OverlapMark flags a run that overlaps another schedule's run.
	OverlapMark = "!"
	// DensityCellWidth is the width of one hour in the density strip.
	DensityCellWidth = 2
	// DensityLabelWidth is the width of a strip row's day label and gap.
	DensityLabelWidth = len("Mon 03-02 ")
)

// CalendarKind names a kind of schedule: "WAS" or "script".
func CalendarKind(kind string) string {
	if kind == model.CalendarWAS {
		return "WAS"
	}
	return kind
}

// CalendarDay is a day heading, e.g. "Mon 2026-03-02".
func CalendarDay(t time.Time) string { return t.Format(CalendarDayLayout) }

// CalendarTime is a run's time of day, e.g. "02:00 CET".
func CalendarTime(t time.Time) string { return t.Format(CalendarTimeLayout) }

// OverlapRule says in one line (under 80 columns) when runs are flagged.
func OverlapRule() string {
	return OverlapMark + " overlap: a run on the same web app, agent or tag starts less than " + Duration(model.AssumedRunDuration) + " apart"
}

// OverlapWhy says why: the duration assumed.
func OverlapWhy() string {
	return "Each run is taken to last " + Duration(model.AssumedRunDuration) + ": neither API says how long a scan or a script run takes."
}

// densityShades are the strip's cells from none to the busiest hour.
var densityShades = []string{"·", "░", "▒", "▓", "█"}

// DensityPeak is the most runs in one hour of the grid (at least 1).
func DensityPeak(grid [][24]int) int {
	peak := 1
	for _, d := range grid {
		for _, n := range d {
			peak = max(peak, n)
		}
	}
	return peak
}

// DensityRow is one day of the strip: its label ("Mon 03-02") and 24
// cells, each shaded by its runs relative to peak.
func DensityRow(day time.Time, hours [24]int, peak int) string {
	var b strings.Builder
	b.WriteString(day.Format("Mon 01-02 "))
	for _, n := range hours {
		s := densityShades[0]
		if n > 0 {
			s = densityShades[min(1+(n-1)*4/max(peak, 1), 4)]
		}
		b.WriteString(strings.Repeat(s, DensityCellWidth))
	}
	return b.String()
}

// DensityRuler labels the strip's hours every three hours.
func DensityRuler() string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", DensityLabelWidth))
	for h := 0; h < 24; h += 3 {
		b.WriteString(padRight(twoDigits(h), 3*DensityCellWidth))
	}
	return strings.TrimRight(b.String(), " ")
}

// DensityLegend explains the shades, e.g. "· none ░▒▓█ up to 12 runs an hour".
func DensityLegend(peak int) string {
	return densityShades[0] + " none  " + strings.Join(densityShades[1:], "") + " up to " + Plural(peak, "run") + " an hour"
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

func padRight(s string, w int) string {
	if len(s) >= w {
		return s
	}
	return s + strings.Repeat(" ", w-len(s))
}

// AgendaLine is one run in the agenda: time, overlap mark, kind, name
// and owner, e.g. "  02:00 CET ! WAS    Nightly scan – Shop  (alice)".
// Server text is made safe.
func AgendaLine(o model.Occurrence) string {
	mark := " "
	if o.Overlapping() {
		mark = OverlapMark
	}
	owner := ""
	if o.Owner != "" {
		owner = "  (" + safe.Line(o.Owner, 0) + ")"
	}
	return fmt.Sprintf("  %-9s %s %-6s %s%s", CalendarTime(o.Start), mark, CalendarKind(o.Kind), safe.Line(o.Name, 0), owner)
}

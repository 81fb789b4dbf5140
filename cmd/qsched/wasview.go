package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

// wasScheduleJSON is the documented, stable JSON form of a WAS schedule in
// `was list --json` (README, "JSON output"), shared with the WAS screen's
// export (present.WASRecord).
type wasScheduleJSON = present.WASRecord

// wasDetailJSON adds, for `was get --json`, the blocks under their API
// element names. createdDate and updatedDate are RFC 3339 in the display
// zone, as nextLaunch; the blocks (scheduling, lastScan) are as the API
// returns them, their times in UTC, so that scheduling can be sent back.
type wasDetailJSON struct {
	wasScheduleJSON
	Notification *notificationJSON    `json:"notification"`
	SendMail     *bool                `json:"sendMail"`
	SendOneMail  *bool                `json:"sendOneMail"`
	Scheduling   *model.WASScheduling `json:"scheduling"`
	Target       *model.WASTarget     `json:"target"`
	CreatedDate  *string              `json:"createdDate"`
	UpdatedDate  *string              `json:"updatedDate"`
	LastScan     *model.WASLastScan   `json:"lastScan"`
}

type notificationJSON struct {
	Active     *bool           `json:"active"`
	Reschedule *bool           `json:"reschedule"`
	Delay      *model.WASDelay `json:"delay"`
	Recipients []string        `json:"recipients"`
	Message    *string         `json:"message"`
}

// wasSummary is a schedule's record, its next launch in loc, the display
// zone.
func wasSummary(s model.WasScanSchedule, loc *time.Location) wasScheduleJSON {
	return present.WASRecordOf(s, loc)
}

func wasDetail(s model.WasScanSchedule, loc *time.Location) wasDetailJSON {
	d := wasDetailJSON{wasScheduleJSON: wasSummary(s, loc), SendMail: s.SendMail, SendOneMail: s.SendOneMail,
		Scheduling: s.Scheduling, Target: s.Target, CreatedDate: present.WASInstant(s.CreatedDate, loc),
		UpdatedDate: present.WASInstant(s.UpdatedDate, loc), LastScan: s.LastScan}
	if n := s.Notification; n != nil {
		d.Notification = &notificationJSON{Active: n.Active, Reschedule: n.Reschedule, Delay: n.Delay,
			Recipients: n.Recipients.Emails(), Message: (*string)(n.Message)}
	}
	return d
}

// wasTable is the list layout; the web app column gives way first, then
// the name; on a narrow terminal the invalid flag, the type and the
// occurrence are left out, in that order. Next launches are shown in
// loc, the display zone, which the column names as the TUI's does
// ("NEXT LAUNCH CEST", the abbreviation in force at now); each keeps its
// own abbreviation, which differs across a DST change.
func wasTable(list []model.WasScanSchedule, loc *time.Location, now time.Time) *table {
	t := &table{header: []string{"ID", "NAME", "TYPE", "WEB APP", "OCCURRENCE", "NEXT LAUNCH " + now.In(loc).Format("MST"), "ACTIVE", "INVALID"}, flex: []int{3, 1}, drop: []int{7, 2, 4}}
	for _, s := range list {
		next := "-"
		if tm, ok := s.NextLaunch(); ok {
			next = present.DateTime(tm.In(loc))
		}
		t.add(fmt.Sprint(s.IDValue()), s.NameValue(), s.TypeValue(), s.WebAppName(), s.OccurrenceValue(), next, present.YesNo(s.IsActive()), present.YesNo(s.IsInvalid()))
	}
	return t
}

// printWASDetail writes every field of a schedule (present.WASDetails),
// its times in loc, the display zone, as present.Lines. On a terminal of
// known width, a longer line is wrapped and its continuation indented
// under the values, so that nothing wraps by itself and a long value costs
// a bounded number of lines (values are capped at safe.MaxLen).
func printWASDetail(w io.Writer, s model.WasScanSchedule, loc *time.Location, now time.Time, width int) {
	for _, l := range present.Lines(present.WASDetails(s, loc, now)) {
		for _, part := range wrapDetail(l, width) {
			fmt.Fprintln(w, part)
		}
	}
}

func wrapDetail(l string, width int) []string {
	if width <= 0 || ansi.StringWidth(l) <= width {
		return []string{l}
	}
	indent := present.LabelWidth + 1
	if width < 2*indent {
		indent = 0
	}
	parts := strings.Split(ansi.Wrap(l, width-indent, ""), "\n")
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.Repeat(" ", indent) + parts[i]
	}
	return parts
}

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
// element names.
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

func wasSummary(s model.WasScanSchedule) wasScheduleJSON { return present.WASRecordOf(s) }

func wasDetail(s model.WasScanSchedule) wasDetailJSON {
	d := wasDetailJSON{wasScheduleJSON: wasSummary(s), SendMail: s.SendMail, SendOneMail: s.SendOneMail,
		Scheduling: s.Scheduling, Target: s.Target, CreatedDate: s.CreatedDate, UpdatedDate: s.UpdatedDate, LastScan: s.LastScan}
	if n := s.Notification; n != nil {
		d.Notification = &notificationJSON{Active: n.Active, Reschedule: n.Reschedule, Delay: n.Delay,
			Recipients: n.Recipients.Emails(), Message: (*string)(n.Message)}
	}
	return d
}

// wasTable is the list layout; the web app column gives way first, then
// the name; on a narrow terminal the invalid flag, the type and the
// occurrence are left out, in that order.
func wasTable(list []model.WasScanSchedule) *table {
	t := &table{header: []string{"ID", "NAME", "TYPE", "WEB APP", "OCCURRENCE", "NEXT LAUNCH", "ACTIVE", "INVALID"}, flex: []int{3, 1}, drop: []int{7, 2, 4}}
	for _, s := range list {
		next := "-"
		if tm, ok := s.NextLaunch(); ok {
			next = present.DateTime(tm.UTC())
		}
		t.add(fmt.Sprint(s.IDValue()), s.NameValue(), s.TypeValue(), s.WebAppName(), s.OccurrenceValue(), next, present.YesNo(s.IsActive()), present.YesNo(s.IsInvalid()))
	}
	return t
}

// printWASDetail writes every field of a schedule (present.WASDetails) as
// present.Lines. On a terminal of known width, a longer line is wrapped
// and its continuation indented under the values, so that nothing wraps
// by itself and a long value costs a bounded number of lines
// (values are capped at safe.MaxLen).
func printWASDetail(w io.Writer, s model.WasScanSchedule, now time.Time, width int) {
	for _, l := range present.Lines(present.WASDetails(s, now)) {
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

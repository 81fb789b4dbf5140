package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
)

// wasScheduleJSON is the documented, stable JSON form of a WAS schedule in
// `was list --json` (README, "JSON output"). Server text is sanitised.
type wasScheduleJSON struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Active     bool    `json:"active"`
	Invalid    bool    `json:"invalid"`
	WebApp     string  `json:"webApp"`
	Occurrence string  `json:"occurrence"`
	NextLaunch *string `json:"nextLaunch"` // RFC 3339, UTC; null when none
	Owner      string  `json:"owner,omitempty"`
}

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

func wasSummary(s model.WasScanSchedule) wasScheduleJSON {
	j := wasScheduleJSON{
		ID: s.IDValue(), Name: client.Sanitize(s.NameValue()), Type: s.TypeValue(), Active: s.IsActive(),
		Invalid: s.IsInvalid(), WebApp: client.Sanitize(s.WebAppName()), Occurrence: s.OccurrenceValue(),
	}
	if t, ok := s.NextLaunch(); ok {
		v := t.UTC().Format(time.RFC3339)
		j.NextLaunch = &v
	}
	if s.Owner != nil {
		j.Owner = client.Sanitize(s.Owner.Username)
	}
	return j
}

func wasDetail(s model.WasScanSchedule) wasDetailJSON {
	d := wasDetailJSON{wasScheduleJSON: wasSummary(s), SendMail: s.SendMail, SendOneMail: s.SendOneMail,
		Scheduling: s.Scheduling, Target: s.Target, CreatedDate: s.CreatedDate, UpdatedDate: s.UpdatedDate, LastScan: s.LastScan}
	if n := s.Notification; n != nil {
		nj := &notificationJSON{Active: n.Active, Reschedule: n.Reschedule, Delay: n.Delay, Recipients: sanitizeAll(n.Recipients.Emails())}
		if n.Message != nil {
			m := client.Sanitize(string(*n.Message))
			nj.Message = &m
		}
		d.Notification = nj
	}
	return d
}

func sanitizeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = client.Sanitize(s)
	}
	return out
}

// wasTable is the list layout; the name column gives way first, then the
// web app.
func wasTable(list []model.WasScanSchedule) *table {
	t := &table{header: []string{"ID", "NAME", "TYPE", "WEB APP", "OCCURRENCE", "NEXT LAUNCH", "ACTIVE", "INVALID"}, flex: []int{1, 3}}
	for _, s := range list {
		next := "-"
		if tm, ok := s.NextLaunch(); ok {
			next = tm.UTC().Format("2006-01-02 15:04Z")
		}
		t.add(fmt.Sprint(s.IDValue()), s.NameValue(), s.TypeValue(), s.WebAppName(), s.OccurrenceValue(), next, yesNo(s.IsActive()), yesNo(s.IsInvalid()))
	}
	return t
}

// printWASDetail writes every field of a schedule as aligned key/value
// lines.
func printWASDetail(w io.Writer, s model.WasScanSchedule, now time.Time) {
	var rows [][2]string
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, [2]string{k, client.Sanitize(v)})
		}
	}
	add("ID", fmt.Sprint(s.IDValue()))
	add("Name", s.NameValue())
	add("Type", s.TypeValue())
	add("Active", yesNo(s.IsActive()))
	add("Invalid", yesNo(s.IsInvalid()))
	if o := s.Owner; o != nil {
		add("Owner", strings.TrimSpace(fmt.Sprintf("%s (%s %s, id %d)", o.Username, o.FirstName, o.LastName, o.ID)))
	}
	add("Web app", webAppLine(s.Target))
	if sc := s.Scheduling; sc != nil {
		add("Occurrence", s.OccurrenceValue())
		add("Start", model.Deref(sc.StartDate))
		if sc.TimeZone != nil {
			add("Time zone", sc.TimeZone.Code)
		}
		add("Recurrence", occurrenceLine(sc.Occurrence))
		if sc.CancelAfterNHours != nil {
			add("Cancel after", fmt.Sprintf("%d h", *sc.CancelAfterNHours))
		}
	}
	next := "none"
	if t, ok := s.NextLaunch(); ok {
		next = model.DescribeRun(t.UTC(), now)
	}
	add("Next launch", next)
	if n := s.Notification; n != nil {
		add("Notification", yesNo(model.Deref(n.Active)))
		add("Reschedule", yesNo(model.Deref(n.Reschedule)))
		if n.Delay != nil {
			add("Notify before", n.Delay.String())
		}
		add("Recipients", orNone(n.Recipients.Emails()))
		if n.Message != nil {
			add("Message", string(*n.Message))
		}
	}
	if s.SendMail != nil {
		add("Send mail", yesNo(*s.SendMail))
	}
	if s.SendOneMail != nil {
		add("Send one mail", yesNo(*s.SendOneMail))
	}
	add("Created", model.Deref(s.CreatedDate))
	add("Updated", model.Deref(s.UpdatedDate))
	if l := s.LastScan; l != nil {
		add("Last scan", strings.TrimSpace(fmt.Sprintf("%d %s %s", l.ID, model.Deref(l.Status), model.Deref(l.LaunchedDate))))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%-14s %s\n", r[0], r[1])
	}
}

func webAppLine(t *model.WASTarget) string {
	switch {
	case t == nil:
		return ""
	case t.WebApp != nil:
		s := fmt.Sprintf("%s (id %d)", string(model.Deref(t.WebApp.Name)), t.WebApp.ID)
		if t.WebApp.URL != nil {
			s += " " + string(*t.WebApp.URL)
		}
		return s
	case t.WebApps != nil:
		var names []string
		for _, a := range t.WebApps.List {
			names = append(names, fmt.Sprintf("%s (id %d)", string(model.Deref(a.Name)), a.ID))
		}
		return strings.Join(names, ", ")
	case t.Tags != nil:
		return "selected by tags"
	}
	return ""
}

func occurrenceLine(o *model.WASOccurrence) string {
	switch {
	case o == nil:
		return ""
	case o.Daily != nil:
		return fmt.Sprintf("every %d day(s)", o.Daily.EveryNDays)
	case o.Weekly != nil:
		return fmt.Sprintf("every %d week(s) on %s", o.Weekly.EveryNWeeks, strings.Join(o.Weekly.OnDays, ", "))
	case o.Monthly != nil:
		return "monthly " + strings.Join(strings.Fields(o.Monthly.InnerXML), "") // U2: opaque
	}
	return ""
}

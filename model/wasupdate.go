package model

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValidEmail reports whether s is an address qsched sends: a bare e-mail
// address such as ops@example.com (WellFormedEmail) with no control or
// bidi character (net/mail accepts UTF-8 local parts, and one holding
// U+202E reads differently from how it is sent).
func ValidEmail(s string) bool { return WellFormedEmail(s) && FreeTextProblem(s, false) == "" }

// WellFormedEmail reports whether s is a bare e-mail address (no display
// name, a dot in the domain), as the platform checks it; the simulator
// uses it, so that hostile addresses others stored can still be planted.
func WellFormedEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

var delayRE = regexp.MustCompile(`(?i)^\s*(\d+)\s*(d|day|days)?\s*$`)

// ParseNotifyDelay reads a notification delay such as "4d", "4 days" or
// "4" (days, the only scale known: U6).
func ParseNotifyDelay(s string) (WASDelay, error) {
	m := delayRE.FindStringSubmatch(s)
	if m == nil {
		return WASDelay{}, fmt.Errorf("expected a number of days such as 4d, got %q", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < MinNotifyDelayDays || n > MaxNotifyDelayDays {
		return WASDelay{}, fmt.Errorf("must be %d to %d days, got %s", MinNotifyDelayDays, MaxNotifyDelayDays, m[1])
	}
	return WASDelay{Nb: n, Scale: NotifyDelayScale}, nil
}

// String formats a delay as "4 DAY".
func (d WASDelay) String() string { return strconv.Itoa(d.Nb) + " " + d.Scale }

// ParseRecipients splits a comma- or space-separated list of addresses,
// dropping duplicates and keeping the order.
func ParseRecipients(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' }) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// ValidateWASUpdate checks a partial schedule before it is sent as an
// update: the name, the notification delay and every recipient address.
// Field names are the XML paths.
func ValidateWASUpdate(p WasScanSchedule) ValidationErrors {
	var v ValidationErrors
	if p.ID != nil || p.Owner != nil || p.LastScan != nil || p.Invalid != nil || p.NextLaunchDate != nil {
		v.add("WasScanSchedule", "id, owner, invalid, nextLaunchDate and lastScan are read-only")
	}
	if p.Name != nil {
		n := strings.TrimSpace(string(*p.Name))
		if n == "" || utf8.RuneCountInString(n) > MaxTitleLen {
			v.add("name", fmt.Sprintf("must be 1 to %d characters", MaxTitleLen))
		} else if pr := FreeTextProblem(string(*p.Name), false); pr != "" {
			v.add("name", pr)
		}
	}
	if n := p.Notification; n != nil {
		if m := n.Message; m != nil {
			if pr := FreeTextProblem(string(*m), true); pr != "" {
				v.add("notification.message", pr)
			} else if l := utf8.RuneCountInString(string(*m)); l > MaxDescriptionLen {
				v.add("notification.message", fmt.Sprintf("is %d characters long; at most %d are allowed", l, MaxDescriptionLen))
			}
		}
		if d := n.Delay; d != nil && (d.Nb < MinNotifyDelayDays || d.Nb > MaxNotifyDelayDays || d.Scale != NotifyDelayScale) {
			v.add("notification.delay", fmt.Sprintf("must be %d to %d %s, got %d %q", MinNotifyDelayDays, MaxNotifyDelayDays, NotifyDelayScale, d.Nb, d.Scale))
		}
		if r := n.Recipients; r != nil {
			for _, part := range []*WASEmails{r.Set, r.Add, r.Remove} {
				if part == nil {
					continue
				}
				for _, a := range part.Addresses {
					if !ValidEmail(string(a)) {
						v.add("notification.recipients", fmt.Sprintf(`"%s" is not a valid e-mail address`, string(a)))
					}
				}
			}
		}
	}
	return v
}

// RecipientsDiff compares the recipients before and after a `set`: the
// addresses removed and added, each in its list's order.
func RecipientsDiff(before, after []string) (removed, added []string) {
	for _, a := range before {
		if !slices.Contains(after, a) {
			removed = append(removed, a)
		}
	}
	for _, a := range after {
		if !slices.Contains(before, a) {
			added = append(added, a)
		}
	}
	return removed, added
}

// WASEdit is an edit of a WAS schedule's updatable settings, as the user
// gave them (flags of `qsched was update`, or the update form). A nil
// field is unchanged and is not sent.
type WASEdit struct {
	Name       *string
	Active     *bool
	Reschedule *bool
	Delay      *string // days, as typed: "4d", "4 days" or "4"
	// Recipients, as typed: comma-, semicolon-, space- or
	// newline-separated. They replace the whole list (the API's set).
	Recipients  *string
	Message     *string
	SendMail    *bool
	SendOneMail *bool
}

// Empty reports an edit that changes nothing.
func (e WASEdit) Empty() bool { return e == WASEdit{} }

// WASUpdateFromEdit builds the partial update that holds exactly the
// fields of e that are set, and every problem with them (field names as
// ValidateWASUpdate's: "name", "notification.delay",
// "notification.recipients"). It is the one builder of WAS updates: the
// command line and the update form both send what it returns, so a value
// the user did not change is never sent.
func WASUpdateFromEdit(e WASEdit) (WasScanSchedule, ValidationErrors) {
	var p WasScanSchedule
	var v ValidationErrors
	if e.Name != nil {
		p.Name = TextPtr(*e.Name)
	}
	n := &WASNotification{}
	if e.Active != nil {
		n.Active = Ptr(*e.Active)
	}
	if e.Reschedule != nil {
		n.Reschedule = Ptr(*e.Reschedule)
	}
	if e.Delay != nil {
		if d, err := ParseNotifyDelay(*e.Delay); err != nil {
			v.add("notification.delay", err.Error())
		} else {
			n.Delay = &d
		}
	}
	if e.Recipients != nil {
		if list := ParseRecipients(*e.Recipients); len(list) == 0 {
			v.add("notification.recipients", "give at least one address; to stop the mails, set the notification inactive")
		} else {
			n.Recipients = SetRecipients(list)
		}
	}
	if e.Message != nil {
		n.Message = TextPtr(*e.Message)
	}
	if *n != (WASNotification{}) {
		p.Notification = n
	}
	if e.SendMail != nil {
		p.SendMail = Ptr(*e.SendMail)
	}
	if e.SendOneMail != nil {
		p.SendOneMail = Ptr(*e.SendOneMail)
	}
	return p, append(v, ValidateWASUpdate(p)...)
}

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

// ValidEmail reports whether s is a bare e-mail address such as
// ops@example.com (no display name, a dot in the domain).
func ValidEmail(s string) bool {
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
		}
	}
	if n := p.Notification; n != nil {
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
						v.add("notification.recipients", fmt.Sprintf("%q is not a valid e-mail address", string(a)))
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

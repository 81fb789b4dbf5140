package model

import (
	"encoding/xml"
	"strconv"
	"time"
)

// WAS schedule types.
const (
	WASVulnerability = "VULNERABILITY"
	WASDiscovery     = "DISCOVERY"
)

// WAS occurrence types (§9.3).
const (
	OccurrenceOnce    = "ONCE"
	OccurrenceHourly  = "HOURLY" // §15.3 (webapp.xsd)
	OccurrenceDaily   = "DAILY"
	OccurrenceWeekly  = "WEEKLY"
	OccurrenceMonthly = "MONTHLY"
)

// WASTimeLayout is the QPS date-time form, always UTC.
const WASTimeLayout = "2006-01-02T15:04:05Z"

// WasScanSchedule is the <WasScanSchedule> element (§9). Every element is
// optional so that an update carries only what it changes; read-only
// elements (owner, invalid, multi, launchedCount, dates, lastScan) are
// never sent.
type WasScanSchedule struct {
	ID                        *int64           `xml:"id,omitempty" json:"id,omitempty"`
	Name                      *Text            `xml:"name,omitempty" json:"name,omitempty"`
	Owner                     *WASUser         `xml:"owner,omitempty" json:"owner,omitempty"`
	Type                      *string          `xml:"type,omitempty" json:"type,omitempty"`
	Active                    *bool            `xml:"active,omitempty" json:"active,omitempty"`
	Invalid                   *bool            `xml:"invalid,omitempty" json:"invalid,omitempty"`
	Multi                     *bool            `xml:"multi,omitempty" json:"multi,omitempty"`
	LaunchedCount             *int             `xml:"launchedCount,omitempty" json:"launchedCount,omitempty"`
	NextLaunchDate            *string          `xml:"nextLaunchDate,omitempty" json:"nextLaunchDate,omitempty"`
	CreatedDate               *string          `xml:"createdDate,omitempty" json:"createdDate,omitempty"`
	UpdatedDate               *string          `xml:"updatedDate,omitempty" json:"updatedDate,omitempty"`
	Target                    *WASTarget       `xml:"target,omitempty" json:"target,omitempty"`
	Profile                   *WASRef          `xml:"profile,omitempty" json:"profile,omitempty"`
	Proxy                     *WASRef          `xml:"proxy,omitempty" json:"proxy,omitempty"`
	DNSOverride               *WASRef          `xml:"dnsOverride,omitempty" json:"dnsOverride,omitempty"`
	Scheduling                *WASScheduling   `xml:"scheduling,omitempty" json:"scheduling,omitempty"`
	Notification              *WASNotification `xml:"notification,omitempty" json:"notification,omitempty"`
	SendMail                  *bool            `xml:"sendMail,omitempty" json:"sendMail,omitempty"`
	SendOneMail               *bool            `xml:"sendOneMail,omitempty" json:"sendOneMail,omitempty"`
	SendMailFromAddressOption *string          `xml:"sendMailFromAddressOption,omitempty" json:"sendMailFromAddressOption,omitempty"`
	ProgressiveScanning       *bool            `xml:"progressiveScanning,omitempty" json:"progressiveScanning,omitempty"`
	LastScan                  *WASLastScan     `xml:"lastScan,omitempty" json:"lastScan,omitempty"`
}

// WASUser is the owner of a schedule.
type WASUser struct {
	ID        int64  `xml:"id" json:"id"`
	Username  string `xml:"username,omitempty" json:"username,omitempty"`
	FirstName string `xml:"firstName,omitempty" json:"firstName,omitempty"`
	LastName  string `xml:"lastName,omitempty" json:"lastName,omitempty"`
}

// WASRef points at another object by id (name on read).
type WASRef struct {
	ID   *int64 `xml:"id,omitempty" json:"id,omitempty"`
	Name *Text  `xml:"name,omitempty" json:"name,omitempty"`
}

// WASWebApp is a web application reference.
type WASWebApp struct {
	ID   int64 `xml:"id" json:"id"`
	Name *Text `xml:"name,omitempty" json:"name,omitempty"`
	URL  *Text `xml:"url,omitempty" json:"url,omitempty"`
}

// WASTarget is what a schedule scans (§9.2).
type WASTarget struct {
	WebApp           *WASWebApp     `xml:"webApp,omitempty" json:"webApp,omitempty"`
	WebApps          *WASWebAppList `xml:"webApps,omitempty" json:"webApps,omitempty"`
	Tags             *WASTargetTags `xml:"tags,omitempty" json:"tags,omitempty"`
	WebAppAuthRecord *WASAuthRecord `xml:"webAppAuthRecord,omitempty" json:"webAppAuthRecord,omitempty"`
	ScannerAppliance *WASScanner    `xml:"scannerAppliance,omitempty" json:"scannerAppliance,omitempty"`
	ScannerTags      *WASTagSet     `xml:"scannerTags,omitempty" json:"scannerTags,omitempty"`
	CancelOption     *string        `xml:"cancelOption,omitempty" json:"cancelOption,omitempty"`
	RandomizeScan    *bool          `xml:"randomizeScan,omitempty" json:"randomizeScan,omitempty"`
}

// QListCount is the count a QList may carry beside its list on read
// (§4.1, §15.2), spelt count or COUNT (U15). qsched never sends it. It is
// kept as the server sent it: a count that disagrees with the items listed
// is shown, not refused (a server may list fewer than it counts).
type QListCount struct {
	Count      *int `xml:"count,omitempty" json:"count,omitempty"`
	CountUpper *int `xml:"COUNT,omitempty" json:"COUNT,omitempty"`
}

// Counted returns the count the server sent, if any (count before COUNT).
func (c QListCount) Counted() (int, bool) {
	switch {
	case c.Count != nil:
		return *c.Count, true
	case c.CountUpper != nil:
		return *c.CountUpper, true
	}
	return 0, false
}

// marshalQList writes a QList with only the parts that hold something:
// encoding/xml would write an empty <list></list> for an empty list>Item
// path, which a request must not carry (the schema has no list) and an
// answer need not.
func marshalQList[T any](e *xml.Encoder, start xml.StartElement, c QListCount, item string, list, set []T) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, n := range []struct {
		name string
		v    *int
	}{{"count", c.Count}, {"COUNT", c.CountUpper}} {
		if n.v != nil {
			if err := e.EncodeElement(*n.v, xml.StartElement{Name: xml.Name{Local: n.name}}); err != nil {
				return err
			}
		}
	}
	for _, p := range []struct {
		name  string
		items []T
	}{{"list", list}, {"set", set}} {
		if len(p.items) == 0 {
			continue
		}
		ps := xml.StartElement{Name: xml.Name{Local: p.name}}
		if err := e.EncodeToken(ps); err != nil {
			return err
		}
		for _, it := range p.items {
			if err := e.EncodeElement(it, xml.StartElement{Name: xml.Name{Local: item}}); err != nil {
				return err
			}
		}
		if err := e.EncodeToken(ps.End()); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// WASWebAppList is a QList of web apps: list (with an optional count) on
// read, set on write; the older read form, set, is read too.
type WASWebAppList struct {
	QListCount
	List []WASWebApp `xml:"list>WebApp,omitempty" json:"list,omitempty"`
	Set  []WASWebApp `xml:"set>WebApp,omitempty" json:"set,omitempty"`
}

// MarshalXML writes count, list and set, each only when present.
func (l WASWebAppList) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalQList(e, start, l.QListCount, "WebApp", l.List, l.Set)
}

// Apps returns the web apps, from list or, when list is empty, set.
func (l *WASWebAppList) Apps() []WASWebApp {
	if l == nil {
		return nil
	}
	return listOrSet(l.List, l.Set)
}

// listOrSet returns a QList's items as read: list, or set when list is
// empty.
func listOrSet[T any](list, set []T) []T {
	if len(list) > 0 {
		return list
	}
	return set
}

// WASTargetTags selects web apps by tag.
type WASTargetTags struct {
	Included *WASTagSelection `xml:"included,omitempty" json:"included,omitempty"`
	Excluded *WASTagSelection `xml:"excluded,omitempty" json:"excluded,omitempty"`
}

// WASTagSelection is ALL/ANY of a tag list.
type WASTagSelection struct {
	Option  string     `xml:"option,omitempty" json:"option,omitempty"`
	TagList *WASTagSet `xml:"tagList,omitempty" json:"tagList,omitempty"`
}

// WASTagSet is a QList of tags: list (with an optional count) on read,
// set on write; the older read form, set, is read too.
type WASTagSet struct {
	QListCount
	List []WASTag `xml:"list>Tag,omitempty" json:"list,omitempty"`
	Set  []WASTag `xml:"set>Tag,omitempty" json:"set,omitempty"`
}

// MarshalXML writes count, list and set, each only when present.
func (t WASTagSet) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalQList(e, start, t.QListCount, "Tag", t.List, t.Set)
}

// Tags returns the tags, from list or, when list is empty, set.
func (t *WASTagSet) Tags() []WASTag {
	if t == nil {
		return nil
	}
	return listOrSet(t.List, t.Set)
}

// WASTag is one tag.
type WASTag struct {
	ID   int64 `xml:"id" json:"id"`
	Name *Text `xml:"name,omitempty" json:"name,omitempty"`
}

// WASAuthRecord selects the web app authentication record.
type WASAuthRecord struct {
	ID        *int64 `xml:"id,omitempty" json:"id,omitempty"`
	IsDefault *bool  `xml:"isDefault,omitempty" json:"isDefault,omitempty"`
}

// WASScanner selects the scanner appliance.
type WASScanner struct {
	Type         string `xml:"type" json:"type"`
	FriendlyName *Text  `xml:"friendlyName,omitempty" json:"friendlyName,omitempty"`
}

// WASScheduling is when a schedule runs (§9.3).
type WASScheduling struct {
	StartDate         *string        `xml:"startDate,omitempty" json:"startDate,omitempty"`
	TimeZone          *WASTimeZone   `xml:"timeZone,omitempty" json:"timeZone,omitempty"`
	OccurrenceType    *string        `xml:"occurrenceType,omitempty" json:"occurrenceType,omitempty"`
	Occurrence        *WASOccurrence `xml:"occurrence,omitempty" json:"occurrence,omitempty"`
	CancelAfterNHours *int           `xml:"cancelAfterNHours,omitempty" json:"cancelAfterNHours,omitempty"`
}

// WASTimeZone is the schedule's zone (U4): code is read, offset ignored.
type WASTimeZone struct {
	Code   string `xml:"code" json:"code"`
	Offset string `xml:"offset,omitempty" json:"offset,omitempty"`
}

// WASOccurrence holds the recurrence of one occurrence type.
type WASOccurrence struct {
	Hourly  *WASHourly  `xml:"hourlyOccurrence,omitempty" json:"hourlyOccurrence,omitempty"`
	Daily   *WASDaily   `xml:"dailyOccurrence,omitempty" json:"dailyOccurrence,omitempty"`
	Weekly  *WASWeekly  `xml:"weeklyOccurrence,omitempty" json:"weeklyOccurrence,omitempty"`
	Monthly *WASMonthly `xml:"monthlyOccurrence,omitempty" json:"monthlyOccurrence,omitempty"`
}

// MaxEveryNHours bounds an hourly schedule's interval: undocumented for
// WAS, 1–23 as CAR's hourlyInterval (U37); a day or more is DAILY.
const MaxEveryNHours = 23

// WASHourly runs every N hours of elapsed time from the start (§15.3's
// hourlyOccurrence); occurrenceCount ends it after that many launches.
type WASHourly struct {
	EveryNHours     int  `xml:"everyNHours" json:"everyNHours"`
	OccurrenceCount *int `xml:"occurrenceCount,omitempty" json:"occurrenceCount,omitempty"`
}

// WASDaily runs every N days; occurrenceCount (§15.3) ends it after that
// many launches.
type WASDaily struct {
	EveryNDays      int  `xml:"everyNDays" json:"everyNDays"`
	OccurrenceCount *int `xml:"occurrenceCount,omitempty" json:"occurrenceCount,omitempty"`
}

// WASWeekly runs every N weeks on some days (U5: upper-case day names).
type WASWeekly struct {
	EveryNWeeks     int      `xml:"everyNWeeks" json:"everyNWeeks"`
	OnDays          []string `xml:"onDays>WeekDay" json:"onDays"`
	OccurrenceCount *int     `xml:"occurrenceCount,omitempty" json:"occurrenceCount,omitempty"`
}

// WASMonthly is kept opaque (U2): the element names are unconfirmed, so the
// raw inner XML is preserved and shown read-only.
type WASMonthly struct {
	InnerXML string `xml:",innerxml" json:"raw"`
}

// WASNotification is the notification block (§9.4, seed 002).
type WASNotification struct {
	Active     *bool          `xml:"active,omitempty" json:"active,omitempty"`
	Reschedule *bool          `xml:"reschedule,omitempty" json:"reschedule,omitempty"`
	Delay      *WASDelay      `xml:"delay,omitempty" json:"delay,omitempty"`
	Recipients *WASRecipients `xml:"recipients,omitempty" json:"recipients,omitempty"`
	Message    *Text          `xml:"message,omitempty" json:"message,omitempty"`
}

// WASDelay is how long before the scan the notification goes out.
type WASDelay struct {
	Nb    int    `xml:"nb" json:"nb"`
	Scale string `xml:"scale" json:"scale"`
}

// WASRecipients is a QList of e-mail addresses (U7): set replaces the list
// on write, list (with an optional count) is read, falling back to set.
type WASRecipients struct {
	QListCount
	Set    *WASEmails `xml:"set,omitempty" json:"set,omitempty"`
	Add    *WASEmails `xml:"add,omitempty" json:"add,omitempty"`
	Remove *WASEmails `xml:"remove,omitempty" json:"remove,omitempty"`
	List   *WASEmails `xml:"list,omitempty" json:"list,omitempty"`
}

// WASEmails is a sequence of EmailAddress elements.
type WASEmails struct {
	Addresses []Text `xml:"EmailAddress" json:"addresses"`
}

// Emails returns the recipients as read: list, falling back to set (U7).
func (r *WASRecipients) Emails() []string {
	if r == nil {
		return nil
	}
	src := r.List
	if src == nil || len(src.Addresses) == 0 {
		src = r.Set
	}
	if src == nil {
		return nil
	}
	out := make([]string, len(src.Addresses))
	for i, a := range src.Addresses {
		out[i] = string(a)
	}
	return out
}

// SetRecipients builds the write form that replaces the whole list.
func SetRecipients(emails []string) *WASRecipients {
	e := &WASEmails{Addresses: make([]Text, len(emails))}
	for i, s := range emails {
		e.Addresses[i] = Text(s)
	}
	return &WASRecipients{Set: e}
}

// WASLastScan summarises the last scan launched by the schedule.
type WASLastScan struct {
	ID           int64   `xml:"id" json:"id"`
	Name         *Text   `xml:"name,omitempty" json:"name,omitempty"`
	LaunchedDate *string `xml:"launchedDate,omitempty" json:"launchedDate,omitempty"`
	Status       *string `xml:"status,omitempty" json:"status,omitempty"`
	Summary      *struct {
		ResultsStatus string `xml:"resultsStatus,omitempty" json:"resultsStatus,omitempty"`
	} `xml:"summary,omitempty" json:"summary,omitempty"`
}

// Accessors that read optional elements with a zero default.

// IDValue returns the id, or 0.
func (w WasScanSchedule) IDValue() int64 { return Deref(w.ID) }

// NameValue returns the name, or "".
func (w WasScanSchedule) NameValue() string {
	if w.Name == nil {
		return ""
	}
	return string(*w.Name)
}

// IsActive reports whether the schedule is active.
func (w WasScanSchedule) IsActive() bool { return Deref(w.Active) }

// IsInvalid reports whether the schedule's web app has been deleted.
func (w WasScanSchedule) IsInvalid() bool { return Deref(w.Invalid) }

// TypeValue returns the scan type, or "".
func (w WasScanSchedule) TypeValue() string { return Deref(w.Type) }

// WebAppName returns the single target web app's name, or a summary of a
// Multi-Scan target.
func (w WasScanSchedule) WebAppName() string {
	t := w.Target
	switch {
	case t == nil:
		return ""
	case t.WebApp != nil && t.WebApp.Name != nil:
		return string(*t.WebApp.Name)
	case len(t.WebApps.Apps()) > 0:
		apps := t.WebApps.Apps()
		if n := len(apps); n > 1 {
			return string(derefText(apps[0].Name)) + " +" + strconv.Itoa(n-1)
		}
		return string(derefText(apps[0].Name))
	case t.Tags != nil:
		return "(by tags)"
	}
	return ""
}

// OccurrenceValue returns the occurrence type, or "".
func (w WasScanSchedule) OccurrenceValue() string {
	if w.Scheduling == nil {
		return ""
	}
	return Deref(w.Scheduling.OccurrenceType)
}

// NextLaunch parses nextLaunchDate; ok is false when it is absent (U19).
func (w WasScanSchedule) NextLaunch() (time.Time, bool) {
	if w.NextLaunchDate == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(WASTimeLayout, *w.NextLaunchDate)
	return t, err == nil
}

func derefText(p *Text) Text { return Deref(p) }

package sim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// CatalogScript is a CAR script the simulated platform knows. Language is
// what the script search calls scriptType; Params are the names of the
// parameters a run needs.
type CatalogScript struct {
	ID       int64
	Title    string
	Language string
	Params   []string
	Platform string // Windows, Linux or Mac
}

// Scripts returns the script catalog, which includes the id seed 000 uses.
// It is a copy: changing it changes nothing in the simulator.
func Scripts() []CatalogScript {
	out := slices.Clone(catalog)
	for i := range out {
		out[i].Params = slices.Clone(out[i].Params)
	}
	return out
}

var catalog = []CatalogScript{
	{226213, "Sample script title", "PowerShell", []string{"string"}, "Windows"},
	{226301, "Collect installed patches", "PowerShell", nil, "Windows"},
	{226302, "Restart Qualys Cloud Agent", "PowerShell", nil, "Windows"},
	{226310, "Clear Windows Update cache", "PowerShell", nil, "Windows"},
	{226355, "Disable SMBv1", "PowerShell", nil, "Windows"},
	{226402, "Rotate local admin password", "PowerShell", []string{"length"}, "Windows"},
	{226417, "Collect open ports (netstat)", "Bash", nil, "Linux"},
	{226418, "Remove world-writable cron files", "Bash", nil, "Linux"},
	{226433, "Update OpenSSL packages", "Bash", []string{"channel"}, "Linux"},
	{226450, "Gather Java runtimes", "Python", nil, "Linux"},
	{226461, "Enable Windows Defender real-time protection", "PowerShell", nil, "Windows"},
	{226462, "Export local administrators group", "PowerShell", nil, "Windows"},
	{226470, "Remove Log4j 1.x JAR files", "PowerShell", []string{"searchRoot"}, "Windows"},
	{226471, "Remove Log4j 1.x JAR files", "Bash", []string{"searchRoot"}, "Linux"},
	{226480, "Set TLS 1.2 as the minimum protocol", "PowerShell", nil, "Windows"},
	{226488, "Rotate Apache logs", "Bash", nil, "Linux"},
	{226495, "Check disk space", "Bash", []string{"thresholdPercent"}, "Linux"},
	{226501, "Restart nginx", "Bash", nil, "Linux"},
	{226512, "Collect SSH daemon configuration", "Bash", nil, "Linux"},
	{226520, "Update Homebrew packages", "Bash", nil, "Mac"},
	{226521, "Enable FileVault status report", "Bash", nil, "Mac"},
	{226530, "List kernel modules", "Python", nil, "Linux"},
	{226544, "Flush DNS cache", "PowerShell", nil, "Windows"},
	{226545, "Flush DNS cache", "Bash", nil, "Mac"},
	{226560, "Uninstall unapproved browser extensions", "PowerShell", []string{"allowList"}, "Windows"},
}

func knownScript(id model.FlexID) bool {
	n, ok := id.Int()
	return ok && slices.ContainsFunc(catalog, func(s CatalogScript) bool { return s.ID == n })
}

var owners = []model.WASUser{
	{ID: 1203941, Username: "acme_ab12", FirstName: "Alex", LastName: "Brandt"},
	{ID: 1203942, Username: "acme_jk3", FirstName: "Jordan", LastName: "Kim"},
	{ID: 1203977, Username: "acme_mp7", FirstName: "Maria", LastName: "Perez"},
	{ID: 1204010, Username: "acme_sn2", FirstName: "Sam", LastName: "Novak"},
}

var appNames = []struct{ name, host string }{
	{"Shop frontend", "shop.example.com"}, {"Payments API", "pay.example.com"},
	{"Customer portal", "portal.example.com"}, {"Partner SSO", "sso.example.com"},
	{"Marketing site", "www.example.com"}, {"Support desk", "support.example.com"},
	{"HR self-service", "hr.example.com"}, {"Inventory service", "inventory.example.net"},
	{"Mobile backend", "m-api.example.com"}, {"Status page", "status.example.com"},
	{"Docs portal", "docs.example.com"}, {"Admin console", "admin.example.com"},
	{"Reporting", "reports.example.net"}, {"Search API", "search.example.com"},
	{"Legacy billing", "billing-legacy.example.net"}, {"Careers", "careers.example.com"},
	{"Webmail", "mail.example.com"}, {"Data lake UI", "lake.example.net"},
	{"Intranet", "intranet.corp.example"}, {"Build dashboard", "ci.corp.example"},
}

var tags = []model.WASTag{
	{ID: 5501, Name: model.TextPtr("PCI")}, {ID: 5502, Name: model.TextPtr("Internet-facing")},
	{ID: 5503, Name: model.TextPtr("Production")}, {ID: 5504, Name: model.TextPtr("Staging")},
}

var profiles = map[int64]string{
	610001: "Initial WAS Options", 610002: "Lightweight crawl", 610003: "Deep scan (PCI)",
}

// The ids the seed documents use are always present, so that their curl
// samples work against the simulator as written.
var seedDocIDs = []int64{1688, 701147, 701946, 171425669}

// seedWAS builds n schedules deterministically from seed.
func seedWAS(seed uint64, n int, now time.Time) *wasStore {
	rng := rand.New(rand.NewPCG(seed, 0x9a5))
	st := &wasStore{recs: map[int64]*wasRecord{}, webApps: map[int64]*webApp{}, profile: profiles, nextID: 1}
	for i, a := range appNames {
		app := &webApp{id: int64(2900101 + i*7), name: a.name, url: "https://" + a.host + "/"}
		for _, t := range tags {
			if rng.IntN(3) == 0 {
				app.tags = append(app.tags, t)
			}
		}
		app.deleted = i == 14 || i == 17 // their schedules are invalid
		st.webApps[app.id] = app
	}
	apps := make([]*webApp, 0, len(st.webApps))
	for i := range appNames {
		apps = append(apps, st.webApps[int64(2900101+i*7)])
	}
	ids := []int64{}
	for _, id := range seedDocIDs {
		if len(ids) < n {
			ids = append(ids, id)
		}
	}
	// The drawn ids only grow, so a drawn id can repeat only a documented
	// one: checking those alone keeps seeding linear (checking every id
	// drawn so far made 100,000 take 2 s).
	docs := len(ids)
	next := int64(700500)
	for len(ids) < n {
		next += 1 + rng.Int64N(12)
		if !slices.Contains(ids[:docs], next) {
			ids = append(ids, next)
		}
	}
	slices.Sort(ids)
	// New seeded features draw from their own stream, so that adding one
	// leaves the schedules drawn from rng as they were.
	extra := rand.New(rand.NewPCG(seed, 0xf1d))
	recur := rand.New(rand.NewPCG(seed, 0x40c))
	for i, id := range ids {
		rec := genSchedule(rng, extra, id, apps, now)
		varyTargetAndLastScan(extra, i, rec, apps, now)
		varyRecurrence(recur, i, rec, now)
		st.add(rec)
	}
	return st
}

var cadences = []struct{ occ, word string }{
	{model.OccurrenceDaily, "Nightly"}, {model.OccurrenceWeekly, "Weekly"},
	{model.OccurrenceMonthly, "Monthly"}, {model.OccurrenceOnce, "One-off"},
	{model.OccurrenceDaily, "Daily"}, {model.OccurrenceWeekly, "Weekend"},
}

var zones = []string{"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "America/Los_Angeles", "Australia/Sydney"}

func genSchedule(rng, extra *rand.Rand, id int64, apps []*webApp, now time.Time) *wasRecord {
	c := cadences[rng.IntN(len(cadences))]
	app := apps[rng.IntN(len(apps))]
	typ := model.WASVulnerability
	if rng.IntN(4) == 0 {
		typ = model.WASDiscovery
	}
	noun := "vulnerability scan"
	if typ == model.WASDiscovery {
		noun = "discovery scan"
	}
	name := fmt.Sprintf("%s %s – %s", c.word, noun, app.name)
	if rng.IntN(5) == 0 {
		name = fmt.Sprintf("%s Schedule %d – %s", c.word, id%1000, app.name)
	}
	owner := owners[rng.IntN(len(owners))]
	created := now.AddDate(0, 0, -30-rng.IntN(700)).UTC().Truncate(time.Second)
	updated := created.AddDate(0, 0, rng.IntN(30))
	hour := []int{1, 2, 3, 22, 23}[rng.IntN(5)]
	start := time.Date(created.Year(), created.Month(), created.Day()+1, hour, 0, 0, 0, time.UTC)
	sc := &model.WASScheduling{
		StartDate:      model.Ptr(start.Format(model.WASTimeLayout)),
		TimeZone:       &model.WASTimeZone{Code: zones[rng.IntN(len(zones))]},
		OccurrenceType: model.Ptr(c.occ),
	}
	switch c.occ {
	case model.OccurrenceDaily:
		sc.Occurrence = &model.WASOccurrence{Daily: &model.WASDaily{EveryNDays: []int{1, 1, 1, 2, 7}[rng.IntN(5)]}}
	case model.OccurrenceWeekly:
		days := []string{weekDays[rng.IntN(7)]}
		if c.word == "Weekend" {
			days = []string{"SATURDAY", "SUNDAY"}
		}
		sc.Occurrence = &model.WASOccurrence{Weekly: &model.WASWeekly{EveryNWeeks: 1 + rng.IntN(2), OnDays: days}}
	case model.OccurrenceMonthly:
		dom := 1 + rng.IntN(28) // drawn as before, so the rest of the seed is unchanged
		m := monthlyOcc{DayNb: dom, EveryNMonths: 1 + extra.IntN(3)}
		if extra.IntN(2) == 0 { // the Nth weekday form (§15.3)
			m = monthlyOcc{DayOrder: dayOrders[extra.IntN(len(dayOrders))], DayOfWeek: weekDays[extra.IntN(7)], EveryNMonths: 1}
		}
		sc.Occurrence = &model.WASOccurrence{Monthly: &model.WASMonthly{InnerXML: m.inner()}}
	}
	if rng.IntN(3) == 0 {
		sc.CancelAfterNHours = model.Ptr(2 + rng.IntN(10))
	}
	w := model.WasScanSchedule{
		ID: model.Ptr(id), Name: model.TextPtr(name), Owner: &owner, Type: model.Ptr(typ),
		Active: model.Ptr(rng.IntN(7) != 0), Multi: model.Ptr(false),
		LaunchedCount: model.Ptr(rng.IntN(200)),
		CreatedDate:   model.Ptr(created.Format(model.WASTimeLayout)),
		UpdatedDate:   model.Ptr(updated.Format(model.WASTimeLayout)),
		Target: &model.WASTarget{
			WebApp:           &model.WASWebApp{ID: app.id, Name: model.TextPtr(app.name), URL: model.TextPtr(app.url)},
			ScannerAppliance: &model.WASScanner{Type: []string{"EXTERNAL", "EXTERNAL", "INTERNAL"}[rng.IntN(3)]},
			CancelOption:     model.Ptr([]string{"DEFAULT", "SPECIFIC"}[rng.IntN(2)]),
		},
		Scheduling:  sc,
		SendMail:    model.Ptr(rng.IntN(2) == 0),
		SendOneMail: model.Ptr(rng.IntN(4) == 0),
	}
	if w.Target.ScannerAppliance.Type == "INTERNAL" {
		w.Target.ScannerAppliance.FriendlyName = model.TextPtr("scanner-dc1-0" + fmt.Sprint(1+rng.IntN(3)))
	}
	if rng.IntN(10) == 0 { // Multi-Scan
		a2 := apps[rng.IntN(len(apps))]
		w.Multi = model.Ptr(true)
		w.Target.WebApp = nil
		w.Target.WebApps = &model.WASWebAppList{List: []model.WASWebApp{
			{ID: app.id, Name: model.TextPtr(app.name), URL: model.TextPtr(app.url)},
			{ID: a2.id, Name: model.TextPtr(a2.name), URL: model.TextPtr(a2.url)},
		}}
	}
	pid := []int64{610001, 610002, 610003}[rng.IntN(3)]
	w.Profile = &model.WASRef{ID: &pid, Name: model.TextPtr(profiles[pid])}
	if rng.IntN(3) != 0 {
		w.Notification = &model.WASNotification{
			Active: model.Ptr(rng.IntN(4) != 0), Reschedule: model.Ptr(rng.IntN(2) == 0),
			Delay:   &model.WASDelay{Nb: 1 + rng.IntN(5), Scale: "DAY"},
			Message: model.TextPtr("A Qualys WAS scan of " + app.name + " starts soon."),
		}
		rs := []string{"secops@example.com"}
		if rng.IntN(2) == 0 {
			rs = append(rs, owner.FirstName+"."+owner.LastName+"@example.com")
		}
		w.Notification.Recipients = &model.WASRecipients{List: model.SetRecipients(rs).Set}
	} else {
		w.Notification = &model.WASNotification{Active: model.Ptr(false)}
	}
	if rng.IntN(8) != 0 {
		launched := now.AddDate(0, 0, -rng.IntN(30)).UTC().Truncate(time.Hour)
		statuses := []string{"FINISHED", "FINISHED", "FINISHED", "ERROR", "CANCELED", "TIME_LIMIT_EXCEEDED"}
		w.LastScan = &model.WASLastScan{
			ID: 3000000 + id, Name: model.TextPtr("Scan of " + app.name + " " + launched.Format("2006-01-02")),
			LaunchedDate: model.Ptr(launched.Format(model.WASTimeLayout)),
			Status:       model.Ptr(statuses[rng.IntN(len(statuses))]),
		}
	}
	rec := &wasRecord{s: w}
	if c.occ == model.OccurrenceOnce {
		if rng.IntN(2) == 0 { // still to come
			t := now.AddDate(0, 0, 1+rng.IntN(60)).UTC().Truncate(time.Hour)
			rec.s.Scheduling.StartDate = model.Ptr(t.Format(model.WASTimeLayout))
			rec.next = &t
		}
	} else {
		rec.next = initialNext(w, now)
	}
	return rec
}

// varyRecurrence makes a few seeded schedules use §15.3's rarer
// recurrences, drawing from their own stream so that every other schedule
// stays as it was: HOURLY (the 72nd schedule and every 97th after it) and
// DAILY with an occurrenceCount not yet spent (the 90th, every 97th). The
// ids the seed documents use keep their recurrence.
func varyRecurrence(r *rand.Rand, i int, rec *wasRecord, now time.Time) {
	w := &rec.s
	if slices.Contains(seedDocIDs, w.IDValue()) || (i%97 != 71 && i%97 != 89) {
		return
	}
	sc := w.Scheduling
	start, _ := time.Parse(model.WASTimeLayout, *sc.StartDate)
	if start.After(now) { // a ONCE schedule moved ahead: start as the others do
		start = now.AddDate(0, 0, -40).UTC().Truncate(time.Hour)
		sc.StartDate = model.Ptr(start.Format(model.WASTimeLayout))
	}
	word := "Hourly"
	if i%97 == 71 {
		sc.OccurrenceType = model.Ptr(model.OccurrenceHourly)
		sc.Occurrence = &model.WASOccurrence{Hourly: &model.WASHourly{EveryNHours: []int{1, 2, 4, 6, 12}[r.IntN(5)]}}
	} else {
		word = "Daily"
		days := int(now.Sub(start).Hours()/24) + 1
		sc.OccurrenceType = model.Ptr(model.OccurrenceDaily)
		sc.Occurrence = &model.WASOccurrence{Daily: &model.WASDaily{EveryNDays: 1, OccurrenceCount: model.Ptr(days + 10 + r.IntN(50))}}
	}
	if _, rest, ok := strings.Cut(w.NameValue(), " "); ok {
		w.Name = model.TextPtr(word + " " + rest)
	}
	rec.next = initialNext(*w, now)
}

// scanStatuses are every lastScan status (§6.3).
var scanStatuses = []string{"SUBMITTED", "RUNNING", "FINISHED", "TIME_LIMIT_EXCEEDED", "SCAN_NOT_LAUNCHED", "SCANNER_NOT_AVAILABLE", "ERROR", "CANCELED", "PROCESSING"}

// varyTargetAndLastScan gives the i-th seeded schedule the rarer shapes a
// real subscription has, so that every seed of a reasonable size holds
// them: a tag-targeted schedule (every 9th), a Multi-Scan schedule over
// several web apps (every 11th), and every lastScan status in turn (every
// 5th), a SUBMITTED scan and some RUNNING ones without a launch date.
func varyTargetAndLastScan(extra *rand.Rand, i int, rec *wasRecord, apps []*webApp, now time.Time) {
	w := &rec.s
	switch {
	case i%9 == 5:
		inc := []model.WASTag{tags[extra.IntN(2)]}
		if extra.IntN(2) == 0 {
			inc = append(inc, tags[2])
		}
		sel := &model.WASTargetTags{Included: &model.WASTagSelection{Option: []string{"ANY", "ALL"}[extra.IntN(2)], TagList: &model.WASTagSet{List: inc}}}
		if extra.IntN(2) == 0 {
			sel.Excluded = &model.WASTagSelection{Option: "ANY", TagList: &model.WASTagSet{List: []model.WASTag{tags[3]}}}
		}
		w.Target.WebApp, w.Target.WebApps, w.Target.Tags = nil, nil, sel
		w.Multi = model.Ptr(true)
		names := make([]string, len(inc))
		for k, t := range inc {
			names[k] = string(*t.Name)
		}
		prefix, _, _ := strings.Cut(w.NameValue(), " – ")
		w.Name = model.TextPtr(prefix + " – apps tagged " + strings.Join(names, ", "))
	case i%11 == 7 && w.Target.WebApps == nil:
		var list []model.WASWebApp
		for _, k := range extra.Perm(len(apps))[:3+extra.IntN(3)] {
			a := apps[k]
			list = append(list, model.WASWebApp{ID: a.id, Name: model.TextPtr(a.name), URL: model.TextPtr(a.url)})
		}
		w.Target.WebApp, w.Target.WebApps = nil, &model.WASWebAppList{List: list}
		w.Multi = model.Ptr(true)
	}
	if i%5 == 2 {
		st := scanStatuses[(i/5)%len(scanStatuses)]
		ls := &model.WASLastScan{ID: 3500000 + w.IDValue(), Name: model.TextPtr("Scan of " + w.WebAppName()), Status: model.Ptr(st)}
		if st != "SUBMITTED" && !(st == "RUNNING" && (i/5)%2 == 0) {
			launched := now.Add(-time.Duration(1+extra.IntN(48)) * time.Hour).UTC().Truncate(time.Minute)
			ls.LaunchedDate = model.Ptr(launched.Format(model.WASTimeLayout))
			*ls.Name += model.Text(" " + launched.Format("2006-01-02"))
		}
		w.LastScan = ls
	}
}

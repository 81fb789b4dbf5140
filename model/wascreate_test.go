package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// readSchedule is a schedule as get returns it: read-only elements, QLists
// as count + list, names beside ids, a server-computed offset.
func readSchedule() WasScanSchedule {
	n := 2
	return WasScanSchedule{
		ID: Ptr(int64(701946)), Name: TextPtr("Weekly – shop"), Owner: &WASUser{ID: 7, Username: "alice"},
		Type: Ptr(WASVulnerability), Active: Ptr(true), Invalid: Ptr(false), Multi: Ptr(true),
		LaunchedCount: Ptr(12), NextLaunchDate: Ptr("2030-01-05T02:00:00Z"),
		CreatedDate: Ptr("2024-01-01T00:00:00Z"), UpdatedDate: Ptr("2024-02-01T00:00:00Z"),
		Target: &WASTarget{
			WebApps: &WASWebAppList{QListCount: QListCount{Count: &n}, List: []WASWebApp{
				{ID: 11, Name: TextPtr("shop"), URL: TextPtr("https://shop.example.com")}, {ID: 12, Name: TextPtr("api")}}},
			Tags: &WASTargetTags{
				Included: &WASTagSelection{Option: "ANY", TagList: &WASTagSet{QListCount: QListCount{CountUpper: Ptr(1)}, List: []WASTag{{ID: 5501, Name: TextPtr("prod")}}}},
				Excluded: &WASTagSelection{Option: "ALL", TagList: &WASTagSet{Set: []WASTag{{ID: 5502}}}},
			},
			WebAppAuthRecord: &WASAuthRecord{IsDefault: Ptr(true)},
			ScannerAppliance: &WASScanner{Type: "scannerTags"},
			ScannerTags:      &WASTagSet{List: []WASTag{{ID: 77, Name: TextPtr("dc1")}}},
			CancelOption:     Ptr("DEFAULT"),
		},
		Profile: &WASRef{ID: Ptr(int64(610001)), Name: TextPtr("Initial WAS Options")},
		Proxy:   &WASRef{ID: Ptr(int64(9)), Name: TextPtr("proxy")},
		Scheduling: &WASScheduling{
			StartDate: Ptr("2030-01-05T02:00:00Z"), TimeZone: &WASTimeZone{Code: "Europe/Berlin", Offset: "+01:00"},
			OccurrenceType: Ptr(OccurrenceWeekly),
			Occurrence:     &WASOccurrence{Weekly: &WASWeekly{EveryNWeeks: 1, OnDays: []string{"SUNDAY"}}},
		},
		Notification: &WASNotification{Active: Ptr(true), Delay: &WASDelay{Nb: 2, Scale: "DAY"},
			Recipients: &WASRecipients{QListCount: QListCount{Count: Ptr(1)}, List: &WASEmails{Addresses: []Text{"ops@example.com"}}},
			Message:    TextPtr("soon")},
		SendMail: Ptr(true),
		LastScan: &WASLastScan{ID: 3, Status: Ptr("FINISHED")},
	}
}

func TestWASForCreate(t *testing.T) {
	src := readSchedule()
	keep := readSchedule()
	got := WASForCreate(src, "Copy of shop")
	if !reflect.DeepEqual(src, keep) {
		t.Fatal("WASForCreate changed its argument")
	}
	if got.NameValue() != "Copy of shop" {
		t.Fatalf("name %q", got.NameValue())
	}
	if got.ID != nil || got.Owner != nil || got.Invalid != nil || got.Multi != nil || got.LaunchedCount != nil ||
		got.NextLaunchDate != nil || got.CreatedDate != nil || got.UpdatedDate != nil || got.LastScan != nil {
		t.Fatalf("read-only elements kept: %+v", got)
	}
	tg := got.Target
	if tg.WebApps.List != nil || !reflect.DeepEqual(tg.WebApps.Set, []WASWebApp{{ID: 11}, {ID: 12}}) || tg.WebApps.Count != nil {
		t.Fatalf("web apps %+v", tg.WebApps)
	}
	if inc := tg.Tags.Included; inc.Option != "ANY" || inc.TagList.List != nil || inc.TagList.CountUpper != nil || !reflect.DeepEqual(inc.TagList.Set, []WASTag{{ID: 5501}}) {
		t.Fatalf("included tags %+v", inc.TagList)
	}
	if !reflect.DeepEqual(tg.Tags.Excluded.TagList.Set, []WASTag{{ID: 5502}}) || !reflect.DeepEqual(tg.ScannerTags, &WASTagSet{Set: []WASTag{{ID: 77}}}) {
		t.Fatalf("excluded / scanner tags %+v %+v", tg.Tags.Excluded.TagList, tg.ScannerTags)
	}
	if !reflect.DeepEqual(got.Profile, &WASRef{ID: Ptr(int64(610001))}) || !reflect.DeepEqual(got.Proxy, &WASRef{ID: Ptr(int64(9))}) {
		t.Fatalf("profile %+v proxy %+v", got.Profile, got.Proxy)
	}
	if got.Scheduling.TimeZone.Offset != "" || got.Scheduling.TimeZone.Code != "Europe/Berlin" {
		t.Fatalf("time zone %+v", got.Scheduling.TimeZone)
	}
	r := got.Notification.Recipients
	if r.List != nil || r.Count != nil || !reflect.DeepEqual(r.Emails(), []string{"ops@example.com"}) || r.Set == nil {
		t.Fatalf("recipients %+v", r)
	}
	if v := ValidateWASCreate(got); len(v) > 0 {
		t.Fatalf("a clone of a valid schedule is invalid: %v", v)
	}
	body, err := EncodeRequest(NewCreateRequest(got))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckRequestXML(body, RequestParts{Data: true}); err != nil {
		t.Fatalf("clone does not fit the request schema: %v\n%s", err, body)
	}
	for _, bad := range []string{"<list>", "<count>", "<COUNT>", "<offset>", "<name>shop", "<url>", "<id>701946", "<owner>"} {
		if bytes.Contains(body, []byte(bad)) {
			t.Fatalf("body holds %s:\n%s", bad, body)
		}
	}
	// No shared memory: changing the clone leaves the source alone.
	got.Scheduling.Occurrence.Weekly.OnDays[0] = "MONDAY"
	*got.Target.CancelOption = "SPECIFIC"
	got.Target.WebApps.Set[0].ID = 99
	if !reflect.DeepEqual(src, keep) {
		t.Fatal("the clone shares memory with its source")
	}
	// A profile known only by name stays by name.
	src.Profile = &WASRef{Name: TextPtr("Deep scan")}
	if p := WASForCreate(src, "x").Profile; p.ID != nil || p.Name == nil {
		t.Fatalf("profile by name %+v", p)
	}
}

func validCreate() WasScanSchedule { return WASForCreate(readSchedule(), "New") }

func TestValidateWASCreate(t *testing.T) {
	if v := ValidateWASCreate(validCreate()); len(v) > 0 {
		t.Fatal(v)
	}
	cases := map[string]struct {
		mod   func(*WasScanSchedule)
		field string
	}{
		"no name":          {func(s *WasScanSchedule) { s.Name = nil }, "name"},
		"blank name":       {func(s *WasScanSchedule) { s.Name = TextPtr("  ") }, "name"},
		"long name":        {func(s *WasScanSchedule) { s.Name = TextPtr(strings.Repeat("é", MaxTitleLen+1)) }, "name"},
		"control in name":  {func(s *WasScanSchedule) { s.Name = TextPtr("a\u0007b") }, "name"},
		"C1 in name":       {func(s *WasScanSchedule) { s.Name = TextPtr("a\u009bb") }, "name"},
		"read-only id":     {func(s *WasScanSchedule) { s.ID = Ptr(int64(1)) }, "WasScanSchedule"},
		"no type":          {func(s *WasScanSchedule) { s.Type = nil }, "type"},
		"bad type":         {func(s *WasScanSchedule) { s.Type = Ptr("SCAN") }, "type"},
		"no target":        {func(s *WasScanSchedule) { s.Target.WebApps, s.Target.Tags = nil, nil }, "target"},
		"empty web apps":   {func(s *WasScanSchedule) { s.Target.WebApps.Set = nil }, "target.webApps"},
		"tag option":       {func(s *WasScanSchedule) { s.Target.Tags.Included.Option = "SOME" }, "target.tags.included.option"},
		"no scanner":       {func(s *WasScanSchedule) { s.Target.ScannerAppliance = nil }, "target.scannerAppliance.type"},
		"scanner no tags":  {func(s *WasScanSchedule) { s.Target.ScannerTags = nil }, "target.scannerTags"},
		"INTERNAL no name": {func(s *WasScanSchedule) { s.Target.ScannerAppliance.Type = "INTERNAL" }, "target.scannerAppliance.friendlyName"},
		"cancel option":    {func(s *WasScanSchedule) { s.Target.CancelOption = Ptr("NEVER") }, "target.cancelOption"},
		"no profile":       {func(s *WasScanSchedule) { s.Profile = nil }, "profile"},
		"no scheduling":    {func(s *WasScanSchedule) { s.Scheduling = nil }, "scheduling"},
		"no start":         {func(s *WasScanSchedule) { s.Scheduling.StartDate = nil }, "scheduling.startDate"},
		"bad start":        {func(s *WasScanSchedule) { s.Scheduling.StartDate = Ptr("2030-01-05 02:00") }, "scheduling.startDate"},
		"no zone":          {func(s *WasScanSchedule) { s.Scheduling.TimeZone = nil }, "scheduling.timeZone.code"},
		"bad zone":         {func(s *WasScanSchedule) { s.Scheduling.TimeZone.Code = "Mars/Olympus" }, "scheduling.timeZone.code"},
		"no occurrence":    {func(s *WasScanSchedule) { s.Scheduling.OccurrenceType = nil }, "scheduling.occurrenceType"},
		"YEARLY":           {func(s *WasScanSchedule) { s.Scheduling.OccurrenceType = Ptr("YEARLY") }, "scheduling.occurrenceType"},
		"hourly missing":   {func(s *WasScanSchedule) { s.Scheduling.OccurrenceType = Ptr(OccurrenceHourly) }, "scheduling.occurrence.hourlyOccurrence.everyNHours"},
		"hourly every 24": {func(s *WasScanSchedule) {
			s.Scheduling.OccurrenceType = Ptr(OccurrenceHourly)
			s.Scheduling.Occurrence = &WASOccurrence{Hourly: &WASHourly{EveryNHours: 24}}
		}, "scheduling.occurrence.hourlyOccurrence.everyNHours"},
		"hourly count 0": {func(s *WasScanSchedule) {
			s.Scheduling.OccurrenceType = Ptr(OccurrenceHourly)
			s.Scheduling.Occurrence = &WASOccurrence{Hourly: &WASHourly{EveryNHours: 2, OccurrenceCount: Ptr(0)}}
		}, "scheduling.occurrence.hourlyOccurrence.occurrenceCount"},
		"hourly with a weeklyOccurrence": {func(s *WasScanSchedule) {
			s.Scheduling.OccurrenceType = Ptr(OccurrenceHourly)
			s.Scheduling.Occurrence.Hourly = &WASHourly{EveryNHours: 2}
		}, "scheduling.occurrence"},
		"ONCE with a weeklyOccurrence": {func(s *WasScanSchedule) { s.Scheduling.OccurrenceType = Ptr(OccurrenceOnce) }, "scheduling.occurrence"},
		"daily count 0": {func(s *WasScanSchedule) {
			s.Scheduling.OccurrenceType = Ptr(OccurrenceDaily)
			s.Scheduling.Occurrence = &WASOccurrence{Daily: &WASDaily{EveryNDays: 1, OccurrenceCount: Ptr(0)}}
		}, "scheduling.occurrence.dailyOccurrence.occurrenceCount"},
		"weekly no days":   {func(s *WasScanSchedule) { s.Scheduling.Occurrence.Weekly.OnDays = nil }, "scheduling.occurrence.weeklyOccurrence.onDays"},
		"weekly bad day":   {func(s *WasScanSchedule) { s.Scheduling.Occurrence.Weekly.OnDays = []string{"sunday"} }, "scheduling.occurrence.weeklyOccurrence.onDays"},
		"weekly every 0":   {func(s *WasScanSchedule) { s.Scheduling.Occurrence.Weekly.EveryNWeeks = 0 }, "scheduling.occurrence.weeklyOccurrence.everyNWeeks"},
		"daily missing":    {func(s *WasScanSchedule) { s.Scheduling.OccurrenceType = Ptr(OccurrenceDaily) }, "scheduling.occurrence.dailyOccurrence.everyNDays"},
		"monthly missing":  {func(s *WasScanSchedule) { s.Scheduling.OccurrenceType = Ptr(OccurrenceMonthly) }, "scheduling.occurrence.monthlyOccurrence"},
		"cancel hours":     {func(s *WasScanSchedule) { s.Scheduling.CancelAfterNHours = Ptr(0) }, "scheduling.cancelAfterNHours"},
		"no notification":  {func(s *WasScanSchedule) { s.Notification = nil }, "notification"},
		"bad recipient":    {func(s *WasScanSchedule) { s.Notification.Recipients = SetRecipients([]string{"nobody"}) }, "notification.recipients"},
		"active, no delay": {func(s *WasScanSchedule) { s.Notification.Delay = nil }, "notification.delay"},
	}
	for name, c := range cases {
		s := validCreate()
		c.mod(&s)
		v := ValidateWASCreate(s)
		if len(v.For(c.field)) == 0 {
			t.Errorf("%s: no problem reported for %s: %v", name, c.field, v)
		}
	}
	// ONCE needs no occurrence.
	s := validCreate()
	s.Scheduling.OccurrenceType, s.Scheduling.Occurrence = Ptr(OccurrenceOnce), nil
	if v := ValidateWASCreate(s); len(v) > 0 {
		t.Fatal(v)
	}
	// HOURLY 1–23 and DAILY with a count are valid, and fit the request
	// schema (§15.3's hourlyOccurrence, dailyOccurrence/occurrenceCount).
	for _, o := range []struct {
		typ string
		occ *WASOccurrence
		xml string
	}{
		{OccurrenceHourly, &WASOccurrence{Hourly: &WASHourly{EveryNHours: 1}}, "<hourlyOccurrence><everyNHours>1</everyNHours></hourlyOccurrence>"},
		{OccurrenceHourly, &WASOccurrence{Hourly: &WASHourly{EveryNHours: 23, OccurrenceCount: Ptr(40)}},
			"<hourlyOccurrence><everyNHours>23</everyNHours><occurrenceCount>40</occurrenceCount></hourlyOccurrence>"},
		{OccurrenceDaily, &WASOccurrence{Daily: &WASDaily{EveryNDays: 3, OccurrenceCount: Ptr(1)}},
			"<dailyOccurrence><everyNDays>3</everyNDays><occurrenceCount>1</occurrenceCount></dailyOccurrence>"},
	} {
		s := validCreate()
		s.Scheduling.OccurrenceType, s.Scheduling.Occurrence = Ptr(o.typ), o.occ
		if v := ValidateWASCreate(s); len(v) > 0 {
			t.Fatalf("%s: %v", o.xml, v)
		}
		body, err := EncodeRequest(NewCreateRequest(s))
		if err != nil {
			t.Fatal(err)
		}
		if flat := strings.Join(strings.Fields(string(body)), ""); !strings.Contains(flat, o.xml) {
			t.Fatalf("body lacks %s:\n%s", o.xml, body)
		}
		if err := CheckRequestXML(body, RequestParts{Data: true}); err != nil {
			t.Fatalf("%s does not fit the request schema: %v", o.xml, err)
		}
		// The clone keeps the recurrence and its count, sharing nothing.
		c := WASForCreate(s, "Copy")
		if !reflect.DeepEqual(c.Scheduling.Occurrence, o.occ) {
			t.Fatalf("clone %+v, want %+v", c.Scheduling.Occurrence, o.occ)
		}
		if h := c.Scheduling.Occurrence.Hourly; h != nil && h.OccurrenceCount != nil {
			*h.OccurrenceCount = 99
			if *o.occ.Hourly.OccurrenceCount == 99 {
				t.Fatal("the clone's hourly count is the source's")
			}
		}
		if d := c.Scheduling.Occurrence.Daily; d != nil {
			*d.OccurrenceCount = 99
			if *o.occ.Daily.OccurrenceCount == 99 {
				t.Fatal("the clone's daily count is the source's")
			}
		}
	}
}

const createXML = `<ServiceRequest><data><WasScanSchedule>
  <name><![CDATA[Weekly scan – shop]]></name>
  <type>VULNERABILITY</type>
  <target>
    <webApps><set><WebApp><id>11</id></WebApp><WebApp><id>12</id></WebApp></set></webApps>
    <scannerAppliance><type>EXTERNAL</type></scannerAppliance>
    <cancelOption>DEFAULT</cancelOption>
  </target>
  <profile><id>678</id></profile>
  <scheduling>
    <startDate>2030-01-05T02:00:00Z</startDate>
    <timeZone><code>Europe/Berlin</code></timeZone>
    <occurrenceType>WEEKLY</occurrenceType>
    <occurrence><weeklyOccurrence><everyNWeeks>1</everyNWeeks><onDays><WeekDay>SUNDAY</WeekDay><WeekDay>MONDAY</WeekDay></onDays></weeklyOccurrence></occurrence>
  </scheduling>
  <notification><active>true</active><delay><nb>2</nb><scale>DAY</scale></delay>
    <recipients><set><EmailAddress>a@example.com</EmailAddress><EmailAddress>b@example.com</EmailAddress></set></recipients></notification>
</WasScanSchedule></data></ServiceRequest>`

// The JSON form as §15.1 and the simulator read it: QList and onDays
// items as arrays of one-key objects, numbers quoted or not.
const createJSON = `{"ServiceRequest":{"data":{"WasScanSchedule":{
  "name":"Weekly scan – shop","type":"VULNERABILITY",
  "target":{"webApps":{"set":[{"WebApp":{"id":11}},{"WebApp":{"id":"12"}}]},
    "scannerAppliance":{"type":"EXTERNAL"},"cancelOption":"DEFAULT"},
  "profile":{"id":678},
  "scheduling":{"startDate":"2030-01-05T02:00:00Z","timeZone":{"code":"Europe/Berlin"},"occurrenceType":"WEEKLY",
    "occurrence":{"weeklyOccurrence":{"everyNWeeks":1,"onDays":[{"WeekDay":"SUNDAY"},{"WeekDay":"MONDAY"}]}}},
  "notification":{"active":true,"delay":{"nb":2,"scale":"DAY"},
    "recipients":{"set":[{"EmailAddress":"a@example.com"},{"EmailAddress":"b@example.com"}]}}}}}}`

func TestDecodeWASCreate(t *testing.T) {
	x, err := DecodeWASCreate([]byte(createXML))
	if err != nil {
		t.Fatal(err)
	}
	j, err := DecodeWASCreate([]byte(createJSON))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(x, j) {
		a, _ := json.Marshal(x)
		b, _ := json.Marshal(j)
		t.Fatalf("XML and JSON differ:\n%s\n%s", a, b)
	}
	if v := ValidateWASCreate(x); len(v) > 0 {
		t.Fatal(v)
	}
	if got := x.Notification.Recipients.Emails(); len(got) != 2 || len(x.Scheduling.Occurrence.Weekly.OnDays) != 2 || len(x.Target.WebApps.Apps()) != 2 {
		t.Fatalf("lists lost: %+v", x)
	}
	for name, c := range map[string]struct{ body, want string }{
		"empty":            {" \n", "empty"},
		"text":             {"name: x", "neither XML nor JSON"},
		"broken XML":       {"<ServiceRequest><data>", "not well-formed XML (line 1)"},
		"broken JSON":      {`{"ServiceRequest":`, "not valid JSON"},
		"unknown element":  {strings.Replace(createXML, "<type>", "<colour>red</colour><type>", 1), "'colour'"},
		"read-only":        {strings.Replace(createXML, "<type>", "<id>5</id><type>", 1), "'id'"},
		"unknown JSON key": {strings.Replace(createJSON, `"type":`, `"colour":"red","type":`, 1), "'colour'"},
		"JSON odd key":     {strings.Replace(createJSON, `"type":`, `"a b":1,"type":`, 1), `"a b"`},
		"JSON extra root":  {`{"ServiceRequest":{},"x":1}`, `"x"`},
		"no data":          {"<ServiceRequest/>", "no <data><WasScanSchedule>"},
		"filters":          {`<ServiceRequest><filters><Criteria field="id" operator="EQUALS">1</Criteria></filters></ServiceRequest>`, "'filters'"},
		"bad number":       {strings.Replace(createXML, "<id>678</id>", "<id>six</id>", 1), "does not fit"},
	} {
		_, err := DecodeWASCreate([]byte(c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", name, err, c.want)
		}
	}
}

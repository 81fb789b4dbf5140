package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A search answer in JSON, in the style of the WAS JSON samples (§15.1):
// quoted numbers and booleans, data as an array of one-key objects, QLists
// as count and list of one-key objects.
const jsonSearchAnswer = `{"ServiceResponse":{
  "responseCode":"SUCCESS","count":"2","hasMoreRecords":"true","lastId":701947,
  "data":[
    {"WasScanSchedule":{"id":701946,"name":"Nightly \u001b[2J scan","type":"VULNERABILITY","active":"true","multi":true,
      "owner":{"id":7,"username":"ana"},
      "nextLaunchDate":"2030-01-02T03:04:05Z",
      "target":{
        "webApps":{"count":2,"list":[{"WebApp":{"id":11,"name":"shop","url":"https://shop.example"}},{"WebApp":{"id":"12"}}]},
        "tags":{"included":{"option":"ANY","tagList":{"count":1,"list":[{"Tag":{"id":5,"name":"prod"}}]}},
                "excluded":{"option":"ALL","tagList":{"list":[{"Tag":{"id":6,"name":"dev"}},{"Tag":{"id":7}}]}}},
        "scannerAppliance":{"type":"scannerTags"},
        "scannerTags":{"set":[{"Tag":{"id":8}}]},
        "cancelOption":"DEFAULT"},
      "scheduling":{"startDate":"2030-01-01T00:00:00Z","timeZone":{"code":"Europe/Berlin","offset":"+01:00"},
        "occurrenceType":"WEEKLY","occurrence":{"weeklyOccurrence":{"everyNWeeks":"2","onDays":{"WeekDay":["MONDAY","FRIDAY"]}}}},
      "notification":{"active":true,"delay":{"nb":4,"scale":"DAY"},
        "recipients":{"count":3,"list":[{"EmailAddress":"a@x.com"},{"EmailAddress":"b@x.com"}]},
        "message":null},
      "sendMail":"false",
      "a key with spaces":{"ignored":1},
      "x:prefixed":"ignored"}},
    {"WasScanSchedule":{"id":701947,"name":"Monthly",
      "scheduling":{"occurrenceType":"MONTHLY","occurrence":{"monthlyOccurrence":{"monthlyType":{"occurDayNbInMonth":{"dayNb":15,"everyNMonths":1}}}}}}}
  ]}}`

func TestDecodeResponseJSON(t *testing.T) {
	r, err := DecodeResponseJSON([]byte(jsonSearchAnswer))
	if err != nil {
		t.Fatal(err)
	}
	if r.ResponseCode != CodeSuccess || r.CountValue() != 2 || !Deref(r.HasMoreRecords) || Deref(r.LastID) != 701947 || len(r.Schedules()) != 2 {
		t.Fatalf("envelope: %+v", r)
	}
	s := r.Schedules()[0]
	// Text is kept as sent, ESC included: XML could not carry it, JSON can.
	if s.IDValue() != 701946 || s.NameValue() != "Nightly \x1b[2J scan" || !s.IsActive() || !Deref(s.Multi) || s.Owner.Username != "ana" || Deref(s.SendMail) {
		t.Errorf("top level: id %d name %q active %v owner %+v", s.IDValue(), s.NameValue(), s.IsActive(), s.Owner)
	}
	if _, ok := s.NextLaunch(); !ok {
		t.Error("nextLaunchDate not read")
	}
	tg := s.Target
	var apps []int64
	for _, a := range tg.WebApps.Apps() {
		apps = append(apps, a.ID)
	}
	if !slices.Equal(apps, []int64{11, 12}) || *tg.WebApps.Count != 2 || string(*tg.WebApps.List[0].URL) != "https://shop.example" {
		t.Errorf("web apps %v", apps)
	}
	in, ex := tg.Tags.Included, tg.Tags.Excluded
	if in.Option != "ANY" || len(in.TagList.Tags()) != 1 || string(*in.TagList.Tags()[0].Name) != "prod" || *in.TagList.Count != 1 ||
		ex.Option != "ALL" || len(ex.TagList.Tags()) != 2 || ex.TagList.Tags()[1].ID != 7 || ex.TagList.Tags()[1].Name != nil {
		t.Errorf("tags %+v %+v", in, ex)
	}
	if st := tg.ScannerTags.Tags(); len(st) != 1 || st[0].ID != 8 || tg.ScannerAppliance.Type != "scannerTags" || Deref(tg.CancelOption) != "DEFAULT" {
		t.Errorf("scanner %+v", tg.ScannerTags)
	}
	sc := s.Scheduling
	if sc.TimeZone.Code != "Europe/Berlin" || s.OccurrenceValue() != OccurrenceWeekly ||
		!reflect.DeepEqual(sc.Occurrence.Weekly, &WASWeekly{EveryNWeeks: 2, OnDays: []string{"MONDAY", "FRIDAY"}}) {
		t.Errorf("scheduling %+v %+v", sc, sc.Occurrence.Weekly)
	}
	n := s.Notification
	if !Deref(n.Active) || n.Delay.Nb != 4 || !slices.Equal(n.Recipients.Emails(), []string{"a@x.com", "b@x.com"}) || *n.Recipients.Count != 3 || n.Message != nil {
		t.Errorf("notification %+v", n)
	}
	// The opaque MONTHLY content, as XML text.
	m := r.Schedules()[1].Scheduling.Occurrence.Monthly
	if m == nil || !strings.Contains(m.InnerXML, "<occurDayNbInMonth><dayNb>15</dayNb><everyNMonths>1</everyNMonths></occurDayNbInMonth>") {
		t.Errorf("monthly %+v", m)
	}
}

// The JSON and the XML forms of one answer read into the same model.
func TestDecodeResponseJSONMatchesXML(t *testing.T) {
	x, err := DecodeResponse(readSeed(t, "filled", "003-deactivate-filter-response.xml"))
	if err != nil {
		t.Fatal(err)
	}
	j, err := DecodeResponseJSON([]byte(`{"ServiceResponse":{"responseCode":"SUCCESS","count":2,
		"data":[{"WasScanSchedule":{"id":701147}},{"WasScanSchedule":{"id":"701946"}}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	x.XMLName, j.XMLName = j.XMLName, x.XMLName
	if !reflect.DeepEqual(x, j) {
		t.Fatalf("XML %+v\nJSON %+v", x, j)
	}
	// data as one object instead of an array, and COUNT (U15).
	j, err = DecodeResponseJSON([]byte(`{"ServiceResponse":{"responseCode":"SUCCESS","COUNT":1,"data":{"WasScanSchedule":{"id":5}}}}`))
	if err != nil || j.CountValue() != 1 || len(j.Schedules()) != 1 || j.Schedules()[0].IDValue() != 5 {
		t.Fatalf("%+v %v", j, err)
	}
}

func TestDecodeResponseJSONError(t *testing.T) {
	r, err := DecodeResponseJSON([]byte(`{"ServiceResponse":{"responseCode":"INVALID_REQUEST",
		"responseErrorDetails":{"errorMessage":"limitResults must be 1-1000","errorResolution":"fix it"}}}`))
	if err != nil || r.ResponseCode != CodeInvalidRequest || r.ErrorDetails.ErrorMessage != "limitResults must be 1-1000" || r.ErrorDetails.ErrorResolution != "fix it" {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestDecodeResponseJSONRefusesWhatIsNotOne(t *testing.T) {
	deep := `{"ServiceResponse":{"data":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}}`
	for name, body := range map[string]string{
		"empty":                "",
		"array":                `[{"ServiceResponse":{}}]`,
		"no ServiceResponse":   `{"responseCode":"SUCCESS"}`,
		"ServiceResponse text": `{"ServiceResponse":"SUCCESS"}`,
		"truncated":            `{"ServiceResponse":{"responseCode":"SUCCESS"`,
		"trailing data":        `{"ServiceResponse":{"responseCode":"SUCCESS"}} {}`,
		"bad number":           `{"ServiceResponse":{"responseCode":"SUCCESS","count":"two"}}`,
		"too deep":             deep,
		"XML":                  `<ServiceResponse><responseCode>SUCCESS</responseCode></ServiceResponse>`,
	} {
		if r, err := DecodeResponseJSON([]byte(body)); err == nil {
			t.Errorf("%s: accepted as %+v", name, r)
		}
	}
	// Other members beside ServiceResponse are ignored.
	r, err := DecodeResponseJSON([]byte(`{"meta":{"x":[1,2]},"ServiceResponse":{"responseCode":"SUCCESS"},"z":null}`))
	if err != nil || r.ResponseCode != CodeSuccess {
		t.Fatalf("%+v %v", r, err)
	}
}

package model

import (
	"slices"
	"strings"
	"testing"
)

// qlistSchedule is a get answer whose collections use the shape under
// test: each %s is replaced by the QList body of one collection.
func qlistAnswer(webApps, included, excluded, scanner, recipients string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<ServiceResponse>
  <responseCode>SUCCESS</responseCode>
  <count>1</count>
  <data><WasScanSchedule>
    <id>701946</id>
    <multi>true</multi>
    <target>
      <webApps>` + webApps + `</webApps>
      <tags>
        <included><option>ANY</option><tagList>` + included + `</tagList></included>
        <excluded><option>ALL</option><tagList>` + excluded + `</tagList></excluded>
      </tags>
      <scannerAppliance><type>scannerTags</type></scannerAppliance>
      <scannerTags>` + scanner + `</scannerTags>
    </target>
    <notification><active>true</active><recipients>` + recipients + `</recipients></notification>
  </WasScanSchedule></data>
</ServiceResponse>`)
}

type qlistWant struct {
	apps, included, excluded, scanner []int64
	names                             []string // of the included tags
	emails                            []string
	counts                            [5]int // web apps, included, excluded, scanner, recipients; -1 = none
}

func checkQLists(t *testing.T, b []byte, want qlistWant) {
	t.Helper()
	r, err := DecodeResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Schedules()) != 1 {
		t.Fatalf("%d schedules", len(r.Schedules()))
	}
	s := r.Schedules()[0]
	tg := s.Target
	var apps []int64
	for _, a := range tg.WebApps.Apps() {
		apps = append(apps, a.ID)
	}
	ids := func(ts []WASTag) (out []int64) {
		for _, t := range ts {
			out = append(out, t.ID)
		}
		return out
	}
	var names []string
	for _, t := range tg.Tags.Included.TagList.Tags() {
		names = append(names, string(Deref(t.Name)))
	}
	if !slices.Equal(apps, want.apps) || !slices.Equal(ids(tg.Tags.Included.TagList.Tags()), want.included) ||
		!slices.Equal(ids(tg.Tags.Excluded.TagList.Tags()), want.excluded) || !slices.Equal(ids(tg.ScannerTags.Tags()), want.scanner) {
		t.Errorf("apps %v included %v excluded %v scanner %v; want %v %v %v %v", apps, ids(tg.Tags.Included.TagList.Tags()),
			ids(tg.Tags.Excluded.TagList.Tags()), ids(tg.ScannerTags.Tags()), want.apps, want.included, want.excluded, want.scanner)
	}
	if !slices.Equal(names, want.names) || !slices.Equal(s.Notification.Recipients.Emails(), want.emails) {
		t.Errorf("tag names %q, recipients %q; want %q, %q", names, s.Notification.Recipients.Emails(), want.names, want.emails)
	}
	if tg.Tags.Included.Option != "ANY" || tg.Tags.Excluded.Option != "ALL" {
		t.Errorf("options %q %q", tg.Tags.Included.Option, tg.Tags.Excluded.Option)
	}
	for i, c := range []QListCount{tg.WebApps.QListCount, tg.Tags.Included.TagList.QListCount, tg.Tags.Excluded.TagList.QListCount,
		tg.ScannerTags.QListCount, s.Notification.Recipients.QListCount} {
		n, ok := c.Counted()
		if !ok {
			n = -1
		}
		if n != want.counts[i] {
			t.Errorf("count of collection %d = %d, want %d", i, n, want.counts[i])
		}
	}
	if got := s.WebAppName(); len(want.apps) > 1 && !strings.HasSuffix(got, " +1") {
		t.Errorf("WebAppName %q", got)
	}
}

// The read shape (§15.2): list, with or without count, in either
// spelling (U15).
func TestQListReadAsList(t *testing.T) {
	b := qlistAnswer(
		`<count>2</count><list><WebApp><id>11</id><name><![CDATA[shop]]></name></WebApp><WebApp><id>12</id></WebApp></list>`,
		`<count>2</count><list><Tag><id>5</id><name><![CDATA[prod]]></name></Tag><Tag><id>6</id><name>web</name></Tag></list>`,
		`<COUNT>1</COUNT><list><Tag><id>7</id><name>legacy</name></Tag></list>`,
		`<list><Tag><id>8</id></Tag></list>`,
		`<count>2</count><list><EmailAddress><![CDATA[a@x.com]]></EmailAddress><EmailAddress>b@x.com</EmailAddress></list>`,
	)
	checkQLists(t, b, qlistWant{
		apps: []int64{11, 12}, included: []int64{5, 6}, excluded: []int64{7}, scanner: []int64{8},
		names: []string{"prod", "web"}, emails: []string{"a@x.com", "b@x.com"}, counts: [5]int{2, 2, 1, -1, 2},
	})
}

// The older shape: set, as written, read back the same way (U7 and its
// siblings).
func TestQListReadAsSet(t *testing.T) {
	b := qlistAnswer(
		`<set><WebApp><id>11</id></WebApp><WebApp><id>12</id></WebApp></set>`,
		`<set><Tag><id>5</id><name>prod</name></Tag></set>`,
		`<set><Tag><id>7</id></Tag></set>`,
		`<set><Tag><id>8</id></Tag><Tag><id>9</id></Tag></set>`,
		`<set><EmailAddress>a@x.com</EmailAddress></set>`,
	)
	checkQLists(t, b, qlistWant{
		apps: []int64{11, 12}, included: []int64{5}, excluded: []int64{7}, scanner: []int64{8, 9},
		names: []string{"prod"}, emails: []string{"a@x.com"}, counts: [5]int{-1, -1, -1, -1, -1},
	})
}

// A count that disagrees with the items listed is kept as sent, not
// refused; so is a count inside list, or after it, and an empty list with
// a count of zero. The items decide what is shown.
func TestQListCountThatDisagreesIsTolerated(t *testing.T) {
	b := qlistAnswer(
		`<list><WebApp><id>11</id></WebApp></list><count>5</count>`,
		`<list><count>9</count><Tag><id>5</id><name>prod</name></Tag></list><count>3</count>`,
		`<count>0</count><list/>`,
		`<count>1</count><COUNT>4</COUNT><list><Tag><id>8</id></Tag></list>`,
		`<count>0</count><list><EmailAddress>a@x.com</EmailAddress></list>`,
	)
	checkQLists(t, b, qlistWant{
		apps: []int64{11}, included: []int64{5}, scanner: []int64{8},
		names: []string{"prod"}, emails: []string{"a@x.com"}, counts: [5]int{5, 3, 0, 1, 0},
	})
}

// count is read, never written: a request qsched builds carries no count
// and no empty list (encoding/xml would write <list></list> for an empty
// list>Item path), and the schema refuses a count.
func TestQListCountIsNeverSent(t *testing.T) {
	s := WasScanSchedule{Target: &WASTarget{
		WebApps:     &WASWebAppList{Set: []WASWebApp{{ID: 1}}},
		ScannerTags: &WASTagSet{Set: []WASTag{{ID: 2}}},
	}, Notification: &WASNotification{Recipients: SetRecipients([]string{"a@x.com"})}}
	b, err := EncodeRequest(NewUpdateRequest(s))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(string(b)), "count") || strings.Contains(string(b), "<list") {
		t.Fatalf("request carries a count or a list:\n%s", b)
	}
	if err := CheckRequestXML(b, RequestParts{Data: true}); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(b), "<set>", "<count>1</count><set>", 1)
	if err := CheckRequestXML([]byte(bad), RequestParts{Data: true}); err == nil {
		t.Fatalf("the schema accepts a count in a request:\n%s", bad)
	}
}

// What the model writes, an answer in the read shape, reads back the same.
func TestQListRoundTrip(t *testing.T) {
	two, three := 2, 3
	var sr ServiceResponse
	sr.ResponseCode = CodeSuccess
	sr.SetSchedules([]WasScanSchedule{{ID: Ptr(int64(1)), Target: &WASTarget{
		WebApps: &WASWebAppList{QListCount: QListCount{Count: &two}, List: []WASWebApp{{ID: 11, Name: TextPtr("shop")}, {ID: 12}}},
		Tags: &WASTargetTags{Included: &WASTagSelection{Option: "ALL", TagList: &WASTagSet{QListCount: QListCount{CountUpper: &three},
			List: []WASTag{{ID: 5, Name: TextPtr("prod")}}}}},
	}}})
	b, err := EncodeResponse(sr, "https://qualysapi.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<webApps>\n", "<count>2</count>", "<COUNT>3</COUNT>", "<list>"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("answer lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(string(b), "<set>") {
		t.Errorf("answer carries an empty set:\n%s", b)
	}
	back, err := DecodeResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Schedules()[0].Target
	n, _ := got.Tags.Included.TagList.Counted()
	if len(got.WebApps.Apps()) != 2 || *got.WebApps.Count != 2 || n != 3 || string(*got.Tags.Included.TagList.Tags()[0].Name) != "prod" {
		t.Fatalf("round trip: %+v", got)
	}
}

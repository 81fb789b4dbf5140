package present_test

import (
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

func TestWords(t *testing.T) {
	for got, want := range map[string]string{
		present.Count(0):                                           "0",
		present.Count(999):                                         "999",
		present.Count(12400):                                       "12,400",
		present.Count(-1234567):                                    "-1,234,567",
		present.Plural(1, "schedule"):                              "1 schedule",
		present.Plural(0, "schedule"):                              "0 schedules",
		present.Plural(2300, "id"):                                 "2,300 ids",
		present.YesNo(true):                                        "yes",
		present.YesNo(false):                                       "no",
		present.OrNone(""):                                         "none",
		present.OrNone("x"):                                        "x",
		present.IDs([]int64{1688, 700504}):                         "1688, 700504",
		present.List(nil):                                          "",
		present.List([]string{"a\u009b@x.com", "b@x.com"}):         `a\u009b@x.com, b@x.com`,
		present.Verb(false).Ing:                                    "deactivating",
		present.Verb(true).Past:                                    "activated",
		present.Verb(false).Title().Past:                           "Deactivated",
		present.Verb(true).Title().Base:                            "Activate",
		present.Duration(10 * time.Minute):                         "10 min",
		present.Duration(2 * time.Hour):                            "2 h",
		present.Duration(72 * time.Hour):                           "3 d",
		present.Duration(90 * time.Minute):                         "90 min",
		present.Duration(25 * time.Hour):                           "25 h",
		present.Duration(45 * time.Second):                         "45 s",
		present.Duration(0):                                        "0 s",
		present.Duration(-2 * time.Hour):                           "-2 h",
		present.WASTime("2025-03-04T05:06:07Z", time.UTC):          "2025-03-04 05:06 UTC",
		present.WASTime("2025-03-04T05:06:07Z", nil):               "2025-03-04 05:06 UTC",
		present.WASTime("soon\u009b", time.UTC):                    `soon\u009b`,
		present.Date(time.Date(2025, 3, 4, 23, 0, 0, 0, time.UTC)): "2025-03-04",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestCriteriaAreSafe(t *testing.T) {
	a, err := model.ParseCriterion("name CONTAINS night\u202ely")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := model.ParseCriterion("type EQUALS DISCOVERY")
	if got, want := present.Criteria([]model.Criterion{a, b}), `name CONTAINS night\u202ely AND type EQUALS DISCOVERY`; got != want {
		t.Fatalf("Criteria = %q, want %q", got, want)
	}
	if got := present.Criteria(nil); got != "" {
		t.Fatalf("no criteria: %q", got)
	}
}

func hostileSchedule() model.WasScanSchedule {
	txt := func(s string) *model.Text { return model.TextPtr(s) }
	return model.WasScanSchedule{
		ID: model.Ptr(int64(42)), Name: txt("nightly\n\x1b[2Jscan"), Type: model.Ptr("VULNERABILITY"), Active: model.Ptr(true),
		Owner:         &model.WASUser{ID: 7, Username: "u\u200b", FirstName: "Ana", LastName: "B"},
		CreatedDate:   model.Ptr("2025-01-02T03:04:05Z"),
		LaunchedCount: model.Ptr(1200),
		Profile:       &model.WASRef{ID: model.Ptr(int64(9)), Name: txt("profile")},
		Scheduling: &model.WASScheduling{StartDate: model.Ptr("2025-01-03T00:00:00Z"), TimeZone: &model.WASTimeZone{Code: "Europe/Berlin"},
			OccurrenceType: model.Ptr("WEEKLY"), Occurrence: &model.WASOccurrence{Weekly: &model.WASWeekly{EveryNWeeks: 2, OnDays: []string{"MONDAY", "FRIDAY"}}},
			CancelAfterNHours: model.Ptr(48)},
		Target: &model.WASTarget{WebApps: &model.WASWebAppList{List: []model.WASWebApp{{ID: 1, Name: txt("shop\u202e")}, {ID: 2, Name: txt("blog"), URL: txt("https://b.example")}}},
			Tags: &model.WASTargetTags{Included: &model.WASTagSelection{Option: "ANY", TagList: &model.WASTagSet{List: []model.WASTag{{ID: 5, Name: txt("prod")}}}}}},
		Notification: &model.WASNotification{Active: model.Ptr(true), Delay: &model.WASDelay{Nb: 4, Scale: "DAY"},
			Recipients: model.SetRecipients([]string{"a\u009b2Jb@x.com", "ops@example.com"}), Message: txt("line1\nline2")},
		SendMail: model.Ptr(true),
		LastScan: &model.WASLastScan{ID: 77, Name: txt("last"), Status: model.Ptr("FINISHED")},
	}
}

func TestWASDetailsShowsEveryFieldSafely(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	fs := present.WASDetails(hostileSchedule(), time.UTC, now)
	got := map[string]string{}
	for _, f := range fs {
		got[f.Section+"/"+f.Label] += f.Value + ";"
		for _, r := range f.Value {
			if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x200b || r == 0x202e {
				t.Errorf("%s: raw U+%04X in %q", f.Label, r, f.Value)
			}
		}
	}
	for k, want := range map[string]string{
		"/Name":                      `nightly\u000a\u001b[2Jscan;`,
		"/Owner":                     `Ana B (u\u200b, id 7);`,
		"/Created":                   "2025-01-02 03:04 UTC;",
		"/Launched":                  "1,200 times;",
		"/Option profile":            "profile (id 9);",
		"Scheduling/Recurrence":      "every 2 weeks on MONDAY, FRIDAY;",
		"Scheduling/Cancel after":    "2 d;",
		"Scheduling/Start":           "2025-01-03 00:00 UTC;",
		"Target/Web app":             `shop\u202e (id 1);blog (id 2) https://b.example;`,
		"Target/Tags included":       "ANY of prod (id 5);",
		"Notification/Notify before": "4 d;",
		"Notification/Recipient":     `a\u009b2Jb@x.com;ops@example.com;`,
		"Notification/Message":       `line1\u000aline2;`,
		"Notification/Send mail":     "yes;",
		"Last scan/Scan":             "last (id 77);",
		"Last scan/Status":           "FINISHED;",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	lines := present.Lines(fs)
	all := strings.Join(lines, "\n")
	for _, want := range []string{"ID:                42", "\n\n— Scheduling\n", "\n— Target\n", "\n— Notification\n", "\n— Last scan\n"} {
		if !strings.Contains(all, want) {
			t.Errorf("lines lack %q:\n%s", want, all)
		}
	}
}

func TestWASDetailsOfAnEmptySchedule(t *testing.T) {
	fs := present.WASDetails(model.WasScanSchedule{}, nil, time.Now())
	got := map[string]string{}
	for _, f := range fs {
		got[f.Label] = f.Value
	}
	if got["Next launch"] != "none" || got["Recipients"] != "none" || got["Launched"] != "0 times" {
		t.Fatalf("empty schedule: %v", got)
	}
}

// The target of a Multi-Scan schedule: every web app, in either QList
// shape, and the included and excluded tags with their option, names and
// ids; a count that disagrees with what is listed is shown beside it.
func TestWASDetailsShowTheTargetOfAMultiScanSchedule(t *testing.T) {
	txt := model.TextPtr
	five, zero := 5, 0
	s := model.WasScanSchedule{Multi: model.Ptr(true), Target: &model.WASTarget{
		WebApps: &model.WASWebAppList{Set: []model.WASWebApp{{ID: 11, Name: txt("shop")}, {ID: 12}}},
		Tags: &model.WASTargetTags{
			Included: &model.WASTagSelection{Option: "ALL", TagList: &model.WASTagSet{QListCount: model.QListCount{Count: &five},
				List: []model.WASTag{{ID: 5, Name: txt("prod")}, {ID: 6, Name: txt("eu\u202e")}}}},
			Excluded: &model.WASTagSelection{Option: "ANY", TagList: &model.WASTagSet{Set: []model.WASTag{{ID: 7}}}},
		},
		ScannerTags: &model.WASTagSet{QListCount: model.QListCount{CountUpper: &zero}, List: []model.WASTag{{ID: 8, Name: txt("dmz")}}},
	}, Notification: &model.WASNotification{Recipients: &model.WASRecipients{QListCount: model.QListCount{Count: &five},
		List: &model.WASEmails{Addresses: []model.Text{"a@x.com"}}}}}
	got := map[string]string{}
	for _, f := range present.WASDetails(s, time.UTC, time.Now()) {
		got[f.Section+"/"+f.Label] += f.Value + ";"
	}
	for k, want := range map[string]string{
		"/Multi-Scan":                  "yes;",
		"Target/Web app":               "shop (id 11);id 12;",
		"Target/Web app count":         "",
		"Target/Tags included":         `ALL of prod (id 5), eu\u202e (id 6);`,
		"Target/Included count":        "5 by the server, 2 listed;",
		"Target/Tags excluded":         "ANY of id 7;",
		"Target/Excluded count":        "",
		"Target/Scanner tags":          "dmz (id 8);",
		"Target/Scanner tag count":     "0 by the server, 1 listed;",
		"Notification/Recipient":       "a@x.com;",
		"Notification/Recipient count": "5 by the server, 1 listed;",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	// A selection with an option and no tags says so.
	s.Target.Tags.Excluded.TagList = nil
	for _, f := range present.WASDetails(s, time.UTC, time.Now()) {
		if f.Label == "Tags excluded" && f.Value != "ANY of none" {
			t.Errorf("empty selection: %q", f.Value)
		}
	}
}

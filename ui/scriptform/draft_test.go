package scriptform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

// seedDraft is what a user types to build seed 000's bodies.
func seedDraft(title, typ, start, end, at string) Draft {
	d := NewDraft(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "User name")
	d.Title, d.Type, d.StartDate, d.EndDate, d.StartTime = title, typ, start, end, at
	d.UserID = "ddf20f3a-cfd3-4fd1-8a11-0c9e1f2a3b4c"
	d.ScriptID, d.ScriptTitle = "226213", "Sample script title"
	d.Assets = "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81 44496319\n"
	return d
}

func TestDraftBuildsEverySeedBody(t *testing.T) {
	cases := map[string]func() Draft{
		"000-one-time.json": func() Draft {
			d := seedDraft("Seed one-time schedule", "ONE_TIME", "2030-05-11", "2031-01-01", "07:25")
			return d
		},
		"000-hourly.json": func() Draft {
			d := seedDraft("Seed hourly schedule", "HOURLY", "2030-05-11", "2030-05-16", "10:49:00")
			d.HourlyInterval = "6"
			d.Days = []string{"Friday"} // left over from an earlier choice: must not be sent
			return d
		},
		"000-daily.json": func() Draft {
			d := seedDraft("Seed daily schedule", "DAILY", "2030-05-11", "2030-05-15", "09:42")
			d.Activate = false
			return d
		},
		"000-weekly.json": func() Draft {
			d := seedDraft("Seed weekly schedule", "WEEKLY", "2030-05-11", "2030-05-16", "10:49")
			d.Days = []string{"Monday", "Tuesday"}
			d.Assets += "\n7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f, 49526617\n"
			d.HourlyInterval = "3" // left over
			return d
		},
		"000-monthly.json": func() Draft {
			d := seedDraft("Seed monthly schedule", "MONTHLY", "2030-05-12", "2030-12-31", "09:20")
			d.DayOfMonth, d.EveryNMonths = "7", "1"
			return d
		},
		"000-reboot.json": func() Draft {
			d := seedDraft("Seed reboot schedule", "DAILY", "2030-03-22", "2030-03-24", "07:55")
			d.Reboot, d.RebootDelay, d.RebootUnit = true, "600", "SECONDS"
			d.UserID, d.UserName = "", "" // the sample leaves the user empty
			return d
		},
	}
	for file, mk := range cases {
		t.Run(file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", "filled", file))
			if err != nil {
				t.Fatal(err)
			}
			want, err := model.DecodeScriptSchedule(raw)
			if err != nil {
				t.Fatal(err)
			}
			got, problems := mk().Schedule()
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Fatalf("built\n%s\nwant\n%s", gj, wj)
			}
		})
	}
}

func TestDraftReportsProblemsByField(t *testing.T) {
	d := NewDraft(time.Now(), "u")
	d.Type = "HOURLY"
	d.HourlyInterval = "x"
	d.Assets = "not-a-uuid 5"
	d.Params = "novalue"
	d.ScriptID = "12a"
	_, v := d.Schedule()
	for _, f := range []string{"title", "hourlyInterval", "assets", "scripts[0].params", "scripts[0].id", "scripts[0].title"} {
		if len(v.For(f)) == 0 {
			t.Errorf("no problem reported for %s: %v", f, v)
		}
	}
	if !strings.Contains(v.Error(), `"not-a-uuid" is not an agent UUID`) {
		t.Errorf("asset message: %v", v)
	}
	d = seedDraft("t", "MONTHLY", "2030-05-12", "2030-12-31", "09:20")
	d.Reboot, d.RebootDelay, d.RebootUnit = true, "49", "HOURS" // 176,400 s > 48 h
	if _, v := d.Schedule(); len(v.For("rebootDelayInSeconds")) != 1 {
		t.Errorf("reboot bound: %v", v)
	}
	d.RebootDelay = "48"
	if s, v := d.Schedule(); len(v) != 0 || *s.RebootDelayInSeconds != 172800 {
		t.Errorf("48 hours: %v %v", v, s.RebootDelayInSeconds)
	}
}

func TestNewDraftEndsThirtyDaysAfterTheStart(t *testing.T) {
	d := NewDraft(time.Date(2030, 1, 31, 23, 30, 0, 0, time.UTC), "ops")
	if d.StartDate != "2030-02-01" || d.EndDate != "2030-03-03" {
		t.Fatalf("start %s end %s, want 2030-02-01 and 2030-03-03 (start + %d days)", d.StartDate, d.EndDate, DefaultRunDays)
	}
	d.Type, d.Title, d.ScriptChoice, d.Assets = "HOURLY", "x", "1", "0479cf1f-46a8-47ac-af52-3984e60f825b 1"
	s, _ := d.Schedule()
	if runs, _ := model.Preview(s, time.UTC, time.Date(2030, 1, 31, 0, 0, 0, 0, time.UTC), 200); len(runs) < 150 {
		t.Fatalf("an hourly schedule with the default end runs %d times, want a month of runs", len(runs))
	}
}

// A draft saved when the builder offered a built-in catalog holds the
// script as ScriptChoice: it is read as the script id.
func TestOldDraftScriptChoiceIsTheScriptID(t *testing.T) {
	d := seedDraft("t", "DAILY", "2030-05-12", "2030-12-31", "09:20")
	d.ScriptID, d.ScriptChoice = "", "226301"
	s, _ := d.Schedule()
	if s.Scripts[0].ID != "226301" {
		t.Fatalf("script id %q", s.Scripts[0].ID)
	}
}

// A reboot delay of 5124095576030432 hours was multiplied into seconds
// without a bound: the product wrapped round to 3584 s, which is in the
// allowed range, so the draft built a valid body with a delay nobody typed
// (FuzzDraftLoad). A delay whose seconds do not fit is now a problem of
// rebootDelayInSeconds, and no delay is set (so, as for a delay that is
// not a number, validation adds that one is required).
func TestRebootDelayDoesNotWrapRound(t *testing.T) {
	d := seedDraft("Reboot", "ONE_TIME", "2031-01-01", "", "10:00")
	d.Reboot, d.RebootDelay, d.RebootUnit = true, "5124095576030432", "HOURS"
	s, problems := d.Schedule()
	if s.RebootDelayInSeconds != nil || len(problems) == 0 || problems[0].Field != "rebootDelayInSeconds" ||
		problems[0].Problem != "5124095576030432 hours is out of range (10 minutes to 48 hours)" {
		t.Fatalf("delay %v, problems %v", s.RebootDelayInSeconds, problems)
	}
	d.RebootDelay = "48"
	if s, problems := d.Schedule(); len(problems) != 0 || *s.RebootDelayInSeconds != 48*3600 {
		t.Fatalf("48 hours: %v %v", s.RebootDelayInSeconds, problems)
	}
}

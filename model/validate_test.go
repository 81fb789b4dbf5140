package model

import (
	"strings"
	"testing"
	"time"
)

func validSchedule() ScriptSchedule {
	return ScriptSchedule{
		Activate: true, Title: "Patch check",
		Scripts:   []ScriptRef{{ID: "226213", Title: "Sample script title"}},
		Assets:    []Asset{{UUId: "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81", ID: "44496319"}},
		StartDate: "2030-05-11", StartTime: "10:49:00", EndDate: Ptr("2030-05-16"),
		ScheduleType: Daily,
	}
}

func TestValidateAcceptsFilledSeeds(t *testing.T) {
	for _, n := range seedNames(t, "filled", "000-*.json") {
		s, err := DecodeScriptSchedule(readSeed(t, "filled", n))
		if err != nil {
			t.Fatal(err)
		}
		if errs := s.Validate(); len(errs) > 0 {
			t.Errorf("%s: %v", n, errs)
		}
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*ScriptSchedule)
		want   []string // "field: substring"
	}{
		{"empty title", func(s *ScriptSchedule) { s.Title = "  " }, []string{"title: is required"}},
		{"long title", func(s *ScriptSchedule) { s.Title = strings.Repeat("é", 257) }, []string{"title: is 257 characters"}},
		{"256 chars ok", func(s *ScriptSchedule) { s.Title = strings.Repeat("é", 256) }, nil},
		{"no scripts", func(s *ScriptSchedule) { s.Scripts = nil }, []string{"scripts: at least one script"}},
		{"placeholder script id", func(s *ScriptSchedule) { s.Scripts[0].ID = "<SCRIPT ID>" }, []string{`scripts[0].id: must be a positive integer, got "<SCRIPT ID>"`}},
		{"empty script id", func(s *ScriptSchedule) { s.Scripts[0].ID = "" }, []string{"scripts[0].id: is required"}},
		{"user id not a uuid", func(s *ScriptSchedule) { s.User = User{ID: "abc1111", Name: "demo"} }, []string{`user.id: "abc1111" is not a UUID`}},
		{"user id uuid ok", func(s *ScriptSchedule) { s.User.ID = "ddf20f3a-cfd3-6fd1-8ad2-4c1b6e3a9f10" }, nil},
		{"no targets", func(s *ScriptSchedule) { s.Assets = nil }, []string{"assets: at least one asset or asset tag"}},
		{"tag only ok", func(s *ScriptSchedule) { s.AssetTags, s.Assets = s.Assets, nil }, nil},
		{"elided uuid", func(s *ScriptSchedule) { s.Assets[0].UUId = "2dabc804-fcea-4...." }, []string{"assets[0].UUId: must be an agent UUID"}},
		{"excluded bad id", func(s *ScriptSchedule) { s.ExcludedAssets = []Asset{{UUId: s.Assets[0].UUId, ID: "0"}} }, []string{"excludedAssets[0].id: must be a positive integer"}},
		{"impossible date", func(s *ScriptSchedule) { s.StartDate = "2025-02-30" }, []string{"startDate: 2025-02-30 is not a real calendar date"}},
		{"bad date shape", func(s *ScriptSchedule) { s.StartDate = "11/05/2030" }, []string{`startDate: "11/05/2030" is not a date in the form YYYY-MM-DD`}},
		{"bad time", func(s *ScriptSchedule) { s.StartTime = "25:00:00" }, []string{"startTime: \"25:00:00\" is not a time of day"}},
		{"short time", func(s *ScriptSchedule) { s.StartTime = "10:49" }, []string{"startTime:"}},
		{"end before start", func(s *ScriptSchedule) { s.EndDate = Ptr("2030-05-10") }, []string{"endDate: 2030-05-10 is before startDate 2030-05-11"}},
		{"end missing daily", func(s *ScriptSchedule) { s.EndDate = nil }, []string{"endDate: is required"}},
		{"end null one-time ok", func(s *ScriptSchedule) { s.EndDate, s.ScheduleType = nil, OneTime }, nil},
		{"hourly missing", func(s *ScriptSchedule) { s.ScheduleType = Hourly }, []string{"hourlyInterval: is required"}},
		{"hourly range", func(s *ScriptSchedule) { s.ScheduleType, s.HourlyInterval = Hourly, Ptr(24) }, []string{"hourlyInterval: must be between 1 and 23 hours, got 24"}},
		{"weekly empty", func(s *ScriptSchedule) { s.ScheduleType = Weekly }, []string{"daysOfWeek: at least one day"}},
		{"weekly bad", func(s *ScriptSchedule) { s.ScheduleType, s.DaysOfWeek = Weekly, []int{0, 2, 2, 8} }, []string{"daysOfWeek: 0 is not a day", "daysOfWeek: Tuesday (2) is listed twice", "daysOfWeek: 8 is not a day"}},
		{"monthly missing", func(s *ScriptSchedule) { s.ScheduleType = Monthly }, []string{"recurrenceDate: is required", "recurrenceMonth: is required", "monthlyScheduleType: is required"}},
		{"monthly range", func(s *ScriptSchedule) {
			s.ScheduleType, s.RecurrenceDate, s.RecurrenceMonth, s.MonthlyScheduleType = Monthly, Ptr(32), Ptr(0), Ptr("NTH_WEEKDAY")
		}, []string{"recurrenceDate: must be a day of the month between 1 and 31, got 32", "recurrenceMonth: must be at least 1", `monthlyScheduleType: must be MONTHLY_DATE_OF_MONTH_JOB, got "NTH_WEEKDAY"`}},
		{"bad type", func(s *ScriptSchedule) { s.ScheduleType = "YEARLY" }, []string{`scheduleType: "YEARLY" is not one of`}},
		{"reboot too short", func(s *ScriptSchedule) {
			s.RebootAfterScriptExecution, s.RebootDelayInSeconds, s.RebootDelayTimeUnit = Ptr(true), Ptr(599), Ptr("SECONDS")
		}, []string{"rebootDelayInSeconds: must be between 600 (10 minutes) and 172800 (48 hours) seconds, got 599"}},
		{"reboot too long and bad unit", func(s *ScriptSchedule) {
			s.RebootAfterScriptExecution, s.RebootDelayInSeconds, s.RebootDelayTimeUnit = Ptr(true), Ptr(172801), Ptr("days")
		}, []string{"rebootDelayInSeconds: must be between", `rebootDelayTimeUnit: "days" is not SECONDS, MINUTES or HOURS`}},
		{"reboot bounds ok", func(s *ScriptSchedule) {
			s.RebootAfterScriptExecution, s.RebootDelayInSeconds, s.RebootDelayTimeUnit = Ptr(true), Ptr(172800), Ptr("hours")
		}, nil},
		{"reboot off ignores delay", func(s *ScriptSchedule) { s.RebootAfterScriptExecution, s.RebootDelayInSeconds = Ptr(false), Ptr(1) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchedule()
			tt.mutate(&s)
			errs := s.Validate()
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(tt.want), errs)
			}
			for i, w := range tt.want {
				if !strings.Contains(errs[i].Error(), w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, errs[i].Error(), w)
				}
			}
		})
	}
}

func TestValidateAllAtOnce(t *testing.T) {
	s := ScriptSchedule{ScheduleType: Weekly, StartDate: "2025-02-30", StartTime: "x"}
	errs := s.Validate()
	for _, f := range []string{"title", "scripts", "assets", "startDate", "startTime", "endDate", "daysOfWeek"} {
		if len(errs.For(f)) != 1 {
			t.Errorf("want exactly one problem for %s, got %v", f, errs.For(f))
		}
	}
	if strings.Count(errs.Error(), "\n") != len(errs)-1 {
		t.Errorf("Error() should be one line per problem: %q", errs.Error())
	}
}

func TestCheckStart(t *testing.T) {
	now := time.Date(2026, 11, 21, 23, 0, 0, 0, time.UTC)
	s := validSchedule()
	s.StartDate = "2026-11-20"
	if e := s.CheckStart(now); len(e) != 1 || e[0].Field != "startDate" {
		t.Fatalf("past start accepted: %v", e)
	}
	s.StartDate = "2026-11-21"
	if e := s.CheckStart(now); len(e) != 0 {
		t.Fatalf("today rejected: %v", e)
	}
}

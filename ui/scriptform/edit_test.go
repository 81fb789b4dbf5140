package scriptform

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/task"
)

// stored is a schedule as search returns it: every type, targets,
// parameters, a reboot in hours and the optional switches.
func stored(typ model.ScheduleType) model.ScriptSchedule {
	s := model.ScriptSchedule{
		Activate: true, Title: "Patch window", Description: "weekly patching",
		User:                       model.User{ID: "ddf20f3a-cfd3-4fd1-8a11-0c9e1f2a3b4c", Name: "demo"},
		Scripts:                    []model.ScriptRef{{ID: "226213", Title: "Sample script title", Params: []model.ScriptParam{{Key: "mode", Value: "fast"}}}},
		Assets:                     []model.Asset{{UUId: "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81", ID: "44496319"}},
		AssetTags:                  []model.Asset{{UUId: "6c6f2e8b-cc53-4332-a7cd-9dd82f69f755", ID: "7271003"}},
		ExcludedAssets:             []model.Asset{{UUId: "1b98b747-2ca2-459f-85b0-69dbd3bab5e8", ID: "44995440"}},
		AllTagsForAssetsEnabled:    model.Ptr(true),
		RebootAfterScriptExecution: model.Ptr(true), RebootDelayInSeconds: model.Ptr(7200), RebootDelayTimeUnit: model.Ptr("HOURS"),
		ExecutionPolicyBypassEnabled: model.Ptr(true),
		StartDate:                    "2030-05-02", StartTime: "22:30:00", EndDate: model.Ptr("2030-06-30"), ScheduleType: typ,
	}
	switch typ {
	case model.OneTime:
		s.EndDate = model.Ptr(s.StartDate)
	case model.Hourly:
		s.HourlyInterval = model.Ptr(6)
	case model.Weekly:
		s.DaysOfWeek = []int{1, 4}
	case model.Monthly:
		s.RecurrenceDate, s.RecurrenceMonth, s.MonthlyScheduleType = model.Ptr(15), model.Ptr(2), model.Ptr(model.MonthlyDateOfMonthJob)
	}
	return s
}

// A schedule read back becomes a draft that builds the very same body:
// editing without changes sends what the server holds.
func TestFromScheduleRoundTrips(t *testing.T) {
	for _, typ := range []model.ScheduleType{model.OneTime, model.Hourly, model.Daily, model.Weekly, model.Monthly} {
		s := stored(typ)
		{
			got, problems := FromSchedule(s, testNow).Schedule()
			if len(problems) > 0 {
				t.Fatalf("%s: %v", typ, problems)
			}
			want, _ := json.Marshal(s)
			have, _ := json.Marshal(got)
			if string(want) != string(have) {
				t.Fatalf("%s:\n got %s\nwant %s", typ, have, want)
			}
			if ch := Changes(s, got); len(ch) != 0 {
				t.Fatalf("%s: changes %v", typ, ch)
			}
		}
	}
}

func TestChangesAreFieldByField(t *testing.T) {
	before := stored(model.Weekly)
	after := stored(model.Weekly)
	after.DaysOfWeek = []int{3, 5}
	after.Activate = false
	got := Changes(before, after)
	want := []Change{{"Active", "yes", "no"}, {"Days of the week", "Monday, Thursday", "Wednesday, Friday"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("changes %+v", got)
	}
	// A type change lists the type and the recurrence fields that come and go.
	after = stored(model.Hourly)
	got = Changes(before, after)
	var names []string
	for _, c := range got {
		names = append(names, c.Field+": "+c.Before+" → "+c.After)
	}
	if s := strings.Join(names, "; "); s != "Schedule type: WEEKLY → HOURLY; Days of the week: Monday, Thursday → —; Every N hours: — → 6" {
		t.Fatalf("type change: %s", s)
	}
}

func editModel(t *testing.T, orig model.ScriptSchedule) *Model {
	t.Helper()
	return newModel(t, FromSchedule(orig, testNow), Options{Edit: &Edit{ID: "sched-1", Original: orig}})
}

// An edit may keep a start date that is now in the past; moving the start
// to another past day is refused as on create. Without changes nothing
// can be sent.
func TestEditKeepsAPastStartAndNeedsAChange(t *testing.T) {
	orig := stored(model.Daily)
	orig.StartDate = "2030-04-01" // before testNow
	m := editModel(t, orig)
	review(m)
	if len(m.problems) != 0 {
		t.Fatalf("problems: %v", m.problems)
	}
	if why := m.blocked(); !strings.Contains(why, "nothing changed") {
		t.Fatalf("blocked: %q", why)
	}
	if v := plain(m); !strings.Contains(v, "Review: Edit script schedule") || !strings.Contains(v, "No changes yet") {
		t.Fatalf("review:\n%s", v)
	}

	m.draft.StartDate = "2030-04-02"
	review(m)
	if !strings.Contains(m.problems.Error(), "in the past") {
		t.Fatalf("a moved past start was accepted: %v", m.problems)
	}

	m.draft.StartDate = orig.StartDate
	m.draft.Days, m.draft.Type = []string{"Wednesday", "Friday"}, string(model.Weekly)
	review(m)
	v := plain(m)
	for _, want := range []string{"What changes (2 fields)", "Schedule type: DAILY → WEEKLY", "Days of the week: — → Wednesday, Friday", "POST /sm/v1/scheduler/sched-1"} {
		if !strings.Contains(v, want) {
			t.Fatalf("review lacks %q:\n%s", want, v)
		}
	}
	if why := m.blocked(); why != "" {
		t.Fatalf("blocked: %q", why)
	}
}

// The title check does not count the schedule being edited.
func TestEditTitleCheckIgnoresItself(t *testing.T) {
	m := editModel(t, stored(model.Daily))
	review(m)
	gen := m.gen.Next()
	m.Update(TitleCheckMsg{Task: task.Task{Gen: gen}, Value: []model.CARSearchItem{{ID: "sched-1"}}})
	if m.titleTaken {
		t.Fatal("its own title counted as taken")
	}
	m.Update(TitleCheckMsg{Task: task.Task{Gen: gen}, Value: []model.CARSearchItem{{ID: "sched-1"}, {ID: "other"}}})
	if !m.titleTaken {
		t.Fatal("another schedule's title was not counted")
	}
}

// An update whose answer was lost is read again: when the server holds the
// change the edit is done; when it holds the old schedule the review says
// so; nothing is sent again.
func TestEditUnknownOutcomeShowsWhatTheServerHolds(t *testing.T) {
	orig := stored(model.Daily)
	lost := &client.UnknownOutcomeError{ID: "sched-1", Err: errors.New("connection reset")}

	m := editModel(t, orig)
	m.draft.Description = "changed"
	toSending(t, m)
	gen := m.gen.Next()
	old := orig
	if cmd := m.Update(UpdatedMsg{Task: task.Task{Gen: gen}, Err: lost, Value: UpdateOutcome{Reread: true, Held: &old}}); cmd != nil {
		t.Fatal("something was sent again")
	}
	if v := plain(m); m.ed.Stage() != form.Reviewing || !strings.Contains(v, "Outcome unknown; read again, the server holds the schedule as it was") || strings.Contains(v, "failed") {
		t.Fatalf("stage %d:\n%s", m.ed.Stage(), v)
	}

	m = editModel(t, orig)
	m.draft.Description = "changed"
	toSending(t, m)
	gen = m.gen.Next()
	held := m.sched
	m.Update(UpdatedMsg{Task: task.Task{Gen: gen}, Err: lost, Value: UpdateOutcome{Reread: true, Held: &held}})
	if v := plain(m); !m.done || !strings.Contains(v, "Updated script schedule sched-1") || !strings.Contains(v, "the server holds the change") {
		t.Fatalf("done %v:\n%s", m.done, v)
	}
}

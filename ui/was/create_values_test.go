package was

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/uitest"
)

func problemFields(v model.ValidationErrors) []string {
	var out []string
	for _, e := range v {
		out = append(out, e.Field)
	}
	return out
}

func requireProblems(t *testing.T, v model.ValidationErrors, fields ...string) {
	t.Helper()
	got := problemFields(v)
	slices.Sort(got)
	slices.Sort(fields)
	if !slices.Equal(slices.Compact(got), fields) {
		t.Fatalf("problems on %v, want %v: %v", got, fields, v)
	}
}

// A new schedule's defaults need only a web app and a profile; the body
// then validates and fits the request schema.
func TestNewValuesMakeAValidWeeklySchedule(t *testing.T) {
	now := uitest.Epoch()
	v := newValues(now)
	_, probs := v.schedule(nil, now)
	requireProblems(t, probs, "app", "name", "profile")
	v.Name, v.AppID, v.ProfileID = "Weekly – shop", "2900101", "610001"
	s, probs := v.schedule(nil, now)
	requireProblems(t, probs)
	req, err := client.NewWASCreateRequest(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `<ServiceRequest>
  <data>
    <WasScanSchedule>
      <name><![CDATA[Weekly – shop]]></name>
      <type>VULNERABILITY</type>
      <active>true</active>
      <target>
        <webApp>
          <id>2900101</id>
        </webApp>
        <scannerAppliance>
          <type>EXTERNAL</type>
        </scannerAppliance>
        <cancelOption>DEFAULT</cancelOption>
      </target>
      <profile>
        <id>610001</id>
      </profile>
      <scheduling>
        <startDate>2026-03-31T02:00:00Z</startDate>
        <timeZone>
          <code>UTC</code>
        </timeZone>
        <occurrenceType>WEEKLY</occurrenceType>
        <occurrence>
          <weeklyOccurrence>
            <everyNWeeks>1</everyNWeeks>
            <onDays>
              <WeekDay>TUESDAY</WeekDay>
            </onDays>
          </weeklyOccurrence>
        </occurrence>
      </scheduling>
      <notification>
        <active>false</active>
        <reschedule>false</reschedule>
      </notification>
      <sendMail>false</sendMail>
      <sendOneMail>false</sendOneMail>
    </WasScanSchedule>
  </data>
</ServiceRequest>
`
	if got := string(req.Body()); got != want {
		t.Fatalf("body:\n%s", got)
	}
}

// Only the final choices make the body: the values of groups hidden by a
// later choice are ignored (huh keeps them, charm-stack §3.2).
func TestOnlyTheChosenKindAndOccurrenceAreSent(t *testing.T) {
	now := uitest.Epoch()
	v := newValues(now)
	v.Name, v.AppID, v.ProfileID = "x", "2900101", "610001"
	v.AppIDs, v.TagIDs = "1, 2", "5501"
	v.ScannerName, v.ScannerTagIDs = "dc1", "5502"
	v.WeekDays, v.EndCount = []string{"MONDAY", "FRIDAY"}, "4"
	v.DayNb = "31"

	v.Occurrence, v.EveryNDays = model.OccurrenceDaily, "2"
	s, probs := v.schedule(nil, now)
	requireProblems(t, probs)
	if t := s.Target; t.WebApps != nil || t.Tags != nil || t.ScannerTags != nil || t.ScannerAppliance.FriendlyName != nil {
		panic("target holds another kind's fields")
	}
	o := s.Scheduling.Occurrence
	if o.Weekly != nil || o.Monthly != nil || o.Hourly != nil || o.Daily == nil || o.Daily.EveryNDays != 2 || model.Deref(o.Daily.OccurrenceCount) != 4 {
		t.Fatalf("occurrence %+v", o)
	}

	// HOURLY: its interval, the shared end count, nothing of the others.
	v.Occurrence, v.EveryNHours = model.OccurrenceHourly, "6"
	s, probs = v.schedule(nil, now)
	requireProblems(t, probs)
	if o := s.Scheduling.Occurrence; o.Daily != nil || o.Weekly != nil || o.Monthly != nil || o.Hourly == nil ||
		o.Hourly.EveryNHours != 6 || model.Deref(o.Hourly.OccurrenceCount) != 4 {
		t.Fatalf("hourly %+v", o)
	}
	v.EveryNHours, v.EndCount = "24", "0"
	_, probs = v.schedule(nil, now)
	requireProblems(t, probs, "everyNHours", "endCount")
	v.EveryNHours, v.EndCount = "x", ""
	_, probs = v.schedule(nil, now)
	requireProblems(t, probs, "everyNHours")
	v.EveryNHours, v.EndCount = "6", "4"

	v.Occurrence, v.MonthlyKind, v.DayOrder, v.MonthWeekDay, v.EveryNMonths = model.OccurrenceMonthly, monthlyByOrder, "LAST", "FRIDAY", "2"
	v.TargetKind, v.TagsOption = targetTags, "ALL"
	v.Scanner = "INTERNAL"
	s, probs = v.schedule(nil, now)
	requireProblems(t, probs)
	want := "<monthlyType><occurDayOrderInMonth><dayOrder>LAST</dayOrder><dayOfMonth>FRIDAY</dayOfMonth><everyNMonths>2</everyNMonths></occurDayOrderInMonth></monthlyType><occurrenceCount>4</occurrenceCount>"
	if o := s.Scheduling.Occurrence; o.Weekly != nil || o.Daily != nil || o.Monthly.InnerXML != want {
		t.Fatalf("monthly %+v", o)
	}
	if tg := s.Target; tg.WebApp != nil || tg.WebApps != nil || tg.Tags.Included.Option != "ALL" || tg.Tags.Excluded != nil ||
		string(*tg.ScannerAppliance.FriendlyName) != "dc1" || tg.ScannerTags != nil {
		t.Fatalf("target %+v", tg)
	}
	runs, err := model.WASNextLaunches(s.Scheduling, now, 2)
	if err != nil || len(runs) != 2 || runs[0].Format(time.DateOnly) != "2026-05-29" {
		t.Fatalf("launches %v %v", runs, err)
	}
}

// Every problem lands on the field that causes it, once.
func TestCreateProblemsAreKeyedByField(t *testing.T) {
	now := uitest.Epoch()
	v := newValues(now)
	v.Name, v.AppID, v.ProfileID = strings.Repeat("n", 300), "2900101", "610001"
	v.StartDate, v.StartTime, v.Zone = "2026-03-30", "09:00", "Europe/Berlin" // 07:00 UTC, before Epoch
	v.CancelAfter = "999"
	v.EveryNWeeks, v.WeekDays = "x", nil
	v.Notify, v.Delay, v.Recipients = true, "99d", "not-an-address"
	_, probs := v.schedule(nil, now)
	requireProblems(t, probs, "cancelAfter", "delay", "everyNWeeks", "name", "recipients", "startDate", "weekDays")

	v = newValues(now)
	v.Name, v.AppID, v.ProfileID = "x", "2900101", "610001"
	v.Zone, v.StartTime = "Mars/Base", "25:00"
	v.Occurrence, v.MonthlyKind, v.DayNb, v.EveryNMonths = model.OccurrenceMonthly, monthlyByDay, "32", "1"
	_, probs = v.schedule(nil, now)
	requireProblems(t, probs, "dayNb", "startTime", "zone")

	v.TargetKind, v.TagIDs, v.AppIDs = targetApps, "", "12, abc"
	v.Zone, v.StartTime, v.DayNb = "UTC", "02:00", "3"
	_, probs = v.schedule(nil, now)
	requireProblems(t, probs, "appIds")
	v.TargetKind, v.AppIDs, v.ExTagIDs = targetTags, "", "5504"
	_, probs = v.schedule(nil, now)
	requireProblems(t, probs, "tagIds")
	v.Scanner, v.TagIDs = "scannerTags", "5501"
	_, probs = v.schedule(nil, now)
	requireProblems(t, probs, "scannerTags")
}

// A clone carries every setting of every seeded shape (one web app,
// several, tags, internal scanners, each occurrence type, a daily count,
// notifications)
// into the body: the same as the headless clone's, but for the name and
// values the form always states (booleans, the week days in order, each
// web app once).
func TestCloneValuesKeepEverySetting(t *testing.T) {
	early := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // every start is still to come
	s := sim.New(sim.Options{WASSchedules: 120, Seed: 3, Now: uitest.Epoch})
	shapes := map[string]bool{}
	for _, src := range s.WASSchedules() {
		v, cs := cloneValues(src, early)
		if cs.Past || len(cs.Notes) > 0 || v.StartDate == "" {
			t.Fatalf("%d: %+v", src.IDValue(), cs)
		}
		if v.Name != visible(model.CloneName(src.NameValue())) {
			t.Fatalf("%d: the copy is named %q", src.IDValue(), v.Name)
		}
		if _, probs := v.schedule(cs, early); len(probs) > 0 {
			t.Fatalf("%d: a copy (named \"… (copy)\") has problems: %v", src.IDValue(), probs)
		}
		v.Name = visible(src.NameValue()) // the original's name is refused
		if _, probs := v.schedule(cs, early); len(probs) != 1 || probs[0].Field != "name" {
			t.Fatalf("%d: the original's name is not the only problem: %v", src.IDValue(), probs)
		}
		v.Name = "Copy"
		got, probs := v.schedule(cs, early)
		if len(probs) > 0 {
			t.Fatalf("%d: %v", src.IDValue(), probs)
		}
		want := model.WASForCreate(src, "Copy")
		want.Active = model.Ptr(src.IsActive())
		want.SendMail, want.SendOneMail = model.Ptr(model.Deref(src.SendMail)), model.Ptr(model.Deref(src.SendOneMail))
		n := want.Notification
		n.Active, n.Reschedule = model.Ptr(model.Deref(n.Active)), model.Ptr(model.Deref(n.Reschedule))
		if l := want.Target.WebApps; l != nil { // a web app listed twice is sent once
			l.Set = slices.CompactFunc(l.Set, func(a, b model.WASWebApp) bool { return a.ID == b.ID })
		}
		if w := want.Scheduling.Occurrence; w != nil && w.Weekly != nil {
			slices.SortFunc(w.Weekly.OnDays, func(a, b string) int {
				return slices.Index(model.WeekDays, a) - slices.Index(model.WeekDays, b)
			})
		}
		if !reflect.DeepEqual(got, want) {
			g, _ := model.EncodeRequest(model.NewCreateRequest(got))
			w, _ := model.EncodeRequest(model.NewCreateRequest(want))
			t.Fatalf("%d:\n got %s\nwant %s", src.IDValue(), g, w)
		}
		shapes[src.OccurrenceValue()] = true
		if o := src.Scheduling.Occurrence; o != nil && o.Daily != nil && o.Daily.OccurrenceCount != nil {
			shapes["DAILY with a count"] = true
		}
		switch t := src.Target; {
		case t.Tags != nil:
			shapes["tags"] = true
		case t.WebApps != nil:
			shapes["webApps"] = true
		}
		if src.Target.ScannerAppliance.Type == "INTERNAL" {
			shapes["INTERNAL"] = true
		}
	}
	if len(shapes) != 9 { // ONCE, HOURLY, DAILY, DAILY with a count, WEEKLY, MONTHLY, tags, webApps, INTERNAL
		t.Fatalf("shapes covered: %v", shapes)
	}
}

// A clone whose start has passed must be given a new one; its name must
// differ from the original's (it starts as "… (copy)").
func TestCloneOfAPastScheduleNeedsANewStartAndName(t *testing.T) {
	now := uitest.Epoch()
	s := sim.New(sim.Options{WASSchedules: 40, Seed: 1, Now: uitest.Epoch})
	var src model.WasScanSchedule
	for _, w := range s.WASSchedules() {
		if w.OccurrenceValue() == model.OccurrenceWeekly && w.Scheduling.TimeZone.Code != "UTC" {
			src = w
			break
		}
	}
	v, cs := cloneValues(src, now)
	if !cs.Past || v.StartDate != "" || v.StartTime == "" || !strings.Contains(cs.Start, "20") {
		t.Fatalf("values %+v, source %+v", v, cs)
	}
	_, probs := v.schedule(cs, now)
	requireProblems(t, probs, "startDate")                // named "… (copy)"
	v.Name = " " + strings.ToUpper(src.NameValue()) + " " // case and spaces do not make it new
	_, probs = v.schedule(cs, now)
	requireProblems(t, probs, "name", "startDate")
	v.Name, v.StartDate = "New name", "2026-04-20"
	got, probs := v.schedule(cs, now)
	requireProblems(t, probs)
	st, _ := time.Parse(model.WASTimeLayout, *got.Scheduling.StartDate)
	loc, _ := time.LoadLocation(src.Scheduling.TimeZone.Code)
	orig, _ := time.Parse(model.WASTimeLayout, *src.Scheduling.StartDate)
	if st.In(loc).Format("15:04") != orig.In(loc).Format("15:04") || st.In(loc).Format(time.DateOnly) != "2026-04-20" {
		t.Fatalf("start %v, original %v", st.In(loc), orig.In(loc))
	}
}

// A monthly recurrence the form cannot read (a numeric dayOrder, as real
// servers are reported to send) is said, not guessed.
func TestCloneOfAnUnreadableMonthly(t *testing.T) {
	s := model.WasScanSchedule{
		Name: model.TextPtr("m"),
		Scheduling: &model.WASScheduling{StartDate: model.Ptr("2030-01-01T00:00:00Z"), TimeZone: &model.WASTimeZone{Code: "UTC"},
			OccurrenceType: model.Ptr(model.OccurrenceMonthly),
			Occurrence: &model.WASOccurrence{Monthly: &model.WASMonthly{InnerXML: "<monthlyType><occurDayOrderInMonth><dayOrder>2</dayOrder>" +
				"<dayOfMonth>MONDAY</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType>"}}},
	}
	v, cs := cloneValues(s, uitest.Epoch())
	if len(cs.Notes) != 1 || !strings.Contains(cs.Notes[0], "set it again") || v.Occurrence != model.OccurrenceMonthly {
		t.Fatalf("%+v %+v", v, cs)
	}
}

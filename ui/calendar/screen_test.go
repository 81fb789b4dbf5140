package calendar

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/uitest"
)

var now = time.Date(2026, 3, 30, 9, 15, 0, 0, time.UTC) // a Monday

func wasDaily(id int64, name, owner string, app int64, at string) model.WasScanSchedule {
	start := "2026-03-01T" + at + ":00Z"
	return model.WasScanSchedule{ID: model.Ptr(id), Name: model.Ptr(model.Text(name)), Owner: &model.WASUser{ID: 1, Username: owner},
		Active: model.Ptr(true), Target: &model.WASTarget{WebApp: &model.WASWebApp{ID: app}},
		Scheduling: &model.WASScheduling{StartDate: &start, TimeZone: &model.WASTimeZone{Code: "UTC"},
			OccurrenceType: model.Ptr(model.OccurrenceDaily), Occurrence: &model.WASOccurrence{Daily: &model.WASDaily{EveryNDays: 1}}}}
}

func scriptDaily(id, title, owner, at, agent string) model.CARSearchItem {
	return model.CARSearchItem{ID: id, Schedule: model.ScriptSchedule{Activate: true, Title: title, User: model.User{Name: owner},
		ScheduleType: model.Daily, StartDate: "2026-03-01", StartTime: at + ":00", Assets: []model.Asset{{UUId: agent, ID: "1"}}}}
}

// loaded is the screen with data in and its calendar built, as after a
// load.
func loaded(t *testing.T, w, h int, data schedules) *Model {
	t.Helper()
	c := common.New(nil, false, func() time.Time { return now })
	m := New(c)
	m.SetSize(w, h)
	m.data, m.loaded, m.wanted = data, true, true
	run(t, m, m.build())
	return m
}

// run feeds cmd's messages (unwrapped) back to the screen.
func run(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	for _, msg := range uitest.Exec(t, cmd) {
		if sm, ok := msg.(common.ScreenMsg); ok {
			msg = sm.Msg
		}
		_, next := m.Update(msg)
		run(t, m, next)
	}
}

func press(t *testing.T, m *Model, keys ...string) tea.Cmd {
	t.Helper()
	var last tea.Cmd
	for _, k := range keys {
		_, last = m.Update(uitest.Key(k))
	}
	return last
}

func names(m *Model) []string {
	var out []string
	for _, o := range m.shown {
		out = append(out, o.Name)
	}
	return out
}

var week = schedules{
	was: []model.WasScanSchedule{
		wasDaily(1, "Nightly shop", "alice", 7, "22:00"),
		wasDaily(2, "Shop deep scan", "bob", 7, "22:30"), // overlaps 1
	},
	scripts: []model.CARSearchItem{scriptDaily("s-1", "Patch web", "carol", "14:00", "agent-1")},
}

func TestFiltersNarrowTheAgenda(t *testing.T) {
	m := loaded(t, 80, 24, week)
	if len(m.shown) != 21 || m.overlapping() != 14 {
		t.Fatalf("%d runs, %d overlapping", len(m.shown), m.overlapping())
	}
	press(t, m, "K")
	if m.filter.Kind != model.CalendarWAS || len(m.shown) != 14 {
		t.Fatalf("kind WAS: %q %d", m.filter.Kind, len(m.shown))
	}
	press(t, m, "K")
	if m.filter.Kind != model.CalendarScript || len(m.shown) != 7 || m.shown[0].Name != "Patch web" {
		t.Fatalf("kind script: %v", names(m))
	}
	press(t, m, "K", "/")
	if !m.CapturesInput() {
		t.Fatal("the name filter does not take keys")
	}
	press(t, m, "d", "e", "e", "p")
	if len(m.shown) != 7 || m.shown[0].Name != "Shop deep scan" {
		t.Fatalf("name deep: %v", names(m))
	}
	press(t, m, "enter", "o", "a", "l")
	if len(m.shown) != 0 || !strings.Contains(m.View(), "No run matches the filter.") {
		t.Fatalf("owner al and name deep: %v", names(m))
	}
	press(t, m, "esc") // clears the owner filter only
	if m.CapturesInput() || m.filter.Owner != "" || m.filter.Name != "deep" || len(m.shown) != 7 {
		t.Fatalf("after esc: %+v %d", m.filter, len(m.shown))
	}
	// Overlaps were computed before the filter: deep scan still overlaps
	// the nightly scan, which is not shown.
	if !m.shown[0].Overlapping() || m.shown[0].Overlaps[0].Name != "Nightly shop" {
		t.Fatalf("overlap lost to the filter: %+v", m.shown[0])
	}
}

func TestSpanToggles7And30Days(t *testing.T) {
	m := loaded(t, 80, 24, week)
	run(t, m, press(t, m, "t"))
	if m.days != LongSpan || m.cal.Days() != 30 || len(m.shown) != 3*30 {
		t.Fatalf("30 days: %d days, %d runs", m.cal.Days(), len(m.shown))
	}
	v := m.View()
	if !strings.Contains(v, "next 30 days") || !strings.Contains(v, "of 30") {
		t.Fatalf("30-day view:\n%s", v)
	}
	uitest.RequireFits(t, v, 80, 24)
	run(t, m, press(t, m, "t"))
	if m.days != ShortSpan || m.cal.Days() != 7 {
		t.Fatalf("back to 7: %d", m.cal.Days())
	}
}

func TestCursorMovesAndJumps(t *testing.T) {
	m := loaded(t, 80, 24, week)
	press(t, m, "n")
	if o := m.current(); o == nil || o.Name != "Nightly shop" || !strings.HasPrefix(m.Status(), "! overlaps Shop deep scan") {
		t.Fatalf("! went to %+v, status %q", o, m.Status())
	}
	msgs := uitest.Exec(t, press(t, m, "enter"))
	if len(msgs) != 1 || msgs[0] != (common.FocusScheduleMsg{Screen: common.WASScreen, ID: "1"}) {
		t.Fatalf("enter sent %#v", msgs)
	}
	press(t, m, "G")
	if m.cursor != len(m.shown)-1 || !strings.Contains(m.View(), "▸ 22:30 UTC ! WAS    Shop deep scan") {
		t.Fatalf("G: cursor %d\n%s", m.cursor, m.View())
	}
	press(t, m, "g")
	msgs = uitest.Exec(t, press(t, m, "enter"))
	if len(msgs) != 1 || msgs[0] != (common.FocusScheduleMsg{Screen: common.ScriptsScreen, ID: "s-1"}) {
		t.Fatalf("enter on a script run sent %#v", msgs)
	}
}

// Server text (names, owners, ids) is escaped, and every size keeps
// every line inside the screen.
func TestHostileTextIsShownSafely(t *testing.T) {
	data := schedules{
		was:     []model.WasScanSchedule{wasDaily(9, "Scan\x1b]8;;http://x\x07\u202e\u200b", "ev\x1b[2Jil", 1, "10:00")},
		scripts: []model.CARSearchItem{scriptDaily("id\x1b[31m", "Run\r\nrm -rf\u2066", "o\u202ewner", "11:00", "agent")},
	}
	for _, sz := range [][2]int{{30, 8}, {80, 24}, {200, 50}} {
		m := loaded(t, sz[0], sz[1], data)
		v := m.View()
		uitest.RequireFits(t, v, sz[0], sz[1])
		plain := uitest.ASCII(v)
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[31m", "\u202e", "\u200b", "\u2066", "\r"} {
			if strings.Contains(plain, bad) {
				t.Fatalf("%dx%d: %q shown raw:\n%s", sz[0], sz[1], bad, plain)
			}
		}
		if sz[0] == 200 && (!strings.Contains(plain, `Scan\u001b]8;;http://x\u0007\u202e\u200b`) || !strings.Contains(plain, `ev\u001b[2Jil`)) {
			t.Fatalf("hostile name not escaped visibly:\n%s", plain)
		}
		if st := m.Status(); strings.ContainsAny(st, "\x1b\u202e") {
			t.Fatalf("status %q", st)
		}
	}
}

// Nothing is loaded until the screen is shown; a reload before that
// sends nothing either.
func TestLoadsOnlyOnceShown(t *testing.T) {
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 5, Seed: 1}, nil)
	c := common.New(env.Client, false, func() time.Time { return now })
	m := New(c)
	m.SetSize(80, 10)
	if m.Init() != nil || m.Reload() != nil {
		t.Fatal("the calendar loads before it is shown")
	}
	if m.Shown() == nil || m.Reload() == nil {
		t.Fatal("shown, the calendar does not load")
	}
	if !strings.Contains(m.View(), "Loading every WAS and script schedule") {
		t.Fatalf("no loading state:\n%s", m.View())
	}
}

// The title names the local zone in few cells: it fits 80 columns whole,
// for the 30-day span too.
func TestTitleFitsAt80InTheLocalZone(t *testing.T) {
	m := loaded(t, 80, 24, week)
	m.c.Zone = time.Local
	for range 2 {
		title := strings.SplitN(ansi.Strip(m.View()), "\n", 2)[0]
		if !strings.Contains(title, "times in local UTC") || strings.Contains(title, "…") {
			t.Fatalf("title cut: %q", title)
		}
		press(t, m, "t")
	}
}

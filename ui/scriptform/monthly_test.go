package scriptform

import (
	"strings"
	"testing"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/uitest"
)

// The one monthly kind is stated, not offered as a one-option select:
// the monthly group goes from "Every N months" to the start, its line
// says what kind it is, and the body still sends the kind. A draft that
// lacks the kind (saved before it was stored) gets the only one.
func TestMonthlyKindIsANoteNotASelect(t *testing.T) {
	d := seedDraft("Monthly patch", "MONTHLY", "2030-05-02", "2030-12-31", "03:00")
	d.MonthlyKind = ""
	m := newModel(t, d, Options{})
	drive(t, m, m.Init(), on(m, "title"))
	tabTo(t, m, "everyNMonths")
	if v := plain(m); !strings.Contains(v, "Runs on a day of the month (the only monthly kind the API offers).") || strings.Contains(v, "Monthly kind") {
		t.Fatalf("the monthly group:\n%s", v)
	}
	drive(t, m, m.Update(uitest.Key("tab")), func() bool { return focused(m) != "everyNMonths" })
	if got := focused(m); got != "startDate" {
		t.Fatalf("after Every N months the focus is on %q", got)
	}
	s, v := m.Draft().Schedule()
	if len(v) > 0 || model.Deref(s.MonthlyScheduleType) != model.MonthlyDateOfMonthJob {
		t.Fatalf("problems %v, kind %q", v, model.Deref(s.MonthlyScheduleType))
	}
}

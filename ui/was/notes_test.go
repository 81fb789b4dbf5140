package was

import (
	"slices"
	"testing"
	"time"

	"github.com/qsched/qsched/ui/components/table"
)

// A message belongs to the action that made it: moving the cursor keeps
// it, the next action's key clears it.
func TestNoteGoesWhenTheNextActionStarts(t *testing.T) {
	r := newRig(t, 10, false, Options{})
	r.m.setNote("Deactivated 3 of 3 schedules in 1 request.", false)
	r.keys("down", "up")
	if r.m.note == "" {
		t.Fatal("moving the cursor cleared the message")
	}
	r.keys("S") // the next action: reverse the sort
	if r.m.note != "" {
		t.Fatalf("the old message stayed: %q", r.m.note)
	}
}

// Next launches are shown in the display zone, which the column names.
func TestNextLaunchInTheDisplayZone(t *testing.T) {
	r := newRig(t, 10, false, Options{})
	var id int64
	for _, row := range r.m.rows {
		if row.next != 0 {
			id = row.id
			break
		}
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	c := r.m.Common
	c.Zone = berlin
	m := New(c, Options{Platform: "demo"})
	m.SetSize(120, 30)
	m.rows, m.index = r.m.rows, r.m.index
	m.vrows, m.view = r.m.vrows, r.m.view
	m.table.SetRows(viewRows{m})
	at := time.Unix(r.m.rows[r.m.index[id]].next, 0)
	cell := viewRows{m}.Cells(slices.Index(m.view, m.index[id]))[colNext]
	if want := at.In(berlin).Format("2006-01-02 15:04"); cell != want {
		t.Fatalf("cell %q, want %q (Berlin)", cell, want)
	}
	if title := table.ZoneTitled(c, columns, int(colNext))[colNext].Title; title != "NEXT LAUNCH "+c.Now().In(berlin).Format("MST") {
		t.Fatalf("column %q", title)
	}
}

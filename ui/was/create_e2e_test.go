package was_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/internal/apptest"
	"github.com/qsched/qsched/ui/uitest"
)

// bodies records the request bodies the client sends to one path: what
// went over the wire, byte for byte.
type bodies struct {
	path string
	mu   sync.Mutex
	got  [][]byte
}

func (b *bodies) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == b.path && r.Body != nil {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		b.mu.Lock()
		b.got = append(b.got, body)
		b.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(r)
}

func (b *bodies) all() [][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]byte(nil), b.got...)
}

// cloneMonthlyBody is what cloning schedule 700504 (seed 1: every 2 weeks
// on Thursday at 13:00 Sydney time, an internal scanner, cancelled after
// 9 h, one mail per scan) into a monthly schedule must send: every
// setting copied, the new name, the new start, and the third Wednesday of
// every second month, six times (§15.3's monthlyOccurrence).
const cloneMonthlyBody = `<ServiceRequest>
  <data>
    <WasScanSchedule>
      <name><![CDATA[Monthly copy – Build dashboard]]></name>
      <type>VULNERABILITY</type>
      <active>true</active>
      <target>
        <webApp>
          <id>2900234</id>
        </webApp>
        <scannerAppliance>
          <type>INTERNAL</type>
          <friendlyName><![CDATA[scanner-dc1-02]]></friendlyName>
        </scannerAppliance>
        <cancelOption>DEFAULT</cancelOption>
      </target>
      <profile>
        <id>610001</id>
      </profile>
      <scheduling>
        <startDate>2026-04-20T03:00:00Z</startDate>
        <timeZone>
          <code>Australia/Sydney</code>
        </timeZone>
        <occurrenceType>MONTHLY</occurrenceType>
        <occurrence>
          <monthlyOccurrence><monthlyType><occurDayOrderInMonth><dayOrder>THIRD</dayOrder><dayOfMonth>WEDNESDAY</dayOfMonth><everyNMonths>2</everyNMonths></occurDayOrderInMonth></monthlyType><occurrenceCount>6</occurrenceCount></monthlyOccurrence>
        </occurrence>
        <cancelAfterNHours>9</cancelAfterNHours>
      </scheduling>
      <notification>
        <active>false</active>
        <reschedule>false</reschedule>
      </notification>
      <sendMail>false</sendMail>
      <sendOneMail>true</sendOneMail>
    </WasScanSchedule>
  </data>
</ServiceRequest>
`

// (d) Clone a weekly schedule into a monthly one at 80×24, through the
// form: c reads the schedule under the cursor, the name and the passed
// start are set anew, the occurrence becomes the third Wednesday of every
// second month, six times; the review lists those launches; after the
// typed confirmation the simulator has received exactly the expected
// request and stores exactly that schedule, and its row is in the list.
// Each focus move is awaited ("[step N]", with a token of the field
// reached), as huh moves the focus through commands.
func TestE2ECloneWeeklyIntoMonthly(t *testing.T) {
	rec := &bodies{path: "/qps/rest/3.0/create/was/wasscanschedule"}
	env := uitest.NewEnv(t, sim.Options{WASSchedules: 40, Seed: 1}, func(c *client.Config) {
		c.HTTPClient = &http.Client{Transport: rec, Timeout: time.Minute}
	})
	src, _ := env.Sim.WASSchedule(700504)
	if src.OccurrenceValue() != model.OccurrenceWeekly {
		t.Fatalf("schedule 700504 is %s, not weekly", src.OccurrenceValue())
	}
	af := apptest.New(t, apptest.Options{Env: env, Start: common.WASScreen, Width: 80, Height: 24})
	step := 0
	// next moves the focus and waits until the field with the token in
	// its title has it.
	next := func(key, token string) {
		t.Helper()
		af.Keys(key)
		step++
		af.Wait(fmt.Sprintf("[step %d]", step), token)
	}
	// Typed text and changed choices are not awaited: the renderer may
	// draw them in pieces, and keys are handled in order.
	af.Wait("700504", "700506")
	af.Keys("down")
	af.Wait("700504") // its row is drawn again, highlighted
	af.Keys("c")
	step = 2 // loading, then the name field
	af.Wait("[step 2]", "700504", "(copy)")
	af.Keys("ctrl+u")
	af.Type("Monthly copy – Build dashboard")
	for _, token := range []string{"Scan", "creation", "Target", "Search", "app", "profile", "appliance", "option", "hours", "Internal"} {
		next("tab", token)
	}
	next("tab", "Occurs")
	af.Keys("right") // Weekly → Monthly
	next("tab", "date")
	af.Type("2026-04-20")
	next("tab", "") // Start time: only "tim" differs from "date"
	next("tab", "zone")
	next("tab", "Monthly")
	af.Keys("right") // a day of the month → the Nth weekday
	next("tab", "months")
	af.Keys("ctrl+u")
	af.Type("2")
	next("tab", "Which")
	af.Keys("right", "right") // first → third
	next("tab", "eekday")     // the W of "Which" stays
	af.Keys("right")          // Tuesday → Wednesday
	next("tab", "End")
	af.Type("6")
	af.Keys("ctrl+s")
	step++
	// The preview: six launches (the count ends it), in Sydney time,
	// across both DST changes; April's third Wednesday is before the start.
	af.Wait(fmt.Sprintf("[step %d]", step), "Wed", "2026-06-17", "2026-10-21", "AEDT", "2027-04-21")
	for range 6 {
		af.Keys("pgdown")
	}
	af.Wait("</ServiceRequest>")
	af.Type("s")
	af.Wait("(default:")
	af.Confirm()
	af.Wait("Created")

	got := rec.all()
	if len(got) != 1 || string(got[0]) != cloneMonthlyBody {
		t.Fatalf("%d create requests; the body sent:\n%s", len(got), bytes.Join(got, []byte("\n---\n")))
	}
	want, err := model.DecodeWASCreate([]byte(cloneMonthlyBody))
	if err != nil {
		t.Fatal(err)
	}
	all := env.Sim.WASSchedules()
	stored := all[len(all)-1]
	if len(all) != 41 || stored.IDValue() == 700504 || !reflect.DeepEqual(model.WASForCreate(stored, "x"), model.WASForCreate(want, "x")) {
		g, _ := model.EncodeRequest(model.NewCreateRequest(model.WASForCreate(stored, "x")))
		t.Fatalf("%d schedules; stored:\n%s", len(all), g)
	}
	// The source is unchanged.
	if now, _ := env.Sim.WASSchedule(700504); !reflect.DeepEqual(now, src) {
		t.Fatalf("the source changed:\n%+v\n%+v", now, src)
	}
	if next, ok := stored.NextLaunch(); !ok || next.Format(model.WASTimeLayout) != "2026-06-17T03:00:00Z" {
		t.Fatalf("the simulator's next launch %v", stored.NextLaunchDate)
	}
	view := af.Final()
	if !strings.Contains(view, fmt.Sprintf("Created WAS schedule %d", stored.IDValue())) {
		t.Fatalf("final view:\n%s", view)
	}
	uitest.RequireFits(t, view, 80, 24)
	uitest.RequireGolden(t, view)
}

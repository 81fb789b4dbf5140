package scriptform

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/model"
)

// FuzzDraftLoad writes arbitrary bytes as the draft file and loads them.
// A refusal is one line; a draft that loads saves and loads again
// unchanged; and the schedule built from it, when the builder finds no
// problem, encodes into a body that decodes to the same schedule and
// holds the reboot delay the user typed, exactly (no overflow).
func FuzzDraftLoad(f *testing.F) {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	// Small seeds: the fuzzer minimizes every input that finds new
	// coverage, and a whole saved draft (700 bytes) kept it minimizing
	// for most of a minute. Fields left out take their zero values.
	const valid = `{"draft":{"title":"Nightly","scriptChoice":"226213","assets":"0f0e0d0c-0b0a-0908-0706-050403020100 5",` +
		`"type":"DAILY","startDate":"2030-01-03","startTime":"02:00","endDate":"2030-02-01",`
	f.Add([]byte(valid + `"reboot":true,"rebootDelay":"15","rebootUnit":"MINUTES"}}`))
	f.Add([]byte(valid + `"reboot":true,"rebootDelay":"5124095576030432","rebootUnit":"HOURS"}}`)) // × 3600 wraps to 3584 s
	f.Add([]byte(strings.Replace(valid, "DAILY", "WEEKLY", 1) + `"days":["Monday","Sunday"]}}`))
	f.Add([]byte(`{"savedAt":"2030-01-02T03:04:05Z","draft":{"title":"x","days":null,"params":"a=b\nc"}}`))
	f.Add([]byte(`{"savedAt":"not a time"}`))
	f.Add([]byte(`{"draft":[]}`))
	f.Add([]byte("\xff"))
	// One directory for the run (each input overwrites the file): a
	// t.TempDir per input stalled the fuzz worker here.
	st := DraftStore{Dir: f.TempDir(), Now: func() time.Time { return now }}
	file := filepath.Join(st.Dir, "fuzz.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		sd, ok, err := st.Load("fuzz")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal is not one line: %q", err)
			}
			return
		}
		if ok == sd.Draft.Empty() {
			t.Fatalf("ok %v for a draft whose Empty is %v", ok, sd.Draft.Empty())
		}
		if err := st.Save("fuzz", sd.Draft); err != nil {
			t.Fatalf("save: %v", err)
		}
		again, _, err := st.Load("fuzz")
		if err != nil || !reflect.DeepEqual(again.Draft, sd.Draft) || !again.SavedAt.Equal(now) {
			t.Fatalf("draft changes when saved and loaded again (%v):\n%+v\n%+v", err, sd.Draft, again.Draft)
		}
		s, problems := sd.Draft.Schedule()
		if len(problems) > 0 {
			return
		}
		body, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("a schedule without problems does not encode: %v", err)
		}
		back, err := model.DecodeScriptSchedule(body)
		if err != nil {
			t.Fatalf("a schedule without problems does not decode: %v\n%s", err, body)
		}
		if again, _ := json.Marshal(back); string(again) != string(body) {
			t.Fatalf("body changes in a round trip:\n%s\n%s", body, again)
		}
		if s.RebootOn() {
			n, err := strconv.ParseInt(strings.TrimSpace(sd.Draft.RebootDelay), 10, 64)
			unit := int64(unitSeconds(sd.Draft.RebootUnit))
			if err != nil || n > math.MaxInt64/unit || int64(*s.RebootDelayInSeconds) != n*unit {
				t.Fatalf("reboot delay %q %s is sent as %d seconds", sd.Draft.RebootDelay, sd.Draft.RebootUnit, *s.RebootDelayInSeconds)
			}
		}
	})
}

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
	good := NewDraft(now, "alice")
	good.Title, good.ScriptChoice, good.Assets = "Nightly", "226213", "0f0e0d0c-0b0a-0908-0706-050403020100 5"
	good.Reboot, good.RebootDelay, good.RebootUnit = true, "15", "MINUTES"
	b, _ := json.Marshal(SavedDraft{SavedAt: now, Draft: good})
	f.Add(b)
	good.Type, good.Days = string(model.Weekly), []string{"Monday", "Sunday"}
	good.RebootDelay, good.RebootUnit = "5124095576030432", "HOURS" // × 3600 wraps to 3584 s
	b, _ = json.Marshal(SavedDraft{SavedAt: now, Draft: good})
	f.Add(b)
	f.Add([]byte(`{"savedAt":"2030-01-02T03:04:05Z","draft":{"title":"x","days":null,"params":"a=b\nc"}}`))
	f.Add([]byte(`{"savedAt":"not a time"}`))
	f.Add([]byte(`{"draft":[]}`))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		st := DraftStore{Path: filepath.Join(dir, "d.json"), Now: func() time.Time { return now }}
		if err := os.WriteFile(st.Path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		sd, ok, err := st.Load()
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal is not one line: %q", err)
			}
			return
		}
		if ok == sd.Draft.Empty() {
			t.Fatalf("ok %v for a draft whose Empty is %v", ok, sd.Draft.Empty())
		}
		if err := st.Save(sd.Draft); err != nil {
			t.Fatalf("save: %v", err)
		}
		again, _, err := st.Load()
		if err != nil || !reflect.DeepEqual(again.Draft, sd.Draft) || !again.SavedAt.Equal(now) {
			t.Fatalf("draft changes when saved and loaded again (%v):\n%+v\n%+v", err, sd.Draft, again.Draft)
		}
		s, problems := sd.Draft.Schedule(catalog)
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

package model

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func readSeed(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func seedNames(t testing.TB, dir, glob string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", dir, glob))
	if err != nil || len(m) == 0 {
		t.Fatalf("no seed files %s/%s: %v", dir, glob, err)
	}
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	return m
}

func TestDecodeEverySeedBodyVerbatim(t *testing.T) {
	want := map[string]ScheduleType{
		"000-curl-one-time.json": OneTime, "000-one-time.json": OneTime, "000-monthly.json": Monthly,
		"000-weekly.json": Weekly, "000-hourly.json": Hourly, "000-daily.json": Daily, "000-reboot.json": Daily,
	}
	names := seedNames(t, "verbatim", "000-*.json")
	for _, n := range names {
		if n == "000-response.json" {
			continue
		}
		t.Run(n, func(t *testing.T) {
			s, err := DecodeScriptSchedule(readSeed(t, "verbatim", n))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if s.ScheduleType != want[n] {
				t.Fatalf("scheduleType = %q, want %q", s.ScheduleType, want[n])
			}
			if len(s.Scripts) != 1 || len(s.Assets) == 0 {
				t.Fatalf("scripts/assets not decoded: %+v", s)
			}
		})
	}
}

func TestDecodeSeedDetails(t *testing.T) {
	s, err := DecodeScriptSchedule(readSeed(t, "verbatim", "000-curl-one-time.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Scripts[0].ID != "226213" || s.Scripts[0].Params[0] != (ScriptParam{"string", "string"}) {
		t.Errorf("script = %+v", s.Scripts[0])
	}
	if s.Assets[1].ID != "49526617" || s.EndDate != nil || s.Activate {
		t.Errorf("assets/endDate/activate wrong: %+v %v %v", s.Assets, s.EndDate, s.Activate)
	}
	if s.ShareScriptResultWithFim == nil || !*s.ShareScriptResultWithFim {
		t.Errorf("shareScriptResultWithFim not decoded")
	}
	m, _ := DecodeScriptSchedule(readSeed(t, "verbatim", "000-monthly.json"))
	if *m.RecurrenceDate != 7 || *m.RecurrenceMonth != 1 || *m.MonthlyScheduleType != MonthlyDateOfMonthJob {
		t.Errorf("monthly fields: %+v", m)
	}
	w, _ := DecodeScriptSchedule(readSeed(t, "verbatim", "000-weekly.json"))
	if !slices.Equal(w.DaysOfWeek, []int{1, 2}) || w.Assets[0].ID != "<ASSET ID>" {
		t.Errorf("weekly: %+v", w)
	}
	h, _ := DecodeScriptSchedule(readSeed(t, "filled", "000-hourly.json"))
	if h.Assets[0].ID != "44496319" || h.Scripts[0].ID != "226213" {
		t.Errorf("string ids not decoded: %+v", h)
	}
}

func TestDecodeRejectsUnknownField(t *testing.T) {
	_, err := DecodeScriptSchedule([]byte(`{"title":"x","assets":[{"UUID":"a","id":1}]}`))
	if err == nil || !strings.Contains(err.Error(), "UUID") {
		t.Fatalf("want unknown field error naming UUID, got %v", err)
	}
	if _, err := DecodeScriptSchedule([]byte(`{"title":"x"} {}`)); err == nil {
		t.Fatal("trailing data accepted")
	}
}

// Encoding the filled seed bodies yields the same JSON the seed shows (field
// for field), and ids go out as numbers.
func TestEncodeMatchesSeedShape(t *testing.T) {
	for _, n := range seedNames(t, "filled", "000-*.json") {
		t.Run(n, func(t *testing.T) {
			raw := readSeed(t, "filled", n)
			s, err := DecodeScriptSchedule(raw)
			if err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			var want, got map[string]any
			_ = json.Unmarshal(raw, &want)
			_ = json.Unmarshal(out, &got)
			normalizeIDs(want)
			for k, v := range want {
				if v == nil && k != "endDate" {
					delete(want, k) // explicit nulls of optional fields are left out
				}
			}
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("encoded body differs\nwant %v\n got %v", want, got)
			}
		})
	}
}

func normalizeIDs(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "id" && s != "" && strings.Trim(s, "0123456789") == "" {
				var f float64
				_ = json.Unmarshal([]byte(s), &f)
				x[k] = f
			} else {
				normalizeIDs(e)
			}
		}
	case []any:
		for _, e := range x {
			normalizeIDs(e)
		}
	}
}

func TestEncodeOnlyOwnRecurrenceFields(t *testing.T) {
	s := validSchedule()
	s.HourlyInterval = Ptr(6)
	s.DaysOfWeek = []int{1, 3}
	s.RecurrenceDate, s.RecurrenceMonth, s.MonthlyScheduleType = Ptr(7), Ptr(1), Ptr(MonthlyDateOfMonthJob)
	fields := map[ScheduleType][]string{
		OneTime: nil, Daily: nil, Hourly: {"hourlyInterval"}, Weekly: {"daysOfWeek"},
		Monthly: {"recurrenceDate", "recurrenceMonth", "monthlyScheduleType"},
	}
	all := []string{"hourlyInterval", "daysOfWeek", "recurrenceDate", "recurrenceMonth", "monthlyScheduleType"}
	for typ, own := range fields {
		s.ScheduleType = typ
		b, _ := json.Marshal(s)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		for _, f := range all {
			_, has := m[f]
			if has != slices.Contains(own, f) {
				t.Errorf("%s: field %s present=%v", typ, f, has)
			}
		}
	}
}

func TestEncodeRebootUnitUpperCase(t *testing.T) {
	s := validSchedule()
	s.RebootAfterScriptExecution, s.RebootDelayInSeconds, s.RebootDelayTimeUnit = Ptr(true), Ptr(900), Ptr("minutes")
	b, _ := json.Marshal(s)
	if !strings.Contains(string(b), `"rebootDelayTimeUnit":"MINUTES"`) {
		t.Fatalf("unit not upper-cased: %s", b)
	}
	if errs := s.Validate(); len(errs) != 0 {
		t.Fatalf("lower-case unit should validate: %v", errs)
	}
}

func FuzzDecodeScriptSchedule(f *testing.F) {
	for _, n := range []string{"000-curl-one-time.json", "000-monthly.json", "000-weekly.json", "000-reboot.json"} {
		f.Add(readSeed(f, "verbatim", n))
	}
	f.Add([]byte(`{"assets":[{"UUId":"x","id":1e400}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeScriptSchedule(b)
		if err != nil {
			return
		}
		_ = s.Validate()
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("re-encode failed: %v", err)
		}
		s2, err := DecodeScriptSchedule(out)
		if err != nil {
			t.Fatalf("decode of own encoding failed: %v\n%s", err, out)
		}
		out2, _ := json.Marshal(s2)
		if string(out) != string(out2) {
			t.Fatalf("encoding not stable:\n%s\n%s", out, out2)
		}
	})
}

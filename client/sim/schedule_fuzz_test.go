package sim_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// FuzzValidScheduleIsAccepted checks, for any schedule body: when
// ValidateForSend finds nothing, json.Marshal succeeds, decoding that
// encoding gives the same schedule, and the simulator (driven in-process,
// no socket) creates it and stores exactly what was sent. The simulator
// refuses a start in the past and scripts it does not know, which are not
// what validation is about: dates are moved into the future (by whole
// four-year steps, so 29 February stays a date) and script ids are mapped
// onto its catalog before the property is checked. Most mutated bodies no
// longer decode or validate, so the fuzzer also gets the free text, the
// type and its recurrence as separate inputs, applied to the body when it
// decodes or to a valid one when it does not: that keeps most inputs
// valid and sends arbitrary text through the whole path.
func FuzzValidScheduleIsAccepted(f *testing.F) {
	for i, n := range []string{"000-curl-one-time.json", "000-daily.json", "000-hourly.json", "000-monthly.json", "000-one-time.json", "000-reboot.json", "000-weekly.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", "filled", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "", "", "", uint8(0xff), uint8(i))
	}
	f.Add([]byte(`{"title":"t","scripts":[{"id":1,"title":"s"}],"assets":[{"UUId":"0f0e0d0c-0b0a-0908-0706-050403020100","id":5}],"scheduleType":"HOURLY","hourlyInterval":3,"startDate":"2024-02-29","startTime":"23:59:59","endDate":"2024-03-01","activate":true}`),
		"", "", "", uint8(0xff), uint8(0))
	f.Add([]byte("x"), "Nightly \u00e9t\u00e9 \U0001F600", "line 1\n\tline 2 <&>\"'", "a]]>b", uint8(3), uint8(200))
	daily := mustRead(f, "000-daily.json")
	now := time.Date(2031, 6, 15, 12, 0, 0, 0, time.UTC)
	catalog := sim.Scripts()
	// One simulator for the run, emptied after each create: building one
	// per input would be most of the time spent.
	srv := sim.New(sim.Options{WASSchedules: -1, RateLimit: 1 << 30, Now: func() time.Time { return now }})
	var mu sync.Mutex
	call := func(method, path, ctype, auth string, body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "http://127.0.0.1"+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	login := call(http.MethodPost, "/auth", "application/x-www-form-urlencoded", "",
		[]byte(url.Values{"username": {"demo"}, "password": {"demo"}, "token": {"true"}}.Encode()))
	if login.Code != http.StatusCreated {
		f.Fatalf("login: %d %s", login.Code, login.Body)
	}
	bearer := "Bearer " + strings.TrimSpace(login.Body.String())
	f.Fuzz(func(t *testing.T, b []byte, title, description, param string, typ, n uint8) {
		s, err := model.DecodeScriptSchedule(b)
		if err != nil {
			s, err = model.DecodeScriptSchedule(daily) // a fresh copy each time
			if err != nil {
				t.Fatal(err)
			}
		}
		// Text validation would refuse (controls, bidi, bad UTF-8) is left
		// out: the property is about what passes, and random bytes seldom do.
		if title != "" && model.FreeTextProblem(title, false) == "" {
			s.Title = title
		}
		if description != "" && model.FreeTextProblem(description, true) == "" {
			s.Description = description
		}
		if param != "" && model.FreeTextProblem(param, true) == "" && len(s.Scripts) > 0 {
			s.Scripts[0].Params = append(s.Scripts[0].Params, model.ScriptParam{Key: "fuzz", Value: param})
		}
		if typ < 5 {
			s.ScheduleType = []model.ScheduleType{model.OneTime, model.Hourly, model.Daily, model.Weekly, model.Monthly}[typ]
			s.HourlyInterval = model.Ptr(1 + int(n)%23)
			s.DaysOfWeek = []int{1 + int(n)%7, 1 + int(n/7)%7}
			s.RecurrenceDate, s.RecurrenceMonth = model.Ptr(1+int(n)%31), model.Ptr(1+int(n)%12)
			s.MonthlyScheduleType = model.Ptr(model.MonthlyDateOfMonthJob)
		}
		for i := range s.Scripts {
			if n, ok := s.Scripts[i].ID.Int(); ok {
				s.Scripts[i].ID = model.IDOf(catalog[n%int64(len(catalog))].ID)
			}
		}
		if start, err := time.Parse(model.DateLayout, s.StartDate); err == nil && start.Before(now) {
			years := (now.Year() - start.Year() + 4) / 4 * 4
			s.StartDate = start.AddDate(years, 0, 0).Format(model.DateLayout)
			if s.EndDate != nil {
				if end, err := time.Parse(model.DateLayout, *s.EndDate); err == nil {
					s.EndDate = model.Ptr(end.AddDate(years, 0, 0).Format(model.DateLayout))
				}
			}
		}
		if len(s.ValidateForSend()) > 0 {
			return
		}
		body, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("valid schedule does not encode: %v", err)
		}
		back, err := model.DecodeScriptSchedule(body)
		if err != nil {
			t.Fatalf("valid schedule's encoding does not decode: %v\n%s", err, body)
		}
		if again, _ := json.Marshal(back); !bytes.Equal(again, body) {
			t.Fatalf("valid schedule changes in a round trip:\n%s\n%s", body, again)
		}

		mu.Lock()
		defer mu.Unlock()
		resp := call(http.MethodPost, "/sm/v1/scripts/scheduler", "application/json", bearer, body)
		var env model.CAREnvelope
		if err := json.Unmarshal(resp.Body.Bytes(), &env); err != nil || resp.Code != http.StatusOK || !model.CARSuccess(env.ErrorCode) {
			t.Fatalf("the simulator refuses a valid schedule: %d %s\n%s", resp.Code, resp.Body, body)
		}
		recs := srv.CARSchedules()
		if len(recs) != 1 {
			t.Fatalf("%d schedules stored", len(recs))
		}
		if stored, _ := json.Marshal(recs[0].Schedule); !bytes.Equal(stored, body) {
			t.Fatalf("stored schedule differs from the one sent:\n%s\n%s", body, stored)
		}
		if del := call(http.MethodDelete, "/sm/v1/scheduler/"+recs[0].ID, "application/json", bearer, nil); del.Code != http.StatusOK || len(srv.CARSchedules()) != 0 {
			t.Fatalf("delete: %d %s", del.Code, del.Body)
		}
	})
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", "filled", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

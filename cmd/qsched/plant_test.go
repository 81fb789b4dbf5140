package main

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/qsched/qsched/model"
)

// plantWAS puts a name, a notification message and recipients on a WAS
// schedule of the simulator by sending the update itself, as another
// client of the platform could: qsched refuses to send control and bidi
// characters (model.ValidateWASUpdate), but must show safely what others
// stored. Empty values are left out.
func (e *testEnv) plantWAS(t *testing.T, id int64, name, message string, recipients ...string) {
	t.Helper()
	var s model.WasScanSchedule
	if name != "" {
		s.Name = model.TextPtr(name)
	}
	if message != "" || len(recipients) > 0 {
		s.Notification = &model.WASNotification{}
		if message != "" {
			s.Notification.Message = model.TextPtr(message)
		}
		if len(recipients) > 0 {
			s.Notification.Recipients = model.SetRecipients(recipients)
		}
	}
	body, err := model.EncodeRequest(model.NewUpdateRequest(s))
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/qps/rest/3.0/update/was/wasscanschedule/%d", e.vars["QUALYS_API_URL"], id), bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml")
	req.SetBasicAuth(e.vars["QUALYS_USERNAME"], e.vars["QUALYS_PASSWORD"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	if r, err := model.DecodeResponse(buf.Bytes()); err != nil || r.ResponseCode != "SUCCESS" {
		t.Fatalf("planting on schedule %d: %d %s", id, resp.StatusCode, buf.String())
	}
}

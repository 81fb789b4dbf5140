package sim

import (
	"strings"
	"testing"
)

// CDATA may carry C1 controls, bidi and zero-width characters and
// newlines, as on the real API, and the simulator stores them as sent so
// that tests can plant them; C0 controls other than tab, newline and
// carriage return are not XML 1.0 characters even in CDATA, and are
// refused like a real XML parser refuses them.
func TestCDATAKeepsWhatXMLAllowsAndRefusesC0(t *testing.T) {
	s, ts := newTest(t, Options{})
	name := "a\u009b2J\u202e\u200d\u2028b\nc"
	mailbox := "a\u009b2Jb@x.com"
	body := `<ServiceRequest><data><WasScanSchedule><name><![CDATA[` + name + `]]></name><notification><recipients><set><EmailAddress><![CDATA[` +
		mailbox + `]]></EmailAddress></set></recipients><message><![CDATA[m` + "\u0085\n" + `m]]></message></notification></WasScanSchedule></data></ServiceRequest>`
	if _, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule/1688", []byte(body)); r.ResponseCode != "SUCCESS" {
		t.Fatalf("update with C1, bidi and zero-width text: %+v", r.ErrorDetails)
	}
	w, _ := s.WASSchedule(1688)
	if w.NameValue() != name || strings.Join(w.Notification.Recipients.Emails(), ",") != mailbox || string(*w.Notification.Message) != "m\u0085\nm" {
		t.Fatalf("stored %q %q", w.NameValue(), w.Notification.Recipients.Emails())
	}
	for _, c0 := range []string{"\x01", "\x1b[2J", "\x07", "\x7f\x1b"} {
		bad := `<ServiceRequest><data><WasScanSchedule><name><![CDATA[x` + c0 + `]]></name></WasScanSchedule></data></ServiceRequest>`
		if _, r := qps(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule/1688", []byte(bad)); r.ResponseCode != "INVALID_XML" {
			t.Errorf("C0 %q in CDATA: %s, want INVALID_XML", c0, r.ResponseCode)
		}
	}
	if w, _ := s.WASSchedule(1688); w.NameValue() != name {
		t.Fatalf("a refused update changed the name to %q", w.NameValue())
	}
}

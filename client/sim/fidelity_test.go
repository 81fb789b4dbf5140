package sim

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// raw sends a request with the given auth ("basic" demo/demo, "bad" basic,
// "none", or "bearer <jwt>") and headers, and returns the status and body.
func raw(t *testing.T, method, u, auth string, body string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, u, rd)
	switch {
	case auth == "basic":
		req.SetBasicAuth("demo", "demo")
	case auth == "bad":
		req.SetBasicAuth("demo", "wrong")
	case strings.HasPrefix(auth, "bearer "):
		req.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(auth, "bearer "))
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func TestAuthBeforeRouting(t *testing.T) {
	s, ts := newTest(t, Options{WASSchedules: 5})
	for _, path := range []string{"/qps/rest/3.0/nosuch/was/thing", "/qps/rest/3.0/update/was/wasscanschedule", "/qps/rest/3.0/search/was/wasscanschedule"} {
		for _, auth := range []string{"none", "bad", "bearer forged.token.value"} {
			if st, _, b := raw(t, "POST", ts.URL+path, auth, ""); st != 401 || bytes.Contains(b, []byte("INVALID_URL")) {
				t.Errorf("%s with %s: %d %s, want 401 before routing", path, auth, st, b)
			}
		}
	}
	// With good credentials the unknown path is INVALID_URL.
	if st, _, b := raw(t, "POST", ts.URL+"/qps/rest/3.0/nosuch/was/thing", "basic", ""); st != 200 || !bytes.Contains(b, []byte("INVALID_URL")) {
		t.Fatalf("unknown path, good credentials: %d %s", st, b)
	}
	if st := s.Stats(); st.FailedLogins != 6 {
		t.Fatalf("failed logins %d, want 6 (missing or bad Basic, not forged tokens)", st.FailedLogins)
	}
}

func TestBearerOnWAS(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: 5})
	tok := login(t, ts.URL)
	st, _, b := raw(t, "GET", ts.URL+"/qps/rest/3.0/count/was/wasscanschedule", "bearer "+tok, "")
	if st != 200 || !bytes.Contains(b, []byte("<count>5</count>")) {
		t.Fatalf("count with bearer: %d %s", st, b)
	}
	st, _, b = raw(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", "bearer "+tok+"x", "")
	if st != 401 {
		t.Fatalf("tampered bearer: %d %s", st, b)
	}
}

func TestTrailingSlash(t *testing.T) {
	_, ts := newTest(t, Options{WASSchedules: 5})
	st, _, b := raw(t, "GET", ts.URL+"/qps/rest/3.0/count/was/wasscanschedule/", "basic", "")
	if st != 200 || !bytes.Contains(b, []byte("<count>5</count>")) {
		t.Fatalf("count/: %d %s", st, b)
	}
	st, _, b = raw(t, "GET", ts.URL+"/qps/rest/3.0/get/was/wasscanschedule/1688/", "basic", "")
	if st != 200 || !bytes.Contains(b, []byte("<id>1688</id>")) || !bytes.Contains(b, []byte("SUCCESS")) {
		t.Fatalf("get/1688/: %d %s", st, b)
	}
	// Only one slash, and only at the end.
	st, _, b = raw(t, "GET", ts.URL+"/qps/rest/3.0/get/was/wasscanschedule/1688//", "basic", "")
	if bytes.Contains(b, []byte("SUCCESS")) {
		t.Fatalf("get/1688//: %d %s", st, b)
	}
}

// Reads have QList shapes: count + list; set, add and remove never appear.
func TestReadsUseQListShapes(t *testing.T) {
	_, ts := newTest(t, Options{})
	up := `<ServiceRequest><data><WasScanSchedule><notification><recipients><set><EmailAddress>a@example.com</EmailAddress><EmailAddress>b@example.com</EmailAddress></set></recipients></notification></WasScanSchedule></data></ServiceRequest>`
	if st, _, b := raw(t, "POST", ts.URL+"/qps/rest/3.0/update/was/wasscanschedule/1688", "basic", up); st != 200 || !bytes.Contains(b, []byte("SUCCESS")) {
		t.Fatalf("update: %d %s", st, b)
	}
	_, _, b := raw(t, "POST", ts.URL+"/qps/rest/3.0/search/was/wasscanschedule", "basic", `<ServiceRequest><preferences><limitResults>1000</limitResults></preferences></ServiceRequest>`)
	for _, w := range []string{"<set>", "<add>", "<remove>", "<set/>", "</set>"} {
		if bytes.Contains(b, []byte(w)) {
			t.Fatalf("a read holds %s", w)
		}
	}
	b = regexp.MustCompile(`>\s+<`).ReplaceAll(b, []byte("><"))
	for _, w := range []string{
		"<recipients><count>2</count><list><EmailAddress><![CDATA[a@example.com]]></EmailAddress><EmailAddress><![CDATA[b@example.com]]></EmailAddress></list></recipients>",
		"<webApps><count>", "</count><list><WebApp><id>", "<tags><included><option>", "<tagList><count>", "<list><Tag><id>5501</id><name><![CDATA[PCI]]></name></Tag>",
	} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("search lacks %q", w)
		}
	}
}

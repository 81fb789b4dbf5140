package client

import (
	"net/http"
	"testing"
	"time"
)

// A server that names a wait beyond what time.Duration holds in seconds
// (X-RateLimit-ToWait-Sec: 9223372037, Retry-After: 9223372037) asks for
// a pause far longer than MaxWait: the read gives up, it is not retried at
// once with a wait that wrapped round to a negative duration.
func TestHugeServerWaitIsNotARetryAtOnce(t *testing.T) {
	c, err := New(Config{APIURL: "http://127.0.0.1:1", GatewayURL: "http://127.0.0.1:2", Credentials: Credentials{Username: "u", Password: "p"}})
	if err != nil {
		t.Fatal(err)
	}
	read := &Request{op: "search", idempotent: true}
	h := http.Header{"X-Ratelimit-Towait-Sec": {"9223372037"}}
	resp := &response{status: http.StatusConflict, header: h, limit: parseRateLimit(h, time.Now())}
	if w, again := c.retryWait(read, resp, nil, 1); again || w < 0 {
		t.Fatalf("409 with ToWait 9223372037 s: wait %v, retry %v", w, again)
	}
	h = http.Header{"Retry-After": {"9223372037"}}
	resp = &response{status: http.StatusServiceUnavailable, header: h, limit: parseRateLimit(h, time.Now())}
	if w, again := c.retryWait(read, resp, nil, 1); again || w < 0 {
		t.Fatalf("503 with Retry-After 9223372037: wait %v, retry %v", w, again)
	}
}

// The budget a response reports belongs to its endpoint: a short name
// without ids or versions.
func TestLimitName(t *testing.T) {
	for path, want := range map[string]string{
		"/qps/rest/3.0/search/was/wasscanschedule":              "search wasscanschedule",
		"/qps/rest/3.0/get/was/wasscanschedule/1688":            "get wasscanschedule",
		"/qps/rest/3.0/deactivate/was/wasscanschedule/":         "deactivate wasscanschedule",
		"/qps/rest/2.0/search/am/hostasset":                     "search hostasset",
		"/sm/v1/scheduler/search":                               "scheduler search",
		"/sm/v1/scheduler/8834baf1-ec1f-4ba6-b41f-a46ed3e67bfb": "sm scheduler",
		"/auth": "auth",
	} {
		if got := LimitName(path); got != want {
			t.Errorf("LimitName(%q) = %q, want %q", path, got, want)
		}
	}
}

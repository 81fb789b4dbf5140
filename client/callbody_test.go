package client_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
)

func TestRedactBody(t *testing.T) {
	for in, want := range map[string]string{
		`<ServiceRequest><password>hunter2</password><name>x</name></ServiceRequest>`: `<ServiceRequest><password>REDACTED</password><name>x</name></ServiceRequest>`,
		`<Password><![CDATA[hun</ter2]]></Password>`:                                  `<Password>REDACTED</Password>`,
		`<authToken attr="1">abc</authToken>`:                                         `<authToken attr="1">REDACTED</authToken>`,
		`{"user":"a","password":"hun\"ter2","n":1}`:                                   `{"user":"a","password":"REDACTED","n":1}`,
		`{"access_token" : "abc", "tokenCount": 3}`:                                   `{"access_token" : "REDACTED", "tokenCount": 3}`,
		`username=ops&password=hunter2&token=true`:                                    `username=ops&password=REDACTED&token=REDACTED`,
		`jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here`:                  `jwt REDACTED here`,
		`Authorization: Basic ZGVtbzpkZW1v`:                                           `Authorization: Basic REDACTED`,
		`{"title":"Nightly","scheduleType":"DAILY"}`:                                  `{"title":"Nightly","scheduleType":"DAILY"}`,
		`<name>the token of trust</name>`:                                             `<name>the token of trust</name>`,
	} {
		if got := client.RedactBody(in); got != want {
			t.Errorf("RedactBody(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// Real calls: each record holds the full URL, how it was authenticated,
// the request and response bodies (bounded), and never the password or
// the token, which the login's bodies are withheld for.
func TestCallRecordsCarryRedactedBodies(t *testing.T) {
	var recs []client.CallRecord
	var mu sync.Mutex
	e := setup(t, sim.Options{WASSchedules: 1500, Username: "ops", Password: "S3cret-Pa55"}, func(c *client.Config) {
		c.Credentials = client.Credentials{Username: "ops", Password: "S3cret-Pa55"}
		c.Observer = func(r client.CallRecord) { mu.Lock(); recs = append(recs, r); mu.Unlock() }
	})
	ctx := context.Background()
	if _, err := e.c.WAS.All(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := searchScripts(ctx, e.c); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	var search, login, car *client.CallRecord
	for i := range recs {
		switch r := &recs[i]; r.Path {
		case "/qps/rest/3.0/search/was/wasscanschedule":
			search = r
		case "/auth":
			login = r
		case "/sm/v1/scheduler/search":
			car = r
		}
	}
	if search == nil || login == nil || car == nil {
		t.Fatalf("records: %+v", recs)
	}
	if search.URL != e.srv.URL+search.Path || search.Auth != client.AuthBasic || !strings.Contains(search.ContentType, "xml") ||
		!strings.Contains(search.Request.Text, "<ServiceRequest>") || search.Response.Size <= client.MaxLoggedBody ||
		!search.Response.Truncated || len(search.Response.Text) > client.MaxLoggedBody {
		t.Fatalf("search record: url %q auth %q ct %q req %d resp %d/%d truncated %v", search.URL, search.Auth, search.ContentType,
			len(search.Request.Text), len(search.Response.Text), search.Response.Size, search.Response.Truncated)
	}
	if login.Auth != client.AuthForm || login.Request.Withheld == "" || login.Response.Withheld == "" || login.Response.Text != "" {
		t.Fatalf("login record: %+v", login)
	}
	if car.Auth != client.AuthBearer || car.Response.Text == "" {
		t.Fatalf("CAR record: %+v", car)
	}
	all := fmt.Sprintf("%+v", recs)
	for _, secret := range []string{"S3cret-Pa55", "eyJ", "Bearer ey", "Basic b3Bz"} {
		if strings.Contains(all, secret) {
			t.Fatalf("a record holds %q", secret)
		}
	}
}

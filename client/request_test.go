package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

type sent struct {
	method, path string
	header       http.Header
	body         []byte
}

// recorder serves the simulator and records every request it received.
func recorder(t *testing.T) (*client.Client, func() []sent) {
	t.Helper()
	s := sim.New(sim.Options{WASSchedules: 5})
	var mu sync.Mutex
	var got []sent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, sent{r.Method, r.URL.Path, r.Header.Clone(), b})
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(b))
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	return c, func() []sent { mu.Lock(); defer mu.Unlock(); return append([]sent(nil), got...) }
}

// same fails unless the request received is byte for byte the one built.
func same(t *testing.T, got sent, want *client.Request) {
	t.Helper()
	if got.method != want.Method() || got.path != want.Path() || !bytes.Equal(got.body, want.Body()) ||
		got.header.Get("Content-Type") != want.Header().Get("Content-Type") {
		t.Fatalf("sent %s %s (%s)\n%s\nbut the request built for display is %s %s (%s)\n%s",
			got.method, got.path, got.header.Get("Content-Type"), got.body, want.Method(), want.Path(), want.Header().Get("Content-Type"), want.Body())
	}
	if want.Header().Get("Authorization") != "" {
		t.Fatal("a built request carries credentials")
	}
}

// What a dry run or a review shows is exactly what the sender sends.
func TestBuiltRequestsAreWhatIsSent(t *testing.T) {
	ctx := context.Background()
	c, got := recorder(t)

	upd := model.WasScanSchedule{Name: model.TextPtr("renamed"), SendMail: model.Ptr(true)}
	want, err := client.NewWASUpdateRequest(1688, upd)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WAS.Update(ctx, 1688, upd); err != nil {
		t.Fatal(err)
	}
	same(t, got()[0], want)

	ids := []int64{1688, 1689, 1688}
	bulk, err := client.NewWASSetActiveRequests(false, ids)
	if err != nil || len(bulk) != 1 || len(bulk[0].IDs()) != 2 {
		t.Fatalf("bulk requests %v, %v", bulk, err)
	}
	c.WAS.SetActive(ctx, false, ids, nil)
	same(t, got()[1], bulk[0])

	f, _ := model.ParseCriterion("name CONTAINS Schedule")
	byFilter, err := client.NewWASSetActiveFilterRequest(true, []model.Criterion{f})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WAS.SetActiveByFilter(ctx, true, []model.Criterion{f}); err != nil {
		t.Fatal(err)
	}
	same(t, got()[2], byFilter)

	s := seedSchedule(t, "000-weekly.json")
	create, err := client.NewScriptScheduleCreateRequest(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Scripts.CreateSchedule(ctx, s); err != nil {
		t.Fatal(err)
	}
	all := got()
	if all[3].path != "/auth" {
		t.Fatalf("expected a login before the create, got %s", all[3].path)
	}
	same(t, all[4], create)
}

func TestBuildersRefuseWhatIsNeverSent(t *testing.T) {
	if _, err := client.NewWASUpdateRequest(0, model.WasScanSchedule{SendMail: model.Ptr(true)}); err == nil {
		t.Fatal("an update without id was built (U9)")
	}
	if _, err := client.NewWASUpdateRequest(1, model.WasScanSchedule{ID: model.Ptr[int64](1)}); err == nil {
		t.Fatal("an update of a read-only element was built")
	}
	if _, err := client.NewWASSetActiveFilterRequest(true, nil); err == nil {
		t.Fatal("a bulk action without filter was built")
	}
}

// Do sends only requests made by a builder, to the service they are for.
func TestDoRefusesForeignRequests(t *testing.T) {
	c, got := recorder(t)
	ctx := context.Background()
	if _, err := c.WAS.Do(ctx, &client.Request{}); err == nil {
		t.Fatal("a hand-made request was sent")
	}
	if _, err := c.Scripts.Do(ctx, &client.Request{}); err == nil {
		t.Fatal("a hand-made request was sent to the gateway")
	}
	create, _ := client.NewScriptScheduleCreateRequest(seedSchedule(t, "000-weekly.json"))
	if _, err := c.WAS.Do(ctx, create); err == nil {
		t.Fatal("a gateway request went to the API server")
	}
	upd, _ := client.NewWASUpdateRequest(1688, model.WasScanSchedule{SendMail: model.Ptr(true)})
	if _, err := c.Scripts.Do(ctx, upd); err == nil {
		t.Fatal("an API server request went to the gateway")
	}
	if n := len(got()); n != 0 {
		t.Fatalf("%d requests reached the server", n)
	}
}

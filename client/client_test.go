package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

type env struct {
	sim *sim.Server
	srv *httptest.Server
	c   *client.Client
}

func setup(t *testing.T, o sim.Options, mod func(*client.Config)) *env {
	t.Helper()
	s := sim.New(o)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	cfg := client.Config{
		APIURL: srv.URL, GatewayURL: srv.URL,
		Credentials: client.Credentials{Username: "demo", Password: "demo"},
		MinBackoff:  10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{sim: s, srv: srv, c: c}
}

func (e *env) calls(pattern string) int { return e.sim.Stats().Requests[pattern] }

const (
	searchEP     = "POST /qps/rest/3.0/search/was/wasscanschedule"
	deactivateEP = "POST /qps/rest/3.0/deactivate/was/wasscanschedule"
	createEP     = "POST /sm/v1/scripts/scheduler"
)

func TestSearchAllPages(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 250}, nil)
	var pages, total int
	var last int64
	for p, err := range e.c.WAS.Pages(context.Background(), nil, 100) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, s := range p.Schedules {
			if s.IDValue() <= last {
				t.Fatal("ids not ascending across pages")
			}
			last = s.IDValue()
			total++
		}
	}
	if pages != 3 || total != 250 || e.calls(searchEP) != 3 {
		t.Fatalf("pages %d, schedules %d, requests %d; want 3, 250, 3", pages, total, e.calls(searchEP))
	}
	// With a filter, every page keeps it.
	c, _ := model.ParseCriterion("type EQUALS DISCOVERY")
	all, err := e.c.WAS.All(context.Background(), []model.Criterion{c})
	n, _ := e.c.WAS.Count(context.Background(), []model.Criterion{c})
	if err != nil || len(all) != n || n == 0 {
		t.Fatalf("filtered search: %d schedules, count %d, %v", len(all), n, err)
	}
	for _, s := range all {
		if s.TypeValue() != "DISCOVERY" {
			t.Fatalf("filter lost on a later page: %d is %s", s.IDValue(), s.TypeValue())
		}
	}
}

// A server whose pages do not advance gets an error, not an endless loop.
func TestSearchStopsWhenPagingDoesNotAdvance(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		fmt.Fprint(w, `<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count><hasMoreRecords>true</hasMoreRecords><lastId>5</lastId><data><WasScanSchedule><id>5</id></WasScanSchedule></data></ServiceResponse>`)
	}))
	defer srv.Close()
	c, _ := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "u", Password: "p"}})
	_, err := c.WAS.All(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "did not advance") || n.Load() != 2 {
		t.Fatalf("err %v after %d requests", err, n.Load())
	}
}

func TestBulkDeactivateChunks(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 10000}, nil)
	var ids []int64
	for _, s := range e.sim.WASSchedules() {
		ids = append(ids, s.IDValue())
	}
	var progress []int
	res := e.c.WAS.SetActive(context.Background(), false, append(ids, ids[0]), func(done, total int) {
		progress = append(progress, done)
	})
	if res.Requests != 10 || e.calls(deactivateEP) != 10 {
		t.Fatalf("%d requests (sim saw %d), want 10", res.Requests, e.calls(deactivateEP))
	}
	if len(res.Succeeded()) != 10000 || len(problems(res)) != 0 || len(progress) != 10 || progress[9] != 10000 {
		t.Fatalf("succeeded %d, problems %d, progress %v", len(res.Succeeded()), len(problems(res)), progress)
	}
	for _, s := range e.sim.WASSchedules() {
		if s.IsActive() {
			t.Fatalf("%d still active", s.IDValue())
		}
	}
}

func TestBulkPartialFailure(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 2500}, nil)
	e.sim.AddFault(sim.Fault{Endpoint: deactivateEP, Calls: []int{2}, Status: 500})
	var ids []int64
	for _, s := range e.sim.WASSchedules() {
		ids = append(ids, s.IDValue())
	}
	ids = append(ids, 99) // unknown
	res := e.c.WAS.SetActive(context.Background(), false, ids, nil)
	var failed, notAffected int
	for _, it := range problems(res) {
		switch it.Status {
		case client.Failed:
			failed++
			if it.Err == nil {
				t.Fatal("failed item without error")
			}
		case client.NotAffected:
			notAffected++
		}
	}
	if res.Requests != 3 || len(res.Items) != len(ids) || failed != 1000 || notAffected != 1 || len(res.Succeeded()) != 1500 {
		t.Fatalf("requests %d items %d failed %d notAffected %d ok %d", res.Requests, len(res.Items), failed, notAffected, len(res.Succeeded()))
	}
	// The simulator agrees: exactly the failed chunk is still active (where it was).
	for _, it := range res.Items {
		s, ok := e.sim.WASSchedule(it.ID)
		if it.Status == client.Done && s.IsActive() || !ok && it.ID != 99 {
			t.Fatalf("%d: %v but active=%v", it.ID, it.Status, s.IsActive())
		}
	}
}

func TestRetry409WithToWait(t *testing.T) {
	var waits []time.Duration
	e := setup(t, sim.Options{WASSchedules: 5}, func(c *client.Config) {
		c.OnWait = func(_ string, d time.Duration) { waits = append(waits, d) }
	})
	e.sim.AddFault(sim.Fault{Endpoint: searchEP, Calls: []int{1}, Status: 409, ToWait: 1})
	start := time.Now()
	all, err := e.c.WAS.All(context.Background(), nil)
	if err != nil || len(all) != 5 || e.calls(searchEP) != 2 {
		t.Fatalf("err %v, %d schedules, %d requests", err, len(all), e.calls(searchEP))
	}
	if len(waits) != 1 || waits[0] != time.Second || time.Since(start) < time.Second {
		t.Fatalf("waited %v (took %v), want the server's 1 s", waits, time.Since(start))
	}
}

func TestRetry409WithoutToWaitBacksOff(t *testing.T) {
	var waits []time.Duration
	e := setup(t, sim.Options{WASSchedules: 5}, func(c *client.Config) {
		c.OnWait = func(_ string, d time.Duration) { waits = append(waits, d) }
	})
	e.sim.AddFault(sim.Fault{Endpoint: "GET /qps/rest/3.0/get/was/wasscanschedule/{id}", Calls: []int{1, 2}, Status: 409, ToWait: -1})
	if _, err := e.c.WAS.Get(context.Background(), 1688); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 2 || waits[0] < 10*time.Millisecond || waits[1] > 50*time.Millisecond {
		t.Fatalf("backoff waits %v, want bounded 10–50 ms (a missing header is not zero)", waits)
	}
	// Retries are bounded.
	e.sim.AddFault(sim.Fault{Endpoint: "POST /qps/rest/3.0/count/was/wasscanschedule", Status: 409, ToWait: -1})
	_, err := e.c.WAS.Count(context.Background(), nil)
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Status != 409 || !ce.Retryable || !errors.Is(err, client.ErrRateLimited) || errors.Is(err, client.ErrNotFound) || e.calls("POST /qps/rest/3.0/count/was/wasscanschedule") != 4 {
		t.Fatalf("count: %v after %d requests", err, e.calls("POST /qps/rest/3.0/count/was/wasscanschedule"))
	}
}

func TestWritesAreNeverRetried(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5}, nil)
	e.sim.AddFault(sim.Fault{Status: 409, ToWait: 0})
	upd := model.WasScanSchedule{SendMail: model.Ptr(true)}
	if err := e.c.WAS.Update(context.Background(), 1688, upd); err == nil {
		t.Fatal("update succeeded through a 409")
	}
	st := e.sim.Stats().Requests
	if st["POST /qps/rest/3.0/update/was/wasscanschedule/{id}"] != 1 {
		t.Fatalf("writes retried: %v", st)
	}
	e.sim.ClearFaults()
	e.sim.AddFault(sim.Fault{Endpoint: createEP, Status: 429, ToWait: 0})
	_, err := e.c.Scripts.CreateSchedule(context.Background(), seedSchedule(t, "000-weekly.json"))
	if err == nil || e.calls(createEP) != 1 {
		t.Fatalf("create: %v after %d requests", err, e.calls(createEP))
	}
}

func TestWAS401StopsEverything(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5}, func(c *client.Config) { c.Credentials.Password = "s3cret-wrong" })
	_, err := e.c.WAS.Count(context.Background(), nil)
	if !errors.Is(err, client.ErrAuth) || strings.Contains(err.Error(), "s3cret-wrong") {
		t.Fatalf("first call: %v", err)
	}
	_, err2 := e.c.WAS.Get(context.Background(), 1688)
	_, err3 := e.c.Scripts.FindByTitle(context.Background(), "x")
	if !errors.Is(err2, client.ErrAuthStopped) || !errors.Is(err3, client.ErrAuthStopped) || !errors.Is(err2, client.ErrAuth) {
		t.Fatalf("later calls: %v / %v", err2, err3)
	}
	if st := e.sim.Stats(); st.Total != 1 {
		t.Fatalf("%d requests sent, want 1: %v", st.Total, st.Requests)
	}
}

func TestGatewayBadLoginOneAttempt(t *testing.T) {
	e := setup(t, sim.Options{}, func(c *client.Config) { c.Credentials.Password = "wrong" })
	for range 3 {
		_, err := e.c.Scripts.CreateSchedule(context.Background(), seedSchedule(t, "000-daily.json"))
		if !errors.Is(err, client.ErrAuth) {
			t.Fatalf("want an auth error, got %v", err)
		}
	}
	if n := e.calls("POST /auth"); n != 1 {
		t.Fatalf("%d login attempts, want exactly 1", n)
	}
}

func seedSchedule(t *testing.T, name string) model.ScriptSchedule {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", "filled", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.DecodeScriptSchedule(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCreateAndDuplicateTitle(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: -1}, nil)
	ctx := context.Background()
	s := seedSchedule(t, "000-weekly.json")
	id, err := e.c.Scripts.CreateSchedule(ctx, s)
	if err != nil || !model.ValidUUID(id) {
		t.Fatalf("create: %q %v", id, err)
	}
	_, err = e.c.Scripts.CreateSchedule(ctx, s)
	if !errors.Is(err, client.ErrDuplicateTitle) || !strings.Contains(err.Error(), "Scheduler with the same title already exists: Seed weekly schedule") {
		t.Fatalf("duplicate: %v", err)
	}
	found, err := e.c.Scripts.FindByTitle(ctx, "seed weekly SCHEDULE")
	if err != nil || len(found) != 1 || found[0].ID != id {
		t.Fatalf("find by title: %+v %v", found, err)
	}
	// Invalid input is refused before anything is sent.
	before := e.sim.Stats().Total
	bad := s
	bad.Title, bad.DaysOfWeek = "", nil
	_, err = e.c.Scripts.CreateSchedule(ctx, bad)
	var ve model.ValidationErrors
	if !errors.As(err, &ve) || len(ve) != 2 || e.sim.Stats().Total != before {
		t.Fatalf("invalid create: %v (requests %d→%d)", err, before, e.sim.Stats().Total)
	}
	if e.calls("POST /auth") != 1 {
		t.Fatalf("logged in %d times", e.calls("POST /auth"))
	}
}

func TestTokenRefreshAndExpiry(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	e := setup(t, sim.Options{WASSchedules: -1, Now: clock, TokenTTL: 4 * time.Hour}, func(c *client.Config) { c.Now = clock })
	ctx := context.Background()
	search := func() {
		t.Helper()
		if err := searchScripts(ctx, e.c); err != nil {
			t.Fatal(err)
		}
	}
	search()
	advance(3 * time.Hour)
	search()
	if n := e.calls("POST /auth"); n != 1 {
		t.Fatalf("re-logged in early: %d", n)
	}
	advance(52 * time.Minute) // 3 h 52: inside the 10-minute refresh margin
	search()
	if n := e.calls("POST /auth"); n != 2 {
		t.Fatalf("no proactive refresh: %d logins", n)
	}
	// A one-minute token is renewed from its exp claim before it lapses.
	e2 := setup(t, sim.Options{WASSchedules: -1, Now: clock, TokenTTL: time.Minute}, func(c *client.Config) { c.Now = clock })
	if err := searchScripts(ctx, e2.c); err != nil {
		t.Fatal(err)
	}
	advance(2 * time.Minute)
	if err := searchScripts(ctx, e2.c); err != nil {
		t.Fatalf("expired token not renewed: %v", err)
	}
	if n := e2.calls("POST /auth"); n != 2 {
		t.Fatalf("%d logins, want 2", n)
	}
}

// A write sent after the operator looked at a confirmation for longer than
// the token lives goes out with a new token: it is not refused with a 401
// (which a write is never replayed after).
func TestShortLivedTokenIsRenewedBeforeAWrite(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := setup(t, sim.Options{WASSchedules: -1, Now: clock, TokenTTL: 5 * time.Second}, func(c *client.Config) { c.Now = clock })
	ctx := context.Background()
	if err := searchScripts(ctx, e.c); err != nil {
		t.Fatal(err)
	}
	for _, wait := range []time.Duration{7 * time.Second, 4500 * time.Millisecond} {
		mu.Lock()
		now = now.Add(wait)
		mu.Unlock()
		s := seedSchedule(t, "000-weekly.json")
		s.Title += " " + wait.String()
		if _, err := e.c.Scripts.CreateSchedule(ctx, s); err != nil {
			t.Fatalf("create %s after the login: %v", wait, err)
		}
	}
	if n, c := e.calls("POST /auth"), e.calls("POST /sm/v1/scripts/scheduler"); n != 3 || c != 2 {
		t.Fatalf("%d logins and %d creates, want 3 and 2", n, c)
	}
}

func TestHTMLBodyIsDescribedNotDumped(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5}, nil)
	e.sim.AddFault(sim.Fault{Endpoint: "POST /qps/rest/3.0/update/was/wasscanschedule/{id}", Status: 503})
	err := e.c.WAS.Update(context.Background(), 1688, model.WasScanSchedule{SendMail: model.Ptr(true)})
	if err == nil || !strings.Contains(err.Error(), "HTTP 503 with an HTML page") || strings.Contains(err.Error(), "<html") {
		t.Fatalf("got %v", err)
	}
}

func TestQPSErrorsAreTyped(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5}, nil)
	_, err := e.c.WAS.Get(context.Background(), 42)
	if !errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrDuplicateTitle) || errors.Is(err, client.ErrAuth) || !strings.Contains(err.Error(), "not found or is not in your scope") {
		t.Fatalf("get unknown: %v", err)
	}
	err = e.c.WAS.Update(context.Background(), 1688, model.WasScanSchedule{Notification: &model.WASNotification{Recipients: model.SetRecipients([]string{"nope"})}})
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Code != "INVALID_REQUEST" || ce.Status != 200 || ce.Retryable {
		t.Fatalf("invalid update: %#v", err)
	}
	// A criterion that breaks the operator rules never leaves the client.
	before := e.sim.Stats().Total
	_, err = e.c.WAS.Count(context.Background(), []model.Criterion{{Field: "name", Operator: model.OpGreater, Value: "x"}})
	if err == nil || e.sim.Stats().Total != before {
		t.Fatalf("bad criterion: %v, sent %d", err, e.sim.Stats().Total-before)
	}
}

func TestAtMostTwoInFlightPerHost(t *testing.T) {
	var cur, peak atomic.Int32
	s := sim.New(sim.Options{WASSchedules: 5})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		s.ServeHTTP(w, r)
		cur.Add(-1)
	}))
	defer srv.Close()
	c, _ := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { _, _ = c.WAS.Count(context.Background(), nil) })
	}
	wg.Wait()
	if peak.Load() != 2 {
		t.Fatalf("peak in flight %d, want 2", peak.Load())
	}
}

func TestContextCancellation(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5, Latency: 5 * time.Second}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := e.c.WAS.Count(ctx, nil)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	// Cancelled while waiting on a rate limit.
	e2 := setup(t, sim.Options{WASSchedules: 5}, nil)
	e2.sim.AddFault(sim.Fault{Status: 409, ToWait: 60})
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := e2.c.WAS.Count(ctx2, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wait not cancelled: %v", err)
	}
}

func TestRateLimitStateAndObserver(t *testing.T) {
	var recs []client.CallRecord
	var mu sync.Mutex
	e := setup(t, sim.Options{WASSchedules: 5, RateLimit: 50}, func(c *client.Config) {
		c.Observer = func(r client.CallRecord) { mu.Lock(); recs = append(recs, r); mu.Unlock() }
	})
	_, _ = e.c.WAS.Count(context.Background(), nil)
	_ = searchScripts(context.Background(), e.c) // logs in, then searches
	rl := e.c.RateLimit()
	if rl.Limit != 50 || rl.Remaining != 49 || rl.ConcurrencyLimit != 10 || rl.ConcurrencyRunning != 1 {
		t.Fatalf("rate limit state (gateway spelling X-ConcurrencyLimit-*): %+v", rl)
	}
	if len(recs) != 3 || recs[0].Path != "/qps/rest/3.0/count/was/wasscanschedule" || recs[0].Status != 200 || recs[1].Path != "/auth" || recs[1].Status != 201 {
		t.Fatalf("records: %+v", recs)
	}
	// The API log shows the Qualys code of each answer, and nothing of a token.
	if recs[0].Code != "SUCCESS" || recs[1].Code != "" || recs[2].Code != "" { // search answers errorCode null
		t.Fatalf("codes: %q %q %q", recs[0].Code, recs[1].Code, recs[2].Code)
	}
	_, _ = e.c.WAS.Get(context.Background(), 99999999)
	if last := recs[len(recs)-1]; last.Code != model.NotFoundCode {
		t.Fatalf("not-found code: %+v", last)
	}
	if s := fmt.Sprintf("%v %+v %#v", recs, recs, e.c.Config().Credentials); strings.Contains(s, "demo:demo") || strings.Contains(s, "Password") && strings.Contains(s, `"demo"`) {
		t.Fatalf("credentials leak into records or formatting: %s", s)
	}
}

func TestCredentialsNeverPrinted(t *testing.T) {
	c := client.Credentials{Username: "ops", Password: "hunter2"}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c)} {
		if strings.Contains(s, "hunter2") {
			t.Fatalf("password printed: %s", s)
		}
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	e := setup(t, sim.Options{WASSchedules: 5}, func(c *client.Config) { c.ReadOnly = true })
	if err := e.c.WAS.Update(context.Background(), 1688, model.WasScanSchedule{SendMail: model.Ptr(true)}); !errors.Is(err, client.ErrReadOnly) {
		t.Fatalf("update: %v", err)
	}
	res := e.c.WAS.SetActive(context.Background(), false, []int64{1688}, nil)
	if len(problems(res)) != 1 || !errors.Is(problems(res)[0].Err, client.ErrReadOnly) || res.Requests != 0 {
		t.Fatalf("bulk: %+v", res)
	}
	if e.sim.Stats().Total != 0 {
		t.Fatal("a write was sent in read-only mode")
	}
}

// An error code without a message still says more than the code: the
// HTTP status and that the server sent no text, on one line.
func TestErrorCodeWithoutMessage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, "<ServiceResponse><responseCode>OTHER_ERROR</responseCode></ServiceResponse>")
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "u", Password: "p"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WAS.Count(context.Background(), nil)
	if err == nil || err.Error() != "count WAS schedules: OTHER_ERROR (HTTP 400; the server sent no error message)" {
		t.Fatalf("got %v", err)
	}
}

// Server text reaches the caller verbatim: package client neither deletes
// nor rewrites escape sequences in error messages (showing them is the job
// of ui/safe wherever an error is printed or rendered).
func TestServerErrorTextIsKeptVerbatim(t *testing.T) {
	const carMessage = "title \x1b]52;c;aGk=\x07 taken \u009b2J\ttab"
	const qpsMessage, qpsResolution = "bad \u009b2J\u202e name", "fix\u009d8;;http://e\u009c it"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/auth":
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, "token")
		case "/sm/v1/scheduler/search":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"errorCode":"CODE\u001b[31m","message":"title \u001b]52;c;aGk=\u0007 taken \u009b2J\ttab"}`)
		default:
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, "<ServiceResponse><responseCode>INVALID_REQUEST</responseCode><responseErrorDetails><errorMessage>"+qpsMessage+
				"</errorMessage><errorResolution>"+qpsResolution+"</errorResolution></responseErrorDetails></ServiceResponse>")
		}
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "u", Password: "p"}})
	if err != nil {
		t.Fatal(err)
	}
	var ce *client.Error
	err = searchScripts(context.Background(), c)
	if !errors.As(err, &ce) || ce.Message != carMessage || ce.Code != `CODE\u001b[31m` {
		t.Fatalf("CAR error: %#v", err)
	}
	if !strings.Contains(err.Error(), carMessage) {
		t.Fatalf("Error() = %q, want the message verbatim", err.Error())
	}
	_, err = c.WAS.Get(context.Background(), 7)
	if !errors.As(err, &ce) || ce.Message != qpsMessage || ce.Resolution != qpsResolution || ce.Code != "INVALID_REQUEST" {
		t.Fatalf("QPS error: %#v", err)
	}
	if !strings.Contains(err.Error(), qpsMessage) || !strings.Contains(err.Error(), qpsResolution) {
		t.Fatalf("Error() = %q, want message and resolution verbatim", err.Error())
	}
}

func TestResolvePlatform(t *testing.T) {
	resolve := func(key, apiURL, gatewayURL string) (client.Platform, error) {
		env := map[string]string{"QUALYS_USERNAME": "u", "QUALYS_PASSWORD": "p"}
		s, err := client.ResolveSettings(client.ProfileFile{}, client.Overrides{Platform: key, APIURL: apiURL, GatewayURL: gatewayURL}, func(k string) string { return env[k] })
		return s.Platform, err
	}
	p, err := resolve("eu2", "", "")
	if err != nil || p.APIURL != "https://qualysapi.qg2.apps.qualys.eu" || p.GatewayURL != "https://gateway.qg2.apps.qualys.eu" {
		t.Fatalf("%+v %v", p, err)
	}
	p, _ = resolve("US1", "https://qualysapi.example.internal/", "")
	if p.APIURL != "https://qualysapi.example.internal" || p.GatewayURL != "https://gateway.qg1.apps.qualys.com" {
		t.Fatalf("override: %+v", p)
	}
	if _, err := resolve("MARS1", "", ""); err == nil || !strings.Contains(err.Error(), "unknown platform") {
		t.Fatal(err)
	}
	if _, err := resolve("", "", ""); err == nil || !strings.Contains(err.Error(), "QUALYS_PLATFORM") {
		t.Fatal(err)
	}
}

// problems returns the items of a bulk result that were not affected or
// failed.
func problems(r client.BulkResult) []client.BulkItem {
	var out []client.BulkItem
	for _, it := range r.Items {
		if it.Status != client.Done {
			out = append(out, it)
		}
	}
	return out
}

// searchScripts reads every script schedule and returns the first error.
func searchScripts(ctx context.Context, c *client.Client) error {
	for _, err := range c.Scripts.Schedules(ctx, "") {
		if err != nil {
			return err
		}
	}
	return nil
}

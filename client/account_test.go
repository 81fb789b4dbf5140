package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
)

// sharedEnv is a simulator and n Clients sharing one Account.
func sharedEnv(t *testing.T, o sim.Options, password string, n int) (*sim.Server, *client.Account, []*client.Client) {
	t.Helper()
	s := sim.New(o)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	var accounts client.Accounts
	a, err := accounts.Get(client.AccountConfig{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: password}})
	if err != nil {
		t.Fatal(err)
	}
	cs := make([]*client.Client, n)
	for i := range cs {
		if cs[i], err = client.New(client.Config{Account: a}); err != nil {
			t.Fatal(err)
		}
	}
	return s, a, cs
}

// startTogether runs every fn at once and returns their errors.
func startTogether(fns []func() error) []error {
	errs := make([]error, len(fns))
	var ready, wg sync.WaitGroup
	start := make(chan struct{})
	for i, fn := range fns {
		ready.Add(1)
		wg.Go(func() {
			ready.Done()
			<-start
			errs[i] = fn()
		})
	}
	ready.Wait()
	close(start)
	wg.Wait()
	return errs
}

// What a TUI does on start (count, search, CAR search), in two sessions.
func startupCalls(cs []*client.Client) []func() error {
	ctx := context.Background()
	var fns []func() error
	for _, c := range cs {
		fns = append(fns,
			func() error { _, err := c.WAS.Count(ctx, nil); return err },
			func() error { _, err := c.WAS.All(ctx, nil); return err },
			func() error { return searchScripts(ctx, c) })
	}
	return fns
}

// A wrong password, six calls at once from two Clients of one Account:
// exactly one request reaches the server, its 401 stops everything, and
// the other calls fail without sending. A new password lifts the stop.
func TestWrongPasswordOneFailedLoginAcrossClients(t *testing.T) {
	const wrong = "s3cret-wrong"
	s, a, cs := sharedEnv(t, sim.Options{WASSchedules: 5, Latency: 50 * time.Millisecond}, wrong, 2)
	errs := startTogether(startupCalls(cs))
	var rejected, stopped int
	for i, err := range errs {
		var ae *client.AuthError
		switch {
		case errors.Is(err, client.ErrAuthStopped):
			stopped++
		case errors.As(err, &ae):
			rejected++
		default:
			t.Errorf("call %d: want an authentication error, got %v", i, err)
		}
		if err != nil && strings.Contains(err.Error(), wrong) {
			t.Errorf("call %d: the password is in the error: %v", i, err)
		}
	}
	st := s.Stats()
	if st.FailedLogins != 1 || st.Total != 1 || rejected != 1 || stopped != 5 {
		t.Fatalf("%d failed logins in %d requests (%v); %d rejected, %d stopped; want 1, 1, 1, 5", st.FailedLogins, st.Total, st.Requests, rejected, stopped)
	}
	if !a.Stopped() {
		t.Fatal("the account is not stopped")
	}
	// Later calls from any client send nothing.
	if _, err := cs[1].WAS.Get(context.Background(), 1); !errors.Is(err, client.ErrAuthStopped) || s.Stats().Total != 1 {
		t.Fatalf("after the stop: %v, %d requests", err, s.Stats().Total)
	}

	logins := s.Stats().Requests["POST /auth"] // 0 or 1: the failed one may have been the login
	if err := a.SetPassword("demo"); err != nil {
		t.Fatal(err)
	}
	for i, err := range startTogether(startupCalls(cs)) {
		if err != nil {
			t.Fatalf("call %d after SetPassword: %v", i, err)
		}
	}
	st = s.Stats()
	if a.Stopped() || st.FailedLogins != 1 || st.Requests["POST /auth"]-logins != 1 {
		t.Fatalf("after SetPassword: stopped %v, %d failed logins, %d logins", a.Stopped(), st.FailedLogins, st.Requests["POST /auth"]-logins)
	}
	if got := cs[0].Config().Credentials; got.Password != "demo" {
		t.Fatalf("Config shows old credentials: %q", got.Password)
	}
}

// Right credentials are proven by one call before the others are sent:
// the first request is alone on the wire and the rest arrive only after it
// was answered.
func TestFirstCallAloneUntilCredentialsProven(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 5, Latency: 40 * time.Millisecond})
	var mu sync.Mutex
	var arrivals []string
	inFlight, firstDone := 0, false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := len(arrivals) == 0
		arrivals = append(arrivals, fmt.Sprintf("%s in flight %d, first answered %v", r.URL.Path, inFlight, firstDone))
		inFlight++
		mu.Unlock()
		s.ServeHTTP(w, r)
		mu.Lock()
		inFlight--
		firstDone = firstDone || first
		mu.Unlock()
	}))
	defer srv.Close()
	var accounts client.Accounts
	a, err := accounts.Get(client.AccountConfig{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	var cs []*client.Client
	for range 2 {
		c, err := client.New(client.Config{Account: a})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	for i, err := range startTogether(startupCalls(cs)) {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.HasSuffix(arrivals[0], "in flight 0, first answered false") {
		t.Fatalf("first request: %s", arrivals[0])
	}
	for _, a := range arrivals[1:] {
		if !strings.HasSuffix(a, "first answered true") {
			t.Fatalf("sent before the credentials were proven: %s\n%s", a, strings.Join(arrivals, "\n"))
		}
	}
}

// Twenty sessions loading WAS pages and CAR schedules at once: never more
// than two calls in flight for the account, and one gateway login.
func TestTwentyClientsShareTwoSlotsAndOneLogin(t *testing.T) {
	s, _, cs := sharedEnv(t, sim.Options{WASSchedules: 250, Latency: 5 * time.Millisecond}, "demo", 20)
	ctx := context.Background()
	var fns []func() error
	for _, c := range cs {
		fns = append(fns, func() error {
			n, err := c.WAS.Count(ctx, nil)
			if err != nil {
				return err
			}
			got := 0
			for p, err := range c.WAS.Pages(ctx, nil, 100) {
				if err != nil {
					return err
				}
				got += len(p.Schedules)
			}
			if got != n {
				return fmt.Errorf("%d schedules in pages, count %d", got, n)
			}
			return searchScripts(ctx, c)
		})
	}
	for i, err := range startTogether(fns) {
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
	}
	st := s.Stats()
	// 20 × (count + 3 pages + CAR search) + one login.
	if st.Total != 101 || st.Requests["POST /auth"] != 1 {
		t.Fatalf("%d requests, %d logins; want 101, 1: %v", st.Total, st.Requests["POST /auth"], st.Requests)
	}
	// At most two at once, and two were used (the guard is a limit, not a
	// queue of one).
	if st.MaxInFlight != 2 {
		t.Fatalf("max in flight %d, want 2", st.MaxInFlight)
	}
	if rl0, rl19 := cs[0].RateLimit(), cs[19].RateLimit(); !rl0.Known() || rl0 != rl19 {
		t.Fatalf("rate-limit state not shared: %+v / %+v", rl0, rl19)
	}
}

// A 401 while calls wait for a slot: the waiting calls are not sent.
func TestStopCatchesQueuedCalls(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 5})
	var reject atomic.Bool
	var refused atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if reject.Load() { // the password was changed on the platform
			time.Sleep(50 * time.Millisecond)
			refused.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		s.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WAS.Count(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	reject.Store(true)
	var fns []func() error
	for range 8 {
		fns = append(fns, func() error { _, err := c.WAS.Count(context.Background(), nil); return err })
	}
	stopped := 0
	for _, err := range startTogether(fns) {
		if !errors.Is(err, client.ErrAuth) {
			t.Fatalf("want an authentication error, got %v", err)
		}
		if errors.Is(err, client.ErrAuthStopped) {
			stopped++
		}
	}
	// Two were on the wire when the first 401 came; the rest waited.
	if n := refused.Load(); n > 2 || stopped != 8-int(n) {
		t.Fatalf("%d requests refused by the server, %d stopped before sending", n, stopped)
	}
}

func TestAccountsRegistry(t *testing.T) {
	var accounts client.Accounts
	cfg := client.AccountConfig{APIURL: "https://qualysapi.qualys.eu", GatewayURL: "https://gateway.qg1.apps.qualys.eu", Credentials: client.Credentials{Username: "acme-ab1", Password: "pa55-word"}}
	a, err := accounts.Get(cfg)
	if err != nil {
		t.Fatal(err)
	}
	same := cfg
	same.APIURL, same.GatewayURL = "HTTPS://QualysAPI.qualys.eu/", "https://gateway.qg1.apps.qualys.eu/"
	if b, err := accounts.Get(same); err != nil || b != a {
		t.Fatalf("same user and hosts: %p %v, want %p", b, err, a)
	}
	other := cfg
	other.GatewayURL = "https://gateway.qg2.apps.qualys.eu"
	if b, err := accounts.Get(other); err != nil || b == a {
		t.Fatalf("another gateway shares the account: %v", err)
	}
	other = cfg
	other.Credentials.Username = "acme-ab2"
	if b, err := accounts.Get(other); err != nil || b == a {
		t.Fatalf("another user shares the account: %v", err)
	}
	other = cfg
	other.Credentials.Password = "guess"
	if _, err := accounts.Get(other); err == nil || strings.Contains(err.Error(), "pa55-word") || strings.Contains(err.Error(), "guess") {
		t.Fatalf("another password: %v", err)
	}
	// A Client takes URLs and credentials from its Account, and refuses others.
	c, err := client.New(client.Config{Account: a})
	if err != nil || c.Account() != a || c.Config().APIURL != cfg.APIURL || c.Config().Credentials != cfg.Credentials {
		t.Fatalf("client of the account: %v %+v", err, c.Config())
	}
	if _, err := client.New(client.Config{Account: a, APIURL: "https://qualysapi.qualys.com"}); err == nil {
		t.Fatal("a client on another API server got the account")
	}
	if _, err := client.New(client.Config{Account: a, Credentials: client.Credentials{Username: "acme-ab1", Password: "x"}}); err == nil || strings.Contains(err.Error(), "pa55-word") {
		t.Fatalf("a client with another password: %v", err)
	}
	// The password never shows when the account or a config is printed.
	if s := fmt.Sprintf("%v %+v %#v %v %+v %#v %s", a, a, a, c.Config(), c.Config(), c.Config(), a); strings.Contains(s, "pa55-word") {
		t.Fatalf("password printed: %s", s)
	}
	if err := a.SetPassword(""); err == nil {
		t.Fatal("an empty password was accepted")
	}
}

// An account built with PasswordLater sends nothing, on either host, until
// the password is set; the registry hands it to later sessions that have
// no password either; without PasswordLater an empty password is refused.
func TestAccountWithoutPasswordSendsNothing(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 3})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	cfg := client.AccountConfig{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo"}}
	var accounts client.Accounts
	if _, err := accounts.Get(cfg); err == nil {
		t.Fatal("an empty password was accepted without PasswordLater")
	}
	cfg.PasswordLater = true
	a, err := accounts.Get(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !a.NeedsPassword() || a.Stopped() {
		t.Fatalf("needs password %v, stopped %v", a.NeedsPassword(), a.Stopped())
	}
	c, err := client.New(client.Config{Account: a})
	if err != nil {
		t.Fatal(err)
	}
	for i, err := range startTogether(startupCalls([]*client.Client{c})) {
		if !errors.Is(err, client.ErrNoPassword) {
			t.Errorf("call %d: %v, want ErrNoPassword", i, err)
		}
	}
	if st := s.Stats(); st.Total != 0 {
		t.Fatalf("%d requests sent without a password: %v", st.Total, st.Requests)
	}
	if b, err := accounts.Get(cfg); err != nil || b != a {
		t.Fatalf("a second session without a password: %p %v, want %p", b, err, a)
	}
	if err := a.SetPassword("demo"); err != nil {
		t.Fatal(err)
	}
	if a.NeedsPassword() {
		t.Fatal("still needs a password after SetPassword")
	}
	if _, err := c.WAS.Count(context.Background(), nil); err != nil {
		t.Fatalf("after SetPassword: %v", err)
	}
	if b, err := accounts.Get(cfg); err != nil || b != a {
		t.Fatalf("a session without a password after SetPassword: %p %v, want %p", b, err, a)
	}
}

// SignIn (qsched serve --per-user-login): the same user and password share
// one Account and send nothing; another user gets another Account; a
// different password for an existing Account is never judged against
// memory alone: it costs one real login, which the server counts, and a
// refusal leaves the shared Account working.
func TestAccountsSignIn(t *testing.T) {
	s := sim.New(sim.Options{})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	var accounts client.Accounts
	ctx := context.Background()
	cfg := func(user, pw string) client.AccountConfig {
		return client.AccountConfig{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: user, Password: pw}}
	}
	a, err := accounts.SignIn(ctx, cfg("demo", "old"), client.Config{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := accounts.SignIn(ctx, cfg("demo", "old"), client.Config{})
	if err != nil || again != a {
		t.Fatalf("same user and password: %v, same account %v", err, again == a)
	}
	other, err := accounts.SignIn(ctx, cfg("bob", "x"), client.Config{})
	if err != nil || other == a {
		t.Fatalf("another user: %v, same account %v", err, other == a)
	}
	if st := s.Stats(); st.Total != 0 {
		t.Fatalf("%d requests before any call", st.Total)
	}

	// "old" is not the server's password, but the Account has not sent
	// anything: "demo" typed by another session is checked by one call
	// and, accepted, replaces it.
	got, err := accounts.SignIn(ctx, cfg("demo", "demo"), client.Config{})
	if err != nil || got != a {
		t.Fatalf("the server's password: %v, same account %v", err, got == a)
	}
	if st := s.Stats(); st.Total != 1 || st.FailedLogins != 0 {
		t.Fatalf("check: %d requests, %d failed logins; want 1, 0", st.Total, st.FailedLogins)
	}
	c, err := client.New(client.Config{Account: a})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WAS.Count(ctx, nil); err != nil {
		t.Fatalf("the shared account does not work with the new password: %v", err)
	}

	// A wrong guess: one real failed login, refused, the account unharmed.
	_, err = accounts.SignIn(ctx, cfg("demo", "guess"), client.Config{})
	if !errors.Is(err, client.ErrPasswordRefused) || !errors.Is(err, client.ErrAuth) || strings.Contains(err.Error(), "guess") {
		t.Fatalf("wrong password: %v", err)
	}
	if st := s.Stats(); st.FailedLogins != 1 {
		t.Fatalf("%d failed logins, want 1", st.FailedLogins)
	}
	if a.Stopped() {
		t.Fatal("a wrong guess stopped the shared account")
	}
	if _, err := c.WAS.Count(ctx, nil); err != nil {
		t.Fatalf("after a wrong guess: %v", err)
	}

	// A stopped account takes the typed password: its next call is the
	// one login.
	bob, err := client.New(client.Config{Account: other})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.WAS.Count(ctx, nil); !errors.Is(err, client.ErrAuth) || !other.Stopped() {
		t.Fatalf("bob's wrong password: %v, stopped %v", err, other.Stopped())
	}
	if got, err := accounts.SignIn(ctx, cfg("bob", "y"), client.Config{}); err != nil || got != other || other.Stopped() {
		t.Fatalf("after a stop: %v, same %v, stopped %v", err, got == other, other.Stopped())
	}
	if st := s.Stats(); st.FailedLogins != 2 {
		t.Fatalf("%d failed logins, want 2 (the stop lifted sends nothing by itself)", st.FailedLogins)
	}
}

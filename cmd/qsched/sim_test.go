package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestSimCommandServesAndStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cmd := newSimCmd()
	var out syncBuffer
	cmd.SetOut(&out)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveSim(ctx, cmd, ln, sim.Options{WASSchedules: 12, Username: "u1", Password: "p1"}) }()
	base := "http://" + ln.Addr().String()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "Press Ctrl+C") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	for _, want := range []string{base, "user name: u1", "password:  p1"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
	req, _ := http.NewRequest("GET", base+"/qps/rest/3.0/count/was/wasscanschedule", nil)
	req.SetBasicAuth("u1", "p1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("count: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, _ = http.Get(base + "/_sim/stats")
	var st sim.Stats
	_ = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if st.Total != 1 {
		t.Fatalf("stats total %d", st.Total)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stop: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("sim did not stop when interrupted")
	}
}

func TestSimCommandFlagErrors(t *testing.T) {
	cmd := newRootCmd(newCLI())
	cmd.SetArgs([]string{"sim", "--fail-rate", "2"})
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--fail-rate") {
		t.Fatalf("got %v (exit %d)", err, exitCode(err))
	}
}

// `qsched sim --script-schedules 3` serves three script schedules, and a
// negative count is refused as bad input.
func TestSimCommandSeedsScriptSchedules(t *testing.T) {
	cmd := newRootCmd(newCLI())
	var out syncBuffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"sim", "--listen", "127.0.0.1:0", "--script-schedules", "3", "--was-schedules", "5"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("stop: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("sim did not stop when interrupted")
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "Press Ctrl+C") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	_, rest, ok := strings.Cut(out.String(), "Simulated Qualys platform on ")
	base, _, _ := strings.Cut(rest, "\n")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("no base URL in:\n%s", out.String())
	}
	if n := scriptScheduleCount(t, base, "demo", "demo"); n != 3 {
		t.Fatalf("sim --script-schedules 3 serves %d script schedules", n)
	}

	bad := newRootCmd(newCLI())
	bad.SetArgs([]string{"sim", "--listen", "127.0.0.1:0", "--script-schedules", "-1"})
	bad.SetOut(&bytes.Buffer{})
	bad.SetErr(&bytes.Buffer{})
	if err := bad.Execute(); exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--script-schedules") {
		t.Fatalf("--script-schedules -1: %v (exit %d)", err, exitCode(err))
	}
}

// scriptScheduleCount logs in to a simulator and counts its script
// schedules with one search page, checking that it lists them all.
func scriptScheduleCount(t *testing.T, base, user, password string) int {
	t.Helper()
	resp, err := http.PostForm(base+"/auth", url.Values{"username": {user}, "password": {password}, "token": {"true"}})
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", base+"/sm/v1/scheduler/search", strings.NewReader(`{"pageSize":100}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+string(tok))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct{ Body model.CARSearchBody }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || resp.StatusCode != 200 {
		t.Fatalf("search: %d %v", resp.StatusCode, err)
	}
	for _, it := range page.Body.List {
		if it.Schedule.Title == "" {
			t.Fatalf("a script schedule without a title: %+v", it)
		}
	}
	if len(page.Body.List) != page.Body.TotalCount {
		t.Fatalf("search lists %d of %d", len(page.Body.List), page.Body.TotalCount)
	}
	return page.Body.TotalCount
}

// The demo's simulator seeds script schedules, so that its first screen,
// the script schedules, is not empty.
func TestDemoSeedsScriptSchedules(t *testing.T) {
	d, err := demoTarget(true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.stop)
	c := d.settings.Credentials
	if n := scriptScheduleCount(t, d.settings.Platform.GatewayURL, c.Username, c.Password); n != demoScriptSchedules || n == 0 {
		t.Fatalf("the demo serves %d script schedules, want %d", n, demoScriptSchedules)
	}
}

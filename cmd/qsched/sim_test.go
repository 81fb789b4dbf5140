package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
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

package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/sim"
)

// A chunk that reached the server but whose answer never came back (the
// operator cancelled while it was in flight) is "outcome unknown", never
// "failed"; chunks not sent yet fail; States reads what the server holds.
func TestCancelledChunkIsUnknownUntilReadAgain(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 2500, Seed: 1})
	arrived, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/deactivate/") {
			// The server has the whole request; then the client gives up
			// while the server holds it, and the answer is lost.
			body, _ := io.ReadAll(r.Body)
			r = r.WithContext(context.WithoutCancel(r.Context()))
			r.Body = io.NopCloser(bytes.NewReader(body))
			close(arrived)
			<-release
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: "demo", Password: "demo"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, sc := range s.WASSchedules() {
		if sc.IsActive() {
			ids = append(ids, sc.IDValue())
		}
	}
	ids = ids[:1500] // two chunks: 1000, then 500
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan client.BulkResult, 1)
	go func() { done <- c.WAS.SetActive(ctx, false, ids, nil) }()
	<-arrived
	cancel()
	r := <-done
	close(release)
	// The server commits the held request once released; wait for it by
	// reading, as an operator would.
	unknown := r.Unknowns()
	if len(unknown) != 1000 {
		t.Fatalf("%d ids unknown, want the 1000 of the chunk in flight; items %v", len(unknown), r.Items[:1])
	}
	for _, it := range r.Items {
		if !slices.Contains(unknown, it.ID) && it.Status != client.Failed {
			t.Fatalf("id %d not sent but %v", it.ID, it.Status)
		}
	}
	var states map[int64]bool
	deadline := time.Now().Add(time.Minute)
	for {
		states, err = c.WAS.States(context.Background(), unknown)
		if err != nil {
			t.Fatal(err)
		}
		if !states[unknown[0]] || time.Now().After(deadline) {
			break
		}
	}
	for _, id := range unknown {
		if active, ok := states[id]; !ok || active {
			t.Fatalf("id %d: read again as active=%v found=%v; the server deactivated it", id, active, ok)
		}
	}
	if got, _ := s.WASSchedule(ids[1499]); !got.IsActive() {
		t.Fatal("an id of the chunk never sent was deactivated")
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
)

// Ctrl+C while a chunk is in flight: the server applies it, the answer is
// lost. The ids of that chunk are reported as unknown with what the
// server holds once read again, the chunk never sent as failed; exit 3.
func TestCtrlCPartWayReportsUnknownIdsAndTheirState(t *testing.T) {
	s := sim.New(sim.Options{WASSchedules: 2500, Seed: 1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/deactivate/") {
			// The server has the whole request; then the operator presses
			// Ctrl+C while the server holds it, and the answer is lost.
			body, _ := io.ReadAll(r.Body)
			r = r.WithContext(context.WithoutCancel(r.Context()))
			r.Body = io.NopCloser(bytes.NewReader(body))
			cancel()
			<-release
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	var ids []string
	for _, sc := range s.WASSchedules() {
		if sc.IsActive() && len(ids) < 1200 {
			ids = append(ids, strconv.FormatInt(sc.IDValue(), 10))
		}
	}
	e := &testEnv{t: t, sim: s, now: time.Now(), vars: map[string]string{
		"QUALYS_API_URL": srv.URL, "QUALYS_GATEWAY_URL": srv.URL,
		"QUALYS_USERNAME": "demo", "QUALYS_PASSWORD": "demo",
		"XDG_CONFIG_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir(),
	}}
	a := &cli{getenv: func(k string) string { return e.vars[k] }, stdin: strings.NewReader(""), now: time.Now, termWidth: func(io.Writer) int { return 0 }}
	var out, errw bytes.Buffer
	go func() { <-ctx.Done(); close(release) }()
	code := execute(ctx, a, append([]string{"was", "deactivate", "--yes", "--json"}, ids...), &out, &errw)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, exitPartial, out.String(), errw.String())
	}
	type item struct {
		ID          int64
		Status, Now string
	}
	doc := decodeJSON[struct{ Results []item }](t, out.String())
	var unknown, failed int
	for _, it := range doc.Results {
		sc, _ := s.WASSchedule(it.ID)
		switch it.Status {
		case "unknown":
			unknown++
			if want := map[bool]string{true: "active", false: "inactive"}[sc.IsActive()]; it.Now != want {
				t.Fatalf("id %d reported now=%q, the server holds %s", it.ID, it.Now, want)
			}
		case "failed":
			failed++
			if !sc.IsActive() {
				t.Fatalf("id %d reported failed but the server deactivated it", it.ID)
			}
		default:
			t.Fatalf("id %d: status %q", it.ID, it.Status)
		}
	}
	if unknown != 1000 || failed != 200 {
		t.Fatalf("%d unknown and %d failed, want 1000 and 200", unknown, failed)
	}
}

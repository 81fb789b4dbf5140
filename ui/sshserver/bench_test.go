package sshserver_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/qsched/qsched/ui/sshserver"
)

// BenchmarkSessionMemory reports the heap held per open session with 50
// sessions open, each with a PTY (80×24) and its first frame drawn:
// HeapInuse after minus before, over 50. The SSH clients live in the same
// process, so the figure is an upper bound for the server.
//
//	go test ./ui/sshserver -run XXX -bench SessionMemory -benchtime 3x
func BenchmarkSessionMemory(b *testing.B) {
	const n = 50
	f := start(b, func(c *sshserver.Config) { c.MaxSessions = n })
	var perSession float64
	for b.Loop() {
		before := heapInuse()
		screens := make([]*screen, n)
		for i := range screens {
			screens[i] = openSession(b, f.mustDial(b, f.operator), true, 80, 24)
		}
		for _, sc := range screens {
			sc.waitFor(b, "Script schedules", "0 schedules")
		}
		if got := f.srv.Sessions(); got != n {
			b.Fatalf("%d sessions running, want %d", got, n)
		}
		perSession = float64(heapInuse()-before) / n
		for _, sc := range screens {
			_ = sc.sess.Close()
		}
		deadline := time.Now().Add(waitTimeout)
		for f.srv.Sessions() > 0 {
			if time.Now().After(deadline) {
				b.Fatalf("%d sessions still running", f.srv.Sessions())
			}
			time.Sleep(10 * time.Millisecond) // polling for teardown, not timing a result
		}
	}
	b.ReportMetric(perSession, "bytes/session")
}

func heapInuse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// BenchmarkBudgetSessionMemory is BenchmarkSessionMemory under the name
// the budget table (`qsched bench-table`) reads.
func BenchmarkBudgetSessionMemory(b *testing.B) { BenchmarkSessionMemory(b) }

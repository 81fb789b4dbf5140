//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/qsched/qsched/client/sim"
)

// The whole-process budgets of issue 16: the test binary runs qsched's
// main itself (TestMain) as a child process, under a pseudo-terminal when
// a terminal matters; `qsched bench-table` reads the figures
// (docs/performance.md).

// runMainEnv makes the test binary run qsched's main instead of the tests.
const runMainEnv = "QSCHED_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Args = append([]string{"qsched"}, os.Args[1:]...)
		main()
	}
	os.Exit(m.Run())
}

// qschedCmd is qsched with args, run by the test binary, with a config
// home of its own and, when base is set, the simulator at base as its
// platform.
func qschedCmd(b *testing.B, base string, args ...string) *exec.Cmd {
	home := b.TempDir()
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), runMainEnv+"=1", "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_STATE_HOME="+home, "XDG_DATA_HOME="+home, "TERM=xterm-256color")
	if base != "" {
		c.Env = append(c.Env, "QUALYS_API_URL="+base, "QUALYS_GATEWAY_URL="+base, "QUALYS_USERNAME=demo", "QUALYS_PASSWORD=demo")
	}
	return c
}

// simServer is a simulator of n WAS schedules with no rate limit to meet.
func simServer(b *testing.B, n int) string {
	srv := httptest.NewServer(sim.New(sim.Options{WASSchedules: n, RateLimit: 1 << 30}))
	b.Cleanup(srv.Close)
	return srv.URL
}

// countingWriter counts the schedules of `was list --json`: the lines
// "  {" that open each, across writes.
type countingWriter struct{ objects, match int }

const objectStart = "\n  {\n"

func (w *countingWriter) Write(p []byte) (int, error) {
	for _, c := range p {
		switch {
		case c == objectStart[w.match]:
			if w.match++; w.match == len(objectStart) {
				w.objects, w.match = w.objects+1, 0
			}
		case c == objectStart[0]:
			w.match = 1
		default:
			w.match = 0
		}
	}
	return len(p), nil
}

// BenchmarkBudgetListJSON100k runs `qsched was list --json` over 100,000
// schedules and reports the process's peak RSS: its VmHWM, read until it
// exits (getrusage's maxrss would count this process's, as the child is
// forked from it).
func BenchmarkBudgetListJSON100k(b *testing.B) {
	base := simServer(b, 100_000)
	var peak float64
	for b.Loop() {
		c := qschedCmd(b, base, "was", "list", "--json")
		out := &countingWriter{}
		c.Stdout, c.Stderr = out, os.Stderr
		if err := c.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan struct{})
		hwm := make(chan float64)
		go func() {
			var mb float64
			for {
				if v, ok := procStatus(c.Process.Pid, "VmHWM:"); ok {
					mb = max(mb, v)
				}
				select {
				case <-done:
					hwm <- mb
					return
				case <-time.After(10 * time.Millisecond): // sampling a running process, not timing
				}
			}
		}()
		err := c.Wait()
		close(done)
		peak = max(peak, <-hwm/1.048576) // MB → MiB
		if err != nil {
			b.Fatal(err)
		}
		if out.objects != 100_000 {
			b.Fatalf("%d schedules written", out.objects)
		}
	}
	b.ReportMetric(peak, "peak-RSS-MiB")
}

// terminal is a child process on a pseudo-terminal and what it wrote.
type terminal struct {
	cmd  *exec.Cmd
	ptm  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	more chan struct{}
}

// onTerminal starts c on a 120×40 pseudo-terminal that answers no query.
func onTerminal(b *testing.B, c *exec.Cmd) *terminal { return startTerminal(b, c, false) }

// Answers a terminal gives: a black background (OSC 11) and its device
// attributes (DA1).
const (
	bgQuery  = "\x1b]11;?"
	bgAnswer = "\x1b]11;rgb:0000/0000/0000\x1b\\"
	daQuery  = "\x1b[c"
	daAnswer = "\x1b[?62;22c"
)

// startTerminal starts c on a 120×40 pseudo-terminal; with answer, the
// terminal answers background colour and device attribute queries at once.
func startTerminal(b *testing.B, c *exec.Cmd, answer bool) *terminal {
	ptm, err := pty.StartWithSize(c, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		b.Fatal(err)
	}
	t := &terminal{cmd: c, ptm: ptm, more: make(chan struct{}, 1)}
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := ptm.Read(buf)
			t.mu.Lock()
			t.out.Write(buf[:n])
			t.mu.Unlock()
			if answer {
				chunk := string(buf[:n])
				if strings.Contains(chunk, bgQuery) {
					_, _ = ptm.WriteString(bgAnswer)
				}
				if strings.Contains(chunk, daQuery) {
					_, _ = ptm.WriteString(daAnswer)
				}
			}
			select {
			case t.more <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	return t
}

// waitFor waits until the screen text (escape sequences dropped) holds
// every want, or fails after timeout.
func (t *terminal) waitFor(b *testing.B, timeout time.Duration, want ...string) {
	deadline := time.After(timeout)
	for {
		t.mu.Lock()
		text := ansi.Strip(t.out.String())
		t.mu.Unlock()
		if slices.IndexFunc(want, func(w string) bool { return !strings.Contains(text, w) }) < 0 {
			return
		}
		select {
		case <-t.more:
		case <-deadline:
			b.Fatalf("no %q on the terminal after %s; the last of it:\n%s", want, timeout, text[max(0, len(text)-2000):])
		}
	}
}

func (t *terminal) stop() {
	_ = t.cmd.Process.Kill()
	_ = t.cmd.Wait()
	_ = t.ptm.Close()
}

// procStatus reads a kB figure of /proc/pid/status (VmRSS:, VmHWM:) in
// MB, while the process runs.
func procStatus(pid int, field string) (float64, bool) {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb * 1024 / 1e6, err == nil
		}
	}
	return 0, false
}

// BenchmarkBudgetTUIHold100k opens the TUI on a simulator (in this
// process) of 100,000 WAS schedules, shows the WAS screen, waits until the
// list holds every schedule and reports the TUI process's RSS then, and
// how long the load took (from the start of the process) beside a plain
// sequential loop fetching the same pages from the same simulator.
func BenchmarkBudgetTUIHold100k(b *testing.B) {
	base := simServer(b, 100_000)
	var mb float64
	var loads, plains []float64
	for b.Loop() {
		start := time.Now()
		t := onTerminal(b, qschedCmd(b, base))
		t.waitFor(b, 30*time.Second, "Script schedules")
		_, _ = t.ptm.WriteString("2")
		t.waitFor(b, 5*time.Minute, "100,000 · row") // the title once loaded; the screen redraws only what changed
		loads = append(loads, time.Since(start).Seconds())
		var ok bool
		if mb, ok = procStatus(t.cmd.Process.Pid, "VmRSS:"); !ok {
			b.Fatal("no VmRSS")
		}
		t.stop()
		start = time.Now()
		if n := plainPages(b, base); n != 100 {
			b.Fatalf("plain loop fetched %d pages", n)
		}
		plains = append(plains, time.Since(start).Seconds())
	}
	b.ReportMetric(mb, "RSS-MB")
	b.ReportMetric(median(loads), "tui-load-s")
	b.ReportMetric(median(plains), "plain-s")
	b.ReportMetric(median(loads)/median(plains), "tui/plain")
}

// plainPages is client's plainLoad: a plain sequential loop of HTTP calls
// for the next 1,000 schedules after the last id, no decoding.
func plainPages(b *testing.B, base string) int {
	var after int64
	for pages := 1; ; pages++ {
		body := "<ServiceRequest><preferences><limitResults>1000</limitResults></preferences></ServiceRequest>"
		if after > 0 {
			body = fmt.Sprintf(`<ServiceRequest><filters><Criteria field="id" operator="GREATER">%d</Criteria></filters><preferences><limitResults>1000</limitResults></preferences></ServiceRequest>`, after)
		}
		req, _ := http.NewRequest(http.MethodPost, base+"/qps/rest/3.0/search/was/wasscanschedule", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/xml")
		req.SetBasicAuth("demo", "demo")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("page %d: %d %v %s", pages, resp.StatusCode, err, data[:min(len(data), 300)])
		}
		m := lastIDPattern.FindSubmatch(data)
		if m == nil || !bytes.Contains(data, []byte("<hasMoreRecords>true</hasMoreRecords>")) {
			return pages
		}
		after, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
}

var lastIDPattern = regexp.MustCompile(`<lastId>(\d+)</lastId>`)

// BenchmarkBudgetDemoFirstFrame starts `qsched --demo` on a pseudo-terminal
// that answers no query and times its first frame (the script schedules
// screen's title on the terminal), from outside, the whole process; it
// reports the median.
func BenchmarkBudgetDemoFirstFrame(b *testing.B) {
	var times []float64
	for b.Loop() {
		start := time.Now()
		t := onTerminal(b, qschedCmd(b, "", "--demo"))
		t.waitFor(b, 30*time.Second, "Script schedules")
		times = append(times, float64(time.Since(start).Microseconds())/1000)
		t.stop()
	}
	b.ReportMetric(median(times), "median-ms")
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// BenchmarkBudgetHelpNoAnswer runs `qsched --help` to its end on a
// pseudo-terminal that answers no query (fang asks for the background
// colour before it draws help) and on one that answers at once, in turn,
// and reports the medians and their difference: the time spent waiting
// for answers that never come.
func BenchmarkBudgetHelpNoAnswer(b *testing.B) {
	run := func(answer bool) float64 {
		start := time.Now()
		t := startTerminal(b, qschedCmd(b, "", "--help"), answer)
		if err := t.cmd.Wait(); err != nil {
			b.Fatal(err)
		}
		ms := float64(time.Since(start).Microseconds()) / 1000
		t.waitFor(b, time.Second, "USAGE")
		_ = t.ptm.Close()
		return ms
	}
	var silent, answered []float64
	for b.Loop() {
		silent = append(silent, run(false))
		answered = append(answered, run(true))
	}
	b.ReportMetric(median(silent), "no-answer-ms")
	b.ReportMetric(median(answered), "answered-ms")
	b.ReportMetric(max(median(silent)-median(answered), 0), "wait-ms")
}

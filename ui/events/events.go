// Package events carries what the API client reports from its own
// goroutines (every HTTP call, every rate-limit wait) into the bubbletea
// program, without blocking the client and without dropping records.
//
// Wire it before the client is built:
//
//	ev := events.New()
//	cfg.Observer, cfg.OnRetryWait = ev.Observer, ev.OnRetryWait
//	c, err := client.New(cfg)
//	m := app.New(app.Options{Client: c, Events: ev, ...})
//	_, err = tea.NewProgram(m).Run()
//	ev.Close()
package events

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/client"
)

// maxPending bounds the queue if the UI stops reading; older records are
// then dropped and counted.
const maxPending = 10000

// Wait is a wait before a retry the client announced through OnRetryWait
// (or OnWait, which does not say why).
type Wait struct {
	Op    string
	At    time.Time // when the wait began
	Delay time.Duration
	// Cause is why the client waits: WaitRateLimit, WaitServerError,
	// WaitNetworkError, or WaitUnknown (announced through OnWait).
	Cause WaitCause
	// Status is the answer that asked for the wait (0 after a network
	// error or when unknown).
	Status int
}

// WaitCause is why the client waits before a retry.
type WaitCause int

const (
	WaitUnknown      WaitCause = iota // announced through OnWait: no cause given
	WaitRateLimit                     // 409 or 429: the Qualys rate or concurrency limit
	WaitServerError                   // 500, 502, 503 or 504
	WaitNetworkError                  // no answer (or an unreadable one)
)

// causeOf classifies a client.RetryWait.
func causeOf(w client.RetryWait) WaitCause {
	switch {
	case w.Limited:
		return WaitRateLimit
	case w.Status > 0:
		return WaitServerError
	}
	return WaitNetworkError
}

// Until is when the wait ends.
func (w Wait) Until() time.Time { return w.At.Add(w.Delay) }

// Msg delivers everything queued since the previous Msg, oldest first.
type Msg struct {
	Calls   []client.CallRecord
	Waits   []Wait
	Dropped int // records lost because the queue was full
}

// Events is safe for concurrent use.
type Events struct {
	now    func() time.Time
	signal chan struct{}
	done   chan struct{}
	once   sync.Once

	mu      sync.Mutex
	calls   []client.CallRecord
	waits   []Wait
	dropped int
}

// Option configures Events.
type Option func(*Events)

// WithClock sets the clock that stamps waits (default time.Now).
func WithClock(now func() time.Time) Option { return func(e *Events) { e.now = now } }

// New returns an empty event queue.
func New(opts ...Option) *Events {
	e := &Events{now: time.Now, signal: make(chan struct{}, 1), done: make(chan struct{})}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Observer is a client.Config.Observer. It never blocks.
func (e *Events) Observer(r client.CallRecord) {
	e.mu.Lock()
	if len(e.calls) >= maxPending {
		e.calls = e.calls[1:]
		e.dropped++
	}
	e.calls = append(e.calls, r)
	e.mu.Unlock()
	e.notify()
}

// OnWait is a client.Config.OnWait. It never blocks. Prefer OnRetryWait,
// which says why the client waits (wire one of them, not both).
func (e *Events) OnWait(op string, d time.Duration) {
	e.addWait(Wait{Op: op, At: e.now(), Delay: d})
}

// OnRetryWait is a client.Config.OnRetryWait: the wait and its cause, so
// the status bar can say "network error" rather than "rate limited". It
// never blocks.
func (e *Events) OnRetryWait(w client.RetryWait) {
	e.addWait(Wait{Op: w.Op, At: e.now(), Delay: w.Delay, Cause: causeOf(w), Status: w.Status})
}

func (e *Events) addWait(w Wait) {
	e.mu.Lock()
	if len(e.waits) >= maxPending {
		e.waits = e.waits[1:]
	}
	e.waits = append(e.waits, w)
	e.mu.Unlock()
	e.notify()
}

func (e *Events) notify() {
	select {
	case e.signal <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// Listen returns a command that waits for queued events and delivers them
// as one Msg. The receiver of Msg must call Listen again to keep
// listening. After Close, the command returns nil.
func (e *Events) Listen() tea.Cmd {
	return func() tea.Msg {
		for {
			select {
			case <-e.done:
				return nil
			case <-e.signal:
			}
			if m, ok := e.drain(); ok {
				return m
			}
		}
	}
}

func (e *Events) drain() (Msg, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := Msg{Calls: e.calls, Waits: e.waits, Dropped: e.dropped}
	e.calls, e.waits, e.dropped = nil, nil, 0
	return m, len(m.Calls)+len(m.Waits)+m.Dropped > 0
}

// Close stops every Listen command. Call it after the program has exited.
func (e *Events) Close() { e.once.Do(func() { close(e.done) }) }

// Package audit keeps the append-only record of every write qsched sends:
// one JSON line of intent before the first request of an action, one line
// of outcome after it, linked by an action id.
//
// The client writes it (client.Config.Audit), so every caller — the TUI,
// the headless commands, an SSH session — is covered. It fails closed: when
// the intent line cannot be written, the action is refused and nothing is
// sent. Records hold who, where, what and the result per id; never a
// password, token or header. The package imports nothing else of qsched.
package audit

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// FileMode is the mode of the log file, which is readable by its owner only.
const FileMode = 0o600

// Kinds of record.
const (
	KindIntent  = "intent"
	KindOutcome = "outcome"
)

// Per-id results, and the overall status of an outcome (which may also be
// StatusPartial).
const (
	// StatusDone: the server answered that it did it.
	StatusDone = "done"
	// StatusFailed: the server answered no, or nothing was sent; the
	// server holds what it held before. Reason says why.
	StatusFailed = "failed"
	// StatusUnknown: a request was sent and no usable answer came back
	// (network error, cancelled, unreadable answer): the server may or may
	// not have done it.
	StatusUnknown = "unknown"
	// StatusPartial: some ids done, others not (overall status only).
	StatusPartial = "partial"
)

// Actor is who asked for an action. The caller fills it: the local OS
// user for the TUI and the headless commands; for an SSH session also the
// SSH user name, the key's fingerprint and the role granted to the key.
// Empty fields are left out of the record.
type Actor struct {
	// OSUser is the user the qsched process runs as.
	OSUser string `json:"osUser,omitempty"`
	// SSHUser is the user name an SSH client logged in with.
	SSHUser string `json:"sshUser,omitempty"`
	// KeyFingerprint is the SSH public key's fingerprint (SHA256:…).
	KeyFingerprint string `json:"keyFingerprint,omitempty"`
	// Role is the role the SSH key was granted (e.g. operator, viewer).
	Role string `json:"role,omitempty"`
}

// Name is the actor as one short string: the SSH user when there is one,
// with key and role, else the OS user.
func (a Actor) Name() string {
	if a.SSHUser == "" && a.KeyFingerprint == "" {
		if a.OSUser == "" {
			return "?"
		}
		return a.OSUser
	}
	s := "ssh:" + a.SSHUser
	var extra []string
	if a.KeyFingerprint != "" {
		extra = append(extra, a.KeyFingerprint)
	}
	if a.Role != "" {
		extra = append(extra, "role "+a.Role)
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// Matches says whether name is one of the actor's user names, its key
// fingerprint or its Name.
func (a Actor) Matches(name string) bool {
	return name != "" && (name == a.OSUser || name == a.SSHUser || name == a.KeyFingerprint || name == a.Name())
}

// Target is what an action acts on: ids, filters, or the title of a
// schedule to create. Every id is recorded, however many.
type Target struct {
	IDs     []string `json:"ids,omitempty"`
	Filters []string `json:"filters,omitempty"` // FIELD OP VALUE
	Title   string   `json:"title,omitempty"`
	// Previous is each id's state read just before an activate or
	// deactivate was sent (StateActive or StateInactive), what an undo
	// sets back. An id missing from it was not found when read, or the
	// read failed; records written before undo existed have none and
	// cannot be undone.
	Previous map[string]string `json:"previous,omitempty"`
	// UndoOf is the id of the action this one undoes.
	UndoOf string `json:"undoOf,omitempty"`
}

// States an activate or deactivate records in Target.Previous.
const (
	StateActive   = "active"
	StateInactive = "inactive"
)

// State is StateActive or StateInactive.
func State(active bool) string {
	if active {
		return StateActive
	}
	return StateInactive
}

// Result is the outcome for one id.
type Result struct {
	ID     string `json:"id"`
	Status string `json:"status"` // done, failed or unknown
	Reason string `json:"reason,omitempty"`
}

// Record is one line of the log. Intent lines carry Target; outcome lines
// carry Status, Results, Requests and Error. Both repeat the time, actor,
// platform, action and action id, so that every line stands alone.
type Record struct {
	Time     time.Time `json:"time"`
	Kind     string    `json:"kind"` // intent or outcome
	ActionID string    `json:"actionId"`
	Actor    Actor     `json:"actor"`
	Platform string    `json:"platform"`
	// Action is e.g. "was.deactivate", "was.activate", "was.update",
	// "scripts.create".
	Action string  `json:"action"`
	Target *Target `json:"target,omitempty"`

	Status   string   `json:"status,omitempty"`
	Results  []Result `json:"results,omitempty"`
	Requests *int     `json:"requests,omitempty"` // write requests sent
	Error    string   `json:"error,omitempty"`
}

// Log is an append-only JSON-lines file. Every record is one write to a
// file opened with O_APPEND|O_CREATE (mode 0600, never truncated), synced
// before Append returns. A Log is safe for concurrent use; sessions of one
// process share one Log.
type Log struct {
	path string
	mu   sync.Mutex
}

// Open returns the log at path. It touches nothing: the file and its
// directory (mode 0700) are created by the first Append.
func Open(path string) *Log { return &Log{path: path} }

// Path is the file's path.
func (l *Log) Path() string { return l.path }

// DefaultPath is $XDG_STATE_HOME/qsched/audit.jsonl, falling back to
// ~/.local/state.
func DefaultPath(getenv func(string) string) (string, error) {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("audit log: no state directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "qsched", "audit.jsonl"), nil
}

// Append writes rec as one line.
func (l *Log) Append(rec Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, FileMode)
	if err != nil {
		return err
	}
	// A file made earlier by someone else may be wider than 0600.
	if st, err := f.Stat(); err != nil || st.Mode().Perm() != FileMode {
		if err == nil {
			err = f.Chmod(FileMode)
		}
		if err != nil {
			f.Close()
			return err
		}
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Writable says whether a record could be appended now: it opens the
// file for appending (creating it and its directory like Append) and
// writes nothing. An action that reads before it writes its intent (the
// previous states undo needs) asks first, so that a log that cannot be
// written still stops it before any request.
func (l *Log) Writable() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, FileMode)
	if err != nil {
		return err
	}
	return f.Close()
}

// Trail is what a client needs to audit its writes: the log, who acts and
// on which platform. A zero Trail (no Log) audits nothing.
type Trail struct {
	Log      *Log
	Actor    Actor
	Platform string // platform label, with the profile when one was used
	// OnError, when set, is told when an outcome line could not be written
	// (the action has run by then; its result is returned unchanged).
	OnError func(error)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Action is one audited action between its intent and its outcome.
type Action struct {
	t    Trail
	base Record
}

// Begin writes the intent line of an action and returns the Action that
// finishes it. If the line cannot be written the error says so in one line
// and the caller must send nothing. With no Log, Begin returns nil, nil;
// the methods of a nil *Action do nothing.
func (t Trail) Begin(action string, target Target) (*Action, error) {
	if t.Log == nil {
		return nil, nil
	}
	var id [8]byte
	_, _ = rand.Read(id[:])
	a := &Action{t: t, base: Record{ActionID: hex.EncodeToString(id[:]), Actor: t.Actor, Platform: t.Platform, Action: action}}
	rec := a.base
	rec.Time, rec.Kind, rec.Target = a.now(), KindIntent, &target
	if err := t.Log.Append(rec); err != nil {
		return nil, fmt.Errorf("not sent: the audit log %s cannot be written: %s", t.Log.Path(), oneLine(err))
	}
	return a, nil
}

func (a *Action) now() time.Time {
	if a.t.Now != nil {
		return a.t.Now().UTC()
	}
	return time.Now().UTC()
}

// ID is the action id linking intent and outcome ("" for a nil Action).
func (a *Action) ID() string {
	if a == nil {
		return ""
	}
	return a.base.ActionID
}

// Finish writes the outcome line: the per-id results, how many write
// requests were sent, and err, the action's error if any. The overall
// status follows from the results, or from status when there are none.
func (a *Action) Finish(status string, results []Result, requests int, err error) {
	if a == nil {
		return
	}
	rec := a.base
	rec.Time, rec.Kind, rec.Results, rec.Requests = a.now(), KindOutcome, results, &requests
	rec.Status = status
	if len(results) > 0 {
		rec.Status = Summarize(results)
		if status == StatusUnknown && rec.Status == StatusDone {
			rec.Status = StatusUnknown // e.g. the server listed fewer ids than it counted
		}
	}
	if err != nil {
		rec.Error = err.Error()
	}
	if werr := a.t.Log.Append(rec); werr != nil && a.t.OnError != nil {
		a.t.OnError(fmt.Errorf("audit log %s: the outcome of action %s was not recorded: %s", a.t.Log.Path(), rec.ActionID, oneLine(werr)))
	}
}

// Summarize is the overall status of per-id results: done when all are
// done, failed when all failed, unknown when any is unknown and none done,
// else partial.
func Summarize(results []Result) string {
	n := map[string]int{}
	for _, r := range results {
		n[r.Status]++
	}
	switch {
	case len(results) == 0:
		return ""
	case n[StatusDone] == len(results):
		return StatusDone
	case n[StatusFailed] == len(results):
		return StatusFailed
	case n[StatusUnknown] > 0 && n[StatusDone] == 0:
		return StatusUnknown
	}
	return StatusPartial
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// Read parses a log. A line that is not a record (a torn write, a hand
// edit) is an error naming its line number; earlier records are returned.
func Read(r io.Reader) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20) // a 10,000-id action is ~150 KB
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil || rec.ActionID == "" || (rec.Kind != KindIntent && rec.Kind != KindOutcome) {
			return out, fmt.Errorf("line %d: not an audit record", n)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return out, err
	}
	return out, nil
}

// ReadFile reads the log at path; a missing file is an empty log.
func ReadFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := Read(f)
	if err != nil {
		return recs, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

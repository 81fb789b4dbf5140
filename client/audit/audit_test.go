package audit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAppendOnlyAndMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	// A file someone made earlier, too widely readable, with a record.
	if err := os.WriteFile(path, []byte(`{"time":"2026-01-01T00:00:00Z","kind":"intent","actionId":"old","actor":{},"platform":"p","action":"was.update"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	var werr error
	tr := Trail{Log: Open(path), Actor: Actor{SSHUser: "bob", KeyFingerprint: "SHA256:abc", Role: "operator", OSUser: "qsched"}, Platform: "US1", Now: func() time.Time { return now }, OnError: func(err error) { werr = err }}
	a, err := tr.Begin("was.deactivate", Target{IDs: []string{"1", "2"}})
	if err != nil {
		t.Fatal(err)
	}
	a.Finish("", []Result{{ID: "1", Status: StatusDone}, {ID: "2", Status: StatusUnknown, Reason: "network error"}}, 1, errors.New("x"))
	recs, err := ReadFile(path)
	if err != nil || len(recs) != 3 || recs[0].ActionID != "old" || recs[1].ActionID != a.ID() || recs[2].ActionID != a.ID() {
		t.Fatalf("%+v %v", recs, err)
	}
	if o := recs[2]; o.Status != StatusPartial || o.Error != "x" || !o.Time.Equal(now) || o.Actor.Role != "operator" {
		t.Fatalf("outcome %+v", o)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != FileMode {
		t.Fatalf("mode %v", st.Mode())
	}
	if werr != nil {
		t.Fatal(werr)
	}
	// An outcome that cannot be written is reported, not swallowed.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	a.Finish(StatusDone, nil, 1, nil)
	if werr == nil || !strings.Contains(werr.Error(), a.ID()) {
		t.Fatalf("outcome write error: %v", werr)
	}
}

func TestNilActionAndNoLog(t *testing.T) {
	a, err := Trail{}.Begin("was.update", Target{})
	if a != nil || err != nil {
		t.Fatal(a, err)
	}
	a.Finish(StatusDone, nil, 1, nil) // no panic
}

func TestReadRejectsGarbage(t *testing.T) {
	_, err := Read(strings.NewReader(`{"kind":"intent","actionId":"a","time":"2026-01-01T00:00:00Z"}` + "\n\nnot json\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("err %v", err)
	}
}

func TestActor(t *testing.T) {
	local := Actor{OSUser: "alice"}
	ssh := Actor{OSUser: "svc", SSHUser: "bob", KeyFingerprint: "SHA256:k", Role: "operator"}
	if local.Name() != "alice" || ssh.Name() != "ssh:bob (SHA256:k, role operator)" || (Actor{}).Name() != "?" {
		t.Fatal(local.Name(), ssh.Name())
	}
	if !ssh.Matches("bob") || !ssh.Matches("SHA256:k") || !ssh.Matches("svc") || ssh.Matches("alice") || ssh.Matches("") {
		t.Fatal("Matches")
	}
}

func TestSummarize(t *testing.T) {
	r := func(s ...string) []Result {
		var out []Result
		for _, x := range s {
			out = append(out, Result{Status: x})
		}
		return out
	}
	for want, in := range map[string][]Result{
		StatusDone: r(StatusDone, StatusDone), StatusFailed: r(StatusFailed), StatusUnknown: r(StatusUnknown, StatusFailed),
		StatusPartial: r(StatusDone, StatusUnknown), "": nil,
	} {
		if got := Summarize(in); got != want {
			t.Fatalf("%v: %q, want %q", in, got, want)
		}
	}
}

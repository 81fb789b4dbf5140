package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// tap sits in front of the simulator and keeps every gateway token /auth
// issues, so the test knows the token qsched was given without asking
// qsched for it, and every Authorization header, so that it knows the
// secrets it looks for are the ones that went out.
type tap struct {
	h      http.Handler
	mu     sync.Mutex
	tokens []string
	auth   map[string]bool // Authorization headers seen
}

func (p *tap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.auth[r.Header.Get("Authorization")] = true
	p.mu.Unlock()
	if r.URL.Path != "/auth" {
		p.h.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	p.h.ServeHTTP(rec, r)
	if rec.Code == http.StatusCreated {
		p.mu.Lock()
		p.tokens = append(p.tokens, strings.TrimSpace(rec.Body.String()))
		p.mu.Unlock()
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// TestSecretsAppearNowhere runs a whole session against the simulator
// with a distinctive password — a gateway login, a CAR create, a WAS
// deactivate, a CAR list, then a gateway and an API-server login with a
// wrong, equally distinctive password — once through the command line and
// once through the client with an Observer (what the TUI's API log shows),
// and looks for the passwords, their Basic header values, their
// form-encoded forms and every token the gateway issued (whole and its
// signature alone) in: stdout and stderr of every command, every file
// written under the state and config directories (the audit log, drafts),
// the call records, the audit log of the client session, the error values
// (%v and %+v), and every file under a testdata directory of the
// repository (golden files and fuzz corpora).
func TestSecretsAppearNowhere(t *testing.T) {
	const (
		user  = "ops_sec_7f3"
		pw    = "Tangerine+Vault&91/Qx7"
		wrong = "Plum+Lantern&42/Zr8"
	)
	s := sim.New(sim.Options{Username: user, Password: pw, WASSchedules: 20, Seed: 11})
	tp := &tap{h: s, auth: map[string]bool{}}
	srv := httptest.NewServer(tp)
	t.Cleanup(srv.Close)
	e := &testEnv{t: t, sim: s, now: time.Now(), vars: map[string]string{
		"QUALYS_API_URL": srv.URL, "QUALYS_GATEWAY_URL": srv.URL,
		"QUALYS_USERNAME": user, "QUALYS_PASSWORD": pw,
		"XDG_CONFIG_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir(),
	}}
	var haystacks []string // "where: text"
	keep := func(where string, texts ...string) {
		for _, x := range texts {
			haystacks = append(haystacks, where+": "+x)
		}
	}
	run := func(stdin string, code int, args ...string) {
		t.Helper()
		r := e.run(stdin, args...).must(t, code)
		keep("stdout of "+strings.Join(args, " "), r.stdout)
		keep("stderr of "+strings.Join(args, " "), r.stderr)
	}

	// The command line.
	ids := e.activeIDs(2)
	run(seed(t, "000-weekly.json"), exitOK, "scripts", "schedule", "create", "-f", "-")
	run("", exitOK, "was", "deactivate", fmt.Sprint(ids[0]), "--yes")
	run("", exitOK, "scripts", "schedule", "list")
	run("", exitOK, "--json", "scripts", "schedule", "list")
	e.vars["QUALYS_PASSWORD"] = wrong
	run("", exitAuth, "scripts", "schedule", "list")
	run("", exitAuth, "was", "deactivate", fmt.Sprint(ids[1]), "--yes")
	for _, dir := range []string{e.vars["XDG_STATE_HOME"], e.vars["XDG_CONFIG_HOME"]} {
		keepFiles(t, dir, keep)
	}
	if _, err := os.Stat(e.auditPath()); err != nil {
		t.Fatalf("the session wrote no audit log: %v", err)
	}

	// The client, as the TUI drives it: its call records are the API log.
	var (
		mu    sync.Mutex
		calls []client.CallRecord
	)
	auditFile := filepath.Join(t.TempDir(), "audit.jsonl")
	newClient := func(password string) *client.Client {
		c, err := client.New(client.Config{
			APIURL: srv.URL, GatewayURL: srv.URL, Credentials: client.Credentials{Username: user, Password: password},
			Observer: func(r client.CallRecord) { mu.Lock(); calls = append(calls, r); mu.Unlock() },
			Audit:    audit.Trail{Log: audit.Open(auditFile), Actor: audit.Actor{OSUser: "tester"}, Platform: srv.URL},
		})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ctx := context.Background()
	c := newClient(pw)
	sched, err := model.DecodeScriptSchedule([]byte(seed(t, "000-daily.json")))
	if err != nil {
		t.Fatal(err)
	}
	sched.Title = "Secrets session"
	if _, err := c.Scripts.CreateSchedule(ctx, sched); err != nil {
		t.Fatalf("create: %v", err)
	}
	if res := c.WAS.SetActive(ctx, false, ids[1:2], nil); res.Refused != nil || len(res.Items) != 1 || res.Items[0].Err != nil {
		t.Fatalf("deactivate: %+v", res)
	}
	bad := newClient(wrong)
	var errs []error
	if _, err := bad.Scripts.FindByTitle(ctx, "Secrets session"); err == nil {
		t.Fatal("a wrong password logged in to the gateway")
	} else {
		errs = append(errs, err)
	}
	// A rejected login stops the account; the API server's Basic login is
	// tried by another one.
	bad = newClient(wrong)
	res := bad.WAS.SetActive(ctx, false, ids[:1], nil)
	errs = append(errs, res.Refused)
	for _, it := range res.Items {
		errs = append(errs, it.Err)
	}
	if len(res.Items) != 1 || res.Items[0].Err == nil {
		t.Fatalf("a wrong password deactivated: %+v", res)
	}
	bad = newClient(wrong)
	if _, err := bad.WAS.Count(ctx, nil); err == nil {
		t.Fatal("a wrong password was accepted by the API server")
	} else {
		errs = append(errs, err)
	}
	for _, err := range errs {
		if err != nil {
			keep("error value", err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
		}
	}
	mu.Lock()
	for _, r := range calls {
		b, _ := json.Marshal(r)
		keep("call record", fmt.Sprintf("%+v", r), string(b))
	}
	if len(calls) < 6 {
		t.Fatalf("only %d call records", len(calls))
	}
	mu.Unlock()
	b, err := os.ReadFile(auditFile)
	if err != nil {
		t.Fatalf("client session audit log: %v", err)
	}
	keep("client audit log", string(b))

	// Golden files and every other file under a testdata directory.
	root := filepath.Join("..", "..")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() && d.Name() == "testdata" {
			keepFiles(t, p, keep)
			return filepath.SkipDir
		}
		return nil
	})

	tp.mu.Lock()
	tokens := append([]string(nil), tp.tokens...)
	tp.mu.Unlock()
	if len(haystacks) < 40 {
		t.Fatalf("only %d places searched", len(haystacks))
	}
	if len(tokens) < 2 {
		t.Fatalf("the gateway issued %d tokens; the session should have logged in twice", len(tokens))
	}
	secrets := map[string]string{}
	for name, p := range map[string]string{"password": pw, "wrong password": wrong} {
		secrets[name] = p
		secrets[name+", form-encoded"] = url.QueryEscape(p)
		secrets[name+", JSON-escaped"] = strings.Trim(mustJSON(p), `"`)
		secrets["Basic header value with the "+name] = base64.StdEncoding.EncodeToString([]byte(user + ":" + p))
	}
	for i, tok := range tokens {
		secrets[fmt.Sprintf("token %d", i)] = tok
		if j := strings.LastIndex(tok, "."); j > 0 && len(tok)-j > 16 {
			secrets[fmt.Sprintf("signature of token %d", i)] = tok[j+1:]
		}
	}
	for _, sent := range []string{"Basic " + secrets["Basic header value with the password"], "Basic " + secrets["Basic header value with the wrong password"], "Bearer " + tokens[0]} {
		if !tp.auth[sent] {
			t.Fatalf("%q was never sent: the test looks for the wrong secrets", sent)
		}
	}
	tp.mu.Lock()
	defer tp.mu.Unlock()
	for name, secret := range secrets {
		for _, h := range haystacks {
			if strings.Contains(h, secret) {
				where, _, _ := strings.Cut(h, ": ")
				t.Errorf("the %s appears in %s", name, where)
			}
		}
	}
}

// keepFiles hands every regular file under dir to keep, named by path.
func keepFiles(t *testing.T, dir string, keep func(string, ...string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		keep(p, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

package main

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
)

// Each of seed 002's three update samples, expressed with flags.
var seed002 = []struct {
	file  string
	flags []string
}{
	{"002-update-1-request.xml", []string{"--notify=true", "--notify-delay", "4d",
		"--recipients", "alice.ops@example.com,bob.secops@example.com,carol.soc@example.com",
		"--notify-message", "The schedule notification message"}},
	{"002-update-2-request.xml", []string{"--name", "Update Notification to enable Reschedule", "--notify=true",
		"--notify-reschedule=true", "--notify-delay", "1 day", "--notify-message", "A Qualys scan is scheduled to start soon."}},
	{"002-update-3-request.xml", []string{"--name", "Schedule with sendOneMail enabled", "--send-mail=true", "--send-one-mail=true"}},
}

func requestSchedule(t *testing.T, xml string) model.WasScanSchedule {
	t.Helper()
	r, err := model.DecodeRequest([]byte(xml))
	if err != nil || r.Data == nil || r.Data.WasScanSchedule == nil {
		t.Fatalf("decode %v:\n%s", err, xml)
	}
	return *r.Data.WasScanSchedule
}

func TestWASUpdateExpressesSeed002(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 20, Seed: 12})
	id := e.activeIDs(1)[0]
	for _, c := range seed002 {
		t.Run(c.file, func(t *testing.T) {
			want := requestSchedule(t, seed(t, c.file))
			r := e.run("", append([]string{"was", "update", fmt.Sprint(id), "--dry-run"}, c.flags...)...).must(t, exitOK)
			head, body, _ := strings.Cut(r.stdout, "\n")
			if head != fmt.Sprintf("POST /qps/rest/3.0/update/was/wasscanschedule/%d", id) {
				t.Fatalf("dry run header %q", head)
			}
			if got := requestSchedule(t, body); !reflect.DeepEqual(got, want) {
				t.Fatalf("dry run sends\n%s\nwant the seed's\n%s", body, seed(t, c.file))
			}
			calls := e.requests(updateEP)
			e.run("", append([]string{"was", "update", fmt.Sprint(id)}, c.flags...)...).must(t, exitOK)
			if e.requests(updateEP) != calls+1 {
				t.Fatal("update not sent exactly once")
			}
			stored, _ := e.sim.WASSchedule(id)
			if want.Name != nil && stored.NameValue() != string(*want.Name) {
				t.Fatalf("name %q", stored.NameValue())
			}
			if n := want.Notification; n != nil {
				got := stored.Notification
				if *got.Active != *n.Active || (n.Delay != nil && *got.Delay != *n.Delay) || (n.Message != nil && *got.Message != *n.Message) ||
					(n.Recipients != nil && !slices.Equal(got.Recipients.Emails(), n.Recipients.Emails())) ||
					(n.Reschedule != nil && *got.Reschedule != *n.Reschedule) {
					t.Fatalf("stored notification %+v", got)
				}
			}
			if want.SendOneMail != nil && (!*stored.SendOneMail || !*stored.SendMail) {
				t.Fatal("sendMail/sendOneMail not stored")
			}
		})
	}
}

func TestWASUpdateShowsRecipientDiffAndRefusesBadInput(t *testing.T) {
	e := newTestEnv(t, sim.Options{WASSchedules: 5, Seed: 13})
	id := fmt.Sprint(e.activeIDs(1)[0])
	e.run("", "was", "update", id, "--recipients", "a.one@example.com,b.two@example.com").must(t, exitOK)
	r := e.run("", "was", "update", id, "--recipients", "b.two@example.com, c.three@example.com").must(t, exitOK)
	for _, want := range []string{"recipients: a.one@example.com, b.two@example.com → b.two@example.com, c.three@example.com", "  - a.one@example.com", "  + c.three@example.com"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("lacks %q:\n%s", want, r.stdout)
		}
	}
	calls := e.sim.Stats().Total
	r = e.run("", "was", "update", id, "--recipients", "ok@example.com,not-an-address", "--notify-delay", "45d", "--name", " ").must(t, exitUsage)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 3 || !strings.Contains(r.stderr, `--recipients: "not-an-address" is not a valid e-mail address`) ||
		!strings.Contains(r.stderr, "--notify-delay: must be 1 to 30 days") || !strings.Contains(r.stderr, "--name: must be 1 to") {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
	if e.sim.Stats().Total != calls {
		t.Fatal("invalid input reached the server")
	}
	e.run("", "was", "update", id).must(t, exitUsage)
	e.run("", "was", "update", id, "--notify=true", "--read-only").must(t, exitUsage)
	if e.sim.Stats().Total != calls {
		t.Fatal("a refused update reached the server")
	}
}

package model

import (
	"slices"
	"strings"
	"testing"
)

func TestParseNotifyDelay(t *testing.T) {
	for in, want := range map[string]int{"4d": 4, "4 days": 4, "1": 1, " 30 DAY ": 30} {
		d, err := ParseNotifyDelay(in)
		if err != nil || d.Nb != want || d.Scale != NotifyDelayScale {
			t.Errorf("%q: got %v, %v", in, d, err)
		}
	}
	for _, in := range []string{"", "0d", "31d", "4h", "-1", "four"} {
		if _, err := ParseNotifyDelay(in); err == nil {
			t.Errorf("%q: accepted", in)
		}
	}
}

func TestValidEmailAndRecipients(t *testing.T) {
	for _, ok := range []string{"alice.ops@example.com", "a+b@x.co.uk"} {
		if !ValidEmail(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "alice", "alice@localhost", "Alice <a@x.com>", "a@x.com,b@y.com"} {
		if ValidEmail(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	got := ParseRecipients("a@x.com, b@y.com;a@x.com  c@z.org")
	if !slices.Equal(got, []string{"a@x.com", "b@y.com", "c@z.org"}) {
		t.Fatalf("ParseRecipients: %v", got)
	}
	rm, add := RecipientsDiff([]string{"a", "b"}, []string{"b", "c"})
	if !slices.Equal(rm, []string{"a"}) || !slices.Equal(add, []string{"c"}) {
		t.Fatalf("diff: -%v +%v", rm, add)
	}
}

func TestValidateWASUpdateReportsEveryProblem(t *testing.T) {
	p := WasScanSchedule{
		Name: TextPtr("  "),
		Notification: &WASNotification{
			Delay:      &WASDelay{Nb: 40, Scale: "DAY"},
			Recipients: SetRecipients([]string{"ok@example.com", "nope", "also@bad"}),
		},
	}
	v := ValidateWASUpdate(p)
	if len(v.For("name")) != 1 || len(v.For("notification.delay")) != 1 || len(v.For("notification.recipients")) != 2 {
		t.Fatalf("got %v", v)
	}
	if !strings.Contains(v.Error(), `"nope"`) {
		t.Fatalf("message does not name the address: %v", v)
	}
	ok := WasScanSchedule{Name: TextPtr("n"), Notification: &WASNotification{Delay: &WASDelay{Nb: 4, Scale: "DAY"}, Recipients: SetRecipients([]string{"a@b.com"})}}
	if v := ValidateWASUpdate(ok); len(v) != 0 {
		t.Fatalf("valid update refused: %v", v)
	}
}

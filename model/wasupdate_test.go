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

// Only the fields set in the edit are in the update, each where the XML
// puts it; unset fields stay nil.
func TestWASUpdateFromEditHoldsOnlyTheEdit(t *testing.T) {
	s := func(v string) *string { return &v }
	if p, v := WASUpdateFromEdit(WASEdit{}); len(v) != 0 || p.Name != nil || p.Notification != nil || p.SendMail != nil || p.SendOneMail != nil {
		t.Fatalf("empty edit built %+v, %v", p, v)
	}
	if !(WASEdit{}).Empty() || (WASEdit{Active: Ptr(false)}).Empty() {
		t.Fatal("Empty is wrong")
	}
	p, v := WASUpdateFromEdit(WASEdit{Delay: s("4d")})
	if len(v) != 0 || p.Name != nil || p.SendMail != nil || p.Notification == nil || *p.Notification.Delay != (WASDelay{Nb: 4, Scale: "DAY"}) ||
		p.Notification.Active != nil || p.Notification.Recipients != nil || p.Notification.Message != nil || p.Notification.Reschedule != nil {
		t.Fatalf("delay only: %+v %+v %v", p, p.Notification, v)
	}
	p, v = WASUpdateFromEdit(WASEdit{
		Name: s("N"), Active: Ptr(true), Reschedule: Ptr(false), Recipients: s("a@x.com,\nb@y.org  a@x.com"),
		Message: s("line 1\nline 2"), SendMail: Ptr(true), SendOneMail: Ptr(false),
	})
	n := p.Notification
	if len(v) != 0 || string(*p.Name) != "N" || !*n.Active || *n.Reschedule || n.Delay != nil || string(*n.Message) != "line 1\nline 2" ||
		!slices.Equal(n.Recipients.Emails(), []string{"a@x.com", "b@y.org"}) || n.Recipients.Set == nil || !*p.SendMail || *p.SendOneMail {
		t.Fatalf("full edit: %+v %+v %v", p, n, v)
	}
	if _, v := WASUpdateFromEdit(WASEdit{Active: Ptr(false)}); len(v) != 0 {
		t.Fatalf("false is a value, not a problem: %v", v)
	}
}

// Every problem is reported under its field, and a value that cannot be
// parsed is left out of the update rather than sent half-read.
func TestWASUpdateFromEditReportsProblems(t *testing.T) {
	s := func(v string) *string { return &v }
	p, v := WASUpdateFromEdit(WASEdit{Name: s(" "), Delay: s("4h"), Recipients: s(" , ")})
	if len(v.For("name")) != 1 || len(v.For("notification.delay")) != 1 || len(v.For("notification.recipients")) != 1 || len(v) != 3 {
		t.Fatalf("problems %v", v)
	}
	if p.Notification != nil {
		t.Fatalf("unreadable values were put in the update: %+v", p.Notification)
	}
	_, v = WASUpdateFromEdit(WASEdit{Delay: s("45d"), Recipients: s("ok@example.com, nope")})
	if len(v) != 2 || !strings.Contains(v.For("notification.delay")[0].Problem, "1 to 30") || !strings.Contains(v.For("notification.recipients")[0].Problem, `"nope"`) {
		t.Fatalf("problems %v", v)
	}
}

// A WAS name or notification message holding a control character (here
// BEL, from FuzzWASUpdateRequest) passed validation and went out inside
// CDATA, which XML cannot carry: the request was not well-formed ("illegal
// character code U+0007"). It is now refused, one line naming the field.
func TestWASUpdateRefusesControlCharacters(t *testing.T) {
	for _, e := range []struct {
		edit  WASEdit
		field string
	}{
		{WASEdit{Name: Ptr("nightly\x07")}, "name"},
		{WASEdit{Name: Ptr("a\u202eb")}, "name"},
		{WASEdit{Message: Ptr("bell\a")}, "notification.message"},
		{WASEdit{Message: Ptr(strings.Repeat("x", MaxDescriptionLen+1))}, "notification.message"},
	} {
		_, errs := WASUpdateFromEdit(e.edit)
		if len(errs) != 1 || errs[0].Field != e.field {
			t.Errorf("%+v: %v", e.edit, errs)
		}
	}
	if _, errs := WASUpdateFromEdit(WASEdit{Message: Ptr("line 1\n\tline 2")}); len(errs) != 0 {
		t.Errorf("a multi-line message is refused: %v", errs)
	}
	s := WasScanSchedule{Notification: &WASNotification{Message: TextPtr("x\x1b[2J")}}
	if errs := ValidateWASCreate(s); !slices.ContainsFunc(errs, func(e FieldError) bool { return e.Field == "notification.message" }) {
		t.Errorf("create: %v", errs)
	}
}

// net/mail accepts UTF-8 in a local part, so "a\u202e@x.com" (RIGHT-TO-LEFT
// OVERRIDE, found by FuzzRecipients) was a valid recipient that shows as
// something else than what is sent. Control and bidi characters are now
// refused like in any free text; plain UTF-8 is still accepted.
func TestValidEmailRefusesBidiAndControls(t *testing.T) {
	for _, bad := range []string{"a\u202e@x.com", "a\u2066b@x.com", "a\u200f@x.com", "\"a\x7f\"@x.com"} {
		if ValidEmail(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	if !ValidEmail("jörg@example.de") {
		t.Error("a UTF-8 local part is refused")
	}
}

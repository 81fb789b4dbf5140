package model

import (
	"slices"
	"strings"
	"testing"
)

var recipientSeps = ",; \n\t"

// FuzzRecipients checks e-mail and recipient parsing: ParseRecipients
// gives no empty entry, no separator inside an entry, no duplicate, and
// reads its own comma-joined output back unchanged; an address ValidEmail
// accepts is one recipient as typed, holds no character that free text
// may not hold, and has a dot in its domain.
func FuzzRecipients(f *testing.F) {
	for _, s := range []string{"ops@example.com", "a@x.com, b@x.com;a@x.com", "Ops <ops@example.com>", `"a b"@x.com`, `"a,b"@x.com`,
		"a@localhost", "a@[1.2.3.4]", "a\u202e@x.com", "(c)a@x.com", "a@x.com (c)", "", " ,;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		list := ParseRecipients(s)
		for i, a := range list {
			if a == "" || strings.ContainsAny(a, recipientSeps) || slices.Index(list, a) != i {
				t.Fatalf("ParseRecipients(%q) = %q", s, list)
			}
		}
		if again := ParseRecipients(strings.Join(list, ",")); !slices.Equal(again, list) {
			t.Fatalf("ParseRecipients(%q) = %q, read again %q", s, list, again)
		}
		if !ValidEmail(s) {
			return
		}
		if got := ParseRecipients(s); len(got) != 1 || got[0] != s {
			t.Fatalf("valid address %q is read as the recipients %q", s, got)
		}
		if p := FreeTextProblem(s, false); p != "" {
			t.Fatalf("valid address %q %s", s, p)
		}
		if at := strings.LastIndex(s, "@"); at < 1 || !strings.Contains(s[at:], ".") {
			t.Fatalf("valid address %q has no local part or no dot in its domain", s)
		}
	})
}

// FuzzParseNotifyDelay checks that a delay that parses is in range, in
// days, and reads back from its own String; a refusal is one line.
func FuzzParseNotifyDelay(f *testing.F) {
	for _, s := range []string{"4d", "4 days", "4", " 30 DAY ", "0", "31", "4h", "-1", "99999999999999999999", "４"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseNotifyDelay(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal of %q is not one line: %q", s, err)
			}
			return
		}
		if d.Nb < MinNotifyDelayDays || d.Nb > MaxNotifyDelayDays || d.Scale != NotifyDelayScale {
			t.Fatalf("ParseNotifyDelay(%q) = %+v", s, d)
		}
		if back, err := ParseNotifyDelay(d.String()); err != nil || back != d {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, d, d.String(), back, err)
		}
	})
}

// FuzzWASUpdateRequest checks the one builder of WAS updates: an edit it
// finds no problem with encodes (NewUpdateRequest, EncodeRequest) into a
// request the schema check accepts, which decodes to the same name,
// message, delay, recipients and flags (values are trimmed on read, as the
// service's samples are); every problem names one of its fields in one
// line.
func FuzzWASUpdateRequest(f *testing.F) {
	f.Add("Nightly scan", "4d", "a@x.com, b@x.com", "Scan tonight", uint8(0xff))
	f.Add("", "0", "", "", uint8(0))
	f.Add("a]]>b", "30 days", "x@y.org", "line 1\nline 2", uint8(0x1f))
	f.Add("esc\x1b[2J", "4", "a@x.com", "bell\a", uint8(0xaa))
	f.Fuzz(func(t *testing.T, name, delay, recipients, message string, set uint8) {
		var e WASEdit
		bit := func(i int) bool { return set&(1<<i) != 0 }
		if bit(0) {
			e.Name = &name
		}
		if bit(1) {
			e.Delay = &delay
		}
		if bit(2) {
			e.Recipients = &recipients
		}
		if bit(3) {
			e.Message = &message
		}
		e.Active, e.SendMail = Ptr(bit(4)), Ptr(bit(5))
		if bit(6) {
			e.SendOneMail = Ptr(bit(7))
		}
		p, errs := WASUpdateFromEdit(e)
		if len(errs) > 0 {
			for _, fe := range errs {
				if !slices.Contains([]string{"name", "notification.delay", "notification.recipients", "notification.message"}, fe.Field) ||
					strings.Contains(fe.Error(), "\n") {
					t.Fatalf("problem %q does not name a field of the edit in one line", fe.Error())
				}
			}
			return
		}
		out, err := EncodeRequest(NewUpdateRequest(p))
		if err != nil {
			t.Fatalf("valid edit %+v does not encode: %v", e, err)
		}
		if err := CheckRequestXML(out, RequestParts{Data: true}); err != nil {
			t.Fatalf("valid edit encodes into a request the schema refuses: %v\n%s", err, out)
		}
		r, err := DecodeRequest(out)
		if err != nil || r.Data == nil || r.Data.WasScanSchedule == nil {
			t.Fatalf("own request does not decode: %v\n%s", err, out)
		}
		got := r.Data.WasScanSchedule
		text := func(p *Text) string {
			if p == nil {
				return "<nil>"
			}
			return strings.TrimSpace(string(*p))
		}
		if text(got.Name) != text(p.Name) {
			t.Fatalf("name %q is read back as %q\n%s", text(p.Name), text(got.Name), out)
		}
		if (got.Notification == nil) != (p.Notification == nil) {
			t.Fatalf("notification lost or invented\n%s", out)
		}
		if n, m := p.Notification, got.Notification; n != nil {
			if text(n.Message) != text(m.Message) {
				t.Fatalf("message %q is read back as %q\n%s", text(n.Message), text(m.Message), out)
			}
			if (n.Delay == nil) != (m.Delay == nil) || (n.Delay != nil && *n.Delay != *m.Delay) {
				t.Fatalf("delay %+v is read back as %+v", n.Delay, m.Delay)
			}
			var want []string
			for _, a := range ParseRecipients(recipients) {
				want = append(want, strings.TrimSpace(a))
			}
			if e.Recipients != nil && !slices.Equal(m.Recipients.Emails(), want) {
				t.Fatalf("recipients %q are read back as %q\n%s", want, m.Recipients.Emails(), out)
			}
		}
		if *got.SendMail != *p.SendMail || (p.SendOneMail == nil) != (got.SendOneMail == nil) {
			t.Fatalf("flags changed\n%s", out)
		}
	})
}

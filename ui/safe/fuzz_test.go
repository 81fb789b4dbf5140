package safe_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/safe"
)

// FuzzSafeText checks, for any input and width: nothing escaped reaches
// the output raw, the output is valid UTF-8, nothing is dropped (the
// output reads back to the capped input), Line fits its width, and JSON
// of the value stays valid, equal in value, with no raw escaped rune.
func FuzzSafeText(f *testing.F) {
	for _, s := range []string{"", "plain", "a\u009b2Jb@x.com", "\x1b]52;c;aGk=\x07", "\x1b]8;;http://e\x1b\\l\x1b]8;;\x1b\\",
		"\u202Eevil", "\U0001F468\u200D\U0001F469", "a\nb", `\u009b`, "\\\x9b", "日本語\xff", "\U000E0041"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		width %= 200
		text := safe.Text(s)
		for _, out := range []string{text, safe.Line(s, width)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q: %q", s, out)
			}
			for _, r := range out {
				if safe.Escaped(r) {
					t.Fatalf("U+%04X raw in %q (from %q)", r, out, s)
				}
			}
		}
		in := s
		if len(s) > safe.MaxLen {
			i := strings.LastIndex(text, " … (")
			in, text = s[:len(safe.Unescape(text[:i]))], text[:i]
		}
		if got := safe.Unescape(text); got != in {
			t.Fatalf("Text(%q) = %q reads back as %q", in, text, got)
		}
		if width > 0 {
			if w := ansi.StringWidth(safe.Line(s, width)); w > width {
				t.Fatalf("Line(%q, %d) is %d cells", s, width, w)
			}
		}
		raw, _ := json.Marshal(s)
		esc := safe.JSON(raw)
		var want, back string
		_ = json.Unmarshal(raw, &want)
		if !json.Valid(esc) || json.Unmarshal(esc, &back) != nil || back != want {
			t.Fatalf("JSON of %q: %s", s, esc)
		}
		for _, r := range string(esc) {
			if safe.Escaped(r) {
				t.Fatalf("U+%04X raw in JSON %s", r, esc)
			}
		}
	})
}

package safe_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/safe"
)

func TestTextShowsWhatIsStored(t *testing.T) {
	for in, want := range map[string]string{
		"a\u009b2Jb@x.com":               `a\u009b2Jb@x.com`,
		"a\x1b[31mb":                     `a\u001b[31mb`,
		"x\x1b]52;c;aGk=\x07y":           `x\u001b]52;c;aGk=\u0007y`,
		"\x1b]8;;http://e\x1b\\l":        `\u001b]8;;http://e\u001b\l`,
		"first\nsecond\r\tz":             `first\u000asecond\u000d\u0009z`,
		"\u202Egnp.exe":                  `\u202egnp.exe`,
		"a\u200bb\u2060c\ufeffd":         `a\u200bb\u2060c\ufeffd`,
		"l\u2028p\u2029":                 `l\u2028p\u2029`,
		"\u200e\u200f\u061c\u2066\u2069": `\u200e\u200f\u061c\u2066\u2069`,
		"del\x7f":                        `del\u007f`,
		"bad\xffutf8":                    `bad\xffutf8`,
		"tag\U000E0041":                  `tag\U000e0041`,
		`C:\Temp\new`:                    `C:\Temp\new`,
		`literal \u009b`:                 `literal \\u009b`,
		`two \\ and \x`:                  `two \\\ and \\x`,
		"\\\u009b":                       `\\\u009b`,
		"ünïcødé 日本 👍":                   "ünïcødé 日本 👍",
	} {
		if got := safe.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
		if got := safe.Unescape(safe.Text(in)); got != in {
			t.Errorf("Text(%q) reads back as %q", in, got)
		}
	}
}

// A ZWJ family is one grapheme of width 2 for ansi.StringWidth but three
// emoji on many terminals; shown with visible joiners, each emoji is
// measured on its own and the measured width is what every terminal draws.
func TestZWJEmojiAreMeasuredOneByOne(t *testing.T) {
	family := "\U0001F468\u200D\U0001F469\u200D\U0001F467"
	if w := ansi.StringWidth(family); w != 2 {
		t.Fatalf("premise: the joined family measures %d cells, want 2", w)
	}
	got := safe.Line(family, 0)
	want := "\U0001F468\\u200d\U0001F469\\u200d\U0001F467"
	if got != want {
		t.Fatalf("Line = %q, want %q", got, want)
	}
	if w := ansi.StringWidth(got); w != 3*2+2*6 {
		t.Fatalf("width %d, want 18 (three emoji and two escapes)", w)
	}
}

func TestLineCutsToWidth(t *testing.T) {
	for _, in := range []string{strings.Repeat("x", 20), strings.Repeat("日", 20), "ab\u009b" + strings.Repeat("é", 30)} {
		for _, w := range []int{1, 2, 5, 10} {
			got := safe.Line(in, w)
			if ansi.StringWidth(got) > w || !strings.HasSuffix(got, "…") {
				t.Errorf("Line(%q, %d) = %q (%d cells)", in, w, got, ansi.StringWidth(got))
			}
		}
	}
	if got := safe.Line("a  b", 10); got != "a  b" {
		t.Errorf("runs of spaces are part of the value: %q", got)
	}
	if got := safe.Line("short", 0); got != "short" {
		t.Errorf("width 0: %q", got)
	}
}

func TestLongValuesAreCutBeforeWork(t *testing.T) {
	big := strings.Repeat("é", 1<<19) // 1 MiB
	got := safe.Text(big)
	if len(got) > safe.MaxLen+64 || !strings.HasSuffix(got, " … (1044480 more bytes)") || !utf8.ValidString(got) {
		t.Fatalf("Text of 1 MiB: %d bytes, ends %q", len(got), got[len(got)-40:])
	}
	if got := safe.Line(big, 0); len(got) > safe.MaxLen+64 {
		t.Fatalf("Line of 1 MiB: %d bytes", len(got))
	}
	n := testing.AllocsPerRun(5, func() { safe.Line(big, 80) })
	if n > 20 {
		t.Fatalf("%v allocations for a 1 MiB line", n)
	}
}

func TestEscapedSet(t *testing.T) {
	for _, r := range []rune{0, 0x1b, '\n', 0x7f, 0x80, 0x9b, 0x9f, 0xad, 0x61c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f,
		0x2028, 0x2029, 0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xe0001} {
		if !safe.Escaped(r) {
			t.Errorf("U+%04X is not escaped", r)
		}
	}
	for _, r := range []rune{' ', 'a', '~', 0xa0, 0xe9, 0x65e5, 0xfe0f, 0x1f44d, utf8.RuneError} {
		if safe.Escaped(r) {
			t.Errorf("U+%04X is escaped", r)
		}
	}
}

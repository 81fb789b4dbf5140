package safe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLen is how many bytes of a value Text and Line look at; the rest is
// counted, not shown.
const MaxLen = 4096

// Escaped reports whether r is shown as an escape rather than as itself:
// C0 and C1 controls and DEL (Cc), format characters (Cf: bidi marks,
// embeddings, overrides and isolates, zero-width space and joiners, word
// joiner, BOM, soft hyphen, invisible tag characters…), the line and
// paragraph separators (Zl, Zp). Everything else, U+FFFD included, is
// visible and shown as itself.
func Escaped(r rune) bool {
	if r < 0x7f {
		return r < 0x20
	}
	if r <= 0x9f {
		return true // DEL and C1
	}
	return unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// Text returns the visible form of s: every rune for which Escaped is
// true becomes \uXXXX, invalid bytes become \xNN, a backslash that could
// start an escape is doubled. Input beyond MaxLen bytes is not shown;
// " … (N more bytes)" says how much was left out.
func Text(s string) string {
	s, more := capped(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	write(&b, s)
	if more > 0 {
		b.WriteString(" … (" + strconv.Itoa(more) + " more bytes)")
	}
	return b.String()
}

// capped cuts s to at most MaxLen bytes at a rune boundary and reports
// how many bytes were cut.
func capped(s string) (string, int) {
	if len(s) <= MaxLen {
		return s, 0
	}
	n := MaxLen
	for i := 0; i < utf8.UTFMax && n > 0 && !utf8.RuneStart(s[n]); i++ {
		n--
	}
	return s[:n], len(s) - n
}

func write(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			hex2(b, s[i])
		case r == '\\':
			b.WriteByte('\\')
			if startsEscape(s[i+1:]) {
				b.WriteByte('\\')
			}
		case Escaped(r):
			escapeRune(b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

// startsEscape reports whether a backslash shown before rest could be read
// together with it as an escape.
func startsEscape(rest string) bool {
	if rest == "" {
		return false
	}
	switch rest[0] {
	case '\\', 'u', 'U', 'x':
		return true
	}
	r, size := utf8.DecodeRuneInString(rest)
	return Escaped(r) || (r == utf8.RuneError && size == 1)
}

const hexDigits = "0123456789abcdef"

func hex2(b *strings.Builder, c byte) {
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

func escapeRune(b *strings.Builder, r rune) {
	if r > 0xffff {
		b.WriteString(`\U`)
		hex2(b, byte(r>>24))
		hex2(b, byte(r>>16))
	} else {
		b.WriteString(`\u`)
	}
	hex2(b, byte(r>>8))
	hex2(b, byte(r))
}

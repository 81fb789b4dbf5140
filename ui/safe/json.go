package safe

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// JSON rewrites a JSON document so that every rune for which Escaped is
// true is written as a \uXXXX escape (a surrogate pair above U+FFFF).
// encoding/json already escapes C0 controls (\n, \t and the like keep
// their short forms) but writes DEL, C1 controls, bidi and zero-width
// characters raw. In valid JSON such runes can only stand inside strings,
// where an escape means the same rune, so the document's value is
// unchanged. (encoding/json itself replaces invalid UTF-8 with U+FFFD.)
func JSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			if b[i] != 0x7f {
				i++
				continue
			}
		}
		r, size := utf8.DecodeRune(b[i:])
		if !Escaped(r) {
			i += size
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+64)
		}
		out = append(out, b[last:i]...)
		if r > 0xffff {
			r1, r2 := utf16.EncodeRune(r)
			out = appendU(appendU(out, r1), r2)
		} else {
			out = appendU(out, r)
		}
		i += size
		last = i
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

func appendU(out []byte, r rune) []byte {
	return append(out, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

// WriteJSON writes v to w as one indented JSON document followed by a
// newline, escaped with JSON.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(JSON(buf.Bytes()))
	return err
}

package safe

import "strings"

// Unescape reads text shown by Text back into the value: the inverse of
// Text for values of at most MaxLen bytes. Editors show server values
// through Text and send what Unescape makes of the edit, so an escape
// left as it was stands for the character it shows.
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch n := hexLen(s[i+1]); {
		case s[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case n > 0 && i+2+n <= len(s) && isHex(s[i+2:i+2+n]):
			v := hexVal(s[i+2 : i+2+n])
			if n == 2 {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			i += 1 + n
		default:
			b.WriteByte('\\')
		}
	}
	return b.String()
}

func hexLen(c byte) int {
	switch c {
	case 'x':
		return 2
	case 'u':
		return 4
	case 'U':
		return 8
	}
	return 0
}

func isHex(h string) bool {
	for i := 0; i < len(h); i++ {
		if !strings.ContainsRune(hexDigits, rune(h[i])) {
			return false
		}
	}
	return true
}

func hexVal(h string) int {
	v := 0
	for i := 0; i < len(h); i++ {
		v = v*16 + strings.IndexByte(hexDigits, h[i])
	}
	return v
}

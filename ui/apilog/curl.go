package apilog

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/safe"
)

// curl is the call as a curl command to paste into a shell: the method,
// the full URL, the content type and the request body the log kept
// (already redacted: a REDACTED in it must be filled in by hand). The
// credentials are never in it: they are read from the environment
// ($QUALYS_USERNAME and $QUALYS_PASSWORD, or a token in $QUALYS_TOKEN for
// the gateway). Every value is shown through safe.Text, line by line, so
// the clipboard never holds a control character.
func curl(e *entry) string {
	var b strings.Builder
	switch {
	case e.req.Truncated:
		fmt.Fprintf(&b, "# the request body had %d bytes; only the first %d were kept: complete it before sending\n", e.req.Size, client.MaxLoggedBody)
	case e.bodiesDropped:
		b.WriteString("# the request body is no longer kept (older call): add it before sending\n")
	}
	fmt.Fprintf(&b, "curl -sS -X %s %s", shellQuote(e.method), shellQuote(safe.Text(e.url)))
	if e.contentType != "" {
		b.WriteString(" \\\n  -H " + shellQuote("Content-Type: "+safe.Text(e.contentType)))
	}
	b.WriteString(" \\\n  -H 'X-Requested-With: qsched'")
	switch e.auth {
	case client.AuthBasic:
		b.WriteString(" \\\n  -u \"$QUALYS_USERNAME:$QUALYS_PASSWORD\"")
	case client.AuthBearer:
		b.WriteString(" \\\n  -H \"Authorization: Bearer $QUALYS_TOKEN\"")
	case client.AuthForm:
		b.WriteString(" \\\n  --data-urlencode \"username=$QUALYS_USERNAME\" --data-urlencode \"password=$QUALYS_PASSWORD\" --data-urlencode token=true")
	}
	if e.auth != client.AuthForm && e.req.Text != "" {
		b.WriteString(" \\\n  --data-binary " + shellQuote(safeLines(e.req.Text)))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell: single quotes, a ' inside as '\”.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// safeLines is s with each line in its visible form (safeLong), the line
// breaks kept.
func safeLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = safeLong(l)
	}
	return strings.Join(lines, "\n")
}

// safeLong is safe.Text of a value longer than safe.MaxLen, whole: it is
// escaped in pieces cut at rune boundaries, never right after a
// backslash (which safe.Text doubles by what follows it).
func safeLong(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		n := min(len(s), safe.MaxLen)
		for n < len(s) && n > 1 && (!utf8.RuneStart(s[n]) || s[n-1] == '\\') {
			n--
		}
		b.WriteString(safe.Text(s[:n]))
		s = s[n:]
	}
	return b.String()
}

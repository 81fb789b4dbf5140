package main

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/qsched/qsched/model"
)

// FuzzParseID checks the schedule-id argument: an accepted id is positive,
// is the number written (an optional + and leading zeros aside, as
// strconv reads it) and is an id the model can send (IDOf(id).Int() gives
// it back); a refused one is a usage error (exit 2) in one line that
// quotes the argument, so no control character of it reaches a terminal.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{"701946", "0", "-1", "+7", "007", "9223372036854775807", "9223372036854775808", "7.0", "1e3", " 7", "0x1F", "1_000", "\x1b[2J", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := parseID(s)
		if err != nil {
			var e *exitError
			msg := err.Error()
			if !errors.As(err, &e) || e.code != exitUsage || !strings.Contains(msg, strconv.Quote(s)) ||
				strings.ContainsFunc(msg, unicode.IsControl) {
				t.Fatalf("refusal of %q: %q", s, msg)
			}
			return
		}
		digits := strings.TrimLeft(strings.TrimPrefix(s, "+"), "0")
		if id <= 0 || strconv.FormatInt(id, 10) != digits {
			t.Fatalf("parseID(%q) = %d", s, id)
		}
		if n, ok := model.IDOf(id).Int(); !ok || n != id {
			t.Fatalf("id %d is not a model id", id)
		}
	})
}

package model

import (
	"fmt"
	"unicode/utf8"
)

// MaxDescriptionLen is the longest description and parameter value qsched
// sends, in characters (no limit is documented; qsched's own bound).
const MaxDescriptionLen = 2000

// FreeTextProblem says why s cannot go to the API as free text, or "" when
// it can: a character that is not valid UTF-8, a control character (C0,
// DEL or C1; tab and newline are allowed where multiline), or a
// bidirectional control, which would make the text read differently from
// how it is stored wherever it is shown.
func FreeTextProblem(s string, multiline bool) string {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !utf8.ValidString(s[i:min(i+4, len(s))]):
			return fmt.Sprintf("holds a byte that is not UTF-8 (character %d)", utf8.RuneCountInString(s[:i])+1)
		case multiline && (r == '\n' || r == '\t'):
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return fmt.Sprintf("holds control character U+%04X (character %d)", r, utf8.RuneCountInString(s[:i])+1)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			return fmt.Sprintf("holds bidi control U+%04X (character %d)", r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	return ""
}

// CheckText reports free text qsched will not send: control and bidi
// characters in the title, description, user name, script titles and
// parameters, and a description or parameter value over
// MaxDescriptionLen. It is qsched's rule, not the API's: the simulator,
// which models the API, does not apply it, so hostile data can still be
// planted there.
func (s ScriptSchedule) CheckText() ValidationErrors {
	var v ValidationErrors
	check := func(field, value string, multiline bool, limit int) {
		if p := FreeTextProblem(value, multiline); p != "" {
			v.add(field, p)
		} else if n := utf8.RuneCountInString(value); limit > 0 && n > limit {
			v.add(field, fmt.Sprintf("is %d characters long; at most %d are allowed", n, limit))
		}
	}
	check("title", s.Title, false, 0) // its length is a documented rule (Validate)
	check("description", s.Description, true, MaxDescriptionLen)
	check("user.name", s.User.Name, false, MaxTitleLen)
	for i, sc := range s.Scripts {
		f := fmt.Sprintf("scripts[%d]", i)
		check(f+".title", sc.Title, false, MaxTitleLen)
		for j, p := range sc.Params {
			check(fmt.Sprintf("%s.params[%d].key", f, j), p.Key, false, MaxTitleLen)
			check(fmt.Sprintf("%s.params[%d].value", f, j), p.Value, true, MaxDescriptionLen)
		}
	}
	return v
}

// ValidateForSend is every check before qsched sends a schedule: the
// documented rules (Validate) and qsched's own on free text (CheckText).
func (s ScriptSchedule) ValidateForSend() ValidationErrors {
	return append(s.Validate(), s.CheckText()...)
}

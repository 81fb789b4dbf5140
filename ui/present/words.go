package present

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/qsched/qsched/ui/safe"
)

var printer = message.NewPrinter(language.English)

// Count formats n with thousands separators: 12400 → "12,400".
func Count(n int) string { return printer.Sprint(n) }

// Plural returns the count and the word, with an s unless n is 1:
// "1 schedule", "12,400 schedules".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	for _, end := range []string{"s", "x", "z", "ch", "sh"} { // "launches", not "launchs"
		if strings.HasSuffix(word, end) {
			return Count(n) + " " + word + "es"
		}
	}
	return Count(n) + " " + word + "s"
}

// YesNo returns "yes" or "no".
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Verbs are the forms of the verb for activating or deactivating.
type Verbs struct {
	Base string // "deactivate"
	Ing  string // "deactivating"
	Past string // "deactivated"
}

// Verb returns the forms of "activate" (active) or "deactivate".
func Verb(active bool) Verbs {
	if active {
		return Verbs{"activate", "activating", "activated"}
	}
	return Verbs{"deactivate", "deactivating", "deactivated"}
}

// Title returns the forms with an upper-case first letter, to start a
// sentence: "Deactivate", "Deactivating", "Deactivated".
func (v Verbs) Title() Verbs { return Verbs{title(v.Base), title(v.Ing), title(v.Past)} }

// title upper-cases the first letter of an ASCII word.
func title(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// OrNone returns s, or "none" when s is empty: no filter, no recipients.
func OrNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// List shows values, each made safe, joined with ", ": "a@x.com, b@x.com".
func List(vs []string) string {
	shown := make([]string, len(vs))
	for i, v := range vs {
		shown[i] = safe.Text(v)
	}
	return strings.Join(shown, ", ")
}

// IDs lists ids joined with ", ", without thousands separators: "1688, 700504".
func IDs(ids []int64) string {
	shown := make([]string, len(ids))
	for i, id := range ids {
		shown[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(shown, ", ")
}

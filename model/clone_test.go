package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A copy's name is the original's with " (copy)", cut to stay within the
// name limit, counted in characters.
func TestCloneName(t *testing.T) {
	for in, want := range map[string]string{
		"Nightly scan":   "Nightly scan (copy)",
		"  padded  ":     "padded (copy)",
		"":               "(copy)",
		"Already (copy)": "Already (copy) (copy)",
	} {
		if got := CloneName(in); got != want {
			t.Errorf("CloneName(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("é", MaxTitleLen)
	got := CloneName(long)
	if n := utf8.RuneCountInString(got); n != MaxTitleLen || !strings.HasSuffix(got, CloneSuffix) || !utf8.ValidString(got) {
		t.Fatalf("a %d-character name: the copy's is %d characters: %q", MaxTitleLen, n, got)
	}
}

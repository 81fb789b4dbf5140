package uitest

import (
	"bytes"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
)

// ASCII returns view as a terminal with the ASCII profile shows it: bold
// and reverse kept, every colour dropped.
func ASCII(view string) string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
	_, _ = w.WriteString(view)
	return b.String()
}

// RequireGolden compares view, through the ASCII profile, with
// testdata/<test name>.golden (go test ./ui/... -update rewrites it).
func RequireGolden(t testing.TB, view string) {
	t.Helper()
	golden.RequireEqual(t, ASCII(view))
}

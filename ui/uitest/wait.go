package uitest

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// WaitFor blocks until every token has appeared in the program's output
// since the last wait (teatest drains what it reads). Tokens should carry
// no spaces: the cell-diff renderer may skip cells that did not change.
func WaitFor(t testing.TB, tm *teatest.TestModel, tokens ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range tokens {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

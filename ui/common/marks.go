package common

import (
	"fmt"

	"github.com/qsched/qsched/ui/present"
)

// Row markers of the schedule lists' mark column, the same on every
// screen and explained by their Legend in help and in the status line.
const (
	GlyphMarked  = "●" // marked
	GlyphFailed  = "!" // marked, and the last action on it failed
	GlyphUnknown = "?" // marked, and the last action's outcome is unknown (sent, no answer)
)

// AlreadyInState is the confirmation's count of targets that are in the
// requested state already: "3 of 12 are already inactive".
func AlreadyInState(already, total int, active bool) string {
	state := "inactive"
	if active {
		state = "active"
	}
	verb := "are"
	if already == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%s of %s %s already %s", present.Count(already), present.Count(total), verb, state)
}

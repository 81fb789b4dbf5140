package common

import (
	"errors"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/safe"
)

// CannotUndoText says why nothing can be undone (z on either list): a
// create, update or delete, which cannot be, or the error that stopped the
// search for the last action.
func CannotUndoText(err error) string {
	var ce *client.CannotUndoError
	if errors.As(err, &ce) {
		return "Cannot undo your last " + safe.Line(ce.Action, 0) + ": " + safe.Line(ce.Why, 0) + "."
	}
	return "Cannot undo: " + safe.Line(err.Error(), 0)
}

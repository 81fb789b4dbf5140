package client

import "fmt"

// Created is what a create left on the server: the new schedule's id and
// whether its answer was lost and a search for its title or name found it
// (then it exists once and was not sent again).
type Created[ID string | int64] struct {
	ID    ID
	Found bool
}

// Note is one sentence for the operator when the answer was lost and the
// schedule was found; "" otherwise.
func (c Created[ID]) Note() string {
	if !c.Found {
		return ""
	}
	return fmt.Sprintf("The answer was lost; a search found the new schedule (id %v): it exists once and was not sent again.", c.ID)
}

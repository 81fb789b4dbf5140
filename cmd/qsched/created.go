package main

// noteLine is note as a line of its own, or nothing when note is empty
// (a create's client.Created.Note).
func noteLine(note string) string {
	if note == "" {
		return ""
	}
	return note + "\n"
}

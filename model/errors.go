package model

import (
	"errors"
	"strings"
)

var errTrailing = errors.New("unexpected data after the JSON body")

// FieldError is one validation problem: the field (a JSON path such as
// "assets[0].UUId") and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Problem }

// ValidationErrors holds every problem found at once.
type ValidationErrors []FieldError

func (v ValidationErrors) Error() string {
	lines := make([]string, len(v))
	for i, e := range v {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns v as an error, or nil when it is empty.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// For returns the problems reported for one field.
func (v ValidationErrors) For(field string) []FieldError {
	var out []FieldError
	for _, e := range v {
		if e.Field == field {
			out = append(out, e)
		}
	}
	return out
}

func (v *ValidationErrors) add(field, problem string) {
	*v = append(*v, FieldError{Field: field, Problem: problem})
}

package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// FlexID is an identifier that the CAR API shows either as a JSON number
// (226213) or as a string ("226213", "<SCRIPT ID>"). It keeps the text so
// that a placeholder survives decoding and is reported by validation
// instead of failing the whole decode.
type FlexID string

// UnmarshalJSON accepts a JSON number, a JSON string or null.
func (f *FlexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexID(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("id must be a number or a string")
		}
		*f = FlexID(n.String())
	}
	return nil
}

// MarshalJSON writes a number when the id is an integer (U33), otherwise a
// string.
func (f FlexID) MarshalJSON() ([]byte, error) {
	if _, err := strconv.ParseInt(string(f), 10, 64); err == nil {
		return []byte(f), nil
	}
	return json.Marshal(string(f))
}

// Int returns the id as a positive integer, or false.
func (f FlexID) Int() (int64, bool) {
	n, err := strconv.ParseInt(string(f), 10, 64)
	return n, err == nil && n > 0
}

// IDOf makes a FlexID from an integer.
func IDOf(n int64) FlexID { return FlexID(strconv.FormatInt(n, 10)) }

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

// MarshalJSON writes a number when the id is an integer written the one
// way JSON writes it (U33), otherwise a string: "007" or "+7" would not be
// valid JSON numbers.
func (f FlexID) MarshalJSON() ([]byte, error) {
	if f.canonical() {
		return []byte(f), nil
	}
	return json.Marshal(string(f))
}

// Int returns the id as a positive integer, or false. Only the exact
// decimal form counts: "007", "+7", "7.0", "7e0" and values beyond int64
// are not ids, since they cannot be sent back as they were given.
func (f FlexID) Int() (int64, bool) {
	n, err := strconv.ParseInt(string(f), 10, 64)
	return n, err == nil && n > 0 && f.canonical()
}

func (f FlexID) canonical() bool {
	n, err := strconv.ParseInt(string(f), 10, 64)
	return err == nil && strconv.FormatInt(n, 10) == string(f)
}

// IDOf makes a FlexID from an integer.
func IDOf(n int64) FlexID { return FlexID(strconv.FormatInt(n, 10)) }

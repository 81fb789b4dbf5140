package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// jsonProblem says what is wrong with a JSON body in qsched's words, not
// encoding/json's ("cannot unmarshal array into Go value of type
// model.wireSchedule", "EOF"): one line, naming the field where there is
// one.
func jsonProblem(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF):
		return errors.New("the body is empty: expected a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("not valid JSON: it ends early")
	case errors.As(err, &se):
		return fmt.Errorf("not valid JSON (near byte %d)", se.Offset)
	case errors.As(err, &te):
		got := te.Value
		switch got {
		case "array":
			got = "a list"
		case "object":
			got = "an object"
		case "string":
			got = "text"
		case "bool":
			got = "true or false"
		}
		if te.Field == "" {
			return fmt.Errorf("expected %s, got %s", kindWords(te.Type), got)
		}
		return fmt.Errorf("%s: expected %s, got %s", te.Field, kindWords(te.Type), got)
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

// kindWords names what a Go type holds, for a reader of JSON.
func kindWords(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return kindWords(t.Elem())
	}
	return "another value"
}

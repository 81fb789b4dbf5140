package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// keySet describes the exact field names of a JSON object and, for fields
// holding objects or arrays of objects, their own key sets.
type keySet map[string]keySet

var (
	scheduleKeys = keysOf(reflect.TypeFor[wireSchedule]())
)

// keysOf derives the key set from a struct's json tags, so it cannot drift
// from the wire type.
func keysOf(t reflect.Type) keySet {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	ks := keySet{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		ks[name] = keysOf(f.Type)
	}
	return ks
}

// checkExactKeys rejects object keys that are not in ks with the exact
// spelling, recursing into nested objects and arrays.
func checkExactKeys(b []byte, ks keySet) error {
	return walkKeys(b, ks, "")
}

func walkKeys(b []byte, ks keySet, path string) error {
	if ks == nil {
		return nil
	}
	trimmed := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(trimmed, "["):
		var arr []json.RawMessage
		if err := json.Unmarshal(b, &arr); err != nil {
			return err
		}
		for i, e := range arr {
			if err := walkKeys(e, ks, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case strings.HasPrefix(trimmed, "{"):
		dec := json.NewDecoder(strings.NewReader(trimmed))
		if _, err := dec.Token(); err != nil { // {
			return err
		}
		seen := map[string]bool{}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := t.(string)
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return err
			}
			sub, ok := ks[k]
			switch {
			case !ok:
				return fmt.Errorf("json: unknown field %q%s", k, inPath(path))
			case seen[k]:
				// encoding/json keeps the last one silently.
				return fmt.Errorf("json: field %q given twice%s", k, inPath(path))
			}
			seen[k] = true
			if err := walkKeys(v, sub, join(path, k)); err != nil {
				return err
			}
		}
	}
	return nil
}

func inPath(p string) string {
	if p == "" {
		return ""
	}
	return " in " + p
}

func join(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

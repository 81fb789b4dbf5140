package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestIdsMustBeWrittenExactly(t *testing.T) {
	for id, ok := range map[FlexID]bool{"226213": true, "1": true, "007": false, "+226213": false, "7.0": false, "7e0": false, "-7": false, "0": false, "99999999999999999999": false, "<SCRIPT ID>": false} {
		if _, got := id.Int(); got != ok {
			t.Errorf("%q: Int ok %v, want %v", id, got, ok)
		}
		// Whatever the id, the body is valid JSON (a number only when exact).
		b, err := json.Marshal(ScriptRef{ID: id, Title: "t"})
		if err != nil || !json.Valid(b) {
			t.Errorf("%q: %s %v", id, b, err)
		}
	}
	s := validSchedule()
	s.Scripts[0].ID = "007"
	if v := s.Validate(); !strings.Contains(v.Error(), `scripts[0].id: must be a positive integer, got "007"`) {
		t.Fatalf("validation: %v", v)
	}
}

func TestDuplicateKeysAreRefused(t *testing.T) {
	for _, body := range []string{
		`{"title":"a","title":"b"}`,
		`{"scripts":[{"id":1,"title":"x","id":2}]}`,
		`{"user":{"id":"u","name":"n","name":"m"}}`,
	} {
		_, err := DecodeScriptSchedule([]byte(body))
		if err == nil || !strings.Contains(err.Error(), "given twice") {
			t.Errorf("%s: %v", body, err)
		}
	}
}

func TestCheckTextRefusesControlsAndBidiAndBoundsLength(t *testing.T) {
	for _, c := range []struct {
		mod   func(*ScriptSchedule)
		field string
	}{
		{func(s *ScriptSchedule) { s.Title = "a\x1b[2Jb" }, "title: holds control character U+001B (character 2)"},
		{func(s *ScriptSchedule) { s.Title = "x\u202egnp.exe" }, "title: holds bidi control U+202E"},
		{func(s *ScriptSchedule) { s.Description = "line\nline\u0085" }, "description: holds control character U+0085"},
		{func(s *ScriptSchedule) { s.Description = strings.Repeat("é", MaxDescriptionLen+1) }, "description: is 2001 characters long"},
		{func(s *ScriptSchedule) { s.User.Name = "n\x7f" }, "user.name: holds control character U+007F"},
		{func(s *ScriptSchedule) { s.Scripts[0].Title = "t\u2066" }, "scripts[0].title: holds bidi control U+2066"},
		{func(s *ScriptSchedule) { s.Scripts[0].Params = []ScriptParam{{Key: "k", Value: "\x00"}} }, "scripts[0].params[0].value: holds control character U+0000"},
		{func(s *ScriptSchedule) { s.Title = "bad \xff byte" }, "title: holds a byte that is not UTF-8 (character 5)"},
	} {
		s := validSchedule()
		c.mod(&s)
		if v := s.ValidateForSend(); !strings.Contains(v.Error(), c.field) {
			t.Errorf("want %q, got %v", c.field, v)
		}
		if v := s.Validate(); len(v) != 0 {
			t.Errorf("%q: the documented rules (and so the simulator) refuse it too: %v", c.field, v)
		}
	}
	ok := validSchedule()
	ok.Title, ok.Description = "Patch — weekly 👩‍👩‍👧", "two\nlines\tand a tab"
	if v := ok.ValidateForSend(); len(v) != 0 {
		t.Fatalf("ordinary text refused: %v", v)
	}
}

func TestDecodeErrorsAreInQschedsWords(t *testing.T) {
	for body, want := range map[string]string{
		``:                            "the body is empty: expected a JSON object",
		`[]`:                          "expected an object, got a list",
		`{"title":`:                   "not valid JSON: it ends early",
		`{"title" "x"}`:               "not valid JSON (near byte 10)",
		`{"title":5}`:                 "title: expected text, got number",
		`{"scripts":{}}`:              "scripts: expected a list, got an object",
		`{"activate":"yes"}`:          "activate: expected true or false, got text",
		`{"hourlyInterval":1.5}`:      "hourlyInterval: expected a whole number, got number 1.5",
		`{"UUID":"x"}`:                `unknown field "UUID"`,
		`{"title":"a"} {"title":"b"}`: "unexpected data after the JSON body",
	} {
		_, err := DecodeScriptSchedule([]byte(body))
		if err == nil || err.Error() != want && !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
		if err != nil && (strings.Contains(err.Error(), "Go value") || strings.Contains(err.Error(), "model.")) {
			t.Errorf("%q: Go's wording: %v", body, err)
		}
	}
}

package client

import (
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzParseProfiles checks the config file reader: a file it accepts has
// its default among its profiles and reads back the same after being
// written out again; a file it refuses gets one line that does not show a
// Go type.
func FuzzParseProfiles(f *testing.F) {
	f.Add([]byte(profilesYAML))
	f.Add([]byte("profiles:\n  a:\n    username: u\n    password: hunter2\n"))
	f.Add([]byte("profiles: {a: {password: hunter2}}\n"))
	f.Add([]byte("profiles:\n  a:\n    usename: u\n"))
	f.Add([]byte("default: b\nprofiles:\n  a: {}\n"))
	f.Add([]byte("profiles:\n  a:\n    read_only: maybe\n"))
	f.Add([]byte("profiles: [1, 2]\n---\nx: 1\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := ParseProfiles(data)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || strings.Contains(msg, "client.") {
				t.Fatalf("refusal is not one line in the file's terms: %q", msg)
			}
			return
		}
		if pf.Default != "" {
			if _, ok := pf.Profiles[pf.Default]; !ok {
				t.Fatalf("default %q is not a profile", pf.Default)
			}
		}
		out, err := yaml.Marshal(pf)
		if err != nil {
			t.Fatalf("accepted file does not encode: %v", err)
		}
		back, err := ParseProfiles(out)
		if err != nil {
			t.Fatalf("accepted file, written out, is refused: %v\n%s", err, out)
		}
		if len(pf.Profiles) == 0 && len(back.Profiles) == 0 {
			pf.Profiles, back.Profiles = nil, nil
		}
		if !reflect.DeepEqual(pf, back) {
			t.Fatalf("accepted file reads back differently:\n%+v\n%+v\n%s", pf, back, out)
		}
	})
}

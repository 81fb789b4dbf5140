package client

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

const profilesYAML = `
default: lab
profiles:
  lab:
    api_url: http://127.0.0.1:1/
    gateway_url: http://127.0.0.1:2
    username: labuser
  prod:
    platform: eu1
    username: alice
    password_env: QUALYS_PROD_PASSWORD
    read_only: true
`

func TestResolveSettingsPrecedence(t *testing.T) {
	f, err := ParseProfiles([]byte(profilesYAML))
	if err != nil {
		t.Fatal(err)
	}
	// The default profile, its password from QUALYS_PASSWORD.
	s, err := ResolveSettings(f, Overrides{}, env(map[string]string{EnvPassword: "pw"}))
	if err != nil || s.Profile != "lab" || s.Platform.APIURL != "http://127.0.0.1:1" || s.Credentials.Username != "labuser" || s.ReadOnly {
		t.Fatalf("default: %+v %v", s, err)
	}
	// --profile prod: the POD table, a per-profile password variable, read-only.
	s, err = ResolveSettings(f, Overrides{Profile: "prod"}, env(map[string]string{"QUALYS_PROD_PASSWORD": "pp", EnvPassword: "other"}))
	if err != nil || s.Platform.Key != "EU1" || s.Credentials.Password != "pp" || !s.ReadOnly || s.Label() != "EU1" {
		t.Fatalf("prod: %+v %v", s, err)
	}
	// Flags beat the environment, which beats the profile.
	s, err = ResolveSettings(f, Overrides{APIURL: "http://flag"}, env(map[string]string{EnvPassword: "pw", EnvAPIURL: "http://env", EnvGatewayURL: "http://envgw", EnvUsername: "envuser"}))
	if err != nil || s.Platform.APIURL != "http://flag" || s.Platform.GatewayURL != "http://envgw" || s.Credentials.Username != "envuser" || s.Label() != "flag" {
		t.Fatalf("precedence: %+v %v", s, err)
	}
	// QSCHED_PROFILE selects too; a missing password names its variable.
	_, err = ResolveSettings(f, Overrides{}, env(map[string]string{EnvProfile: "prod"}))
	if err == nil || err.Error() != "missing credentials: set QUALYS_PROD_PASSWORD" {
		t.Fatalf("missing password: %v", err)
	}
	_, err = ResolveSettings(f, Overrides{Profile: "nope"}, env(nil))
	if err == nil || !strings.Contains(err.Error(), "lab, prod") {
		t.Fatalf("unknown profile: %v", err)
	}
}

func TestResolveSettingsWithoutFile(t *testing.T) {
	_, err := ResolveSettings(ProfileFile{}, Overrides{}, env(nil))
	if err == nil || !strings.Contains(err.Error(), "QUALYS_PLATFORM") {
		t.Fatalf("no platform: %v", err)
	}
	_, err = ResolveSettings(ProfileFile{}, Overrides{Platform: "US1"}, env(nil))
	if err == nil || err.Error() != "missing credentials: set QUALYS_USERNAME and QUALYS_PASSWORD" {
		t.Fatalf("no credentials: %v", err)
	}
}

func TestParseProfilesIsStrict(t *testing.T) {
	for name, in := range map[string]string{
		"password":        "profiles:\n  a:\n    username: u\n    password: hunter2\n",
		"unknown key":     "profiles:\n  a:\n    usename: u\n",
		"missing default": "default: b\nprofiles:\n  a: {}\n",
	} {
		_, err := ParseProfiles([]byte(in))
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: error shows the password: %v", name, err)
		}
	}
	if f, err := ParseProfiles(nil); err != nil || len(f.Profiles) != 0 {
		t.Fatalf("empty file: %v", err)
	}
}

// password_cmd runs without a shell when the password variable is empty;
// its trimmed output is the password; a failure is one line naming the
// profile and the key, without the output.
func TestPasswordCmd(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses echo and false")
	}
	f, err := ParseProfiles([]byte(`
profiles:
  lab:
    platform: US1
    username: demo
    password_cmd: echo "  s3cret pw "
  broken:
    platform: US1
    username: demo
    password_cmd: false leaked-arg
  missing:
    platform: US1
    username: demo
    password_cmd: qsched-no-such-command
`))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	s, err := ResolveSettings(f, Overrides{Profile: "lab"}, getenv)
	if err != nil || s.Credentials.Password != "s3cret pw" {
		t.Fatalf("password_cmd: %q, %v", s.Credentials.Password, err)
	}
	env["QUALYS_PASSWORD"] = "from-env"
	if s, err := ResolveSettings(f, Overrides{Profile: "lab"}, getenv); err != nil || s.Credentials.Password != "from-env" {
		t.Fatalf("the variable does not win over password_cmd: %v", err)
	}
	delete(env, "QUALYS_PASSWORD")
	for name, want := range map[string]string{"broken": "profile broken: password_cmd: false failed (exit status 1)", "missing": "profile missing: password_cmd: qsched-no-such-command could not run"} {
		_, err := ResolveSettings(f, Overrides{Profile: name}, getenv)
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want %q…", name, err, want)
		}
	}
}

func TestSplitCommand(t *testing.T) {
	for in, want := range map[string][]string{
		"pass show qualys/prod":                              {"pass", "show", "qualys/prod"},
		`  op read "op://Vault/Qualys prod/pw" `:             {"op", "read", "op://Vault/Qualys prod/pw"},
		`security find-generic-password -w -s 'qualys prod'`: {"security", "find-generic-password", "-w", "-s", "qualys prod"},
		`a ""`: {"a", ""},
	} {
		got, err := SplitCommand(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "   ", `pass "show`} {
		if _, err := SplitCommand(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestResolveZone(t *testing.T) {
	f := ProfileFile{Default: "lab", Profiles: map[string]Profile{"lab": {TimeZone: "Asia/Tokyo"}, "bad": {TimeZone: "Mars/Olympus"}, "none": {}}}
	env := func(string) string { return "" }
	for _, c := range []struct {
		o    Overrides
		want string
		err  string
	}{
		{Overrides{}, "Asia/Tokyo", ""},
		{Overrides{TimeZone: "Europe/Berlin"}, "Europe/Berlin", ""},
		{Overrides{Profile: "none"}, "Local", ""},
		{Overrides{Profile: "bad"}, "", `profile bad: time_zone: "Mars/Olympus" is not a time zone`},
		{Overrides{Profile: "bad", TimeZone: "UTC"}, "UTC", ""},
		{Overrides{TimeZone: "CEST+2"}, "", `--tz: "CEST+2" is not a time zone`},
	} {
		loc, err := ResolveZone(f, c.o, env)
		switch {
		case c.err != "" && (err == nil || !strings.HasPrefix(err.Error(), c.err)):
			t.Errorf("%+v: error %v, want %q…", c.o, err, c.err)
		case c.err == "" && (err != nil || loc.String() != c.want):
			t.Errorf("%+v: %v, %v; want %s", c.o, loc, err, c.want)
		}
	}
}

// The YAML decoder's own refusals ("yaml: unmarshal errors:\n  line 3:
// field usename not found in type client.Profile", "cannot unmarshal !!str
// `maybe` into bool") were several lines naming Go types and echoing the
// value; each is now one line naming the line and the key or what was
// expected, and a password given in flow style ({password: …}), which the
// line-based check does not see, gets the password message.
func TestParseProfilesRefusalsAreOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"profiles:\n  a:\n    usename: u\n":         `config file, line 3: unknown key "usename" in a profile (known: platform, api_url, gateway_url, username, password_env, password_cmd, read_only, time_zone)`,
		"profiles:\n  a:\n    read_only: hunter2\n": "config file, line 3: expected true or false, found a text value",
		"profiles: {a: {password: hunter2}}\n":      "config file, line 1: passwords do not belong in the config file; set password_env to the name of an environment variable that holds it",
		"profiles: [1, 2]\n":                        "config file, line 1: expected profiles: a map of profile names to their settings, found a list",
		"defualt: a\nother: 1\n":                    `config file, line 1: unknown key "defualt" at the top level (known: default, profiles) (and 1 more problem)`,
		"profiles:\n  a: [\n":                       "config file: line 2: did not find expected node content",
		"A0\n\n00000":                               "config file, line 1: expected a map with the keys default and profiles, found a text value",
	} {
		_, err := ParseProfiles([]byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("%q:\n got %v\nwant %s", in, err, want)
		}
	}
}

package client

import (
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

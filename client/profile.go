package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Profile is one named connection in the config file. It never holds a
// password: PasswordEnv names the environment variable to read it from,
// and PasswordCmd a command that prints it.
type Profile struct {
	Platform    string `yaml:"platform"`
	APIURL      string `yaml:"api_url"`
	GatewayURL  string `yaml:"gateway_url"`
	Username    string `yaml:"username"`
	PasswordEnv string `yaml:"password_env"`
	// PasswordCmd is run, without a shell, when the PasswordEnv variable
	// is empty; its standard output, trimmed, is the password. See
	// SplitCommand for how it is split into arguments.
	PasswordCmd string `yaml:"password_cmd"`
	ReadOnly    bool   `yaml:"read_only"`
	// TimeZone is the display zone (an IANA name); empty: the local zone.
	TimeZone string `yaml:"time_zone"`
}

// ProfileFile is the config file: named profiles and the default one.
//
//	default: prod
//	profiles:
//	  prod:
//	    platform: US1
//	    username: alice
//	    password_env: QUALYS_PROD_PASSWORD
//	    read_only: true
type ProfileFile struct {
	Default  string             `yaml:"default"`
	Profiles map[string]Profile `yaml:"profiles"`
}

var passwordKeyRE = regexp.MustCompile(`(?m)^\s*password\s*:`)

// ParseProfiles reads a config file strictly: unknown keys are refused,
// and a password in the file is refused with a pointer to password_env.
func ParseProfiles(data []byte) (ProfileFile, error) {
	var f ProfileFile
	if len(bytes.TrimSpace(data)) == 0 {
		return f, nil
	}
	if passwordKeyRE.Match(data) {
		return f, errors.New("passwords do not belong in the config file; set password_env to the name of an environment variable that holds it")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return f, configError(err)
	}
	if f.Default != "" {
		if _, ok := f.Profiles[f.Default]; !ok {
			return f, fmt.Errorf("config file: default profile %q is not defined", f.Default)
		}
	}
	return f, nil
}

var (
	yamlUnknownKeyRE = regexp.MustCompile(`^line (\d+): field (.*) not found in type client\.(\w+)$`)
	yamlBadValueRE   = regexp.MustCompile(`(?s)^line (\d+): cannot unmarshal !!(\w+)(?: .*)? into (.+)$`)
	// yamlQuotedRE is a value the decoder quotes back, between backticks.
	yamlQuotedRE = regexp.MustCompile("(?s) ?`[^`]*`")
)

// configError is one line in the config file's terms for what the YAML
// decoder refused: its unmarshal errors are several lines naming Go
// types ("field usename not found in type client.Profile"), and quote the
// value, which must not be echoed in case it is a password in the wrong
// place.
func configError(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		return fmt.Errorf("config file: %s", strings.Join(strings.Fields(msg), " "))
	}
	more := ""
	if n := len(te.Errors) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more problem%s)", n, map[bool]string{true: "s"}[n > 1])
	}
	first := te.Errors[0]
	if m := yamlUnknownKeyRE.FindStringSubmatch(first); m != nil {
		if m[2] == "password" {
			return fmt.Errorf("config file, line %s: passwords do not belong in the config file; set password_env to the name of an environment variable that holds it", m[1])
		}
		where, known := "at the top level", "default, profiles"
		if m[3] == "Profile" {
			where, known = "in a profile", "platform, api_url, gateway_url, username, password_env, password_cmd, read_only, time_zone"
		}
		return fmt.Errorf("config file, line %s: unknown key %q %s (known: %s)%s", m[1], m[2], where, known, more)
	}
	if m := yamlBadValueRE.FindStringSubmatch(first); m != nil {
		want := map[string]string{
			"bool":                      "true or false",
			"string":                    "a single value",
			"map[string]client.Profile": "profiles: a map of profile names to their settings",
			"client.Profile":            "a profile's settings (keys such as platform and username)",
			"client.ProfileFile":        "a map with the keys default and profiles",
		}[m[3]]
		if want == "" {
			want = "a value of another kind"
		}
		return fmt.Errorf("config file, line %s: expected %s, found a %s%s", m[1], want, yamlKind(m[2]), more)
	}
	first = strings.ReplaceAll(yamlQuotedRE.ReplaceAllString(first, ""), "client.", "")
	return fmt.Errorf("config file: %s%s", strings.Join(strings.Fields(first), " "), more)
}

// yamlKind names a YAML tag for a person.
func yamlKind(tag string) string {
	switch tag {
	case "map":
		return "map"
	case "seq":
		return "list"
	case "str":
		return "text value"
	case "int", "float":
		return "number"
	case "bool":
		return "true or false value"
	case "null":
		return "null"
	}
	return tag + " value"
}

// Overrides are the command-line choices, which win over the environment
// and the profile.
type Overrides struct {
	Profile    string
	Platform   string
	APIURL     string
	GatewayURL string
	ReadOnly   bool
	TimeZone   string // --tz
}

// Settings are everything needed to build a Client.
type Settings struct {
	Profile     string // "" when none was used
	Platform    Platform
	Credentials Credentials
	ReadOnly    bool
	// Zone is where times are shown (--tz, the profile's time_zone, or
	// the local zone). It says nothing about the zone the API reads
	// times in (U29).
	Zone *time.Location
}

// Label names the platform for headers and confirmations: the POD key,
// or the API server's host.
func (s Settings) Label() string {
	if s.Platform.Key != "" {
		return s.Platform.Key
	}
	if u, err := url.Parse(s.Platform.APIURL); err == nil && u.Host != "" {
		return u.Host
	}
	return s.Platform.APIURL
}

// Environment variables qsched reads.
const (
	EnvProfile    = "QSCHED_PROFILE"
	EnvUsername   = "QUALYS_USERNAME"
	EnvPassword   = "QUALYS_PASSWORD"
	EnvPlatform   = "QUALYS_PLATFORM"
	EnvAPIURL     = "QUALYS_API_URL"
	EnvGatewayURL = "QUALYS_GATEWAY_URL"
)

// selectProfile picks the profile named by the flag, QSCHED_PROFILE or the
// file's default, in that order; none at all is fine.
func (f ProfileFile) selectProfile(name string, getenv func(string) string) (string, Profile, error) {
	if name == "" {
		name = getenv(EnvProfile)
	}
	if name == "" {
		name = f.Default
	}
	if name == "" {
		return "", Profile{}, nil
	}
	p, ok := f.Profiles[name]
	if !ok {
		known := slices.Sorted(maps.Keys(f.Profiles))
		if len(known) == 0 {
			return name, p, fmt.Errorf("unknown profile %q: the config file defines no profiles", name)
		}
		return name, p, fmt.Errorf("unknown profile %q; defined: %s", name, strings.Join(known, ", "))
	}
	return name, p, nil
}

// ResolveZone is the display zone alone, for commands that contact no
// server: --tz, else the selected profile's time_zone, else the local zone.
func ResolveZone(f ProfileFile, o Overrides, getenv func(string) string) (*time.Location, error) {
	name, p, err := f.selectProfile(o.Profile, getenv)
	if err != nil {
		return nil, err
	}
	return zoneOf(name, p, o)
}

func zoneOf(profile string, p Profile, o Overrides) (*time.Location, error) {
	name, from := strings.TrimSpace(o.TimeZone), "--tz"
	if name == "" {
		name, from = strings.TrimSpace(p.TimeZone), "profile "+profile+": time_zone"
	}
	if name == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %q is not a time zone (use an IANA name such as Europe/Berlin, or UTC)", from, name)
	}
	return loc, nil
}

// ResolveSettings combines, in order of precedence, the command line, the
// environment and the selected profile. Read-only set anywhere wins. A
// missing platform or credential is one clear error naming what to set.
func ResolveSettings(f ProfileFile, o Overrides, getenv func(string) string) (Settings, error) {
	name, p, err := f.selectProfile(o.Profile, getenv)
	if err != nil {
		return Settings{}, err
	}
	first := func(vs ...string) string {
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
		return ""
	}
	s := Settings{Profile: name, ReadOnly: o.ReadOnly || p.ReadOnly}
	if s.Zone, err = zoneOf(name, p, o); err != nil {
		return s, err
	}
	apiURL := first(o.APIURL, getenv(EnvAPIURL), p.APIURL)
	gwURL := first(o.GatewayURL, getenv(EnvGatewayURL), p.GatewayURL)
	key := first(o.Platform, getenv(EnvPlatform), p.Platform)
	if s.Platform, err = resolvePlatform(key, apiURL, gwURL); err != nil {
		return s, err
	}
	passEnv := first(p.PasswordEnv, EnvPassword)
	s.Credentials = Credentials{Username: first(getenv(EnvUsername), p.Username), Password: getenv(passEnv)}
	if s.Credentials.Password == "" && strings.TrimSpace(p.PasswordCmd) != "" {
		if s.Credentials.Password, err = runPasswordCmd(p.PasswordCmd); err != nil {
			return s, fmt.Errorf("profile %s: password_cmd: %w", name, err)
		}
	}
	var missing []string
	if s.Credentials.Username == "" {
		missing = append(missing, EnvUsername)
	}
	if s.Credentials.Password == "" {
		missing = append(missing, passEnv)
	}
	if len(missing) > 0 {
		return s, fmt.Errorf("missing credentials: set %s", strings.Join(missing, " and "))
	}
	return s, nil
}

// PasswordCmdTimeout bounds a profile's password_cmd.
const PasswordCmdTimeout = 30 * time.Second

// runPasswordCmd runs a password_cmd and returns its trimmed standard
// output. Its errors never hold the output (it may be the password, or part
// of it): only the exit status or why it could not start.
func runPasswordCmd(line string) (string, error) {
	argv, err := SplitCommand(line)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), PasswordCmdTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout = &out // stdin and stderr stay the terminal's: a pinentry may ask
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		switch {
		case ctx.Err() != nil:
			return "", fmt.Errorf("%s did not finish within %s", argv[0], PasswordCmdTimeout)
		case errors.As(err, &ee):
			return "", fmt.Errorf("%s failed (%s)", argv[0], ee.ProcessState)
		}
		return "", fmt.Errorf("%s could not run: %w", argv[0], errors.Unwrap(err))
	}
	pw := strings.TrimSpace(out.String())
	if pw == "" {
		return "", fmt.Errorf("%s printed nothing", argv[0])
	}
	return pw, nil
}

// SplitCommand splits a password_cmd into the program and its arguments,
// without a shell: arguments are separated by spaces or tabs; single or
// double quotes keep spaces inside one argument (no escapes, no variables,
// no globbing, no pipes).
func SplitCommand(line string) ([]string, error) {
	var argv []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if in {
				argv = append(argv, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	if in {
		argv = append(argv, cur.String())
	}
	if len(argv) == 0 {
		return nil, errors.New("empty command")
	}
	return argv, nil
}

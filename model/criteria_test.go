package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseCriterion(t *testing.T) {
	tests := []struct {
		in   string
		want Criterion
	}{
		{"name CONTAINS Schedule", Criterion{"name", OpContains, "Schedule"}},
		{"name CONTAINS  nightly scan ", Criterion{"name", OpContains, "nightly scan"}},
		{"active EQUALS true", Criterion{"active", OpEquals, "true"}},
		{"id IN 1,2,3", Criterion{"id", OpIn, "1,2,3"}},
		{"id in 1, 2 ,3", Criterion{"id", OpIn, "1,2,3"}},
		{"type NOT EQUALS DISCOVERY", Criterion{"type", OpNotEquals, "DISCOVERY"}},
		{"type not  equals DISCOVERY", Criterion{"type", OpNotEquals, "DISCOVERY"}},
		{"type NOT_EQUALS VULNERABILITY", Criterion{"type", OpNotEquals, "VULNERABILITY"}},
		{"webApp.tags NONE", Criterion{"webApp.tags", OpNone, ""}},
		{"createdDate GREATER 2025-01-01", Criterion{"createdDate", OpGreater, "2025-01-01"}},
		{"lastScan.launchedDate LESSER 2025-01-01T00:00:00Z", Criterion{"lastScan.launchedDate", OpLesser, "2025-01-01T00:00:00Z"}},
		{"lastScan.status IN FINISHED, ERROR", Criterion{"lastScan.status", OpIn, "FINISHED,ERROR"}},
	}
	for _, tt := range tests {
		got, err := ParseCriterion(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseCriterion(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseCriterionErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "expected FIELD OPERATOR VALUE"},
		{"name", "expected an operator"},
		{"name LIKE x", "expected an operator"},
		{"name NOT x", "expected EQUALS after NOT"},
		{"nme CONTAINS x", `unknown field "nme"`},
		{"name GREATER x", `operator "GREATER" is not allowed on text field name; use CONTAINS, EQUALS, NOT EQUALS`},
		{"active CONTAINS tr", "not allowed on boolean field active"},
		{"active EQUALS yes", "active needs true or false"},
		{"id EQUALS abc", `id needs an integer, got "abc"`},
		{"id IN 1,x", `id needs an integer, got "x"`},
		{"id IN ,", "IN needs a comma-separated list"},
		{"type EQUALS SCAN", "type must be one of VULNERABILITY, DISCOVERY"},
		{"type CONTAINS VULN", "not allowed on keyword field type"},
		{"createdDate EQUALS yesterday", "needs a UTC date"},
		{"webApp.tags EQUALS 1", `operator "EQUALS" is not allowed on none-only field webApp.tags; use NONE`},
		{"lastScan NONE x", "NONE takes no value"},
		{"name EQUALS " + strings.Repeat("x", 257), "at most 256"},
	}
	for _, tt := range tests {
		_, err := ParseCriterion(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCriterion(%q) error = %v; want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestCriterionUse(t *testing.T) {
	c := Criterion{"lastScan.status", OpEquals, "FINISHED"}
	if err := c.Validate(UseSearch); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(UseCount); err == nil || !strings.Contains(err.Error(), "not documented for count") {
		t.Fatalf("count use: %v", err)
	}
	if err := (Criterion{"webApp.tags.id", OpEquals, "4"}).Validate(UseBulk); err == nil {
		t.Fatal("webApp.tags.id accepted for bulk")
	}
	if err := (Criterion{"name", OpContains, "Schedule"}).Validate(UseBulk); err != nil {
		t.Fatal(err)
	}
}

func TestEveryFieldHasOperators(t *testing.T) {
	for _, f := range WASFilterFields() {
		if len(OperatorsFor(f.Type)) == 0 {
			t.Errorf("%s has no operators", f.Name)
		}
		if f.Type == TypeKeyword && len(f.Keywords) == 0 {
			t.Errorf("%s has no keywords", f.Name)
		}
	}
}

func TestIDChunks(t *testing.T) {
	ids := make([]int64, 10_000)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	chunks := IDChunks(ids, MaxIDsPerFilter)
	if len(chunks) != 10 {
		t.Fatalf("10,000 ids in %d chunks, want 10", len(chunks))
	}
	seen := 0
	for _, c := range chunks {
		if len(c) > MaxIDsPerFilter {
			t.Fatalf("chunk of %d", len(c))
		}
		seen += len(c)
	}
	if seen != len(ids) || chunks[9][999] != 10_000 {
		t.Fatal("ids lost or reordered")
	}
	if got := IDChunks(ids[:1001], 1000); len(got) != 2 || len(got[1]) != 1 {
		t.Fatalf("1001 ids: %d chunks", len(got))
	}
	if c := IDInCriterion([]int64{701147, 701946}); c.String() != "id IN 701147,701946" {
		t.Fatalf("IDInCriterion = %q", c.String())
	}
}

func FuzzParseCriterion(f *testing.F) {
	for _, s := range []string{"name CONTAINS Schedule", "id IN 1,2,3", "type NOT EQUALS DISCOVERY", "webApp.tags NONE", "a NOT", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCriterion(s)
		if err != nil {
			return
		}
		// A parsed criterion is valid and its text form parses back to itself.
		if err := c.Validate(UseSearch); err != nil {
			t.Fatalf("parsed but invalid: %v", err)
		}
		c2, err := ParseCriterion(c.String())
		if err != nil || c2 != c {
			t.Fatalf("round trip %q -> %+v -> %q -> %+v, %v", s, c, c.String(), c2, err)
		}
	})
}

// The filter field table cannot be changed through what callers get.
func TestWASFilterFieldsIsACopy(t *testing.T) {
	fs := WASFilterFields()
	i := slices.IndexFunc(fs, func(f FilterField) bool { return len(f.Keywords) > 0 })
	name, kw := fs[i].Name, fs[i].Keywords[0]
	fs[i].Keywords[0] = "CHANGED"
	fs[0].Name = "CHANGED"
	if again := WASFilterFields(); again[0].Name == "CHANGED" || again[i].Keywords[0] != kw {
		t.Fatal("WASFilterFields shares its table with callers")
	}
	f, _ := LookupField(name)
	f.Keywords[0] = "CHANGED"
	if g, _ := LookupField(name); g.Keywords[0] != kw {
		t.Fatal("LookupField shares its keywords with callers")
	}
}

func TestISOWeekday(t *testing.T) {
	for n, want := range map[int]time.Weekday{1: time.Monday, 6: time.Saturday, 7: time.Sunday} {
		if got := ISOWeekday(n); got != want {
			t.Errorf("ISOWeekday(%d) = %v, want %v", n, got, want)
		}
	}
}

package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Operator is a QPS filter operator. NOT EQUALS has a space.
type Operator string

// The QPS operators (§6.1).
const (
	OpEquals    Operator = "EQUALS"
	OpNotEquals Operator = "NOT EQUALS"
	OpContains  Operator = "CONTAINS"
	OpGreater   Operator = "GREATER"
	OpLesser    Operator = "LESSER"
	OpIn        Operator = "IN"
	OpNone      Operator = "NONE"
)

// operators lists every operator, longest first for parsing.
var operators = []Operator{OpNotEquals, OpEquals, OpContains, OpGreater, OpLesser, OpIn, OpNone}

// FieldType is the data type of a filter field.
type FieldType int

// Field types.
const (
	TypeInteger FieldType = iota
	TypeText
	TypeDate
	TypeKeyword
	TypeBoolean
	// TypeNoneOnly marks webApp.tags and lastScan, which take only NONE.
	TypeNoneOnly
)

func (t FieldType) String() string {
	return [...]string{"integer", "text", "date", "keyword", "boolean", "none-only"}[t]
}

// OperatorsFor returns the operators a field type allows (§6.1).
func OperatorsFor(t FieldType) []Operator {
	switch t {
	case TypeInteger:
		return []Operator{OpEquals, OpNotEquals, OpGreater, OpLesser, OpIn}
	case TypeText:
		return []Operator{OpContains, OpEquals, OpNotEquals}
	case TypeDate:
		return []Operator{OpEquals, OpNotEquals, OpGreater, OpLesser}
	case TypeKeyword:
		return []Operator{OpEquals, OpNotEquals, OpIn}
	case TypeBoolean:
		return []Operator{OpEquals, OpNotEquals}
	case TypeNoneOnly:
		return []Operator{OpNone}
	}
	return nil
}

// Use is the kind of request a criterion goes into; not every field is
// documented for every kind (§6.2, U16).
type Use int

// Uses of criteria.
const (
	UseSearch Use = iota
	UseCount
	UseBulk // activate, deactivate, delete, download
)

func (u Use) String() string { return [...]string{"search", "count", "bulk actions"}[u] }

// FilterField describes one filter field of a WAS schedule.
type FilterField struct {
	Name     string
	Type     FieldType
	Keywords []string // for TypeKeyword
	Count    bool     // documented for count
	Bulk     bool     // documented for bulk activate/deactivate/delete
	Help     string
}

// scanStatuses are the values of lastScan.status (§6.3).
var scanStatuses = []string{"SUBMITTED", "RUNNING", "FINISHED", "TIME_LIMIT_EXCEEDED", "SCAN_NOT_LAUNCHED", "SCANNER_NOT_AVAILABLE", "ERROR", "CANCELED", "PROCESSING"}

// WASFilterFields returns the documented filter fields of wasscanschedule
// (§6.2), in display order. It is a copy: changing it changes nothing else.
func WASFilterFields() []FilterField {
	out := slices.Clone(wasFilterFields)
	for i := range out {
		out[i] = out[i].clone()
	}
	return out
}

func (f FilterField) clone() FilterField {
	f.Keywords = slices.Clone(f.Keywords)
	return f
}

var wasFilterFields = []FilterField{
	{Name: "id", Type: TypeInteger, Count: true, Bulk: true, Help: "schedule id"},
	{Name: "name", Type: TypeText, Count: true, Bulk: true, Help: "schedule name"},
	{Name: "owner.id", Type: TypeInteger, Count: true, Bulk: true, Help: "owner's user id"},
	{Name: "createdDate", Type: TypeDate, Count: true, Bulk: true, Help: "creation date (UTC)"},
	{Name: "updatedDate", Type: TypeDate, Count: true, Bulk: true, Help: "last update date (UTC)"},
	{Name: "active", Type: TypeBoolean, Count: true, Bulk: true, Help: "true for an active schedule"},
	{Name: "type", Type: TypeKeyword, Keywords: []string{WASVulnerability, WASDiscovery}, Count: true, Bulk: true, Help: "scan type"},
	{Name: "webApp.name", Type: TypeText, Count: true, Bulk: true, Help: "web application name"},
	{Name: "webApp.id", Type: TypeInteger, Count: true, Bulk: true, Help: "web application id"},
	{Name: "webApp.tags", Type: TypeNoneOnly, Count: true, Help: "web application has no tags"},
	{Name: "webApp.tags.id", Type: TypeInteger, Count: true, Help: "web application tag id"},
	{Name: "invalid", Type: TypeBoolean, Count: true, Bulk: true, Help: "true when the web app was deleted"},
	{Name: "lastScan", Type: TypeNoneOnly, Help: "never scanned"},
	{Name: "lastScan.launchedDate", Type: TypeDate, Help: "last scan launch date (UTC)"},
	{Name: "lastScan.status", Type: TypeKeyword, Keywords: scanStatuses, Help: "last scan status"},
	{Name: "multi", Type: TypeBoolean, Help: "Multi-Scan schedule"},
}

// LookupField finds a filter field by name (exact, case-sensitive as the API is).
func LookupField(name string) (FilterField, bool) {
	for _, f := range wasFilterFields {
		if f.Name == name {
			return f.clone(), true
		}
	}
	return FilterField{}, false
}

// Criterion is one <Criteria field=… operator=…>value</Criteria>.
type Criterion struct {
	Field    string   `xml:"field,attr" json:"field"`
	Operator Operator `xml:"operator,attr" json:"operator"`
	Value    string   `xml:",chardata" json:"value"`
}

func (c Criterion) String() string {
	if c.Operator == OpNone {
		return c.Field + " " + string(c.Operator)
	}
	return c.Field + " " + string(c.Operator) + " " + c.Value
}

// CriterionError says what is wrong with a criterion.
type CriterionError struct {
	Criterion string
	Problem   string
}

func (e *CriterionError) Error() string {
	return fmt.Sprintf("filter %q: %s", e.Criterion, e.Problem)
}

// Validate checks the field, the operator against the field's type, the
// value against the type, and that the field is documented for use.
func (c Criterion) Validate(use Use) error {
	bad := func(format string, a ...any) error {
		return &CriterionError{Criterion: c.String(), Problem: fmt.Sprintf(format, a...)}
	}
	f, ok := LookupField(c.Field)
	if !ok {
		return bad("unknown field %q; fields are %s", c.Field, strings.Join(FieldNames(), ", "))
	}
	ops := OperatorsFor(f.Type)
	if !slices.Contains(ops, c.Operator) {
		return bad("operator %q is not allowed on %s field %s; use %s", string(c.Operator), f.Type, f.Name, joinOps(ops))
	}
	if (use == UseCount && !f.Count) || (use == UseBulk && !f.Bulk) {
		return bad("field %s is not documented for %s", f.Name, use)
	}
	if c.Operator == OpNone {
		return nil
	}
	values := []string{c.Value}
	if c.Operator == OpIn {
		values = SplitIn(c.Value)
		if len(values) == 0 {
			return bad("IN needs a comma-separated list of values")
		}
	}
	for _, v := range values {
		if err := checkValue(f, v); err != "" {
			return bad("%s", err)
		}
	}
	return nil
}

// SplitIn splits an IN value on commas, trimming spaces and dropping empties.
func SplitIn(v string) []string {
	var out []string
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func checkValue(f FilterField, v string) string {
	switch f.Type {
	case TypeInteger:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return fmt.Sprintf("%s needs an integer, got %q", f.Name, v)
		}
	case TypeText:
		if v == "" {
			return fmt.Sprintf("%s needs a value", f.Name)
		}
		if n := len([]rune(v)); n > MaxTitleLen {
			return fmt.Sprintf("%s value is %d characters; at most %d", f.Name, n, MaxTitleLen)
		}
	case TypeDate:
		if _, ok := ParseFilterDate(v); !ok {
			return fmt.Sprintf("%s needs a UTC date YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got %q", f.Name, v)
		}
	case TypeKeyword:
		if !slices.Contains(f.Keywords, v) {
			return fmt.Sprintf("%s must be one of %s, got %q", f.Name, strings.Join(f.Keywords, ", "), v)
		}
	case TypeBoolean:
		if v != "true" && v != "false" {
			return fmt.Sprintf("%s needs true or false, got %q", f.Name, v)
		}
	}
	return ""
}

// ParseFilterDate accepts the two date forms QPS filters take (§4.1).
func ParseFilterDate(v string) (time.Time, bool) {
	if t, err := time.Parse(WASTimeLayout, v); err == nil {
		return t, true
	}
	t, err := time.Parse(DateLayout, v)
	return t, err == nil
}

// ValidateCriteria checks every criterion and returns the first problem.
func ValidateCriteria(cs []Criterion, use Use) error {
	for _, c := range cs {
		if err := c.Validate(use); err != nil {
			return err
		}
	}
	return nil
}

// ParseCriterion parses the text form FIELD OPERATOR [VALUE], for example
// "name CONTAINS Schedule", "id IN 1,2,3" or "type NOT EQUALS DISCOVERY".
// Operators are matched case-insensitively (NOT_EQUALS is read as NOT
// EQUALS); the value is the rest of the line, trimmed, so it may hold
// spaces. The result is validated for search.
func ParseCriterion(s string) (Criterion, error) {
	s = strings.TrimSpace(s)
	field, rest := cutWord(s)
	if field == "" {
		return Criterion{}, &CriterionError{Criterion: s, Problem: "expected FIELD OPERATOR VALUE, e.g. name CONTAINS nightly"}
	}
	word, rest := cutWord(rest)
	c := Criterion{Field: field, Operator: Operator(strings.ToUpper(word))}
	switch {
	case c.Operator == "NOT":
		var next string
		if next, rest = cutWord(rest); !strings.EqualFold(next, "EQUALS") {
			return c, &CriterionError{Criterion: s, Problem: "expected EQUALS after NOT"}
		}
		c.Operator = OpNotEquals
	case c.Operator == "NOT_EQUALS":
		c.Operator = OpNotEquals
	case !slices.Contains(operators, c.Operator):
		return c, &CriterionError{Criterion: s, Problem: "expected an operator after the field: " + joinOps(operators)}
	}
	c.Value = strings.TrimSpace(rest)
	switch {
	case c.Operator == OpNone && c.Value != "":
		return c, &CriterionError{Criterion: s, Problem: "NONE takes no value"}
	case c.Operator == OpIn:
		c.Value = strings.Join(SplitIn(c.Value), ",")
	}
	return c, c.Validate(UseSearch)
}

// cutWord splits off the first space-separated word.
func cutWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \t")
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// FieldNames lists the filter field names.
func FieldNames() []string {
	out := make([]string, len(wasFilterFields))
	for i, f := range wasFilterFields {
		out[i] = f.Name
	}
	return out
}

func joinOps(ops []Operator) string {
	s := make([]string, len(ops))
	for i, o := range ops {
		s[i] = string(o)
	}
	return strings.Join(s, ", ")
}

// UniqueIDs returns ids without repeats, in first-seen order.
func UniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// IDChunks splits ids into `id IN` criteria of at most size ids each.
func IDChunks(ids []int64, size int) [][]int64 {
	if size <= 0 {
		size = MaxIDsPerFilter
	}
	var out [][]int64
	for len(ids) > 0 {
		n := min(size, len(ids))
		out = append(out, ids[:n:n])
		ids = ids[n:]
	}
	return out
}

// IDInCriterion builds `id IN a,b,c`.
func IDInCriterion(ids []int64) Criterion {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return Criterion{Field: "id", Operator: OpIn, Value: strings.Join(s, ",")}
}

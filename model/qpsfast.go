package model

import (
	"bytes"
	"encoding"
	"encoding/xml"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The fast path of DecodeResponse. encoding/xml allocated 24 KB in 546
// allocations per schedule (a token, a name and a copy of every text);
// this reads the answer in place and binds it to the same structs by the
// same rules, allocating little more than the result. It handles the XML
// QPS answers are made of — elements without prefixes, attributes, text
// with the five named and the numeric character references, CDATA — and
// declines anything else (comments, processing instructions but the
// header, DOCTYPE, prefixed elements, \r, other entities, and any input
// encoding/xml would refuse), which DecodeResponse then hands to
// encoding/xml, so that a result or an error is always encoding/xml's own.
// FuzzDecodeResponseFast holds the two to the same result.

// decline stops the fast path; decodeResponseFast recovers it.
type decline struct{}

// fastDec reads one document in place.
type fastDec struct {
	b      []byte
	i      int
	depth  int
	ent    []byte            // text with references replaced
	inEnt  bool              // the last text token is in ent
	acc    []byte            // a value's text gathered from several pieces
	intern map[string]string // repeated values share one string
}

const (
	fastMaxDepth  = 64
	fastMaxIntern = 4096
	fastInternLen = 64
)

// decodeResponseFast decodes b as encoding/xml would, or says it cannot.
func decodeResponseFast(b []byte) (r ServiceResponse, ok bool) {
	if bytes.IndexByte(b, '\r') >= 0 {
		return r, false // encoding/xml rewrites \r and \r\n
	}
	plan, err := planOf(reflect.TypeFor[ServiceResponse]())
	if err != nil {
		return r, false
	}
	defer func() {
		if p := recover(); p != nil {
			if _, is := p.(decline); !is {
				panic(p)
			}
			r, ok = ServiceResponse{}, false
		}
	}()
	d := &fastDec{b: b, intern: map[string]string{}}
	d.prolog()
	name, empty, space := d.startTag(true)
	if string(name) != plan.rootName {
		return r, false // encoding/xml says which element it expected
	}
	v := reflect.ValueOf(&r).Elem()
	v.FieldByIndex(plan.xmlName).Set(reflect.ValueOf(xml.Name{Space: space, Local: plan.rootName}))
	d.structContent(plan, v, name, empty)
	return r, true
}

// prolog skips white space and the XML header; anything else there is
// declined.
func (d *fastDec) prolog() {
	d.space()
	for _, h := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0"?>`} {
		if bytes.HasPrefix(d.b[d.i:], []byte(h)) {
			d.i += len(h)
			break
		}
	}
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != '<' {
		panic(decline{})
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func (d *fastDec) space() {
	for d.i < len(d.b) && isSpaceByte(d.b[d.i]) {
		d.i++
	}
}

func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func isNameRest(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// name reads a name without a prefix; it must be followed by a byte that
// ends a name for encoding/xml too.
func (d *fastDec) name() []byte {
	s := d.i
	if d.i >= len(d.b) || !isNameStart(d.b[d.i]) {
		panic(decline{})
	}
	for d.i < len(d.b) && isNameRest(d.b[d.i]) {
		d.i++
	}
	if d.i >= len(d.b) || d.b[d.i] == ':' || d.b[d.i] >= utf8.RuneSelf {
		panic(decline{})
	}
	return d.b[s:d.i]
}

// attrName reads an attribute's name: a name, or prefix:name.
func (d *fastDec) attrName() (name []byte, prefixed bool) {
	s := d.i
	if d.i >= len(d.b) || !isNameStart(d.b[d.i]) {
		panic(decline{})
	}
	for d.i < len(d.b) && isNameRest(d.b[d.i]) {
		d.i++
	}
	if d.i+1 < len(d.b) && d.b[d.i] == ':' && isNameStart(d.b[d.i+1]) {
		prefixed = true
		for d.i++; d.i < len(d.b) && isNameRest(d.b[d.i]); d.i++ {
		}
	}
	if d.i >= len(d.b) || d.b[d.i] == ':' || d.b[d.i] >= utf8.RuneSelf {
		panic(decline{})
	}
	return d.b[s:d.i], prefixed
}

// startTag reads <name attr="v" …> or <name …/> at d.i. On the root
// (root) it returns the default name space an xmlns attribute sets.
func (d *fastDec) startTag(root bool) (name []byte, empty bool, space string) {
	d.i++ // '<'
	name = d.name()
	for {
		d.space()
		if d.i >= len(d.b) {
			panic(decline{})
		}
		switch d.b[d.i] {
		case '>':
			d.i++
			return name, false, space
		case '/':
			if d.i+1 >= len(d.b) || d.b[d.i+1] != '>' {
				panic(decline{})
			}
			d.i += 2
			return name, true, space
		}
		an, prefixed := d.attrName()
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != '=' {
			panic(decline{})
		}
		d.i++
		d.space()
		if d.i >= len(d.b) || (d.b[d.i] != '"' && d.b[d.i] != '\'') {
			panic(decline{})
		}
		q := d.b[d.i]
		d.i++
		s := d.i
		for d.i < len(d.b) && d.b[d.i] != q {
			if c := d.b[d.i]; c == '<' || c == '&' {
				panic(decline{})
			}
			d.i++
		}
		if d.i >= len(d.b) {
			panic(decline{})
		}
		val := d.b[s:d.i]
		d.i++
		checkChars(val)
		if root && !prefixed && string(an) == "xmlns" {
			space = string(val)
		}
	}
}

// checkChars declines text encoding/xml refuses: invalid UTF-8 or a
// character outside XML's range.
func checkChars(t []byte) {
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				panic(decline{})
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		if r == utf8.RuneError && n == 1 || !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			panic(decline{})
		}
		i += n
	}
}

type tokKind int

const (
	tokText tokKind = iota
	tokStart
	tokEnd
)

// token reads the next piece of an element's content: text (with
// references replaced; it may point into d.ent, valid until the next
// call), a CDATA section's text, a start tag, or an end tag's name.
func (d *fastDec) token() (k tokKind, name, text []byte, empty bool) {
	if d.i >= len(d.b) {
		panic(decline{}) // the document ends inside an element
	}
	d.inEnt = false
	if d.b[d.i] != '<' {
		return tokText, nil, d.text(), false
	}
	rest := d.b[d.i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		s := d.i + len("<![CDATA[")
		n := bytes.Index(d.b[s:], []byte("]]>"))
		if n < 0 {
			panic(decline{})
		}
		d.i = s + n + 3
		t := d.b[s : s+n]
		checkChars(t)
		return tokText, nil, t, false
	case len(rest) > 1 && rest[1] == '/':
		d.i += 2
		name = d.name()
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != '>' {
			panic(decline{})
		}
		d.i++
		return tokEnd, name, nil, false
	case len(rest) > 1 && isNameStart(rest[1]):
		name, empty, _ = d.startTag(false)
		return tokStart, name, nil, empty
	}
	panic(decline{}) // comment, processing instruction, DOCTYPE, stray <
}

// text reads character data up to the next '<'.
func (d *fastDec) text() []byte {
	s := d.i
	plain := true
	for d.i < len(d.b) && d.b[d.i] != '<' {
		switch d.b[d.i] {
		case '&':
			plain = false
		case '>':
			if d.i-s >= 2 && d.b[d.i-1] == ']' && d.b[d.i-2] == ']' {
				panic(decline{}) // ]]> outside CDATA
			}
		}
		d.i++
	}
	raw := d.b[s:d.i]
	if plain {
		checkChars(raw)
		return raw
	}
	out := d.ent[:0]
	for j := 0; j < len(raw); {
		c := raw[j]
		if c != '&' {
			out = append(out, c)
			j++
			continue
		}
		semi := bytes.IndexByte(raw[j:], ';')
		if semi < 0 {
			panic(decline{})
		}
		ref := raw[j+1 : j+semi]
		j += semi + 1
		switch string(ref) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "apos":
			out = append(out, '\'')
		case "quot":
			out = append(out, '"')
		default:
			out = utf8.AppendRune(out, charRef(ref))
		}
	}
	d.ent, d.inEnt = out, true
	checkChars(out)
	return out
}

// charRef reads #N or #xN (the digits only, as encoding/xml reads them).
func charRef(ref []byte) rune {
	if len(ref) < 2 || ref[0] != '#' {
		panic(decline{})
	}
	digits, base := ref[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		panic(decline{})
	}
	var n uint64
	for _, c := range digits {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case base == 16 && c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			panic(decline{})
		}
		n = n*uint64(base) + uint64(v)
	}
	if n > utf8.MaxRune {
		panic(decline{})
	}
	return rune(n)
}

// skip reads and drops the content of an element whose start tag was read.
func (d *fastDec) skip(name []byte, empty bool) {
	if empty {
		return
	}
	d.enter()
	defer d.leave()
	for {
		k, n, _, e := d.token()
		switch k {
		case tokStart:
			d.skip(n, e)
		case tokEnd:
			d.end(name, n)
			return
		}
	}
}

func (d *fastDec) enter() {
	if d.depth++; d.depth > fastMaxDepth {
		panic(decline{})
	}
}

func (d *fastDec) leave() { d.depth-- }

// end declines an end tag that does not close the element open.
func (d *fastDec) end(open, closed []byte) {
	if !bytes.Equal(open, closed) {
		panic(decline{})
	}
}

// unmarshal binds an element, whose start tag was read, to v as
// encoding/xml's unmarshal does for the kinds the QPS structs use.
func (d *fastDec) unmarshal(v reflect.Value, name []byte, empty bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if v.Type() == textType {
		v.SetString(strings.TrimSpace(d.str(d.textOf(name, empty, true))))
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		n := v.Len()
		if n == v.Cap() {
			v.Grow(max(4, n))
		}
		v.SetLen(n + 1)
		d.unmarshal(v.Index(n), name, empty)
	case reflect.Struct:
		plan, err := planOf(v.Type())
		if err != nil || plan.xmlName != nil {
			panic(decline{})
		}
		d.structContent(plan, v, name, empty)
	case reflect.String:
		v.SetString(d.str(d.textOf(name, empty, false)))
	case reflect.Bool:
		t := d.textOf(name, empty, false)
		if len(t) == 0 {
			v.SetBool(false)
			return
		}
		b, err := strconv.ParseBool(string(bytes.TrimSpace(t)))
		if err != nil {
			panic(decline{})
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		t := d.textOf(name, empty, false)
		if len(t) == 0 {
			v.SetInt(0)
			return
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(t)), 10, v.Type().Bits())
		if err != nil {
			panic(decline{})
		}
		v.SetInt(n)
	default:
		panic(decline{})
	}
}

// textOf gathers an element's text: its own character data, child
// elements skipped — or, for Text (strict), refused.
func (d *fastDec) textOf(name []byte, empty, strict bool) []byte {
	if empty {
		return nil
	}
	d.enter()
	defer d.leave()
	var data []byte
	pieces, owned := 0, false // owned: data is d.acc
	for {
		k, n, t, e := d.token()
		switch k {
		case tokText:
			if pieces++; pieces == 1 && !d.inEnt {
				data = t // in place, until a second piece comes
				continue
			}
			if !owned {
				d.acc = append(d.acc[:0], data...)
				owned = true
			}
			d.acc = append(d.acc, t...)
			data = d.acc
		case tokStart:
			if strict {
				panic(decline{}) // Text refuses elements inside
			}
			d.skip(n, e)
		case tokEnd:
			d.end(name, n)
			return data
		}
	}
}

// str makes a string of b, sharing one string among equal short values.
func (d *fastDec) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > fastInternLen {
		return string(b)
	}
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.intern) < fastMaxIntern {
		d.intern[s] = s
	}
	return s
}

// structContent binds the content of an element to the struct v,
// matching child elements to fields by name and path as encoding/xml's
// unmarshalPath does; an innerxml field gets the raw content.
func (d *fastDec) structContent(plan *xmlPlan, v reflect.Value, name []byte, empty bool) {
	if empty {
		if plan.inner != nil {
			v.FieldByIndex(plan.inner).SetString("")
		}
		return
	}
	d.enter()
	defer d.leave()
	start := d.i
	for {
		at := d.i
		k, n, _, e := d.token()
		switch k {
		case tokStart:
			if !d.path(plan, v, nil, n, e) {
				d.skip(n, e)
			}
		case tokEnd:
			d.end(name, n)
			if plan.inner != nil {
				v.FieldByIndex(plan.inner).SetString(string(d.b[start:at]))
			}
			return
		}
	}
}

// path is encoding/xml's unmarshalPath: the element name (start tag read)
// inside parents either is a field, leads to fields (a>b), or is none of
// the struct's business (false).
func (d *fastDec) path(plan *xmlPlan, v reflect.Value, parents []string, name []byte, empty bool) bool {
	recurse := false
fields:
	for i := range plan.fields {
		f := &plan.fields[i]
		if len(f.parents) < len(parents) {
			continue
		}
		for j := range parents {
			if parents[j] != f.parents[j] {
				continue fields
			}
		}
		if len(f.parents) == len(parents) && f.name == string(name) {
			d.unmarshal(fieldOf(v, f.index), name, empty)
			return true
		}
		if len(f.parents) > len(parents) && f.parents[len(parents)] == string(name) {
			recurse = true
			parents = f.parents[:len(parents)+1]
			break
		}
	}
	if !recurse {
		return false
	}
	if empty {
		return true
	}
	d.enter()
	defer d.leave()
	for {
		k, n, _, e := d.token()
		switch k {
		case tokStart:
			if !d.path(plan, v, parents, n, e) {
				d.skip(n, e)
			}
		case tokEnd:
			d.end(name, n)
			return true
		}
	}
}

// fieldOf is v's field at index, allocating embedded pointers on the way.
func fieldOf(v reflect.Value, index []int) reflect.Value {
	for k, i := range index {
		if k > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v
}

// xmlPlan is how a struct's elements map to its fields, as encoding/xml
// reads its tags.
type xmlPlan struct {
	fields   []xmlField
	xmlName  []int // the XMLName field, on the root
	rootName string
	inner    []int // the ,innerxml field
}

type xmlField struct {
	index   []int
	parents []string
	name    string
}

var (
	textType = reflect.TypeFor[Text]()
	plans    sync.Map // reflect.Type → planned
)

type planned struct {
	p   *xmlPlan
	err error
}

// errNoPlan: the type uses something the fast path does not handle.
var errNoPlan = errors.New("the fast XML path does not handle this type")

func planOf(t reflect.Type) (*xmlPlan, error) {
	if p, ok := plans.Load(t); ok {
		return p.(planned).p, p.(planned).err
	}
	p, err := buildPlan(t, map[reflect.Type]bool{})
	plans.Store(t, planned{p, err})
	return p, err
}

func buildPlan(t reflect.Type, seen map[reflect.Type]bool) (*xmlPlan, error) {
	seen[t] = true
	p := &xmlPlan{}
	if err := p.add(t, nil, seen); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *xmlPlan) add(t reflect.Type, prefix []int, seen map[reflect.Type]bool) error {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		tag := f.Tag.Get("xml")
		if (!f.IsExported() && !f.Anonymous) || tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() != reflect.Struct {
				return errNoPlan
			}
			if err := p.add(et, index, seen); err != nil {
				return err
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Name == "XMLName" {
			if f.Type != reflect.TypeFor[xml.Name]() || name == "" || opts != "" {
				return errNoPlan
			}
			p.xmlName, p.rootName = index, name
			continue
		}
		switch opts {
		case "", "omitempty":
		case "innerxml":
			if f.Type.Kind() != reflect.String || p.inner != nil {
				return errNoPlan
			}
			p.inner = index
			continue
		default:
			return errNoPlan // attr, chardata, cdata, comment, any
		}
		if name == "" {
			name = f.Name
		}
		if strings.ContainsAny(name, ": ") {
			return errNoPlan
		}
		parts := strings.Split(name, ">")
		if slices.Contains(parts, "") {
			return errNoPlan
		}
		if err := checkType(f.Type, seen); err != nil {
			return err
		}
		p.fields = append(p.fields, xmlField{index: index, parents: parts[:len(parts)-1], name: parts[len(parts)-1]})
	}
	return nil
}

var (
	unmarshalerType     = reflect.TypeFor[xml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// checkType accepts the kinds unmarshal handles: pointers and slices of
// them, structs, string, bool, signed integers, and Text (whose
// UnmarshalXML textOf mirrors); any other unmarshaler is refused.
func checkType(t reflect.Type, seen map[reflect.Type]bool) error {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == textType {
		return nil
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) ||
		t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return errNoPlan
	}
	switch t.Kind() {
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return errNoPlan
		}
		return checkType(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return nil
		}
		seen[t] = true
		plan, err := buildPlan(t, seen)
		if err != nil {
			return err
		}
		if plan.xmlName != nil {
			return errNoPlan
		}
		plans.Store(t, planned{plan, nil})
		return nil
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return nil
	}
	return errNoPlan
}

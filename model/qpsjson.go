package model

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// DecodeResponseJSON reads a ServiceResponse sent as JSON (§15.1), as a
// proxy or the service may answer when it prefers JSON:
//
//	{"ServiceResponse":{"responseCode":"SUCCESS","count":1,"hasMoreRecords":"false",
//	  "data":[{"WasScanSchedule":{"id":701946,"target":{"tags":{"included":
//	    {"option":"ANY","tagList":{"count":1,"list":[{"Tag":{"id":5,"name":"prod"}}]}}}}}}]}}
//
// The JSON is read as the XML document it stands for, into the same model:
// an object is an element, each of its keys a child element; an array is
// its element repeated (so data:[{WasScanSchedule:…},…] and
// list:[{Tag:…},…] read like <data><WasScanSchedule>… and <list><Tag>…,
// and onDays:{WeekDay:["MONDAY","FRIDAY"]} like two WeekDay elements); a
// string, number or boolean is the element's text (so "10" and 10, "true"
// and true read alike); null is an absent element. Keys that cannot be XML
// element names cannot name anything in the model and are skipped.
// Every string is kept as sent, including the control characters XML
// cannot carry; only the opaque MONTHLY content (U2), which the model
// keeps as XML text, has them replaced by U+FFFD.
func DecodeResponseJSON(b []byte) (ServiceResponse, error) {
	var r ServiceResponse
	toks, err := jsonAsXML(b, "ServiceResponse", false)
	if err == nil {
		err = xml.NewTokenDecoder(&tokenList{toks: toks}).Decode(&r)
	}
	if err != nil {
		return ServiceResponse{}, fmt.Errorf("not a QPS ServiceResponse: %w", err)
	}
	// ",innerxml" needs the bytes of a document: read the same tokens
	// written out, and take the MONTHLY content from there.
	if hasMonthly(r.Schedules()) {
		var buf bytes.Buffer
		enc := xml.NewEncoder(&buf)
		for _, t := range toks {
			if err := enc.EncodeToken(t); err != nil {
				return ServiceResponse{}, fmt.Errorf("not a QPS ServiceResponse: %w", err)
			}
		}
		if err := enc.Flush(); err != nil {
			return ServiceResponse{}, err
		}
		raw, err := DecodeResponse(buf.Bytes())
		if err != nil {
			return ServiceResponse{}, err
		}
		for i, s := range r.Schedules() {
			if m := monthlyOf(s); m != nil && i < len(raw.Schedules()) {
				if rm := monthlyOf(raw.Schedules()[i]); rm != nil {
					m.InnerXML = rm.InnerXML
				}
			}
		}
	}
	return r, nil
}

func monthlyOf(s WasScanSchedule) *WASMonthly {
	if s.Scheduling == nil || s.Scheduling.Occurrence == nil {
		return nil
	}
	return s.Scheduling.Occurrence.Monthly
}

func hasMonthly(ss []WasScanSchedule) bool {
	for _, s := range ss {
		if monthlyOf(s) != nil {
			return true
		}
	}
	return false
}

// tokenList replays XML tokens to an xml.Decoder.
type tokenList struct {
	toks []xml.Token
	i    int
}

func (l *tokenList) Token() (xml.Token, error) {
	if l.i >= len(l.toks) {
		return nil, io.EOF
	}
	l.i++
	return l.toks[l.i-1], nil
}

// maxJSONDepth bounds the nesting of a JSON answer; a WAS schedule is
// about ten levels deep.
const maxJSONDepth = 64

// jsonAsXML returns the XML tokens of the root member (ServiceResponse or
// ServiceRequest) of the JSON object b. strict refuses keys that cannot be
// element names, and other members beside root, instead of skipping them.
func jsonAsXML(b []byte, root string, strict bool) ([]xml.Token, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("the body is not a JSON object")
	}
	var toks []xml.Token
	found := false
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return nil, err
		}
		if k != root || found {
			if strict {
				return nil, fmt.Errorf("unexpected member %q: the object must hold only %s", k, root)
			}
			if err := skipJSON(d); err != nil {
				return nil, err
			}
			continue
		}
		found = true
		if t, err := d.Token(); err != nil || t != json.Delim('{') {
			return nil, errors.New(root + " is not a JSON object")
		}
		if toks, err = jsonObject(d, root, toks, 1, strict); err != nil {
			return nil, err
		}
	}
	if _, err := d.Token(); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON object")
	}
	if !found {
		return nil, errors.New("the JSON object has no " + root)
	}
	return toks, nil
}

// jsonObject appends the element name holding the members of the object
// whose '{' has been read.
func jsonObject(d *json.Decoder, name string, toks []xml.Token, depth int, strict bool) ([]xml.Token, error) {
	start := xml.StartElement{Name: xml.Name{Local: name}}
	toks = append(toks, start)
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return nil, err
		}
		key, _ := k.(string)
		if !xmlName(key) {
			if strict {
				return nil, fmt.Errorf("%q in %s is not an element name", key, name)
			}
			if err := skipJSON(d); err != nil {
				return nil, err
			}
			continue
		}
		if toks, err = jsonValue(d, key, toks, depth+1, strict); err != nil {
			return nil, err
		}
	}
	if _, err := d.Token(); err != nil { // '}'
		return nil, err
	}
	return append(toks, start.End()), nil
}

// jsonValue appends the next value as element name: once, repeated for
// each item of an array, or not at all for null.
func jsonValue(d *json.Decoder, name string, toks []xml.Token, depth int, strict bool) ([]xml.Token, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("JSON nested deeper than %d levels", maxJSONDepth)
	}
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	text := ""
	switch v := t.(type) {
	case json.Delim:
		if v == '{' {
			return jsonObject(d, name, toks, depth, strict)
		}
		// '[': the element, repeated.
		for d.More() {
			if toks, err = jsonValue(d, name, toks, depth+1, strict); err != nil {
				return nil, err
			}
		}
		_, err = d.Token() // ']'
		return toks, err
	case nil:
		return toks, nil
	case string:
		text = v
	case json.Number:
		text = v.String()
	case bool:
		text = fmt.Sprint(v)
	}
	start := xml.StartElement{Name: xml.Name{Local: name}}
	toks = append(toks, start)
	if text != "" {
		toks = append(toks, xml.CharData(text))
	}
	return append(toks, start.End()), nil
}

// skipJSON reads and drops the next value.
func skipJSON(d *json.Decoder) error {
	var v json.RawMessage
	return d.Decode(&v)
}

// xmlName reports whether s is a plain XML element name: an ASCII letter
// or underscore, then letters, digits, '_', '-' or '.' (no namespace
// prefix). Every element name of the QPS schema is one.
func xmlName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

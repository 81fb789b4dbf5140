package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A JSON request (§15.1) is rewritten as the XML request it stands for and
// then goes through the same schema check as XML, so that JSON is exactly
// as strict: an unknown or read-only element is refused the same way.
//
//	{"ServiceRequest":{"filters":{"Criteria":[{"field":"name","operator":"CONTAINS","value":"x"}]}}}
//	  → <ServiceRequest><filters><Criteria field="name" operator="CONTAINS">x</Criteria></filters></ServiceRequest>
//
// Objects become child elements in key order; scalars (strings, numbers,
// booleans) become text; an array under a key repeats the element, except
// under the QList and onDays containers (set, add, remove, list, onDays),
// whose array items, {"Tag":{…}} or {"WeekDay":"SUNDAY"}, become children
// of one container element. null is refused.

var jsonContainers = map[string]bool{"set": true, "add": true, "remove": true, "list": true, "onDays": true}

var xmlName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// jsonToXML converts a JSON ServiceRequest. An empty body stays empty.
func jsonToXML(body []byte) ([]byte, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var b bytes.Buffer
	tok, err := d.Token()
	if err != nil {
		return nil, fmt.Errorf("the request is not valid JSON: %w", err)
	}
	if tok != json.Delim('{') {
		return nil, errors.New("the request must be a JSON object holding ServiceRequest")
	}
	n := 0
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("the request is not valid JSON: %w", err)
		}
		if n++; n > 1 || key != "ServiceRequest" {
			return nil, fmt.Errorf("invalid content was found starting with element '%v'. The root element must be 'ServiceRequest'", key)
		}
		if err := convValue(d, &b, "ServiceRequest", 0); err != nil {
			return nil, err
		}
	}
	if _, err := d.Token(); err != nil {
		return nil, fmt.Errorf("the request is not valid JSON: %w", err)
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("the request holds more than one JSON value")
	}
	return b.Bytes(), nil
}

const maxJSONDepth = 64

// convValue writes the element name holding the next JSON value.
// convMembers converts the members of the object whose '{' was just read,
// and reads its '}'.
func convMembers(d *json.Decoder, b *bytes.Buffer, depth int) error {
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return fmt.Errorf("the request is not valid JSON: %w", err)
		}
		if err := convValue(d, b, k.(string), depth+1); err != nil {
			return err
		}
	}
	_, err := d.Token()
	return err
}

func convValue(d *json.Decoder, b *bytes.Buffer, name string, depth int) error {
	if depth > maxJSONDepth {
		return errors.New("the request is nested too deeply")
	}
	if !xmlName.MatchString(name) {
		return fmt.Errorf("invalid content was found starting with element %q", name)
	}
	tok, err := d.Token()
	if err != nil {
		return fmt.Errorf("the request is not valid JSON: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			if name == "Criteria" {
				return convCriteria(d, b)
			}
			b.WriteString("<" + name + ">")
			if err := convMembers(d, b, depth); err != nil {
				return err
			}
			b.WriteString("</" + name + ">")
		case '[':
			if jsonContainers[name] {
				b.WriteString("<" + name + ">")
			}
			for d.More() {
				inner := name
				if jsonContainers[name] {
					// Each item is {"<Element>": value}.
					if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
						return fmt.Errorf("items of %q must be objects such as {\"Tag\":{\"id\":1}}", name)
					}
					if err := convMembers(d, b, depth); err != nil {
						return err
					}
					continue
				}
				if err := convValue(d, b, inner, depth+1); err != nil {
					return err
				}
			}
			if _, err := d.Token(); err != nil {
				return err
			}
			if jsonContainers[name] {
				b.WriteString("</" + name + ">")
			}
		}
	case nil:
		return fmt.Errorf("element '%s' is null; leave it out instead", name)
	default:
		v, err := scalar(tok, name)
		if err != nil {
			return err
		}
		b.WriteString("<" + name + ">")
		if err := xmlText(b, v, name); err != nil {
			return err
		}
		b.WriteString("</" + name + ">")
	}
	return nil
}

func scalar(tok json.Token, name string) (string, error) {
	switch v := tok.(type) {
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	}
	return "", fmt.Errorf("element '%s' must be a string, a number or a boolean", name)
}

// xmlText escapes v, refusing what XML 1.0 cannot carry (C0 controls other
// than tab, LF, CR), as the XML path refuses them.
func xmlText(b *bytes.Buffer, v, name string) error {
	for _, r := range v {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("element '%s' holds the character %U, which XML 1.0 does not allow", name, r)
		}
	}
	var e bytes.Buffer
	_ = xml.EscapeText(&e, []byte(v))
	b.Write(e.Bytes())
	return nil
}

// convCriteria writes one {"field","operator","value"} criterion; the
// opening brace has been read.
func convCriteria(d *json.Decoder, b *bytes.Buffer) error {
	got := map[string]string{}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return fmt.Errorf("the request is not valid JSON: %w", err)
		}
		key := k.(string)
		if key != "field" && key != "operator" && key != "value" {
			return fmt.Errorf("attribute '%s' is not allowed to appear in element 'Criteria'", key)
		}
		if _, dup := got[key]; dup {
			return fmt.Errorf("Criteria has %q twice", key)
		}
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("the request is not valid JSON: %w", err)
		}
		v, err := scalar(tok, "Criteria/"+key)
		if err != nil {
			return err
		}
		got[key] = v
	}
	if _, err := d.Token(); err != nil {
		return err
	}
	b.WriteString("<Criteria")
	for _, a := range []string{"field", "operator"} {
		if v, ok := got[a]; ok {
			var e bytes.Buffer
			_ = xml.EscapeText(&e, []byte(v))
			b.WriteString(" " + a + `="` + strings.ReplaceAll(e.String(), `"`, "&quot;") + `"`)
		}
	}
	b.WriteString(">")
	if err := xmlText(b, got["value"], "Criteria"); err != nil {
		return err
	}
	b.WriteString("</Criteria>")
	return nil
}

package model

import (
	"encoding/xml"
	"strings"
)

// Text is a QPS text value (name, url, message, EmailAddress). It is
// written as CDATA; encoding/xml splits a "]]>" inside the value across two
// CDATA sections, so any value round-trips. On read, whitespace around the
// value is dropped: the documentation's samples put the CDATA section on a
// line of its own.
type Text string

// MarshalXML writes the value as one CDATA section.
func (t Text) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(struct {
		S string `xml:",cdata"`
	}{string(t)}, start)
}

// UnmarshalXML reads character data and CDATA sections; nested elements
// are an error.
func (t *Text) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch tk := tok.(type) {
		case xml.CharData:
			b.Write(tk)
		case xml.StartElement:
			return &xml.SyntaxError{Msg: "unexpected element <" + tk.Name.Local + "> inside <" + start.Name.Local + ">"}
		case xml.EndElement:
			*t = Text(strings.TrimSpace(b.String()))
			return nil
		}
	}
}

// TextPtr returns a pointer to a Text, for optional elements.
func TextPtr(s string) *Text { t := Text(s); return &t }

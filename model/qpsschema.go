package model

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The element tree a QPS wasscanschedule request may contain. The XSD is
// not public (U1): this tree is qsched's reading of §4 and §9, and the
// simulator rejects anything outside it. Element order is not checked.
// Read-only elements (id, owner, invalid, multi, launchedCount,
// nextLaunchDate, createdDate, updatedDate, lastScan) are not accepted in
// requests.

type xnode struct {
	name  string
	kids  []*xnode
	attrs []string
}

func el(name string, kids ...*xnode) *xnode { return &xnode{name: name, kids: kids} }

func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func emails() []*xnode { return []*xnode{el("EmailAddress")} }

func tagList() []*xnode { return []*xnode{el("Tag", el("id"))} }

func qlist(kids func() []*xnode) []*xnode {
	return []*xnode{el("set", kids()...), el("add", kids()...), el("remove", kids()...)}
}

var scheduleNode = el("WasScanSchedule",
	el("name"), el("type"), el("active"),
	el("target",
		el("webApp", el("id")),
		el("webApps", qlist(func() []*xnode { return []*xnode{el("WebApp", el("id"))} })...),
		el("tags",
			el("included", el("option"), el("tagList", qlist(tagList)...)),
			el("excluded", el("option"), el("tagList", qlist(tagList)...)),
		),
		el("webAppAuthRecord", el("id"), el("isDefault")),
		el("scannerAppliance", el("type"), el("friendlyName")),
		el("scannerTags", qlist(tagList)...),
		el("cancelOption"), el("randomizeScan"),
		el("authRecordOption"), el("profileOption"), el("scannerOption"),
	),
	el("profile", el("id"), el("name")),
	el("proxy", el("id")),
	el("dnsOverride", el("id")),
	el("scheduling",
		el("startDate"),
		el("timeZone", el("code")),
		el("occurrenceType"),
		el("occurrence",
			el("hourlyOccurrence", el("everyNHours"), el("occurrenceCount")),
			el("dailyOccurrence", el("everyNDays"), el("occurrenceCount")),
			el("weeklyOccurrence", el("everyNWeeks"), el("onDays", el("WeekDay")), el("occurrenceCount")),
			// U2: monthly content is unconfirmed and stored opaquely.
			&xnode{name: "monthlyOccurrence", kids: nil, attrs: []string{"*"}},
		),
		el("cancelAfterNHours"),
	),
	el("notification",
		el("active"), el("reschedule"),
		el("delay", el("nb"), el("scale")),
		el("recipients", qlist(emails)...),
		el("message"),
	),
	el("sendMail"), el("sendOneMail"), el("sendMailFromAddressOption"), el("progressiveScanning"),
)

// RequestParts names the top-level parts of a ServiceRequest.
type RequestParts struct {
	Preferences bool
	Filters     bool
	Data        bool
	// AllowVerbose accepts <preferences><verbose> (U14: off by default).
	AllowVerbose bool
}

func requestTree(p RequestParts) *xnode {
	root := el("ServiceRequest")
	if p.Preferences {
		prefs := el("preferences", el("startFromOffset"), el("startFromId"), el("limitResults"))
		if p.AllowVerbose {
			prefs.kids = append(prefs.kids, el("verbose"))
		}
		root.kids = append(root.kids, prefs)
	}
	if p.Filters {
		root.kids = append(root.kids, el("filters", &xnode{name: "Criteria", attrs: []string{"field", "operator"}}))
	}
	if p.Data {
		root.kids = append(root.kids, el("data", scheduleNode))
	}
	return root
}

// SchemaError is a request that does not fit the schema: INVALID_XML.
type SchemaError struct{ Msg string }

func (e *SchemaError) Error() string { return e.Msg }

// CheckRequestXML checks that body is well-formed and holds only the
// elements p allows, in their places. The message names the first
// offending element, in the style of an XSD validator.
func CheckRequestXML(body []byte, p RequestParts) error {
	root := requestTree(p)
	d := xml.NewDecoder(bytes.NewReader(body))
	var stack []*xnode
	var path []string
	opaque := 0 // depth inside an element whose content is not checked
	seenRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &SchemaError{Msg: "The request is not well-formed XML: " + err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if opaque > 0 {
				opaque++
				continue
			}
			var n *xnode
			if len(stack) == 0 {
				if seenRoot || name != root.name {
					return &SchemaError{Msg: fmt.Sprintf("Invalid content was found starting with element '%s'. The root element must be 'ServiceRequest'.", name)}
				}
				n, seenRoot = root, true
			} else {
				parent := stack[len(stack)-1]
				if n = parent.child(name); n == nil {
					return &SchemaError{Msg: fmt.Sprintf("Invalid content was found starting with element '%s' in %s.%s", name, strings.Join(path, "/"), expected(parent))}
				}
			}
			if err := checkAttrs(n, t, path); err != nil {
				return err
			}
			stack = append(stack, n)
			path = append(path, name)
			if len(n.attrs) == 1 && n.attrs[0] == "*" {
				opaque = 1
			}
		case xml.EndElement:
			if opaque > 1 {
				opaque--
				continue
			}
			opaque = 0
			stack, path = stack[:len(stack)-1], path[:len(path)-1]
		case xml.CharData:
			if opaque > 0 || len(stack) == 0 {
				continue
			}
			if top := stack[len(stack)-1]; len(top.kids) > 0 && len(bytes.TrimSpace(t)) > 0 {
				return &SchemaError{Msg: fmt.Sprintf("Element '%s' must have no character content; it holds elements.", strings.Join(path, "/"))}
			}
		}
	}
	if !seenRoot && len(bytes.TrimSpace(body)) > 0 {
		return &SchemaError{Msg: "The request has no ServiceRequest element."}
	}
	return nil
}

func checkAttrs(n *xnode, t xml.StartElement, path []string) error {
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || a.Name.Space == "xsi" || a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance" {
			continue
		}
		ok := false
		for _, allowed := range n.attrs {
			ok = ok || allowed == a.Name.Local || allowed == "*"
		}
		if !ok {
			return &SchemaError{Msg: fmt.Sprintf("Attribute '%s' is not allowed to appear in element '%s'.", a.Name.Local, strings.Join(append(path, t.Name.Local), "/"))}
		}
	}
	return nil
}

func expected(n *xnode) string {
	if len(n.kids) == 0 {
		return " No child element is expected at this point."
	}
	names := make([]string, len(n.kids))
	for i, k := range n.kids {
		names[i] = "'" + k.name + "'"
	}
	return " One of {" + strings.Join(names, ", ") + "} is expected."
}

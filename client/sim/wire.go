package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"

	"github.com/qsched/qsched/model"
)

// The simulator writes its answers from its own ordered element tree, so
// that reads have the QList shape (count + list, never set/add/remove,
// §15.2) and the same tree comes out as XML or as JSON (§15.1) with the
// same element names.

type kind int

const (
	kText  kind = iota // string, CDATA in XML
	kPlain             // string without CDATA (enumerations, dates)
	kNum               // JSON number
	kBool              // JSON boolean
	kObj               // child elements; a JSON object
	kList              // child elements; a JSON array of {"<name>": value}
)

type node struct {
	name string
	kind kind
	val  string
	kids []*node
}

func obj(name string, kids ...*node) *node { return &node{name: name, kind: kObj, kids: kids} }

// add appends the non-nil children.
func (n *node) add(kids ...*node) *node {
	for _, k := range kids {
		if k != nil {
			n.kids = append(n.kids, k)
		}
	}
	return n
}

func txt(name string, v *model.Text) *node {
	if v == nil {
		return nil
	}
	return &node{name: name, kind: kText, val: string(*v)}
}

func str(name string, v *string) *node {
	if v == nil {
		return nil
	}
	return &node{name: name, kind: kPlain, val: *v}
}

func num[T int | int64](name string, v T) *node {
	return &node{name: name, kind: kNum, val: strconv.FormatInt(int64(v), 10)}
}

func numP[T int | int64](name string, v *T) *node {
	if v == nil {
		return nil
	}
	return num(name, *v)
}

func boolP(name string, v *bool) *node {
	if v == nil {
		return nil
	}
	return &node{name: name, kind: kBool, val: strconv.FormatBool(*v)}
}

// qlist is a QList as read: <name><count>N</count><list>…</list></name>.
func qlist(name string, items []*node) *node {
	return obj(name, num("count", len(items)), &node{name: "list", kind: kList, kids: items})
}

// writeXML renders n as XML, indented by depth.
func (n *node) writeXML(b *bytes.Buffer, depth int) {
	if depth < 0 { // compact: no indentation inside
		b.WriteString("<" + n.name + ">")
		switch n.kind {
		case kObj, kList:
			for _, k := range n.kids {
				k.writeXML(b, -1)
			}
		default:
			_ = xml.EscapeText(b, []byte(n.val))
		}
		b.WriteString("</" + n.name + ">")
		return
	}
	ind := strings.Repeat("  ", depth)
	if n.name == "monthlyOccurrence" {
		// Written compactly: clients that keep it opaque (U2) see the
		// same text whatever the indentation of the answer.
		b.WriteString(ind)
		n.writeXML(b, -1)
		b.WriteString("\n")
		return
	}
	b.WriteString(ind + "<" + n.name + ">")
	switch n.kind {
	case kObj, kList:
		if len(n.kids) == 0 {
			b.WriteString("</" + n.name + ">\n")
			return
		}
		b.WriteString("\n")
		for _, k := range n.kids {
			k.writeXML(b, depth+1)
		}
		b.WriteString(ind)
	case kText:
		b.WriteString("<![CDATA[" + strings.ReplaceAll(n.val, "]]>", "]]]]><![CDATA[>") + "]]>")
	default:
		_ = xml.EscapeText(b, []byte(n.val))
	}
	b.WriteString("</" + n.name + ">\n")
}

// writeJSON renders n's value (not its name) as JSON.
func (n *node) writeJSON(b *bytes.Buffer) {
	switch n.kind {
	case kNum, kBool:
		b.WriteString(n.val)
	case kText, kPlain:
		v, _ := json.Marshal(n.val)
		b.Write(v)
	case kObj:
		b.WriteByte('{')
		for i, k := range n.kids {
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(k.name)
			b.Write(key)
			b.WriteByte(':')
			k.writeJSON(b)
		}
		b.WriteByte('}')
	case kList:
		b.WriteByte('[')
		for i, k := range n.kids {
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(k.name)
			b.WriteString("{" + string(key) + ":")
			k.writeJSON(b)
			b.WriteByte('}')
		}
		b.WriteByte(']')
	}
}

// reply is a ServiceResponse to render.
type reply struct {
	code    string
	count   *int
	more    *bool
	lastID  *int64
	data    []*node // nil: no data element
	err     *model.ErrorDetails
	schema  string // xsd name, e.g. "wasscanschedule", or "2.0/am/hostasset" outside WAS
	hasData bool
}

func (rp reply) tree() *node {
	n := obj("ServiceResponse", &node{name: "responseCode", kind: kPlain, val: rp.code})
	n.add(numP("count", rp.count), boolP("hasMoreRecords", rp.more), numP("lastId", rp.lastID))
	if rp.hasData {
		n.add(&node{name: "data", kind: kList, kids: rp.data})
	}
	if e := rp.err; e != nil {
		d := obj("responseErrorDetails", &node{name: "errorMessage", kind: kPlain, val: e.ErrorMessage})
		if e.ErrorResolution != "" {
			d.add(&node{name: "errorResolution", kind: kPlain, val: e.ErrorResolution})
		}
		n.add(d)
	}
	return n
}

// wantsJSON reports whether the caller asked for JSON answers.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(strings.ToLower(r.Header.Get("Accept")), "application/json")
}

// sendsJSON reports whether the request body is JSON.
func sendsJSON(r *http.Request) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Type"))), "application/json")
}

// maxReplyHint bounds the buffer an XML reply starts with (the last
// reply's size).
const maxReplyHint = 8 << 20

func (s *Server) writeReply(w http.ResponseWriter, r *http.Request, status int, rp reply) {
	var b bytes.Buffer
	if wantsJSON(r) {
		b.WriteString(`{"ServiceResponse":`)
		rp.tree().writeJSON(&b)
		b.WriteString("}\n")
		w.Header().Set("Content-Type", "application/json")
	} else {
		if rp.schema == "" {
			rp.schema = "wasscanschedule"
		}
		t := rp.tree()
		var inner bytes.Buffer
		inner.Grow(int(s.replySize.Load())) // a page of 1,000 is ~3 MB: grown step by step, it cost a fifth of the page
		t.writeXML(&inner, 0)
		s.replySize.Store(min(int64(inner.Len()), maxReplyHint))
		b.Grow(inner.Len() + 512)
		b.WriteString(xml.Header)
		open := `<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="`
		xsd := "/qps/xsd/3.0/was/" + rp.schema + ".xsd"
		if strings.Contains(rp.schema, "/") { // another module, e.g. "2.0/am/hostasset"
			xsd = "/qps/xsd/" + rp.schema + ".xsd"
		}
		var loc bytes.Buffer
		_ = xml.EscapeText(&loc, []byte(baseURL(r)+xsd))
		b.WriteString(open + loc.String() + `">`)
		b.Write(bytes.TrimPrefix(inner.Bytes(), []byte("<ServiceResponse>")))
		w.Header().Set("Content-Type", "application/xml")
	}
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// fromModel turns a handler's model.ServiceResponse into a reply.
func fromModel(resp model.ServiceResponse) reply {
	rp := reply{code: resp.ResponseCode, count: resp.Count, more: resp.HasMoreRecords, lastID: resp.LastID, err: resp.ErrorDetails}
	if resp.Data != nil {
		rp.hasData = true
		for _, sc := range resp.Data.Schedules {
			rp.data = append(rp.data, scheduleNode(sc))
		}
	}
	return rp
}

// scheduleNode is a WasScanSchedule as read. Collections are QLists with
// a count; the write-only set/add/remove never appear.
func scheduleNode(w model.WasScanSchedule) *node {
	n := obj("WasScanSchedule")
	n.add(numP("id", w.ID), txt("name", w.Name))
	if o := w.Owner; o != nil {
		n.add(obj("owner", num("id", o.ID)).add(plainNZ("username", o.Username), plainNZ("firstName", o.FirstName), plainNZ("lastName", o.LastName)))
	}
	n.add(str("type", w.Type), boolP("active", w.Active), boolP("invalid", w.Invalid), boolP("multi", w.Multi),
		numP("launchedCount", w.LaunchedCount), str("nextLaunchDate", w.NextLaunchDate),
		str("createdDate", w.CreatedDate), str("updatedDate", w.UpdatedDate))
	if t := w.Target; t != nil {
		tn := obj("target")
		if a := t.WebApp; a != nil {
			tn.add(webAppNode("webApp", *a))
		}
		if t.WebApps != nil {
			var items []*node
			for _, a := range append(append([]model.WASWebApp(nil), t.WebApps.List...), t.WebApps.Set...) {
				items = append(items, webAppNode("WebApp", a))
			}
			tn.add(qlist("webApps", items))
		}
		if tg := t.Tags; tg != nil {
			tags := obj("tags")
			for _, sel := range []struct {
				name string
				s    *model.WASTagSelection
			}{{"included", tg.Included}, {"excluded", tg.Excluded}} {
				if sel.s == nil {
					continue
				}
				sn := obj(sel.name).add(plainNZ("option", sel.s.Option))
				if sel.s.TagList != nil {
					sn.add(tagQList("tagList", sel.s.TagList.Tags()))
				}
				tags.add(sn)
			}
			tn.add(tags)
		}
		if ar := t.WebAppAuthRecord; ar != nil {
			tn.add(obj("webAppAuthRecord").add(numP("id", ar.ID), boolP("isDefault", ar.IsDefault)))
		}
		if sa := t.ScannerAppliance; sa != nil {
			tn.add(obj("scannerAppliance", &node{name: "type", kind: kPlain, val: sa.Type}).add(txt("friendlyName", sa.FriendlyName)))
		}
		if t.ScannerTags != nil {
			tn.add(tagQList("scannerTags", t.ScannerTags.Tags()))
		}
		tn.add(str("cancelOption", t.CancelOption), boolP("randomizeScan", t.RandomizeScan))
		n.add(tn)
	}
	for _, ref := range []struct {
		name string
		r    *model.WASRef
	}{{"profile", w.Profile}, {"proxy", w.Proxy}, {"dnsOverride", w.DNSOverride}} {
		if ref.r != nil {
			n.add(obj(ref.name).add(numP("id", ref.r.ID), txt("name", ref.r.Name)))
		}
	}
	if sc := w.Scheduling; sc != nil {
		sn := obj("scheduling", str("startDate", sc.StartDate))
		if sc.TimeZone != nil {
			sn.add(obj("timeZone", &node{name: "code", kind: kPlain, val: sc.TimeZone.Code}))
		}
		sn.add(str("occurrenceType", sc.OccurrenceType))
		if o := sc.Occurrence; o != nil {
			on := obj("occurrence")
			if h := o.Hourly; h != nil {
				on.add(obj("hourlyOccurrence", num("everyNHours", h.EveryNHours)).add(numP("occurrenceCount", h.OccurrenceCount)))
			}
			if d := o.Daily; d != nil {
				on.add(obj("dailyOccurrence", num("everyNDays", d.EveryNDays)).add(numP("occurrenceCount", d.OccurrenceCount)))
			}
			if wk := o.Weekly; wk != nil {
				days := &node{name: "onDays", kind: kList}
				for _, d := range wk.OnDays {
					days.kids = append(days.kids, &node{name: "WeekDay", kind: kPlain, val: strings.TrimSpace(d)})
				}
				on.add(obj("weeklyOccurrence", num("everyNWeeks", wk.EveryNWeeks), days).add(numP("occurrenceCount", wk.OccurrenceCount)))
			}
			if o.Monthly != nil {
				on.add(monthlyNode(o.Monthly.InnerXML))
			}
			sn.add(on)
		}
		sn.add(numP("cancelAfterNHours", sc.CancelAfterNHours))
		n.add(sn)
	}
	if nt := w.Notification; nt != nil {
		nn := obj("notification").add(boolP("active", nt.Active), boolP("reschedule", nt.Reschedule))
		if d := nt.Delay; d != nil {
			nn.add(obj("delay", num("nb", d.Nb), &node{name: "scale", kind: kPlain, val: d.Scale}))
		}
		if nt.Recipients != nil {
			var items []*node
			for _, a := range nt.Recipients.Emails() {
				items = append(items, &node{name: "EmailAddress", kind: kText, val: a})
			}
			nn.add(qlist("recipients", items))
		}
		nn.add(txt("message", nt.Message))
		n.add(nn)
	}
	n.add(boolP("sendMail", w.SendMail), boolP("sendOneMail", w.SendOneMail), str("sendMailFromAddressOption", w.SendMailFromAddressOption),
		boolP("progressiveScanning", w.ProgressiveScanning))
	if ls := w.LastScan; ls != nil {
		ln := obj("lastScan", num("id", ls.ID)).add(txt("name", ls.Name), str("launchedDate", ls.LaunchedDate), str("status", ls.Status))
		if ls.Summary != nil && ls.Summary.ResultsStatus != "" {
			ln.add(obj("summary", &node{name: "resultsStatus", kind: kPlain, val: ls.Summary.ResultsStatus}))
		}
		n.add(ln)
	}
	return n
}

func plainNZ(name, v string) *node {
	if v == "" {
		return nil
	}
	return &node{name: name, kind: kPlain, val: v}
}

func webAppNode(name string, a model.WASWebApp) *node {
	return obj(name, num("id", a.ID)).add(txt("name", a.Name), txt("url", a.URL))
}

func tagQList(name string, tags []model.WASTag) *node {
	items := make([]*node, len(tags))
	for i, t := range tags {
		items[i] = obj("Tag", num("id", t.ID)).add(txt("name", t.Name))
	}
	return qlist(name, items)
}

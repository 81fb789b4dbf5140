package model

import (
	"encoding/xml"
	"strings"
	"time"
)

// HostAsset is one agent host from POST /qps/rest/2.0/search/am/hostasset
// (qualys-api.md §15.4). Only the fields the pickers show are read; the
// service sends many more, which are ignored.
type HostAsset struct {
	ID          int64       `xml:"id"`
	Name        string      `xml:"name"`
	DNSHostName string      `xml:"dnsHostName"`
	Address     string      `xml:"address"`
	OS          string      `xml:"os"`
	AgentInfo   AgentInfo   `xml:"agentInfo"`
	Tags        []TagSimple `xml:"tags>list>TagSimple"`
}

// AgentInfo is the Cloud Agent part of a host asset.
type AgentInfo struct {
	AgentID       string `xml:"agentId"`
	AgentVersion  string `xml:"agentVersion,omitempty"`
	Status        string `xml:"status,omitempty"`
	LastCheckedIn AMDate `xml:"lastCheckedIn"`
}

// TagSimple is a tag as host assets list them.
type TagSimple struct {
	ID   int64  `xml:"id"`
	Name string `xml:"name"`
}

// AMDate is an Asset Management date. The agent documentation nests it
// (<lastCheckedIn><date>2017-04-26T06:13:18Z</date></lastCheckedIn>);
// a bare <lastCheckedIn>…</lastCheckedIn> is read too. An empty or
// unreadable date is the zero time.
type AMDate struct{ time.Time }

// UnmarshalXML reads either shape.
func (d *AMDate) UnmarshalXML(dec *xml.Decoder, start xml.StartElement) error {
	var v struct {
		Text string `xml:",chardata"`
		Date string `xml:"date"`
	}
	if err := dec.DecodeElement(&v, &start); err != nil {
		return err
	}
	s := strings.TrimSpace(v.Date)
	if s == "" {
		s = strings.TrimSpace(v.Text)
	}
	d.Time = time.Time{}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		d.Time = t.UTC()
	}
	return nil
}

// MarshalXML writes the nested shape the documentation shows.
func (d AMDate) MarshalXML(enc *xml.Encoder, start xml.StartElement) error {
	if d.IsZero() {
		return enc.EncodeElement(struct{}{}, start)
	}
	return enc.EncodeElement(struct {
		Date string `xml:"date"`
	}{d.UTC().Format(time.RFC3339)}, start)
}

// CARAsset is the CAR target for this agent: {UUId: agentInfo.agentId,
// id: HostAsset.id} (§15.4).
func (h HostAsset) CARAsset() Asset {
	return Asset{UUId: h.AgentInfo.AgentID, ID: IDOf(h.ID)}
}

// TagNames lists the asset's tag names in the order given.
func (h HostAsset) TagNames() []string {
	out := make([]string, len(h.Tags))
	for i, t := range h.Tags {
		out[i] = t.Name
	}
	return out
}

// AMResponse is the QPS 2.0 envelope of a host-asset search.
type AMResponse struct {
	XMLName        xml.Name      `xml:"ServiceResponse"`
	ResponseCode   string        `xml:"responseCode"`
	Count          *int          `xml:"count,omitempty"`
	HasMoreRecords *bool         `xml:"hasMoreRecords,omitempty"`
	LastID         *int64        `xml:"lastId,omitempty"`
	Assets         []HostAsset   `xml:"data>HostAsset"`
	ErrorDetails   *ErrorDetails `xml:"responseErrorDetails,omitempty"`
}

// Host-asset search (§15.4). The Cloud Agent criterion is mandatory; a
// page holds at most AMPageSize assets, the documented default.
const (
	AMAgentTagField = "tagName"
	AMAgentTag      = "Cloud Agent"
	AMPageSize      = 100
)

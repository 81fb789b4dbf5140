package sim

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/qsched/qsched/model"
)

// POST /qps/rest/2.0/search/am/hostasset: the Cloud Agent hosts (§15.4),
// with the catalog machinery of was_catalog.go (criteria ANDed, ascending
// id order, limitResults 1–1000, default 100, id GREATER / startFromId /
// startFromOffset paging). The documented criterion tagName EQUALS "Cloud
// Agent" is mandatory. Every criterion is ANDed, two on tagName included:
// an agent must carry both tags.

const hostAssetSchema = "2.0/am/hostasset"

// hostAssetFields are the filter fields: the agent-list documentation's
// (name, dnsHostName, address, tagName, tagId, agentVersion,
// lastCheckedIn, trackingMethod), plus id for paging, os and agentUuid.
var hostAssetFields = map[string]catalogField[Agent]{
	"id":             {model.TypeInteger, func(a Agent) []string { return []string{strconv.FormatInt(a.ID, 10)} }},
	"name":           {model.TypeText, func(a Agent) []string { return []string{a.Name} }},
	"dnsHostName":    {model.TypeText, func(a Agent) []string { return []string{a.DNSHostName} }},
	"address":        {model.TypeText, func(a Agent) []string { return []string{a.Address} }},
	"os":             {model.TypeText, func(a Agent) []string { return []string{a.OS} }},
	"agentUuid":      {model.TypeKeyword, func(a Agent) []string { return []string{a.AgentUUID} }},
	"agentVersion":   {model.TypeText, func(a Agent) []string { return []string{a.AgentVersion} }},
	"trackingMethod": {model.TypeKeyword, func(Agent) []string { return []string{"QAGENT"} }},
	"lastCheckedIn":  {model.TypeDate, func(a Agent) []string { return []string{a.LastCheckedIn.Format(time.RFC3339)} }},
	"tagName": {model.TypeText, func(a Agent) []string {
		out := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			out[i] = t.Name
		}
		return out
	}},
	"tagId": {model.TypeInteger, func(a Agent) []string {
		out := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			out[i] = strconv.FormatInt(t.ID, 10)
		}
		return out
	}},
}

func (s *Server) hostAssetSearch(_ *http.Request, body []byte) (int, reply) {
	bad := func(code, msg string) (int, reply) {
		return http.StatusOK, reply{code: code, err: &model.ErrorDetails{ErrorMessage: msg}, schema: hostAssetSchema}
	}
	q, code, msg := parseCatalogQuery(body, hostAssetFields, false)
	if code != "" {
		return bad(code, msg)
	}
	agentCriterion := false
	for _, c := range q.criteria {
		agentCriterion = agentCriterion || c.Field == model.AMAgentTagField && c.Operator == model.OpEquals && c.Value == model.AMAgentTag
	}
	if !agentCriterion {
		return bad(model.CodeInvalidRequest, fmt.Sprintf("The criteria <Criteria field=%q operator=%q>%s</Criteria> is mandatory to list Cloud Agent host assets.",
			model.AMAgentTagField, model.OpEquals, model.AMAgentTag))
	}
	var hits []Agent
	for _, a := range s.agents { // never changed after New: no lock needed
		if catalogMatch(q.criteria, hostAssetFields, a) {
			hits = append(hits, a)
		}
	}
	page, more, lastID := catalogPage(q, hits, func(a Agent) int64 { return a.ID })
	rp := reply{code: model.CodeSuccess, count: model.Ptr(len(page)), more: model.Ptr(more), lastID: lastID, hasData: true, schema: hostAssetSchema}
	for _, a := range page {
		rp.data = append(rp.data, hostAssetNode(a))
	}
	return http.StatusOK, rp
}

// hostAssetNode is a HostAsset as read: the fields model.HostAsset reads,
// plus trackingMethod and the agent's version and status.
func hostAssetNode(a Agent) *node {
	plain := func(name, v string) *node { return &node{name: name, kind: kPlain, val: v} }
	tags := &node{name: "list", kind: kList}
	for _, t := range a.Tags {
		tags.kids = append(tags.kids, obj("TagSimple", num("id", t.ID), &node{name: "name", kind: kText, val: t.Name}))
	}
	return obj("HostAsset", num("id", a.ID),
		&node{name: "name", kind: kText, val: a.Name}, &node{name: "dnsHostName", kind: kText, val: a.DNSHostName},
		plain("address", a.Address), &node{name: "os", kind: kText, val: a.OS}, plain("trackingMethod", "QAGENT"),
		obj("agentInfo", plain("agentVersion", a.AgentVersion), plain("agentId", a.AgentUUID), plain("status", a.Status),
			obj("lastCheckedIn", plain("date", a.LastCheckedIn.Format(time.RFC3339)))),
		obj("tags", tags))
}

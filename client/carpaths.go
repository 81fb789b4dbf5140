package client

import (
	"net/http"
	"net/url"
	"strings"
)

// Endpoint is one call qsched makes: its method, its path (with {id} for
// the schedule id) and whether the documentation publishes it.
type Endpoint struct {
	Method    string
	Path      string
	Confirmed bool
}

// CAROp names a CAR or Asset Management call.
type CAROp int

// The calls. Get, delete, activate and deactivate exist since CAR 2.6 but
// their paths are unpublished (U22); the script search is the one path an
// unfinished public client uses (U36).
const (
	CARCreate CAROp = iota + 1
	CARSearch
	CARGet
	CARUpdate
	CARDelete
	CARActivate
	CARDeactivate
	CARJobs
	CARAssetJobs
	CARTags
	CARScripts
	AMHostAssets
)

// endpoints is the one table of paths; the simulator implements the same
// guesses (client/sim, which shares no code with this package).
var endpoints = map[CAROp]Endpoint{
	CARCreate:     {http.MethodPost, "/sm/v1/scripts/scheduler", true},
	CARSearch:     {http.MethodPost, "/sm/v1/scheduler/search", true},
	CARGet:        {http.MethodGet, "/sm/v1/scheduler/{id}", false},
	CARUpdate:     {http.MethodPost, "/sm/v1/scheduler/{id}", true},
	CARDelete:     {http.MethodDelete, "/sm/v1/scheduler/{id}", false},
	CARActivate:   {http.MethodPost, "/sm/v1/scheduler/{id}/activate", false},
	CARDeactivate: {http.MethodPost, "/sm/v1/scheduler/{id}/deactivate", false},
	CARJobs:       {http.MethodPost, "/sm/v1/jobs/search", true},
	CARAssetJobs:  {http.MethodPost, "/sm/v1/assetjobs/search", true},
	CARTags:       {http.MethodPost, "/sm/v1/assettags/search", true},
	CARScripts:    {http.MethodPost, "/sm/v1/scripts/search", false},
	AMHostAssets:  {http.MethodPost, "/qps/rest/2.0/search/am/hostasset", true},
}

// EndpointOf returns the call's method and path, and whether it is
// documented; confirmations say "unconfirmed endpoint" when it is not.
func EndpointOf(op CAROp) Endpoint { return endpoints[op] }

// path fills in the schedule id.
func (e Endpoint) path(id string) string {
	return strings.ReplaceAll(e.Path, "{id}", url.PathEscape(id))
}

package client

import (
	"errors"
	"net/http"
	"slices"
)

// Request is one API call exactly as it will be sent, less the credentials
// (Basic auth or bearer token) and the User-Agent, which the transport adds.
// Build one with a New…Request function, show it (dry runs, reviews), and
// send it with the service's Do: what is shown is what goes on the wire.
// A Request cannot be changed after it is built.
type Request struct {
	op     string
	host   host
	method string
	path   string
	header http.Header
	body   []byte
	ids    []int64
	// idempotent calls are retried on 409/429 (search, count, get,
	// activate, deactivate: setting a state twice changes nothing).
	idempotent bool
	write      bool
	// login marks the gateway's /auth call, whose answer proves or
	// rejects the credentials (see credentialOutcome).
	login bool
	// audit names the action and its targets for the audit log (writes).
	audit auditInfo
}

// host is the server a request goes to.
type host int

const (
	apiServer host = iota + 1 // WAS / QPS, Basic auth
	gateway                   // CAR, bearer token
)

func newRequest(h host, op, method, path, contentType string, body []byte, idempotent, write bool) *Request {
	r := &Request{op: op, host: h, method: method, path: path, header: http.Header{}, body: body, idempotent: idempotent, write: write}
	if contentType != "" {
		r.header.Set("Content-Type", contentType)
	}
	return r
}

// Method is the HTTP method.
func (r *Request) Method() string { return r.method }

// Path is the path below the API server or gateway base URL.
func (r *Request) Path() string { return r.path }

// Header returns a copy of the request's own headers (Content-Type); it
// never holds credentials.
func (r *Request) Header() http.Header { return r.header.Clone() }

// Body returns a copy of the body sent.
func (r *Request) Body() []byte { return slices.Clone(r.body) }

// IDs returns the schedule ids a bulk request names, in order; nil for
// other requests.
func (r *Request) IDs() []int64 { return slices.Clone(r.ids) }

// errNotFor refuses a request that was not built for the service asked to
// send it.
func errNotFor(service string, r *Request) error {
	if r == nil || r.host == 0 {
		return errors.New("not sent: the request was not built by a New…Request function")
	}
	return errors.New(r.op + ": not sent: the request is not for " + service)
}

// Call bodies for the API log: what a CallRecord carries of a request and
// its answer, bounded and with every credential and token redacted.

package client

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// MaxLoggedBody is how much of a request or response body a CallRecord
// keeps; the rest is counted, not kept.
const MaxLoggedBody = 16 << 10

// Redacted replaces a credential or token in a logged body.
const Redacted = "REDACTED"

// CallBody is a body as the API log keeps it: at most MaxLoggedBody bytes
// of it, redacted, and its full size.
type CallBody struct {
	Text      string
	Size      int  // bytes in the whole body
	Truncated bool // Text holds the first MaxLoggedBody bytes only
	// Withheld says why nothing of the body is kept (the /auth answer is
	// the token itself; the /auth request is the password).
	Withheld string
}

// How a call was authenticated, for the API log's curl (never the value).
const (
	AuthNone   = ""
	AuthBasic  = "basic"  // Authorization: Basic (the API server)
	AuthBearer = "bearer" // Authorization: Bearer JWT (the gateway)
	AuthForm   = "form"   // the /auth login form: username and password
)

var (
	// XML elements that hold a secret, e.g. <password>…</password>, with
	// or without CDATA; names compared ignoring case.
	xmlSecretRE = regexp.MustCompile(`(?is)<((?:[a-z_:]*?)(?:password|passwd|token|secret|apikey|api_key|credentials?))(\s[^>]*)?>.*?</[a-z_:]*?(?:password|passwd|token|secret|apikey|api_key|credentials?)\s*>`)
	// JSON members that hold a secret: "password": "…", "token": "…", and
	// the like (a string value; other values are left).
	jsonSecretRE = regexp.MustCompile(`(?i)("[a-z_]*(?:password|passwd|token|secret|apikey|api_key|authorization|credentials?)[a-z_]*"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	// Form fields: password=…&token=…
	formSecretRE = regexp.MustCompile(`(?i)(^|[&?])((?:password|passwd|token|secret|apikey|api_key)=)[^&\s]*`)
	// A JWT anywhere: three base64url parts, the first a JSON header.
	jwtRE = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	// Basic or Bearer credentials written into a body.
	authValueRE = regexp.MustCompile(`(?i)\b(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}`)
)

// RedactBody returns b with every credential and token it may hold
// replaced by Redacted: XML elements and JSON members named for a
// password, token, secret or API key, form fields of those names, JWTs,
// and Basic or Bearer credentials.
func RedactBody(b string) string {
	b = xmlSecretRE.ReplaceAllStringFunc(b, func(m string) string {
		sub := xmlSecretRE.FindStringSubmatch(m)
		return "<" + sub[1] + sub[2] + ">" + Redacted + "</" + sub[1] + ">"
	})
	b = jsonSecretRE.ReplaceAllString(b, `${1}"`+Redacted+`"`)
	if strings.Contains(b, "=") {
		b = formSecretRE.ReplaceAllString(b, "${1}${2}"+Redacted)
	}
	b = jwtRE.ReplaceAllString(b, Redacted)
	return authValueRE.ReplaceAllString(b, "${1} "+Redacted)
}

// logBody is body as a CallRecord keeps it.
func logBody(b []byte) CallBody {
	cb := CallBody{Size: len(b)}
	if len(b) > MaxLoggedBody {
		b, cb.Truncated = b[:MaxLoggedBody], true
	}
	cb.Text = RedactBody(string(b))
	return cb
}

// authKind says how req is authenticated, without its value.
func authKind(r *Request, req *http.Request) string {
	switch h := req.Header.Get("Authorization"); {
	case r.login:
		return AuthForm
	case strings.HasPrefix(h, "Basic "):
		return AuthBasic
	case strings.HasPrefix(h, "Bearer "):
		return AuthBearer
	}
	return AuthNone
}

// recordRequest fills in what the API log keeps of a request.
func (c *Client) recordRequest(rec *CallRecord, r *Request, req *http.Request, u *url.URL) {
	clean := *u
	clean.User = nil
	rec.URL = clean.String()
	rec.Auth = authKind(r, req)
	rec.ContentType = req.Header.Get("Content-Type")
	rec.Request = logBody(r.body)
	if r.login {
		rec.Request = CallBody{Withheld: "the login form: user name and password"}
	}
}

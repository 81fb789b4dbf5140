package sim

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/qsched/qsched/model"
)

// maxBody bounds request bodies.
const maxBody = 8 << 20

type wasHandler func(r *http.Request, body []byte) (int, model.ServiceResponse)

type gatewayHandler func(r *http.Request, user string, body []byte) (int, any)

// wasAPI wraps a WAS handler with latency, Basic auth, rate limits, faults
// and the XML response.
func (s *Server) wasAPI(h wasHandler) http.HandlerFunc {
	return s.wasAPIReply(func(r *http.Request, body []byte) (int, reply) {
		status, resp := h(r, body)
		return status, fromModel(resp)
	})
}

// wasAPIReply is wasAPI for handlers that build their own reply (objects
// other than schedules).
func (s *Server) wasAPIReply(h func(r *http.Request, body []byte) (int, reply)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.sleep(r.Context())
		user, _ := r.Context().Value(userKey{}).(string) // set by ServeHTTP
		pattern, res, release := s.admit(w, r, user, apiServerSpelling)
		defer release()
		if !res.ok {
			s.writeQPS(w, r, model.APIServerLimitStatus, blockedResponse(res))
			return
		}
		f := s.fault(pattern)
		if f != nil && f.before() {
			f.failEarly(w, func() { s.writeWASFault(w, r, f) })
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			s.writeQPS(w, r, http.StatusBadRequest, qpsError(model.CodeInvalidRequest, "The request body could not be read."))
			return
		}
		if sendsJSON(r) {
			if body, err = jsonToXML(body); err != nil {
				s.writeQPS(w, r, http.StatusOK, qpsError(model.CodeInvalidXML, "Invalid JSON request: "+err.Error()))
				return
			}
		}
		status, rp := h(r, body)
		serveWith(w, r, f, func(w http.ResponseWriter) { s.writeReply(w, r, status, rp) })
	}
}

// admit runs the rate and concurrency limits for this user and endpoint
// and sets the rate-limit headers. release must be called when ok.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, user string, sp concurrencySpelling) (string, limitResult, func()) {
	_, pattern := s.mux.Handler(r)
	res, release := s.limits.acquire(user+"|"+pattern, s.opts.Now())
	s.limits.setHeaders(w.Header(), res, sp)
	return pattern, res, release
}

// userKey carries the authenticated user of an API-server request.
type userKey struct{}

// wasAuth authenticates an API-server request: HTTP Basic (§2.1), or a
// Bearer JWT issued by the simulator's /auth, which the documentation
// accepts on WAS (§15.1). A bad Basic login counts as a failed login; a bad
// or expired token does not (it proves nothing about the password).
func (s *Server) wasAuth(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if strings.HasPrefix(h, "Bearer ") {
		user, problem := s.checkBearer(h)
		return user, problem == ""
	}
	user, pass, ok := r.BasicAuth()
	if !ok || !s.credentialsMatch(user, pass) {
		s.loginFailed()
		return "", false
	}
	return user, true
}

// write401 is the answer to bad credentials on the API server: a small
// HTML page, outside the QPS envelope.
func write401(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = io.WriteString(w, "<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>\n")
}

func (s *Server) credentialsMatch(user, pass string) bool {
	u := subtle.ConstantTimeCompare([]byte(user), []byte(s.opts.Username))
	p := subtle.ConstantTimeCompare([]byte(pass), []byte(s.opts.Password))
	return u&p == 1
}

func blockedResponse(res limitResult) model.ServiceResponse {
	if res.concurrency {
		return qpsError(model.CodeOtherError, fmt.Sprintf("Concurrency limit reached: %d calls are already running for this API.", res.running-1))
	}
	return qpsError(model.CodeOtherError, fmt.Sprintf("This API cannot be run again for another %d seconds.", res.toWait))
}

func (s *Server) writeWASFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	f.setWaitHeaders(w.Header())
	switch f.Status {
	case http.StatusConflict, http.StatusTooManyRequests:
		s.writeQPS(w, r, f.Status, qpsError(model.CodeOtherError, fmt.Sprintf("This API cannot be run again for another %d seconds.", max(f.ToWait, 1))))
	case http.StatusServiceUnavailable, http.StatusBadGateway, http.StatusGatewayTimeout:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Status)
		_, _ = io.WriteString(w, "<html><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>\n")
	default:
		s.writeQPS(w, r, f.Status, qpsError(model.CodeOtherError, "Internal error (injected by the simulator)."))
	}
}

func qpsError(code, msg string) model.ServiceResponse {
	return model.ServiceResponse{ResponseCode: code, ErrorDetails: &model.ErrorDetails{ErrorMessage: msg}}
}

// writeQPS writes a QPS answer: XML, or JSON when the caller accepts it.
func (s *Server) writeQPS(w http.ResponseWriter, r *http.Request, status int, resp model.ServiceResponse) {
	s.writeReply(w, r, status, fromModel(resp))
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// gatewayAPI wraps a gateway handler with latency, JWT checks, rate limits
// (429 on the gateway, U21), faults and the JSON response.
func (s *Server) gatewayAPI(h gatewayHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.sleep(r.Context())
		user, msg := s.checkBearer(r.Header.Get("Authorization"))
		if msg != "" {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"status": 401, "error": "Unauthorized", "message": msg})
			return
		}
		pattern, res, release := s.admit(w, r, user, gatewaySpelling)
		defer release()
		if !res.ok {
			writeJSON(w, model.GatewayLimitStatus, map[string]any{"status": model.GatewayLimitStatus, "error": "Too Many Requests", "message": blockedResponse(res).ErrorDetails.ErrorMessage})
			return
		}
		f := s.fault(pattern)
		if f != nil && f.before() {
			f.failEarly(w, func() {
				writeJSON(w, f.Status, map[string]any{"status": f.Status, "error": http.StatusText(f.Status), "message": "injected by the simulator"})
			})
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, carEnvelope{ErrorCode: "400", Message: "The request body could not be read."})
			return
		}
		status, resp := h(r, user, body)
		serveWith(w, r, f, func(w http.ResponseWriter) { writeJSON(w, status, resp) })
	}
}

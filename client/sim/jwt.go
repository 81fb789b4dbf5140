package sim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// The gateway issues HS256 JWTs signed with a per-process key.

type claims struct {
	Sub string `json:"sub"`
	Iss string `json:"iss"`
	Iat int64  `json:"iat"`
	Exp int64  `json:"exp"`
}

var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

func (s *Server) issueToken(user string) string {
	now := s.opts.Now()
	c, _ := json.Marshal(claims{Sub: user, Iss: "qsched-sim", Iat: now.Unix(), Exp: now.Add(s.opts.TokenTTL).Unix()})
	unsigned := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(c)
	return unsigned + "." + s.sign(unsigned)
}

func (s *Server) sign(unsigned string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(unsigned))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkBearer returns the token's user, or the 401 message: "Bearer" and
// exactly one space, a valid signature, and an unexpired token.
func (s *Server) checkBearer(h string) (user, problem string) {
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || tok == "" || strings.HasPrefix(tok, " ") {
		return "", "Not authenticated"
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || !hmac.Equal([]byte(s.sign(parts[0]+"."+parts[1])), []byte(parts[2])) {
		return "", "Not authenticated"
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	var c claims
	if err != nil || json.Unmarshal(raw, &c) != nil {
		return "", "Not authenticated"
	}
	if !s.opts.Now().Before(time.Unix(c.Exp, 0)) {
		return "", "JWT expired"
	}
	return c.Sub, ""
}

// auth is POST /auth: form fields username, password, token=true; 201 with
// the raw JWT as the body. /auth is exempt from rate limits.
func (s *Server) auth(w http.ResponseWriter, r *http.Request) {
	s.sleep(r.Context())
	if err := r.ParseForm(); err != nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": 400, "error": "Bad Request", "message": "Send username, password and token=true as application/x-www-form-urlencoded."})
		return
	}
	if r.PostForm.Get("token") != "true" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": 400, "error": "Bad Request", "message": "token=true is required."})
		return
	}
	user := r.PostForm.Get("username")
	if !s.credentialsMatch(user, r.PostForm.Get("password")) {
		s.loginFailed()
		writeJSON(w, http.StatusUnauthorized, map[string]any{"status": 401, "error": "Unauthorized", "message": "Invalid credentials"})
		return
	}
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, s.issueToken(user))
}

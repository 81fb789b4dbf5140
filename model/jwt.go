package model

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// TokenExpiry reads the exp claim of a JWT (seconds since the epoch) and,
// when present, iat. The signature is not checked: the client only needs
// to know when to ask for a new token, and the gateway decides validity.
// ok is false for anything that is not a JWT with an exp claim.
func TokenExpiry(tok string) (issued, expires time.Time, ok bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return issued, expires, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return issued, expires, false
	}
	var c struct {
		Iat *json.Number `json:"iat"`
		Exp *json.Number `json:"exp"`
	}
	if json.Unmarshal(raw, &c) != nil || c.Exp == nil {
		return issued, expires, false
	}
	exp, err := c.Exp.Float64()
	if err != nil || exp <= 0 {
		return issued, expires, false
	}
	expires = time.Unix(int64(exp), 0).UTC()
	if c.Iat != nil {
		if iat, err := c.Iat.Float64(); err == nil && iat > 0 {
			issued = time.Unix(int64(iat), 0).UTC()
		}
	}
	return issued, expires, true
}

// TokenRenewAt is when a token should be replaced: TokenRefreshMargin
// before it expires, or a fifth of its lifetime before when it lives less
// than five margins (a short-lived token is not renewed on every call).
func TokenRenewAt(issued, expires time.Time) time.Time {
	margin := TokenRefreshMargin
	if !issued.IsZero() && expires.After(issued) {
		margin = min(margin, expires.Sub(issued)/5)
	}
	return expires.Add(-margin)
}

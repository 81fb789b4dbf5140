package model

import (
	"encoding/base64"
	"testing"
	"time"
)

func jwt(payload string) string {
	return "eyJhbGciOiJIUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".sig"
}

func TestTokenExpiry(t *testing.T) {
	iat, exp, ok := TokenExpiry(jwt(`{"sub":"u","iat":1800000000,"exp":1800014400}`))
	if !ok || iat.Unix() != 1800000000 || exp.Unix() != 1800014400 {
		t.Fatalf("got %v %v %v", iat, exp, ok)
	}
	if _, exp, ok := TokenExpiry(jwt(`{"exp":1.8e9}`)); !ok || exp.Unix() != 1800000000 {
		t.Fatalf("exp without iat: %v %v", exp, ok)
	}
	for _, bad := range []string{"", "opaque-token", jwt(`{"sub":"u"}`), jwt(`{"exp":"soon"}`), jwt(`{"exp":-1}`), "a.!!!.c"} {
		if _, _, ok := TokenExpiry(bad); ok {
			t.Errorf("%q read as a JWT with an expiry", bad)
		}
	}
}

func TestTokenRenewAt(t *testing.T) {
	t0 := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		life, before time.Duration
	}{
		{4 * time.Hour, TokenRefreshMargin},    // the usual token: 10 minutes before
		{5 * time.Second, time.Second},         // a short one: a fifth of its life
		{30 * time.Minute, 6 * time.Minute},    // under five margins
		{50 * time.Minute, TokenRefreshMargin}, // exactly five margins
	} {
		if got := TokenRenewAt(t0, t0.Add(c.life)); !got.Equal(t0.Add(c.life - c.before)) {
			t.Errorf("life %s: renew at %s, want %s before the end", c.life, got.Sub(t0), c.before)
		}
	}
	if got := TokenRenewAt(time.Time{}, t0); !got.Equal(t0.Add(-TokenRefreshMargin)) {
		t.Errorf("no issue time: %s", got)
	}
}

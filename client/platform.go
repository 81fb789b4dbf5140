package client

import (
	"fmt"
	"slices"
	"strings"
)

// Platform is a Qualys POD and its two host families (§1).
type Platform struct {
	Key        string
	APIURL     string // API server: WAS / QPS
	GatewayURL string // gateway: JWT, CAR
}

// platforms are the presets, unexported so that no caller can change them.
// KSA1 and GOV1 have conflicting or secondary sources (U38): KSA1 is listed
// with the hosts public client code uses; GOV1 needs explicit URLs.
var platforms = []Platform{
	{"US1", "https://qualysapi.qualys.com", "https://gateway.qg1.apps.qualys.com"},
	{"US2", "https://qualysapi.qg2.apps.qualys.com", "https://gateway.qg2.apps.qualys.com"},
	{"US3", "https://qualysapi.qg3.apps.qualys.com", "https://gateway.qg3.apps.qualys.com"},
	{"US4", "https://qualysapi.qg4.apps.qualys.com", "https://gateway.qg4.apps.qualys.com"},
	{"EU1", "https://qualysapi.qualys.eu", "https://gateway.qg1.apps.qualys.eu"},
	{"EU2", "https://qualysapi.qg2.apps.qualys.eu", "https://gateway.qg2.apps.qualys.eu"},
	{"EU3", "https://qualysapi.qg3.apps.qualys.it", "https://gateway.qg3.apps.qualys.it"},
	{"IN1", "https://qualysapi.qg1.apps.qualys.in", "https://gateway.qg1.apps.qualys.in"},
	{"CA1", "https://qualysapi.qg1.apps.qualys.ca", "https://gateway.qg1.apps.qualys.ca"},
	{"AE1", "https://qualysapi.qg1.apps.qualys.ae", "https://gateway.qg1.apps.qualys.ae"},
	{"UK1", "https://qualysapi.qg1.apps.qualys.co.uk", "https://gateway.qg1.apps.qualys.co.uk"},
	{"AU1", "https://qualysapi.qg1.apps.qualys.com.au", "https://gateway.qg1.apps.qualys.com.au"},
	{"KSA1", "https://qualysapi.qg1.apps.qualysksa.com", "https://gateway.qg1.apps.qualysksa.com"},
}

// resolvePlatform returns the URLs for a POD key, with explicit URLs taking
// precedence over the table. Either a key or both URLs are needed.
func resolvePlatform(key, apiURL, gatewayURL string) (Platform, error) {
	p := Platform{Key: strings.ToUpper(strings.TrimSpace(key))}
	if p.Key != "" {
		i := slices.IndexFunc(platforms, func(q Platform) bool { return q.Key == p.Key })
		if i < 0 {
			keys := make([]string, len(platforms))
			for j, q := range platforms {
				keys[j] = q.Key
			}
			return p, fmt.Errorf("unknown platform %q; use one of %s, or give --api-url and --gateway-url", key, strings.Join(keys, ", "))
		}
		p = platforms[i]
	}
	if apiURL != "" {
		p.APIURL = strings.TrimRight(apiURL, "/")
	}
	if gatewayURL != "" {
		p.GatewayURL = strings.TrimRight(gatewayURL, "/")
	}
	if p.APIURL == "" || p.GatewayURL == "" {
		return p, fmt.Errorf("no platform configured: set QUALYS_PLATFORM (e.g. US1), or QUALYS_API_URL and QUALYS_GATEWAY_URL")
	}
	return p, nil
}

package present

import (
	"net/url"

	"github.com/qsched/qsched/ui/safe"
)

// PlatformLine names where a write goes, for its confirmation: the
// platform's label and the account, "Platform: demo (127.0.0.1:8787) ·
// user demo" (display-safe). The WAS screen's confirmations read so.
func PlatformLine(platform, user string) string {
	line := "Platform: " + safe.Line(platform, 0)
	if user != "" {
		line += " · user " + safe.Line(user, 0)
	}
	return line
}

// HostOf is the host of a base URL, the platform's label when none was
// given; the URL itself when it has none.
func HostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return base
}

// Package header renders the two header lines: the platform and user the
// app acts on (with a READ-ONLY badge when set), and the screen tabs.
package header

import (
	"strings"
	"time"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Height is the number of lines View returns.
const Height = 2

// Tab is one screen in the tab line.
type Tab struct {
	ID    common.ScreenID
	Key   string // e.g. "1"
	Title string
}

// Model is the header.
type Model struct {
	common.Common
	platform, user string
}

// New returns a header for platform (a label such as "US1" or
// "demo (127.0.0.1:8787)") and user.
func New(c common.Common, platform, user string) *Model {
	return &Model{Common: c, platform: safe.Line(platform, 0), user: safe.Line(user, 0)}
}

// View renders Height lines of at most Width cells. The READ-ONLY badge is
// right-aligned and is the last thing to be cut.
func (m *Model) View(tabs []Tab, active common.ScreenID) string {
	st := m.Styles
	left := st.Header.Brand.Render("qsched")
	if m.platform != "" {
		left += st.Muted.Render(" · ") + st.Header.Platform.Render(m.platform)
	}
	if m.user != "" {
		left += st.Muted.Render(" · user ") + st.Header.User.Render(m.user)
	}
	left += st.Muted.Render(" · times " + safe.Line(Zone(m.Loc(), m.Now()), 0))
	right := ""
	if m.ReadOnly {
		right = st.Header.ReadOnly.Render(" READ-ONLY ")
	}
	line1 := st.Header.Bar.Render(common.Spread(left, right, max(m.Width, 1)))

	var ts []string
	for _, t := range tabs {
		label := t.Key + " " + t.Title
		if t.ID == active {
			ts = append(ts, st.Tabs.Active.Render(label))
		} else {
			ts = append(ts, st.Tabs.Inactive.Render(label))
		}
	}
	line2 := common.Fit(strings.Join(ts, st.Tabs.Bar.Render("  ")), max(m.Width, 1), 1)
	return line1 + "\n" + line2
}

// Zone names the display zone in few cells, for lines that must fit 80
// columns: its IANA name, or for the local zone "local UTC+01:00" (the
// offset in force at now; present.Zone also gives the abbreviation).
func Zone(loc *time.Location, now time.Time) string {
	if loc != time.Local {
		return present.Zone(loc, now)
	}
	return "local UTC" + now.In(loc).Format("-07:00")
}

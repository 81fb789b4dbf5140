package apilog

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/components/scroll"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// openCall shows the selected call whole in a scrolling view: the full
// URL, the status and timings, how it was authenticated (never with
// what), the rate-limit state and both bodies, every line made safe and
// cut into lines of the screen's width (nothing of a body is left out).
func (m *Model) openCall() {
	e := m.selected()
	if e == nil {
		m.call = nil
		return
	}
	w := max(m.Width, 1)
	offset := 0
	if m.call != nil {
		offset = m.call.YOffset()
	}
	vp := scroll.New(m.Common, w, max(m.Height-1, 1))
	vp.SoftWrap = false
	vp.SetContent(m.callText(e, w))
	vp.SetYOffset(offset)
	m.call = &vp
}

func (m *Model) callText(e *entry, w int) string {
	st := m.Styles.APILog
	label := func(s string) string { return st.Label.Render(s) }
	var lines []string
	add := func(s string) { lines = append(lines, hardwrap(s, w)...) }
	add(e.method + " " + safeLong(e.url))
	l2 := label("status ") + e.statusText() + label(" · took ") + formatDuration(e.duration) +
		label(" · attempt ") + fmt.Sprint(e.attempt) + label(" · at ") + e.time.Format("2006-01-02 "+timeLayout)
	if e.err != "" {
		l2 += label(" · ") + st.Failed.Render(e.err)
	}
	lines = append(lines, ansi.Wrap(l2, w, ""))
	auth := map[string]string{
		client.AuthBasic: "HTTP Basic (user and password, not kept)", client.AuthBearer: "Bearer token (not kept)",
		client.AuthForm: "login form (user name and password, not kept)",
	}[e.auth]
	lines = append(lines, ansi.Wrap(label("credentials ")+present.OrNone(auth)+label(" · content type ")+present.OrNone(safe.Line(e.contentType, 0)), w, ""))
	lines = append(lines, ansi.Wrap(m.rateText(*e), w, ""))
	for _, b := range []struct {
		name string
		body client.CallBody
	}{{"request", e.req}, {"response", e.resp}} {
		lines = append(lines, "", st.Label.Render(rule(bodyTitle(b.name, b.body, e.bodiesDropped), w)))
		switch {
		case b.body.Withheld != "":
			lines = append(lines, st.Empty.Render(ansi.Wrap("not kept: "+b.body.Withheld+".", w, "")))
		case e.bodiesDropped:
			lines = append(lines, st.Empty.Render(ansi.Wrap(fmt.Sprintf("not kept: the log keeps the bodies of the newest %d calls only.", BodiesKept), w, "")))
		case b.body.Text == "":
			lines = append(lines, st.Empty.Render("empty"))
		default:
			for _, l := range strings.Split(strings.ReplaceAll(b.body.Text, "\r\n", "\n"), "\n") {
				add(safeLong(l))
			}
		}
	}
	return strings.Join(lines, "\n")
}

func bodyTitle(name string, b client.CallBody, dropped bool) string {
	switch {
	case b.Withheld != "" || dropped:
		return name + " body"
	case b.Truncated:
		return fmt.Sprintf("%s body (%s bytes; the first %s shown)", name, present.Count(b.Size), present.Count(client.MaxLoggedBody))
	}
	return fmt.Sprintf("%s body (%s bytes, credentials and tokens redacted)", name, present.Count(b.Size))
}

func rule(title string, w int) string {
	t := "── " + title + " "
	return ansi.Truncate(t+strings.Repeat("─", max(w-ansi.StringWidth(t), 0)), w, "…")
}

// hardwrap cuts s into lines of at most w cells, wherever the width ends
// (a body line has no word boundaries to keep).
func hardwrap(s string, w int) []string {
	return strings.Split(ansi.Hardwrap(s, max(w, 1), true), "\n")
}

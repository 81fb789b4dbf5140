package scriptform

import (
	"fmt"
	"strings"

	"github.com/qsched/qsched/ui/common"
)

// View renders the builder in its area.
func (m *Model) View() string {
	w, h := m.c.Width, m.c.Height
	var head, body string
	switch m.state {
	case editing:
		head = "New script schedule · enter next · shift+tab back · esc leave (draft kept)"
		if m.dupMsg != "" && strings.EqualFold(strings.TrimSpace(m.draft.Title), m.dupTitle) {
			head = "✗ Title: " + common.Line(m.dupMsg, 0)
		}
		body = m.form.View()
	case reviewing, submitting:
		head = "Review · s submit · b back to the form · ↑/↓ scroll"
		if m.state == submitting {
			head = "Creating the schedule…"
		}
		body = m.vp.View()
	case confirming:
		head = "Confirm"
		body = m.confirmView()
	case done:
		head = "Created"
		body = fmt.Sprintf("✓ Created script schedule %s: %s\n\nenter or b returns to the list.", common.Line(m.createdID, 0), common.Line(m.sched.Title, 0))
	}
	if m.opts.StepMarker {
		head = strings.Repeat(string(rune('A'+m.steps%26)), 6) + " " + head
	}
	return common.Fit(common.Line(head, w)+"\n\n"+body, w, h)
}

func (m *Model) confirmView() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Create the script schedule %q?\n\n", m.sched.Title)
	for _, l := range Summary(m.sched) {
		b.WriteString("  " + l + "\n")
	}
	if m.c.Client != nil {
		fmt.Fprintf(&b, "  Platform: %s\n", m.c.Client.Config().GatewayURL)
	}
	b.WriteString("\nThis runs scripts on real hosts when it is due. Type y to create it; any other key goes back (No).")
	return b.String()
}

// refreshReview renders the review into the viewport.
func (m *Model) refreshReview() {
	if m.state != reviewing && m.state != submitting {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", common.Line(m.sched.Title, 0))
	for _, l := range Summary(m.sched) {
		b.WriteString("  " + common.Line(l, 0) + "\n")
	}
	if m.titleState != "" {
		b.WriteString("  Title check: " + m.titleState + "\n")
	}
	if m.submitErr != "" {
		b.WriteString("\n✗ " + m.submitErr + "\n")
	}
	if len(m.problems) > 0 {
		b.WriteString("\nFix these before submitting (b goes back to the form):\n")
		for _, p := range m.problems {
			b.WriteString("  ✗ " + common.Line(p.Error(), 0) + "\n")
		}
	}
	fmt.Fprintf(&b, "\nNext %d runs (%s; the API does not say which zone startTime is in):\n", PreviewRuns, m.loc)
	if len(m.problems) == 0 {
		for _, l := range NextRunLines(m.sched, m.loc, m.now()) {
			b.WriteString("  " + l + "\n")
		}
	} else {
		b.WriteString("  (shown once the schedule is valid)\n")
	}
	b.WriteString("\nJSON body:\n" + Body(m.sched) + "\n")
	gw := "https://<gateway>"
	if m.c.Client != nil {
		gw = m.c.Client.Config().GatewayURL
	}
	b.WriteString("\nEquivalent curl:\n" + Curl(gw, m.sched) + "\n")
	m.vp.SetContent(b.String())
}

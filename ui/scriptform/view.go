package scriptform

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// View renders the builder in its area: one line saying where the user
// is, a blank line, then the editor.
func (m *Model) View() string {
	w, h := m.c.Width, m.c.Height
	if m.done {
		// Wrapped at spaces only: the id is never split, nor cut.
		head, verb := "Created", "✓ Created script schedule %s: %s"
		if m.editing() {
			head, verb = "Updated", "✓ Updated script schedule %s: %s"
		}
		body := wrapWords(fmt.Sprintf(verb, safe.Line(m.createdID, 0), safe.Line(m.sched.Title, 0)), w)
		if m.doneNote != "" {
			body += "\n" + wrapWords(safe.Text(m.doneNote), w)
		}
		body += "\n\nenter or b returns to the list."
		return common.Fit(head+"\n\n"+body, w, h)
	}
	if m.pick != nil {
		head := "New script schedule · " + fieldName(m.pickField) + ": search the platform"
		return common.Fit(safe.Line(head, w)+"\n\n"+m.pick.View(), w, h)
	}
	var head string
	switch m.ed.Stage() {
	case form.Editing:
		head = "New script schedule"
		if m.editing() {
			head = "Edit script schedule"
		}
		if f := m.ed.Form().GetFocusedField(); f != nil {
			head += " · " + fieldName(f.GetKey())
		}
		if m.dupMsg != "" && strings.EqualFold(strings.TrimSpace(m.draft.Title), m.dupTitle) {
			head = "✗ Title: " + m.dupMsg
		}
	case form.Reviewing:
		head = "Review: New script schedule"
		if m.editing() {
			head = "Review: Edit script schedule"
		}
	case form.Confirming:
		head = "Confirm"
	case form.Sending:
		head = "Creating the schedule…"
		if m.editing() {
			head = "Updating the schedule…"
		}
	}
	return common.Fit(safe.Line(head, w)+"\n\n"+m.ed.View(), w, h)
}

// fieldName is the form's label for a field key, for the builder's line.
func fieldName(key string) string {
	if n, ok := fieldNames[key]; ok {
		return n
	}
	return key
}

var fieldNames = map[string]string{
	"title": "Title", "description": "Description", "activate": "Activate now", "userId": "User id", "userName": "User name",
	"script": "Script", "params": "Parameters", "scriptId": "Script id", "scriptTitle": "Script title",
	"assets": "Assets", "assetTags": "Asset tags", "excluded": "Excluded assets", "allTags": "Require all tags",
	"type": "Schedule type", "hourlyInterval": "Every N hours", "days": "Days of the week",
	"dayOfMonth": "Day of the month", "everyNMonths": "Every N months", "monthlyKind": "Monthly kind",
	"startDate": "Start date", "startTime": "Start time", "endDate": "End date",
	"reboot": "Reboot", "bypass": "Bypass the execution policy", "shareFim": "Share with FIM",
	"rebootDelay": "Reboot delay", "rebootUnit": "Reboot unit",
}

// platformLine names the platform and the account the write goes to, as
// the WAS screen's confirmations do (needs a client).
func (m *Model) platformLine() string {
	cfg := m.c.Client.Config()
	label := m.opts.Platform
	if label == "" {
		label = present.HostOf(cfg.GatewayURL)
	}
	return present.PlatformLine(label, cfg.Credentials.Username)
}

// confirmSpec is the typed confirmation before the create.
func (m *Model) confirmSpec() confirm.Spec {
	if m.editing() {
		return m.editConfirmSpec()
	}
	lines := []string{}
	for _, l := range Summary(m.sched) {
		lines = append(lines, "  "+safe.Line(l, 0))
	}
	if m.c.Client != nil {
		lines = append(lines, "  "+m.platformLine())
	}
	lines = append(lines, "", "This runs scripts on real hosts when it is due.")
	return confirm.Spec{
		Title: fmt.Sprintf("Create the script schedule %q?", safe.Line(m.sched.Title, 0)),
		Lines: lines,
		Verb:  "create it",
	}
}

// reviewText is the review: summary, title check, problems, next runs,
// the JSON body and the equivalent curl.
func (m *Model) reviewText() string {
	if m.editing() {
		return m.editReview()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", safe.Line(m.sched.Title, 0))
	for _, l := range Summary(m.sched) {
		b.WriteString("  " + safe.Line(l, 0) + "\n")
	}
	for _, l := range m.targetLines(m.c.Width - 4) {
		b.WriteString("    " + l + "\n")
	}
	m.writeChecks(&b)
	b.WriteString("\nJSON body:\n" + Body(m.sched) + "\n")
	gw := "https://<gateway>"
	if m.c.Client != nil {
		gw = m.c.Client.Config().GatewayURL
	}
	b.WriteString("\nEquivalent curl:\n" + Curl(gw, m.sched) + "\n")
	return b.String()
}

// noName stands for the name of a target the builder has none for.
const noName = "(no name)"

// reviewTargets is how many targets of each kind the review names.
const reviewTargets = 20

// targetLines names each target of the schedule in lines of w cells
// (display-safe), the ids whole on the line: the name is cut to the room
// left beside them, and given a line of its own when there is too little
// (the review wraps longer lines, which split the ids). The
// host or tag name the pickers gave (kept in the draft), "(no name)" for
// a line typed by hand or read from a schedule, whose name the builder
// never looked up.
func (m *Model) targetLines(w int) []string {
	var out []string
	for _, g := range []struct {
		what string
		list []model.Asset
	}{{"asset", m.sched.Assets}, {"tag", m.sched.AssetTags}, {"excluded", m.sched.ExcludedAssets}} {
		for i, a := range g.list {
			if i == reviewTargets {
				out = append(out, fmt.Sprintf("%-8s … and %d more", g.what, len(g.list)-i))
				break
			}
			name := noName
			if l := m.labels[assetKey(a)]; l != "" {
				name = safe.Line(l, 40)
			}
			ids := safe.Line(a.UUId, 0) + " " + safe.Line(string(a.ID), 0)
			const what, gap = 9, 2 // "%-8s " and the spaces before the ids
			room := w - what - gap - ansi.StringWidth(ids)
			if room >= min(ansi.StringWidth(name), 12) {
				out = append(out, fmt.Sprintf("%-8s %s  %s", g.what, ansi.Truncate(name, room, "…"), ids))
				continue
			}
			indent := max(min(what, w-ansi.StringWidth(ids)), 0)
			out = append(out, fmt.Sprintf("%-8s %s", g.what, ansi.Truncate(name, max(w-what, 1), "…")), strings.Repeat(" ", indent)+ids)
		}
	}
	return out
}

// writeChecks writes what both reviews (a new schedule's and an edit's)
// say under the summary: the title check, the problems to fix, and the
// next runs in the display zone.
func (m *Model) writeChecks(b *strings.Builder) {
	if m.titleState != "" {
		b.WriteString("  Title check: " + m.titleState + "\n")
	}
	if len(m.problems) > 0 {
		b.WriteString("\nFix these before submitting (b goes back to the form):\n")
		for _, p := range m.problems {
			b.WriteString("  ✗ " + safe.Line(labelled(p, m.descs), 0) + "\n")
		}
	}
	fmt.Fprintf(b, "\nNext %d runs, times in %s (the start is read as UTC):\n", PreviewRuns, present.Zone(m.c.Loc(), m.now()))
	if len(m.problems) == 0 {
		for _, l := range NextRunLines(m.sched, m.c.Loc(), m.now()) {
			b.WriteString("  " + l + "\n")
		}
	} else {
		b.WriteString("  (shown once the schedule is valid)\n")
	}
}

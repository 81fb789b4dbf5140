package was

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Lines around the table: title, filters, note.
const chromeLines = 3

func (m *Model) tableHeight() int { return max(m.Height-chromeLines, 0) }

// Status implements common.Screen: the marks, how many of them the
// current filter hides (they are still acted on), what the row markers
// mean, and a range or "marked only" in force.
func (m *Model) Status() string {
	n := m.sel.Len()
	var parts []string
	if n > 0 {
		s := present.Count(n) + " selected"
		if m.hidden > 0 {
			s += fmt.Sprintf(" (%s hidden by filter)", present.Count(m.hidden))
		}
		parts = append(parts, s, m.markerLegend())
	}
	if m.rng != nil {
		parts = append(parts, "marking a range")
	}
	if m.markedOnly {
		parts = append(parts, "marked only")
	}
	return strings.Join(parts, " · ")
}

// markerLegend says what the markers shown mean ("!" and "?" only when a
// row has one).
func (m *Model) markerLegend() string {
	var failed, unknown bool
	for _, t := range m.sel.Targets() {
		switch {
		case m.sel.Unknown(t.ID):
			unknown = true
		case m.sel.Err(t.ID) != "":
			failed = true
		}
	}
	s := common.GlyphMarked + " marked"
	if failed {
		s += ", " + common.GlyphFailed + " last action failed"
	}
	if unknown {
		s += ", " + common.GlyphUnknown + " outcome unknown"
	}
	return s
}

// Legend explains the row markers and colours, for help.
func (m *Model) Legend() string {
	return "Rows: " + common.GlyphMarked + " marked · " + common.GlyphFailed + " marked, last action failed · " +
		common.GlyphUnknown + " marked, outcome unknown · dim: inactive · red: invalid"
}

// View implements common.Screen.
func (m *Model) View() string {
	w := max(m.Width, 1)
	var body string
	switch m.mode {
	case modeConfirm:
		body = m.dialog.View(w, m.Height)
	case modeServerFilter:
		body = m.builderView(w)
	case modeDetails:
		body = m.details.view(m.Styles, w, m.Height)
	case modeForm:
		body = m.form.view(m.Styles, w, m.Height)
	case modeCreate:
		body = m.create.view(m.Styles, w, m.Height)
	default:
		return m.listView(w) // already exactly w×Height: no second measuring pass
	}
	return common.Fit(body, w, m.Height)
}

func (m *Model) listView(w int) string {
	st := m.Styles
	note := m.noteLines(w)
	if m.Height <= 1 {
		return note[len(note)-1]
	}
	// A long note takes up to maxNoteLines lines from the table, so it is
	// never cut mid-word; the table keeps the cursor in view.
	if th := max(m.Height-chromeLines-len(note)+1, 0); th != m.table.Height() {
		m.table.SetSize(w, th)
	}
	lines := make([]string, 0, m.Height)
	lines = append(lines, common.Spread(st.Title.Render(m.titleText()), st.Muted.Render(m.refreshText()), w))
	lines = append(lines, m.filterLine(w))
	if len(m.view) == 0 {
		lines = append(lines, st.Muted.Render(truncate(m.emptyText(), w)))
	} else {
		lines = append(lines, strings.Split(m.table.View(), "\n")...)
	}
	keep := max(m.Height-len(note), 0)
	lines = lines[:min(len(lines), keep)]
	for len(lines) < keep {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, note[max(len(note)-m.Height, 0):]...), "\n")
}

// markGlyph is row i's mark: "●" marked, "!" marked and its last action
// failed, "?" marked and its last action's outcome unknown, " " unmarked.
func (m *Model) markGlyph(i int) string {
	r := m.vrows[m.view[i]]
	switch {
	case !m.sel.Has(r.id):
		return " "
	case m.sel.Unknown(r.id):
		return common.GlyphUnknown
	case m.sel.Err(r.id) != "":
		return common.GlyphFailed
	}
	return common.GlyphMarked
}

// rowStyle colours row i: marked, else by state (invalid, inactive; an
// active row keeps the default colour).
func (m *Model) rowStyle(i int) (lipgloss.Style, bool) {
	r, st := m.vrows[m.view[i]], m.Styles.Row
	switch {
	case m.sel.Has(r.id):
		return st.Marked, true
	case r.invalid:
		return st.Invalid, true
	case !r.active:
		return st.Inactive, true
	}
	return lipgloss.Style{}, false
}

func (m *Model) titleText() string {
	ld := m.load
	switch {
	case ld.running && ld.total >= 0:
		return fmt.Sprintf("WAS schedules · loading %s of %s", present.Count(ld.loaded), present.Count(ld.total))
	case ld.running:
		return fmt.Sprintf("WAS schedules · loading %s", present.Count(ld.loaded))
	}
	n := len(m.rows)
	pos := ""
	if len(m.view) > 0 {
		pos = " · row " + m.table.Position()
	}
	if len(m.view) != n {
		return fmt.Sprintf("WAS schedules · %s shown of %s%s", present.Count(len(m.view)), present.Count(n), pos)
	}
	return fmt.Sprintf("WAS schedules · %s%s", present.Count(n), pos)
}

// refreshText is when the list was last loaded and the auto-refresh state.
func (m *Model) refreshText() string {
	var parts []string
	if !m.load.last.IsZero() && !m.load.running {
		parts = append(parts, "refreshed "+m.load.last.In(m.Loc()).Format("15:04:05"))
	}
	switch {
	case m.opts.AutoRefresh <= 0:
	case m.paused:
		parts = append(parts, "auto-refresh paused (p)")
	default:
		parts = append(parts, "auto-refresh every "+m.opts.AutoRefresh.String())
	}
	return strings.Join(parts, " · ")
}

func (m *Model) emptyText() string {
	switch {
	case m.load.running:
		return "Loading…"
	case m.load.err != "":
		return "Could not load: " + m.load.err
	case m.markedOnly:
		return fmt.Sprintf("No marked schedule is shown: %s shows every row.", m.Keys.Global.Back.Help().Key)
	case m.query != "":
		return fmt.Sprintf("No loaded schedule matches the filter: %s clears it, / changes it.", m.Keys.Global.Back.Help().Key)
	case len(m.criteria) > 0:
		return fmt.Sprintf("No schedule matches the server filter: %s clears it, %s removes one criterion.", m.Keys.List.ClearServerFilter.Help().Key, m.Keys.List.ServerFilter.Help().Key)
	}
	return "No schedules."
}

// filterLine always shows the server-side filter, the local filter and
// the sort.
func (m *Model) filterLine(w int) string {
	head := fmt.Sprintf("Server filter: %s · Sort: %s · Filter: ", present.OrNone(present.Criteria(m.criteria)), m.sort)
	if m.mode == modeTyping {
		m.filterIn.SetWidth(max(w-ansi.StringWidth(head), 8))
		return truncate(head+m.filterIn.View(), w)
	}
	return truncate(head+present.OrNone(safe.Line(m.query, 0)), w)
}

// maxNoteLines bounds how many lines the note below the table takes.
const maxNoteLines = 3

// noteLines is the progress of a write, the last outcome, the load error,
// or the problem recorded for the row under the cursor: one line, or a
// longer message wrapped at word boundaries onto at most maxNoteLines.
func (m *Model) noteLines(w int) []string {
	st := m.Styles
	if m.export != nil {
		return []string{m.export.View(w)}
	}
	switch {
	case m.writing != "" && m.progress[1] > 0:
		return []string{st.Warn.Render(truncate(fmt.Sprintf("%s… %s of %s", m.writing, present.Count(m.progress[0]), present.Count(m.progress[1])), w))}
	case m.writing != "":
		return []string{st.Warn.Render(truncate(m.writing+"…", w))}
	}
	if r := m.cursorRow(); r != nil && m.sel.Err(r.id) != "" {
		return wrapNote(fmt.Sprintf("%d: %s", r.id, m.sel.Err(r.id)), w, st.Error.Render)
	}
	switch {
	case m.note != "" && m.noteBad:
		return wrapNote(m.note, w, st.Error.Render)
	case m.note != "":
		return wrapNote(m.note, w, st.StatusBar.Info.Render)
	case m.load.err != "":
		return wrapNote("Load failed: "+m.load.err, w, st.Error.Render)
	}
	return []string{""}
}

// wrapNote wraps s (already made safe) at word boundaries to w cells, on
// at most maxNoteLines lines; a longer message ends its last line cut at
// a word with common.MoreHint (! opens it whole, FullNote).
func wrapNote(s string, w int, render func(...string) string) []string {
	lines := strings.Split(ansi.Wordwrap(s, w, ""), "\n")
	if len(lines) > maxNoteLines {
		rest := strings.Join(lines[maxNoteLines-1:], " ")
		lines = lines[:maxNoteLines]
		lines[maxNoteLines-1] = cutNote(rest, w)
	}
	for i, l := range lines {
		lines[i] = render(truncate(l, w))
	}
	return lines
}

// truncate cuts a line built from parts already made safe to w cells
// (safe.Line would escape their backslashes a second time).
func truncate(s string, w int) string { return ansi.Truncate(s, w, "…") }

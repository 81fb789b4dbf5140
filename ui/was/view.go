package was

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Lines around the table: title, filters, note.
const chromeLines = 3

func (m *Model) tableHeight() int { return max(m.Height-chromeLines, 0) }

// Status implements common.Screen: the marks, and how many of them the
// current filter hides (they are still acted on).
func (m *Model) Status() string {
	n := m.sel.Len()
	if n == 0 {
		return ""
	}
	s := present.Count(n) + " selected"
	if m.hidden > 0 {
		s += fmt.Sprintf(" (%s hidden by filter)", present.Count(m.hidden))
	}
	return s
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
	lines := make([]string, 0, m.Height)
	lines = append(lines, common.Spread(st.Title.Render(m.titleText()), st.Muted.Render(m.refreshText()), w))
	lines = append(lines, m.filterLine(w))
	if len(m.view) == 0 {
		lines = append(lines, st.Muted.Render(truncate(m.emptyText(), w)))
	} else {
		lines = append(lines, strings.Split(m.table.View(), "\n")...)
	}
	if m.Height <= 1 {
		return m.noteLine(w)
	}
	lines = lines[:min(len(lines), m.Height-1)]
	for len(lines) < m.Height-1 {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, m.noteLine(w)), "\n")
}

// markGlyph is row i's mark: "●" marked, "!" marked and its last action
// failed, " " unmarked.
func (m *Model) markGlyph(i int) string {
	r := m.vrows[m.view[i]]
	switch {
	case !m.sel.Has(r.id):
		return " "
	case m.sel.Err(r.id) != "":
		return "!"
	}
	return "●"
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
		parts = append(parts, "refreshed "+m.load.last.Format("15:04:05"))
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
	case m.query != "":
		return "No loaded schedule matches the filter."
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

// noteLine is the progress of a write, the last outcome, the load error,
// or the problem recorded for the row under the cursor.
func (m *Model) noteLine(w int) string {
	st := m.Styles
	if m.export != nil {
		return m.export.View(w)
	}
	switch {
	case m.writing != "" && m.progress[1] > 0:
		return st.Warn.Render(truncate(fmt.Sprintf("%s… %s of %s", m.writing, present.Count(m.progress[0]), present.Count(m.progress[1])), w))
	case m.writing != "":
		return st.Warn.Render(truncate(m.writing+"…", w))
	}
	if r := m.cursorRow(); r != nil && m.sel.Err(r.id) != "" {
		return st.Error.Render(cutNote(fmt.Sprintf("%d: %s", r.id, m.sel.Err(r.id)), w))
	}
	switch {
	case m.note != "" && m.noteBad:
		return st.Error.Render(cutNote(m.note, w))
	case m.note != "":
		return st.StatusBar.Info.Render(cutNote(m.note, w))
	case m.load.err != "":
		return st.Error.Render(cutNote("Load failed: "+m.load.err, w))
	}
	return ""
}

// truncate cuts a line built from parts already made safe to w cells
// (safe.Line would escape their backslashes a second time).
func truncate(s string, w int) string { return ansi.Truncate(s, w, "…") }

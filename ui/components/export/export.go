// Package export writes the rows a list shows (filtered, sorted) to a CSV
// or JSON file, behind a one-line prompt for the path: the E key of the
// schedule screens. The rows are shaped by ui/present, as the headless
// commands' --output shapes them.
package export

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/textentry"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// Table is what a list exports: the CSV header and rows (raw values; the
// CSV writer makes them safe) and the JSON document (an array of
// present records).
type Table struct {
	Header []string
	Rows   [][]string
	JSON   any
}

// DoneMsg reports a finished export.
type DoneMsg struct {
	Path string // absolute when it could be made so
	Rows int
	Err  error
}

// Note is the line the screen shows for the export.
func (d DoneMsg) Note() string {
	if d.Err != nil {
		return "export failed: " + safe.Line(d.Err.Error(), 0)
	}
	return fmt.Sprintf("exported %s to %s", present.Plural(d.Rows, "row"), safe.Line(d.Path, 0))
}

// Prompt asks for the file to write; it opens with a default name in the
// current directory, e.g. qsched-was-20260102-150405.csv (a name ending
// in .json writes JSON).
type Prompt struct {
	in *textentry.Model
}

// NewPrompt opens the prompt for an export of what (e.g. "was") at now.
func NewPrompt(what string, now time.Time) *Prompt {
	return &Prompt{in: textentry.New("Export to (.csv or .json): ", present.ExportName(what, present.FormatCSV, now))}
}

// SetPath replaces the path typed.
func (p *Prompt) SetPath(s string) { p.in.SetValue(s) }

// Path is the path typed.
func (p *Prompt) Path() string { return p.in.Value() }

// Answer is what a key did to the prompt.
type Answer int

const (
	Typing Answer = iota
	Accepted
	Cancelled
)

// Update takes a key: enter accepts a non-empty path, esc cancels,
// anything else is typed.
func (p *Prompt) Update(msg tea.KeyPressMsg, k *common.KeyMap) (Answer, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Form.Choose):
		if p.in.Value() == "" {
			return Typing, nil
		}
		return Accepted, nil
	case key.Matches(msg, k.Global.Back):
		return Cancelled, nil
	}
	_, cmd := p.in.Update(msg)
	return Typing, cmd
}

// View is the prompt on one line of w cells.
func (p *Prompt) View(w int) string {
	p.in.SetWidth(max(w, 10))
	return ansi.Truncate(p.in.View(), max(w, 1), "…")
}

// Help is the prompt's keys.
func Help(k *common.KeyMap) []key.Binding {
	accept := k.Form.Choose
	accept.SetHelp(accept.Help().Key, "write the file")
	return []key.Binding{accept, k.Global.Back}
}

// Write returns a command that writes t to path, in the format its
// extension names (present.ExportFormat), and reports a DoneMsg. An
// existing file is never replaced: the export fails and says so.
func Write(path string, t Table) tea.Cmd {
	return func() tea.Msg {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		var b bytes.Buffer
		var err error
		if present.ExportFormat(path) == present.FormatJSON {
			err = safe.WriteJSON(&b, t.JSON)
		} else {
			err = present.WriteCSV(&b, t.Header, t.Rows)
		}
		if err == nil {
			err = create(path, b.Bytes())
		}
		return DoneMsg{Path: path, Rows: len(t.Rows), Err: err}
	}
}

func create(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists: give another name", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot write %s: %w", path, pe.Err)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

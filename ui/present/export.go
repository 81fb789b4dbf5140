package present

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/qsched/qsched/ui/safe"
)

// Export formats of a list: the TUI's export key and the headless
// commands' --output write the same rows the same way.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// Formats lists the --output values, in the order help shows them.
var Formats = []string{FormatTable, FormatJSON, FormatCSV}

// CSVCell is a cell as exported: the visible form of s (safe.Line: no
// control, bidi or zero-width character, no tab or newline) and, when it
// starts with a character a spreadsheet reads as a formula (= + - @), a
// leading ' so that it stays text. A lone "-" (no value) is left as it is.
func CSVCell(s string) string {
	s = safe.Line(s, 0)
	if len(s) > 1 && strings.ContainsRune("=+-@", rune(s[0])) {
		s = "'" + s
	}
	return s
}

// WriteCSV writes a header line and one line per row (RFC 4180), every
// cell through CSVCell.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	line := make([]string, len(header))
	write := func(cells []string) error {
		line = line[:0]
		for _, c := range cells {
			line = append(line, CSVCell(c))
		}
		return cw.Write(line)
	}
	if err := write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ExportName is the default file name of an export of what (e.g. "was")
// taken at now: qsched-was-20260102-150405.csv.
func ExportName(what, format string, now time.Time) string {
	return fmt.Sprintf("qsched-%s-%s.%s", what, now.Format("20060102-150405"), format)
}

// ExportFormat is the format a file name asks for by its extension
// (.json, else CSV).
func ExportFormat(path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		return FormatJSON
	}
	return FormatCSV
}

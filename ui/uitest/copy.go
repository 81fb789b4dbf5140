package uitest

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// What the lists' copy (y, Y) and export (E) keys hand out.

// Clipboard is the text cmd puts on the clipboard (tea.SetClipboard, OSC
// 52), and whether it does.
func Clipboard(cmd tea.Cmd) (string, bool) {
	if cmd == nil {
		return "", false
	}
	msg := cmd()
	if fmt.Sprintf("%T", msg) != "tea.setClipboardMsg" {
		return "", false
	}
	return reflect.ValueOf(msg).String(), true
}

// Export is a file E wrote, read back: Raw as written, and its records
// (CSV for a .csv name, else JSON objects).
type Export struct {
	Raw  string
	CSV  [][]string
	JSON []map[string]any
}

// ReadExport reads the file E wrote at path; it fails the test when the
// file is missing or does not parse.
func ReadExport(t testing.TB, path string) Export {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e := Export{Raw: string(data)}
	if strings.HasSuffix(path, ".csv") {
		e.CSV, err = csv.NewReader(strings.NewReader(e.Raw)).ReadAll()
	} else {
		err = json.Unmarshal(data, &e.JSON)
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", path, err, data)
	}
	return e
}

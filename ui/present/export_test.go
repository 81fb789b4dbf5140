package present_test

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/qsched/qsched/ui/present"
)

func TestCSVCellGuardsFormulasAndControls(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":            "'=1+1",
		"+SUM(A1)":        "'+SUM(A1)",
		"-2+3":            "'-2+3",
		"@cmd":            "'@cmd",
		"\tx":             `\u0009x`,
		"-":               "-",
		"plain":           "plain",
		"a=b":             "a=b",
		"":                "",
		"x\x1b[2Jy\nz":    `x\u001b[2Jy\u000az`,
		"\u202e=evil":     `\u202e=evil`,
		"2026-01-02 3:04": "2026-01-02 3:04",
	} {
		if got := present.CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSVQuotesAndReadsBack(t *testing.T) {
	var b bytes.Buffer
	rows := [][]string{{"1", `say "hi", then go`}, {"2", "=cmd|' /C calc'!A0"}}
	if err := present.WriteCSV(&b, []string{"id", "name"}, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[1][1] != `say "hi", then go` || recs[2][1] != "'=cmd|' /C calc'!A0" {
		t.Fatalf("%q", recs)
	}
}

func TestExportNameAndFormat(t *testing.T) {
	at := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	if got := present.ExportName("was", "csv", at); got != "qsched-was-20260102-150405.csv" {
		t.Fatal(got)
	}
	if present.ExportFormat("out.JSON") != present.FormatJSON || present.ExportFormat("out.csv") != present.FormatCSV || present.ExportFormat("out") != present.FormatCSV {
		t.Fatal("ExportFormat")
	}
}

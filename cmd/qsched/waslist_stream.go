package main

import (
	"bufio"
	"encoding/json"
	"io"
	"iter"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/safe"
)

// streamWASList writes `was list --json` page by page as the pages
// arrive, so that 100,000 schedules are never held at once: the same
// indented array writeJSON writes of the whole list, byte for byte. When a
// page fails after schedules were written, the array is closed over them —
// stdout stays one valid JSON document — and the error is returned (exit
// 1, on stderr); when nothing was written, nothing is. Next launches are
// in loc, the display zone, as in the other outputs.
func streamWASList(w io.Writer, pages iter.Seq2[client.Page, error], loc *time.Location) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	var failed error
	for p, err := range pages {
		if err != nil {
			failed = err
			break
		}
		for _, s := range p.Schedules {
			b, err := json.MarshalIndent(wasSummary(s, loc), "  ", "  ")
			if err != nil {
				failed = err
				break
			}
			sep := ",\n  "
			if n == 0 {
				sep = "[\n  "
			}
			n++
			_, _ = bw.WriteString(sep)
			_, _ = bw.Write(safe.JSON(b))
		}
		if failed != nil {
			break
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	end := "\n]\n"
	switch {
	case n == 0 && failed != nil:
		return failed // nothing written: no array that would read as none
	case n == 0:
		end = "[]\n"
	}
	_, _ = bw.WriteString(end)
	if err := bw.Flush(); err != nil && failed == nil {
		return err
	}
	return failed
}

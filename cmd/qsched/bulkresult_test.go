package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/qsched/qsched/client"
)

// A lost answer read back in the state asked for is done for the count;
// it still ends in exit 3 and is listed, unless the tally settles it
// (undo), when every id done means exit 0.
func TestBulkTallyUnknownReadBackInTheStateAskedFor(t *testing.T) {
	lost := errors.New("answer lost")
	for _, settle := range []bool{false, true} {
		tally := bulkTally{settle: settle}
		tally.done()
		o := tally.status("id 2", client.Unknown, lost, "inactive", nil, true)
		if o.Status != "unknown" || o.Now != "inactive" || o.Error != "outcome unknown (answer lost); read again: inactive" {
			t.Fatalf("outcome %+v", o)
		}
		var errw bytes.Buffer
		err := tally.exit(&errw, "2 ids", "deactivated")
		if tally.ok != 2 {
			t.Fatalf("settle=%v: ok %d, want 2", settle, tally.ok)
		}
		if settle {
			if err != nil || errw.Len() > 0 {
				t.Fatalf("settled: %v, stderr %q", err, errw.String())
			}
			continue
		}
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitPartial || errw.String() != "qsched: id 2: outcome unknown (answer lost); read again: inactive\n" ||
			ee.err.Error() != "0 of 2 ids were not deactivated; 1 sent without an answer, listed with what the server holds now" {
			t.Fatalf("exit %v, stderr %q", err, errw.String())
		}
	}
}

// Exit 4 on refused credentials, 1 when nothing was done and all failed,
// 3 when some were done or not found; a failed re-read says why when known.
func TestBulkTallyExitCodes(t *testing.T) {
	auth := fmt.Errorf("login: %w", client.ErrAuth)
	cases := []struct {
		name string
		add  func(*bulkTally)
		want int
	}{
		{"auth", func(b *bulkTally) { b.done(); b.fail("a", auth) }, exitAuth},
		{"all failed", func(b *bulkTally) { b.fail("a", errors.New("refused")); b.fail("b", errNotSent) }, exitAPI},
		{"some done", func(b *bulkTally) { b.done(); b.fail("b", errNotSent) }, exitPartial},
		{"not found", func(b *bulkTally) { b.notFound("a", "not found") }, exitPartial},
		{"unknown, re-read failed", func(b *bulkTally) { b.unknown("a", errors.New("lost"), "", errors.New("timeout"), false) }, exitPartial},
	}
	for _, c := range cases {
		var tally bulkTally
		c.add(&tally)
		var errw bytes.Buffer
		var ee *exitError
		if err := tally.exit(&errw, "n ids", "done"); !errors.As(err, &ee) || ee.code != c.want {
			t.Fatalf("%s: exit %v, want code %d", c.name, err, c.want)
		}
		if errw.Len() == 0 {
			t.Fatalf("%s: no id listed on stderr", c.name)
		}
	}
	var tally bulkTally
	if o := tally.unknown("a", errors.New("lost"), "", errors.New("timeout"), false); o.Error != "outcome unknown (lost); reading it again failed: timeout" || o.Now != "" {
		t.Fatalf("outcome %+v", o)
	}
	if o := tally.unknown("b", errors.New("lost"), "", nil, false); o.Error != "outcome unknown (lost); reading it again failed" {
		t.Fatalf("outcome %+v", o)
	}
}

package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// The per-id report of a bulk write (was activate/deactivate, scripts
// schedule activate/deactivate/delete, undo): one outcome per id, counted
// for the summary and the exit code.

// outcome is what a bulk write did to one id, as --json prints it beside
// the id (and the name, where the command gives one).
type outcome struct {
	Status string `json:"status"` // done, not_found, failed or unknown
	Error  string `json:"error,omitempty"`
	// Now is what the server holds after an unknown outcome, read again
	// ("" when reading it again failed too).
	Now string `json:"now,omitempty"`
}

// idOutcome is one id's outcome: int64 WAS ids, string script ids.
type idOutcome[ID int64 | string] struct {
	ID ID `json:"id"`
	outcome
}

// bulkTally records the outcomes of one bulk write in id order.
type bulkTally struct {
	// settle: an id sent without an answer and read again in the state
	// asked for counts as done for the exit code too, and is not listed on
	// stderr (undo). Otherwise any id sent without an answer ends in exit 3
	// and the summary says so.
	settle bool

	n        int   // ids recorded
	ok       int   // done, or read again in the state asked for
	failed   int   // refused or never sent: nothing changed
	unknowns int   // sent without an answer
	authErr  error // the first refusal of the credentials
	problems []problem
}

// problem is a line for stderr: an id that is not done.
type problem struct{ label, why string }

func (t *bulkTally) add(o outcome, label string, listed bool) outcome {
	t.n++
	if listed {
		t.problems = append(t.problems, problem{label, o.Error})
	}
	return o
}

// done records an id the server changed.
func (t *bulkTally) done() outcome {
	t.ok++
	return t.add(outcome{Status: "done"}, "", false)
}

// notFound records an id the server does not hold (or not in scope).
func (t *bulkTally) notFound(label, why string) outcome {
	return t.add(outcome{Status: "not_found", Error: why}, label, true)
}

// fail records an id that was refused or never sent. The error text is
// raw: writeJSON escapes it, stderr goes through safe.
func (t *bulkTally) fail(label string, err error) outcome {
	t.failed++
	t.noteAuth(err)
	return t.add(outcome{Status: "failed", Error: err.Error()}, label, true)
}

// noteAuth keeps the first refusal of the credentials: it decides the exit.
func (t *bulkTally) noteAuth(err error) {
	if errors.Is(err, client.ErrAuth) && t.authErr == nil {
		t.authErr = err
	}
}

// unknown records an id sent without an answer (sendErr says why), with
// what reading it again found: now, or "" when that failed (rereadErr
// says why, when known). reached is whether now is the state asked for.
func (t *bulkTally) unknown(label string, sendErr error, now string, rereadErr error, reached bool) outcome {
	t.unknowns++
	o := outcome{Status: "unknown", Error: "outcome unknown (" + sendErr.Error() + ")", Now: now}
	switch {
	case now != "":
		o.Error += "; read again: " + now
	case rereadErr != nil:
		o.Error += "; reading it again failed: " + rereadErr.Error()
	default:
		o.Error += "; reading it again failed"
	}
	if reached {
		t.ok++
	}
	return t.add(o, label, !(t.settle && reached))
}

// status records an id by the status the client reports for it; now,
// rereadErr and reached are as for unknown.
func (t *bulkTally) status(label string, s client.ItemStatus, err error, now string, rereadErr error, reached bool) outcome {
	switch s {
	case client.NotAffected:
		return t.notFound(label, s.String())
	case client.Failed:
		return t.fail(label, err)
	case client.Unknown:
		return t.unknown(label, err, now, rereadErr, reached)
	}
	return t.done()
}

// exit ends the report: nil when every id is done (and, unless settle,
// none was sent without an answer); otherwise every id not done is listed
// on errw and the exit is 4 when the credentials were refused, 1 when
// nothing was done and every problem is a failure, 3 otherwise. of names
// the total ("12 ids", "3 WAS schedules"), past the action ("deactivated").
func (t *bulkTally) exit(errw io.Writer, of, past string) error {
	problems, unknowns := t.n-t.ok, t.unknowns
	if t.settle {
		unknowns = 0
	}
	if problems == 0 && unknowns == 0 {
		return nil
	}
	for _, p := range t.problems {
		fmt.Fprintf(errw, "qsched: %s: %s\n", safe.Text(p.label), safe.Text(p.why))
	}
	summary := fmt.Errorf("%s of %s were not %s", present.Count(problems), of, past)
	if unknowns > 0 {
		summary = fmt.Errorf("%s of %s were not %s; %s sent without an answer, listed with what the server holds now", present.Count(problems), of, past, present.Count(unknowns))
	}
	switch {
	case t.authErr != nil:
		return &exitError{code: exitAuth, err: t.authErr, shown: true}
	case t.ok == 0 && t.failed == problems:
		return &exitError{code: exitAPI, err: summary, shown: true}
	}
	return &exitError{code: exitPartial, err: summary, shown: true}
}

// result is the RESULT column of the text report: past ("deactivated")
// when done, else why not.
func (o outcome) result(past string) string {
	if o.Status != "done" {
		return o.Error
	}
	return past
}

// errNotSent is the failure of an id left unsent after the credentials
// were refused or the operator cancelled.
var errNotSent = errors.New("not sent")

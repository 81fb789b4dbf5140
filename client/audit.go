// Audit: every write request passes through here, so that the TUI, the
// headless commands and SSH sessions all leave a record (package
// client/audit) without each caller remembering to.

package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/qsched/qsched/client/audit"
	"github.com/qsched/qsched/model"
)

// Audit action names.
const (
	AuditWASActivate    = "was.activate"
	AuditWASDeactivate  = "was.deactivate"
	AuditWASUpdate      = "was.update"
	AuditWASCreate      = "was.create"
	AuditScriptsCreate  = "scripts.create"
	AuditScriptsUpdate  = "scripts.update"
	AuditScriptsDelete  = "scripts.delete"
	AuditScriptsOn      = "scripts.activate"
	AuditScriptsOff     = "scripts.deactivate"
	auditReasonNotFound = "not found or not in your scope"
)

// auditInfo is what a write request's audit record says it acts on.
type auditInfo struct {
	action string
	target audit.Target
}

// delivery is how far a request got.
type delivery int

const (
	notSent  delivery = iota // refused before any byte went out
	noAnswer                 // may have been sent; no usable response
	answered                 // the server answered
)

// attempted says whether do may have put the request on the wire: every
// error but the refusals made before sending.
func attempted(err error) delivery {
	var ue *url.Error
	if errors.Is(err, ErrAuthStopped) || errors.Is(err, ErrNoPassword) || errors.Is(err, ErrReadOnly) || errors.As(err, &ue) {
		return notSent
	}
	return noAnswer
}

// auditedKey marks a context as inside an audited action, whose requests
// are not audited one by one.
type auditedKey struct{}

func isAudited(ctx context.Context) bool { return ctx.Value(auditedKey{}) != nil }

// beginAudit writes the intent line. On error nothing may be sent.
func (c *Client) beginAudit(ctx context.Context, info auditInfo) (context.Context, *audit.Action, error) {
	a, err := c.cfg.Audit.Begin(info.action, info.target)
	if err != nil {
		return ctx, nil, err
	}
	return context.WithValue(ctx, auditedKey{}, true), a, nil
}

// writeStatus is what a write's error says the server holds.
func writeStatus(d delivery, err error) (string, string) {
	switch {
	case err == nil:
		return audit.StatusDone, ""
	case d == notSent:
		return audit.StatusFailed, err.Error()
	case d == noAnswer:
		return audit.StatusUnknown, err.Error()
	}
	var e *Error
	if errors.As(err, &e) && e.Code == "" {
		// An answer with no API code: a success status whose body could not
		// be read (the write may have happened), or a proxy's timeout.
		if (e.Status >= 200 && e.Status < 300) || e.Status == http.StatusBadGateway || e.Status == http.StatusGatewayTimeout {
			return audit.StatusUnknown, err.Error()
		}
	}
	return audit.StatusFailed, err.Error()
}

// chunkResults is the per-id outcome of one bulk request: done for the ids
// the server listed, failed (not found or not in scope) for the others, or
// the request's own failure or uncertainty for all of them.
func chunkResults(ids []int64, sr model.ServiceResponse, d delivery, err error) []audit.Result {
	out := make([]audit.Result, len(ids))
	if err != nil {
		st, reason := writeStatus(d, err)
		for i, id := range ids {
			out[i] = audit.Result{ID: strconv.FormatInt(id, 10), Status: st, Reason: reason}
		}
		return out
	}
	affected := map[int64]bool{}
	for _, s := range sr.Schedules() {
		affected[s.IDValue()] = true
	}
	for i, id := range ids {
		out[i] = audit.Result{ID: strconv.FormatInt(id, 10), Status: audit.StatusDone}
		if !affected[id] {
			out[i].Status, out[i].Reason = audit.StatusFailed, auditReasonNotFound
		}
	}
	return out
}

func idStrings(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

func sentCount(d delivery) int {
	if d == notSent {
		return 0
	}
	return 1
}

// finishOne records the outcome of a single write request sent by Do.
func finishOne(a *audit.Action, req *Request, sr model.ServiceResponse, d delivery, err error) {
	if len(req.ids) > 0 {
		a.Finish("", chunkResults(req.ids, sr, d, err), sentCount(d), err)
		return
	}
	st, _ := writeStatus(d, err)
	var results []audit.Result
	for _, id := range req.audit.target.IDs {
		r := audit.Result{ID: id, Status: st}
		if err != nil {
			r.Reason = err.Error()
		}
		results = append(results, r)
	}
	a.Finish(st, results, sentCount(d), err)
}

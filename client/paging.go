package client

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
)

// qpsPaging is a QPS search paged by `id GREATER lastId` (WAS schedules,
// host assets): how to build the request of the page after an id, and
// how to read one answer.
type qpsPaging[T any] struct {
	op    string
	build func(after int64) (*Request, error)
	// read turns an answer into the page's items, whether the server has
	// more, and its lastId (nil when not sent).
	read func(resp *response) (items []T, more bool, lastID *int64, err error)
	// once stops after the first page and asks for no other ahead.
	once bool
	// want stops once this many items are read (0: read to the end).
	// Each page is then read before the next is asked for, so that no
	// page is fetched for nothing: the platform counts a call cancelled
	// in flight against the budget all the same.
	want int
}

// qpsPage is one page: its items, whether more follow, and the lastId to
// ask the next page after.
type qpsPage[T any] struct {
	items  []T
	more   bool
	lastID int64
}

// fetched is one page's answer, or why there is none.
type fetched struct {
	resp *response
	err  error
}

// pages iterates over the pages, fetching the next page while the current
// one is decoded and handed out — the account lets 2 calls be in flight —
// so that a long load is bound by the network, not by fetch + decode in
// turn. The next page is asked for as soon as the answer's lastId can be
// read (a cheap look at the raw XML); when it cannot, the page is decoded
// first. Paging stops with an error, not a loop, when a page does not
// advance; a next page fetched for nothing is cancelled.
func (p qpsPaging[T]) pages(ctx context.Context, c *Client) func(yield func(qpsPage[T], error) bool) {
	return func(yield func(qpsPage[T], error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		start := func(after int64) <-chan fetched {
			ch := make(chan fetched, 1)
			req, err := p.build(after)
			if err != nil {
				ch <- fetched{err: err}
				return ch
			}
			go func() {
				resp, err := c.do(ctx, req, func(r *http.Request, t ticket) { r.SetBasicAuth(t.creds.Username, t.creds.Password) })
				if err == nil && resp.status == http.StatusUnauthorized {
					err = &AuthError{Op: req.op, Status: resp.status}
				}
				ch <- fetched{resp, err}
			}()
			return ch
		}
		var after int64
		got := 0
		cur := start(0)
		for n := 0; n < maxPages; n++ {
			f := <-cur
			if f.err != nil {
				yield(qpsPage[T]{}, f.err)
				return
			}
			var next <-chan fetched
			if id, ok := peekLastID(f.resp.body); ok && id > after && !p.once && p.want == 0 {
				next = start(id) // checked against the decoded lastId below
			}
			items, more, lastID, err := p.read(f.resp)
			switch {
			case err != nil:
				yield(qpsPage[T]{}, err)
				return
			case more && (lastID == nil || len(items) == 0):
				yield(qpsPage[T]{}, &Error{Op: p.op, Status: http.StatusOK, Message: "the server says more records exist but sent no lastId or no records; stopping instead of looping"})
				return
			case more && *lastID <= after:
				yield(qpsPage[T]{}, &Error{Op: p.op, Status: http.StatusOK, Message: fmt.Sprintf("paging did not advance (lastId %d after %d); stopping instead of looping", *lastID, after)})
				return
			}
			pg := qpsPage[T]{items: items, more: more}
			if more {
				pg.lastID = *lastID // a page read alone (once) says where the next starts too
			}
			got += len(items)
			if p.once || p.want > 0 && got >= p.want {
				yield(pg, nil)
				return
			}
			if more {
				if peeked, _ := peekLastID(f.resp.body); next == nil || peeked != *lastID {
					next = start(*lastID) // the look at the raw answer was wrong: ask again
				}
				after = *lastID
			}
			if !yield(pg, nil) || !more {
				return
			}
			cur = next
		}
		yield(qpsPage[T]{}, &Error{Op: p.op, Message: fmt.Sprintf("more than %d pages; stopping", maxPages)})
	}
}

// lastIDRE finds an XML answer's lastId, which QPS writes after the
// response code and counts, before the data.
var lastIDRE = regexp.MustCompile(`<lastId>\s*(\d{1,19})\s*</lastId>`)

// peekLastID reads the lastId of a raw XML answer without decoding it,
// looking only before the data (a schedule's text cannot fake it).
func peekLastID(body []byte) (int64, bool) {
	head := body
	if i := bytes.Index(body, []byte("<data")); i >= 0 {
		head = body[:i]
	}
	m := lastIDRE.FindSubmatch(head)
	if m == nil {
		return 0, false
	}
	id, err := strconv.ParseInt(string(m[1]), 10, 64)
	return id, err == nil
}

package apilog

import (
	"slices"
	"strconv"
	"strings"
)

// The filter (/) keeps the calls that match every one of its terms:
//
//	401, 4xx, 5xx     the HTTP status (exactly, or its class)
//	err, failed       no answer, or a status of 400 and above
//	search, count, get, create, update, delete, activate, deactivate
//	                  the operation's verb, as a whole word ("activate"
//	                  does not match deactivate)
//	=word             a whole word of the call (its operation, method or
//	                  result code), e.g. "=1688" or "=jobs"
//	anything else     a piece of the method, path, operation or result
//	                  code, ignoring case
//
// e.g. "4xx wasscanschedule", "activate scheduler" or "POST /auth".
type filter []string

func parseFilter(s string) filter { return strings.Fields(strings.ToLower(s)) }

func (f filter) match(e *entry) bool {
	for _, t := range f {
		if !termMatches(t, e) {
			return false
		}
	}
	return true
}

func termMatches(t string, e *entry) bool {
	switch {
	case t == "err" || t == "failed" || t == "fail":
		return e.failed()
	case len(t) == 3 && t[1:] == "xx" && t[0] >= '1' && t[0] <= '5':
		return e.status/100 == int(t[0]-'0')
	case len(t) == 3:
		if n, err := strconv.Atoi(t); err == nil {
			return e.status == n
		}
	}
	if e.lower == "" {
		e.lower = strings.ToLower(e.method + " " + e.path + " " + e.statusText() + " " + e.op)
		e.words = strings.Fields(strings.ToLower(e.op + " " + e.method + " " + e.statusText()))
	}
	switch {
	case verbs[t]:
		return len(e.words) > 0 && e.words[0] == t
	case strings.HasPrefix(t, "=") && len(t) > 1:
		return slices.Contains(e.words, t[1:])
	}
	return strings.Contains(e.lower, t)
}

package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/qsched/qsched/model"
)

// Error is a failed API call. It never holds credentials or raw bodies.
type Error struct {
	Op         string // e.g. "search WAS schedules"
	Status     int    // HTTP status; 0 when no response arrived
	Code       string // QPS responseCode or CAR errorCode
	Message    string // errorMessage / message, control characters removed
	Resolution string // errorResolution, when given
	// Retryable says whether trying again later can help (rate limits,
	// server errors); it is false for bad input and authentication.
	Retryable bool
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(": ")
	switch {
	case e.Code != "" && e.Message != "":
		fmt.Fprintf(&b, "%s: %s", e.Code, e.Message)
	case e.Message != "":
		b.WriteString(e.Message)
	case e.Code != "":
		b.WriteString(e.Code)
	default:
		fmt.Fprintf(&b, "HTTP %d", e.Status)
	}
	if e.Resolution != "" {
		b.WriteString(" (" + e.Resolution + ")")
	}
	return b.String()
}

// Sentinel errors. Test for them with errors.Is; the typed errors (*Error,
// *AuthError) match the sentinel that describes them, and still carry the
// details for errors.As.
var (
	// ErrNotFound: the server answered "not found or not in your scope"
	// (U10: every spelling of the code).
	ErrNotFound = errors.New("not found or not in your scope")
	// ErrDuplicateTitle: the gateway refused a script schedule whose title
	// is taken.
	ErrDuplicateTitle = errors.New("a script schedule with this title already exists")
	// ErrRateLimited: the server blocked the call (HTTP 409 or 429) and no
	// retry got through.
	ErrRateLimited = errors.New("rate limited")
	// ErrAuth: a login or credential was rejected, now or earlier.
	ErrAuth = errors.New("authentication failed")
	// ErrAuthStopped is returned, without any request, once authentication
	// has failed. It matches ErrAuth.
	ErrAuthStopped = fmt.Errorf("not sent: %w earlier; no further calls are made with these credentials", ErrAuth)
	// ErrReadOnly is returned, without any request, for a write in
	// read-only mode.
	ErrReadOnly = errors.New("not sent: qsched is in read-only mode")
)

// Is matches ErrNotFound, ErrDuplicateTitle and ErrRateLimited.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return model.IsNotFoundCode(e.Code)
	case ErrDuplicateTitle:
		return strings.HasPrefix(e.Message, model.CARDuplicateTitlePrefix)
	case ErrRateLimited:
		return e.Status == http.StatusConflict || e.Status == http.StatusTooManyRequests
	}
	return false
}

// AuthError is a rejected login or credential. After one, the client
// refuses every further call with the same credentials (repeated bad
// logins lock Qualys accounts). It matches ErrAuth.
type AuthError struct {
	Op     string
	Status int
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("%s: authentication failed (HTTP %d); check the user name and password — no further attempt is made with these credentials", e.Op, e.Status)
}

// Is matches ErrAuth.
func (e *AuthError) Is(target error) bool { return target == ErrAuth }

// Sanitize removes control characters and terminal escape sequences from
// text that came from a server, so that it cannot move the cursor or
// change colours when printed.
func Sanitize(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(rs, i)
		case r == 0x9b: // CSI
			i = skipCSI(rs, i+1)
		case r == '\n' || r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func skipEscape(rs []rune, i int) int {
	if i+1 >= len(rs) {
		return i
	}
	switch rs[i+1] {
	case '[':
		return skipCSI(rs, i+2)
	case ']', 'P', '_', '^', 'X': // OSC, DCS, APC, PM, SOS: until BEL or ST
		for j := i + 2; j < len(rs); j++ {
			if rs[j] == 0x07 {
				return j
			}
			if rs[j] == 0x1b && j+1 < len(rs) && rs[j+1] == '\\' {
				return j + 1
			}
		}
		return len(rs) - 1
	}
	return i + 1
}

func skipCSI(rs []rune, j int) int {
	for ; j < len(rs); j++ {
		if rs[j] >= 0x40 && rs[j] <= 0x7e {
			return j
		}
	}
	return len(rs) - 1
}

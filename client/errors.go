package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/qsched/qsched/model"
)

// Error is a failed API call. It never holds credentials or raw bodies.
//
// Code, Message and Resolution, and so Error(), hold the server's text
// verbatim, escape sequences and all: package client does not decide how
// text is shown. Whatever prints or renders an error must show it through
// ui/safe, which makes every control, bidi and zero-width character
// visible instead of deleting it.
type Error struct {
	Op         string // e.g. "search WAS schedules"
	Status     int    // HTTP status; 0 when no response arrived
	Code       string // QPS responseCode or CAR errorCode, as the server sent it
	Message    string // errorMessage / message, as the server sent it
	Resolution string // errorResolution, when given, as the server sent it
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
	case e.Code != "" && e.Resolution == "":
		// A code alone ("OTHER_ERROR") tells an operator little: say what
		// else is known, so that the line never ends at the code.
		fmt.Fprintf(&b, "%s (HTTP %d; the server sent no error message)", e.Code, e.Status)
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
	// ErrNoPassword is returned, without any request, while the account
	// has no password (AccountConfig.PasswordLater, before SetPassword).
	ErrNoPassword = errors.New("not sent: no password entered yet")
	// ErrReadOnly is returned, without any request, for a write in
	// read-only mode.
	ErrReadOnly = errors.New("not sent: qsched is in read-only mode")
)

// Is matches ErrNotFound, ErrDuplicateTitle and ErrRateLimited.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		// QPS says so with a code (U10); the gateway with HTTP 404, as
		// the simulator answers an unknown script schedule id.
		return model.IsNotFoundCode(e.Code) || e.Status == http.StatusNotFound
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

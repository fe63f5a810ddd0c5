// Package affaldsbot holds the domain of the waste-advice helpdesk: enquiries,
// their messages and events, and the lifecycle rules. It does no I/O; the
// subpackages store, transport and present what is defined here.
package affaldsbot

import (
	"errors"
	"fmt"
	"time"
)

// Error codes a caller can test for with ErrorCode.
const (
	ECONFLICT  = "conflict"  // the action does not fit the current state
	EFORBIDDEN = "forbidden" // the actor may not do this
	EINTERNAL  = "internal"  // something broke
	EINVALID   = "invalid"   // the input is malformed
	ENOTFOUND  = "not_found" // the thing does not exist
)

// Error is a domain error with a code and a message fit for the person who
// caused it.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("affaldsbot error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of the first *Error in err's chain,
// or a generic text for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// RetryLater asks the job runner to try again after a pause that the other
// side named (Slack's Retry-After), without counting it as a failure.
type RetryLater struct {
	After time.Duration
	Err   error
}

func (e *RetryLater) Error() string { return fmt.Sprintf("retry after %s: %v", e.After, e.Err) }
func (e *RetryLater) Unwrap() error { return e.Err }

// Package affaldsbot holds the domain of the waste-advice helpdesk: enquiries,
// their messages and events, and the lifecycle rules. It does no I/O; the
// subpackages store, transport and present what is defined here.
package affaldsbot

import (
	"errors"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot/locale"
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
// caused it: a text of the catalogue (Text) for advisers, translated where it
// is shown, or a fixed text (Message) for operators.
type Error struct {
	Code    string
	Message string
	Text    *locale.Error
}

func (e *Error) Error() string {
	return fmt.Sprintf("affaldsbot error: code=%s message=%s", e.Code, e.message())
}

// Unwrap gives the catalogue text, so a surface finds it in any chain.
func (e *Error) Unwrap() error {
	if e.Text == nil {
		return nil
	}
	return e.Text
}

func (e *Error) message() string {
	if e.Text != nil {
		return e.Text.Error()
	}
	return e.Message
}

// Errorf returns an *Error with the given code and a fixed text, for
// operators (command line, settings).
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NewError returns an *Error with the given code and the catalogue's text
// for key (package locale), for advisers: the surface shows it in BOT_LANG.
func NewError(code, key string, args ...any) *Error {
	return &Error{Code: code, Text: locale.NewError(key, args...)}
}

// Invalid returns err, whose chain holds a catalogue text (*locale.Error),
// as an EINVALID error for the person who caused it.
func Invalid(err error) *Error {
	var text *locale.Error
	if errors.As(err, &text) {
		return &Error{Code: EINVALID, Text: text}
	}
	return &Error{Code: EINVALID, Message: err.Error()}
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

// ErrorMessage returns the human message of the first *Error in err's chain
// (a catalogue text in English), or a generic text for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.message()
	}
	return "Internal error."
}

// ErrorText is what the person who caused err reads, in p's language: the
// catalogue text in its chain, else the fixed text of its *Error, else the
// catalogue's word for an internal error.
func ErrorText(p *locale.Printer, err error) string {
	if err == nil {
		return ""
	}
	if text, ok := p.Error(err); ok {
		return text
	}
	var e *Error
	if errors.As(err, &e) && e.Message != "" && e.Code != EINTERNAL {
		return e.Message
	}
	return p.Printf("internal_error")
}

// RetryLater asks the job runner to try again after a pause that the other
// side named (Slack's Retry-After), without counting it as a failure.
type RetryLater struct {
	After time.Duration
	Err   error
}

func (e *RetryLater) Error() string { return fmt.Sprintf("retry after %s: %v", e.After, e.Err) }
func (e *RetryLater) Unwrap() error { return e.Err }

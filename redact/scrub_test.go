package redact_test

import (
	"errors"
	"io"
	"testing"

	"github.com/affaldsbot/affaldsbot/redact"
)

func TestScrubError(t *testing.T) {
	err := redact.ScrubError(errors.Join(io.ErrUnexpectedEOF, errors.New("550 <jens@example.dk>: no such user, call 12 34 56 78")))
	if got, want := err.Error(), "unexpected EOF\n550 <[EMAIL_1]>: no such user, call [TELEFON_1]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Error("the scrubbed error no longer wraps the original")
	}
	if plain := errors.New("timeout"); redact.ScrubError(plain) != plain || redact.ScrubError(nil) != nil {
		t.Error("an error without personal data should pass as it is")
	}
}

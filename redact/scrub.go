package redact

// Scrub returns text fit for a log line: every CPR number, phone number and
// e-mail address the patterns find is replaced by its kind's placeholder.
// Unlike Redact it keeps nothing to restore.
func Scrub(text string) string { return New().Redact(text) }

// ScrubError returns err with its text scrubbed, for errors that travel to a
// log or a job queue's record; errors.Is and errors.As still see err.
func ScrubError(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	if clean := Scrub(text); clean != text {
		return &scrubbed{err: err, text: clean}
	}
	return err
}

type scrubbed struct {
	err  error
	text string
}

func (e *scrubbed) Error() string { return e.text }
func (e *scrubbed) Unwrap() error { return e.err }

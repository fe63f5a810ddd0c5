package locale

import "errors"

// Error is something to tell the person who caused it, as a catalogue key and
// its arguments. The surface that shows it translates it (Printer.Error);
// Error() is the English text, for logs.
type Error struct {
	Key  string
	Args []any
}

// NewError returns an Error with the catalogue's key and the arguments its
// text takes.
func NewError(key string, args ...any) *Error { return &Error{Key: key, Args: args} }

func (e *Error) Error() string { return NewPrinter(English).Printf(e.Key, e.Args...) }

// Translate returns the error's text in p's language.
func (e *Error) Translate(p *Printer) string { return p.Printf(e.Key, e.Args...) }

// Error returns the text of the first *Error in err's chain in p's language;
// ok is false when the chain holds none.
func (p *Printer) Error(err error) (text string, ok bool) {
	var e *Error
	if !errors.As(err, &e) {
		return "", false
	}
	return e.Translate(p), true
}

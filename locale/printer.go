package locale

import (
	"fmt"
	"strconv"
)

// Printer formats the catalogue's texts in one language.
type Printer struct {
	lang  string
	texts map[string]string
}

// NewPrinter returns the printer of lang; an unknown language gets Danish.
func NewPrinter(lang string) *Printer {
	if t, ok := texts[lang]; ok {
		return &Printer{lang: lang, texts: t}
	}
	return &Printer{lang: Danish, texts: texts[Danish]}
}

// Lang is the printer's language, "da" or "en".
func (p *Printer) Lang() string { return p.lang }

// Printf returns the text of key with args put in. Every text of the
// catalogue is a fmt format (a literal percent sign is written %%), and its
// numbers are written as fmt writes them, never grouped: they are often
// enquiry numbers or parts of a command (a count for people is passed as a
// Number). A key the catalogue lacks is formatted as it stands (the catalogue
// test forbids that).
func (p *Printer) Printf(key string, args ...any) string {
	text, ok := p.texts[key]
	if !ok {
		text = key
	}
	return fmt.Sprintf(text, p.numbers(args)...)
}

// numbers returns args with every Number written out, in a copy when there
// is one (the caller's slice stays as it was).
func (p *Printer) numbers(args []any) []any {
	copied := false
	for i, a := range args {
		if n, ok := a.(Number); ok {
			if !copied {
				args, copied = append([]any(nil), args...), true
			}
			args[i] = p.Int(int(n))
		}
	}
	return args
}

// Number is a count for people, not an identifier: Printf writes it with the
// language's thousands separator (20.000, 20,000). Its verb is %s.
type Number int

// Int writes n with the language's thousands separator: 20.000 or 20,000.
func (p *Printer) Int(n int) string {
	s, sign := strconv.Itoa(n), ""
	if n < 0 {
		s, sign = s[1:], "-"
	}
	sep := p.Printf("number_thousands")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return sign + s
}

// Template returns the text of key as written: a fmt format that the caller
// fills in later (a label table built once). A key the catalogue lacks is
// returned as it stands.
func (p *Printer) Template(key string) string {
	if text, ok := p.texts[key]; ok {
		return text
	}
	return key
}

// Labels returns a label per value: the text of prefix+value, for a table
// built once ("status_" + "new" → "Ny").
func Labels[K ~string](p *Printer, prefix string, values ...K) map[K]string {
	m := make(map[K]string, len(values))
	for _, v := range values {
		m[v] = p.Printf(prefix + string(v))
	}
	return m
}

package locale

import "golang.org/x/text/message"

// Printer formats the catalogue's texts in one language.
type Printer struct {
	lang string
	p    *message.Printer
}

// NewPrinter returns the printer of lang; an unknown language gets Danish.
func NewPrinter(lang string) *Printer {
	if p, ok := printers[lang]; ok {
		return p
	}
	return printers[Danish]
}

// Lang is the printer's language, "da" or "en".
func (p *Printer) Lang() string { return p.lang }

// Printf returns the text of key with args put in, fmt-style. A key the
// catalogue lacks is formatted as it stands (the catalogue test forbids that).
func (p *Printer) Printf(key string, args ...any) string {
	return p.p.Sprintf(key, args...)
}

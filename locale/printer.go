package locale

import "fmt"

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
// enquiry numbers or parts of a command. A key the catalogue lacks is
// formatted as it stands (the catalogue test forbids that).
func (p *Printer) Printf(key string, args ...any) string {
	text, ok := p.texts[key]
	if !ok {
		text = key
	}
	return fmt.Sprintf(text, args...)
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

package locale

import (
	"strconv"
	"time"
)

// Month is the short name of month m: "dec." or "Dec".
func (p *Printer) Month(m time.Month) string { return p.Printf("month_" + strconv.Itoa(int(m))) }

// Date writes a day: "4. dec. 2026" or "4 Dec 2026".
func (p *Printer) Date(year int, month time.Month, day int) string {
	return p.Printf("date", day, p.Month(month), year)
}

// DateOf writes t's day in t's location.
func (p *Printer) DateOf(t time.Time) string { return p.Date(t.Year(), t.Month(), t.Day()) }

// DateTime writes t with its time of day: "4. dec. 2026 16:00".
func (p *Printer) DateTime(t time.Time) string { return p.DateOf(t) + " " + t.Format("15:04") }

// Deadline writes t as a deadline is written in a sentence: "4. dec. 2026
// kl. 16:00" or "4 Dec 2026 16:00".
func (p *Printer) Deadline(t time.Time) string {
	return p.Printf("date_at", p.DateOf(t), t.Format("15:04"))
}

// LongDate writes a day as a letter does: "17. december 2026" or
// "17 December 2026".
func (p *Printer) LongDate(t time.Time) string {
	return p.Printf("date", t.Day(), p.Printf("month_long_"+strconv.Itoa(int(t.Month()))), t.Year())
}

// Lookup returns the text of key as written, unformatted; ok is false when
// the catalogue has none.
func (p *Printer) Lookup(key string) (text string, ok bool) {
	text, ok = p.texts[key]
	return text, ok
}

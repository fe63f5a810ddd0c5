package redact_test

import (
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/redact"
)

// BenchmarkRedactMail redacts a typical citizen mail of about 2 KB.
func BenchmarkRedactMail(b *testing.B) {
	mail := strings.Repeat("Hej, jeg har en fedtet pizzaæske og nogle spraydåser. Hvor skal de hen? ", 20) +
		"Mit CPR-nummer er 120379-1234. Ring på 22 33 44 55 eller skriv til mette.fh@example.dk. Mvh Mette Frederiksen-Holm"
	b.SetBytes(int64(len(mail)))
	for b.Loop() {
		r := redact.New("Mette Frederiksen-Holm")
		r.Restore(r.Redact(mail))
	}
}

// BenchmarkRedactLongNumbers redacts 20,000 digits in runs: the worst case
// for the number patterns.
func BenchmarkRedactLongNumbers(b *testing.B) {
	text := strings.Repeat("1234567890123", 1000) + " " + strings.Repeat("12 34 56 78 ", 500)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		redact.New().Redact(text)
	}
}

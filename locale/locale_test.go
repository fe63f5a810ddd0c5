package locale_test

import (
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot/locale"
)

// verbRE finds fmt verbs, flags and width included; %% is no verb.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

func TestEveryKeyInEveryLanguage(t *testing.T) {
	for _, key := range locale.Keys() {
		da, okDA := locale.Text(locale.Danish, key)
		en, okEN := locale.Text(locale.English, key)
		switch {
		case !okDA || !okEN:
			t.Errorf("%s: Danish %v, English %v", key, okDA, okEN)
		case da == "" || en == "":
			t.Errorf("%s: empty text", key)
		default:
			if diff := cmp.Diff(verbs(en), verbs(da)); diff != "" {
				t.Errorf("%s: verbs differ (-en +da):\n%s", key, diff)
			}
		}
	}
}

func TestPrinter(t *testing.T) {
	da, en := locale.NewPrinter(locale.Danish), locale.NewPrinter(locale.English)
	tests := []struct {
		p    *locale.Printer
		want string
	}{
		{da, "Du har allerede #7."},
		{en, "You already hold #7."},
		{locale.NewPrinter("fr"), "Du har allerede #7."}, // unknown: Danish
		{locale.NewPrinter(""), "Du har allerede #7."},
	}
	for _, tt := range tests {
		if got := tt.p.Printf("already_yours", "#7"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.p.Lang(), got, tt.want)
		}
	}
}

// Numbers in the catalogue's texts are often enquiry numbers or parts of a
// command ("#1042", "show 1042"): they are written as fmt writes them, never
// grouped by language.
func TestNumbersAreNotGrouped(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{
		{locale.Danish, "#1042 har ingen mail at svare på."},
		{locale.English, "#1042 has no mail to answer."},
	} {
		if got := locale.NewPrinter(tt.lang).Printf("demo_no_mail", 1042); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestErrorIsTranslatedWhereItIsShown(t *testing.T) {
	err := fmt.Errorf("claim enquiry 7: %w", locale.NewError("held_by", "#7", "U1"))
	if got, want := err.Error(), "claim enquiry 7: #7 is already held by <@U1>."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	text, ok := locale.NewPrinter(locale.Danish).Error(err)
	if want := "#7 er allerede taget af <@U1>."; !ok || text != want {
		t.Errorf("Danish text = %q, %v; want %q", text, ok, want)
	}
	if _, ok := locale.NewPrinter(locale.Danish).Error(errors.New("disk full")); ok {
		t.Error("a plain error was translated")
	}
}

// TestCountsAreGrouped: a Number, a count for people, has the language's
// thousands separator; a plain int (an enquiry number) has none.
func TestCountsAreGrouped(t *testing.T) {
	da, en := locale.NewPrinter(locale.Danish), locale.NewPrinter(locale.English)
	for _, tt := range []struct{ got, want string }{
		{da.Printf("reply_too_long", locale.Number(20512), locale.Number(20000)), "Svaret er for langt: 20.512 tegn, højst 20.000."},
		{en.Printf("reply_too_long", locale.Number(20512), locale.Number(20000)), "The reply is too long: 20,512 characters, at most 20,000."},
		{da.Int(999), "999"}, {da.Int(1000), "1.000"}, {en.Int(-1234567), "-1,234,567"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	at := time.Date(2026, time.December, 4, 16, 0, 0, 0, time.UTC)
	da, en := locale.NewPrinter(locale.Danish), locale.NewPrinter(locale.English)
	for _, tt := range []struct{ got, want string }{
		{da.DateOf(at), "4. dec. 2026"}, {en.DateOf(at), "4 Dec 2026"},
		{da.DateTime(at), "4. dec. 2026 16:00"}, {en.DateTime(at), "4 Dec 2026 16:00"},
		{da.Deadline(at), "4. dec. 2026 kl. 16:00"}, {en.Deadline(at), "4 Dec 2026 16:00"},
		{da.LongDate(at), "4. december 2026"}, {en.LongDate(at), "4 December 2026"},
		{da.Date(2027, time.May, 1), "1. maj 2027"}, {en.Date(2027, time.May, 1), "1 May 2027"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

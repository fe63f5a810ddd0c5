package redact_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/google/go-cmp/cmp"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
		names          []string
	}{
		{"cpr with dash", "Mit CPR er 010190-1234.", "Mit CPR er [CPR_1].", nil},
		{"cpr without dash", "cpr 3112991234 tak", "cpr [CPR_1] tak", nil},
		{"cpr with space", "cpr 010190 1234", "cpr [CPR_1]", nil},
		{"no cpr with impossible date", "ordre 321390-1234", "ordre 321390-1234", nil},
		{"no cpr inside a longer number", "ordre 12010190123456", "ordre 12010190123456", nil},
		{"an account after its word", "konto 12010190123456", "konto [KONTO_1]", nil},
		{"phone grouped 2-2-2-2", "ring 12 34 56 78", "ring [TELEFON_1]", nil},
		{"phone grouped 4-4", "ring 1234 5678 i dag", "ring [TELEFON_1] i dag", nil},
		{"phone plain", "tlf. 12345678.", "tlf. [TELEFON_1].", nil},
		{"phone with +45", "tlf +45 12 34 56 78", "tlf [TELEFON_1]", nil},
		{"phone with +45 no spaces", "tlf +4512345678", "tlf [TELEFON_1]", nil},
		{"phone with 0045", "tlf 0045 12345678", "tlf [TELEFON_1]", nil},
		{"postcode and year stay", "2300 København S, i 2024", "2300 København S, i 2024", nil},
		{"two years stay", "fra 2023 2024", "fra 2023 2024", nil},
		{"date stays", "tømt 26.11.2026", "tømt 26.11.2026", nil},
		{"email", "skriv til jens.hansen@example.dk!", "skriv til [EMAIL_1]!", nil},
		{"email with æøå", "søren@kø.dk", "[EMAIL_1]", nil},
		{"full name", "Hilsen Jens Hansen", "Hilsen [NAVN_1]", []string{"Jens Hansen"}},
		{"first and last name alone", "Jens her. Det er familien hansen", "[NAVN_1] her. Det er familien [NAVN_2]", []string{"Jens Hansen"}},
		{"a signature at the end", "Jens her. Familien hansen", "[NAVN_1] her. [NAVN_2]", []string{"Jens Hansen"}},
		{"name is word-bounded", "jensen og Jens", "jensen og [NAVN_1]", []string{"Jens Hansen"}},
		{"name with æøå", "Hej SØREN, fru ørsted", "Hej [NAVN_1], fru [NAVN_2]", []string{"Søren Ørsted"}},
		{"same value same placeholder", "12345678 eller 12345678, ikke 87654321", "[TELEFON_1] eller [TELEFON_1], ikke [TELEFON_2]", nil},
		{"placeholder-looking text", "skriv [NAVN_1] til Jens", "skriv [NAVN_1] til [NAVN_2]", []string{"Jens"}},
		{"name inside email goes with it", "jens@hansen.dk", "[EMAIL_1]", []string{"Jens Hansen"}},
		{"cpr with an en dash", "cpr 020285–4321", "cpr [CPR_1]", nil},
		{"cpr with a non-breaking hyphen", "cpr 030310\u20115678", "cpr [CPR_1]", nil},
		{"cpr with dots", "cpr 04.05.90-1234", "cpr [CPR_1]", nil},
		{"phone with dashes", "ring 23-45-67-89", "ring [TELEFON_1]", nil},
		{"phone with dots", "ring 23.45.67.89", "ring [TELEFON_1]", nil},
		{"phone with non-breaking spaces", "ring 23\u00a045\u00a067\u00a089", "ring [TELEFON_1]", nil},
		{"swedish phone", "ring +46 70 123 45 67", "ring [TELEFON_1]", nil},
		{"german phone", "ring +49 30 1234567", "ring [TELEFON_1]", nil},
		{"office phone stays", "Ring til Kundeservice på 33 66 33 66", "Ring til Kundeservice på 33 66 33 66", nil},
		{"genitive keeps the placeholder of the name", "Hansens sofa, sagde Jens Hansen", "[NAVN_1]s sofa, sagde [NAVN_2]", []string{"Jens Hansen"}},
		{"signature without a display name", "Hent sofaen.\nVenlig hilsen\nKarl Nielsen", "Hent sofaen.\nVenlig hilsen\n[NAVN_1]", nil},
		{"address with floor, door, postcode", "Jeg bor på Nørrebrogade 12, 2. th., 2200 København N.", "Jeg bor på [ADRESSE_1].", nil},
		{"postcode and town alone stay", "Vi bor i 2300 København S.", "Vi bor i 2300 København S.", nil},
		{"number plate", "bilen AB 12 345 holdt der", "bilen [NUMMERPLADE_1] holdt der", nil},
		{"iban", "konto DK50 0040 0440 1162 43", "konto [KONTO_1]", nil},
		{"waste vocabulary stays", "Tømning 10.00-17.00, 660 l, 25 kg, 1.250 kr., 26.11.2026, uge 2026-2027",
			"Tømning 10.00-17.00, 660 l, 25 kg, 1.250 kr., 26.11.2026, uge 2026-2027", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := redact.New(tt.names...)
			got := r.Redact(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Redact(%q) (-want +got):\n%s", tt.in, diff)
			}
			if back := r.Restore(got); back != tt.in {
				t.Errorf("Restore(Redact(%q)) = %q", tt.in, back)
			}
		})
	}
}

func TestRestoreKeepsUnknownPlaceholders(t *testing.T) {
	r := redact.New("Jens Hansen")
	r.Redact("Kære Jens")
	got := r.Restore("Kære [NAVN_1], se [NAVN_7] og [CPR_1]")
	if want := "Kære Jens, se [NAVN_7] og [CPR_1]"; got != want {
		t.Errorf("Restore = %q, want %q", got, want)
	}
}

func TestPlaceholdersAreSharedAcrossTexts(t *testing.T) {
	r := redact.New("Jens Hansen")
	subject := r.Redact("Pizzabakke - Jens Hansen")
	body := r.Redact("Mvh Jens Hansen, 12345678")
	if !strings.Contains(subject, "[NAVN_1]") || !strings.Contains(body, "[NAVN_1]") {
		t.Errorf("subject %q and body %q should share [NAVN_1]", subject, body)
	}
	if got := r.Placeholders(); got != 2 {
		t.Errorf("Placeholders() = %d, want 2", got)
	}
}

// cprShaped is an independent statement of what must never survive: ten
// digits (optionally DDMMYY-XXXX or DDMMYY XXXX) not inside a longer number,
// whose first six can be a date.
var cprShaped = regexp.MustCompile(`(?:^|[^0-9])((0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}[- ]?[0-9]{4})(?:[^0-9]|$)`)

func FuzzRedactRestore(f *testing.F) {
	for _, s := range []string{
		"Mit CPR er 010190-1234, ring 12 34 56 78 eller skriv jens@example.dk. Mvh Jens Hansen",
		"[NAVN_1] [CPR_2] 0101901234", "+45 1234 5678", "2300 2024", "jens0101901234", "\xff010190-1234\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := redact.New("Jens Hansen", "Søren")
		out := r.Redact(in)
		if back := r.Restore(out); back != in {
			t.Fatalf("Restore(Redact(%q)) = %q via %q", in, back, out)
		}
		if m := cprShaped.FindString(out); m != "" {
			t.Fatalf("Redact(%q) = %q keeps CPR-shaped %q", in, out, m)
		}
	})
}

func TestKnownValues(t *testing.T) {
	r := redact.New("Jens Hansen").Known(redact.KindPhone, "+45 11-22-33-44", "").Known(redact.KindEmail, "jens@hansen")
	got := r.Redact("ring +45 11-22-33-44 eller skriv JENS@hansen")
	if want := "ring [TELEFON_1] eller skriv [EMAIL_1]"; got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
}

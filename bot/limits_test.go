package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"fits", "kort tekst", 10, "kort tekst"},
		{"at a space", "en to tre fire fem", 13, "en to tre…"},
		{"at a line break", "første linje\nanden linje", 16, "første linje…"},
		{"runes, not bytes", "ææææææææææ", 5, "ææææ…"},
		{"not inside an entity", "aaaaaaa &amp;", 12, "aaaaaaa…"},
		{"marker longer than max", "abcdef", 1, "…"},
		{"zero", "abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.max, "…")
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > tt.max {
				t.Errorf("%d runes, over %d", n, tt.max)
			}
		})
	}
}

func TestChunks(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     []string
	}{
		{"one piece", "hej", 10, []string{"hej"}},
		{"paragraphs", "aaaa bbbb\n\ncccc dddd", 12, []string{"aaaa bbbb", "cccc dddd"}},
		{"words", "aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"no spaces", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"entity kept whole", "abc&amp;def", 5, []string{"abc", "&amp;", "def"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Chunks(tt.in, tt.max)); diff != "" {
				t.Errorf("Chunks (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzChunks(f *testing.F) {
	f.Add("aaaa bbbb\n\ncccc", 5)
	f.Add("&amp;&lt;&gt;", 4)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 1 || max > 5000 || !utf8.ValidString(s) {
			return
		}
		s = Escape(s)
		pieces := Chunks(s, max)
		joined := strings.Join(pieces, "")
		for _, p := range pieces {
			if utf8.RuneCountInString(p) > max {
				t.Fatalf("piece of %d runes, max %d", utf8.RuneCountInString(p), max)
			}
		}
		if strip(joined) != strip(s) {
			t.Fatalf("text lost: %q became %q", s, pieces)
		}
	})
}

// strip drops whitespace, which Chunks may remove at the cuts.
func strip(s string) string { return strings.Join(strings.Fields(s), "") }

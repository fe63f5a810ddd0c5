package guidance

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"batteri", "batteri", true},
		{"batteri", "batterri", true}, // insertion
		{"kaffekapsl", "kafekapsl", true},
		{"spraydås", "sprydås", true},
		{"pære", "pæra", true},    // substitution
		{"plast", "palst", true},  // swap
		{"plast", "pslat", false}, // two edits
		{"glas", "glasses", false},
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestVocabularyVariants(t *testing.T) {
	v := builtinIndex(t).vocab
	tests := []struct {
		word string
		want variants
	}{
		{"kafekapsler", variants{ending: "kapsler"}},
		{"spraydaaser", variants{spelling: "spraydåser"}},
		{"ølflasker", variants{ending: "flasker"}},
		{"malingsspande", variants{parts: []string{"malings"}, ending: "spande"}},
	}
	for _, tt := range tests {
		got := v.alternatives(tt.word)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(variants{})); diff != "" {
			t.Errorf("alternatives(%q) (-want +got):\n%s", tt.word, diff)
		}
	}
	if got := v.near("batterrier"); !cmp.Equal(got, []string{"batteri"}) {
		t.Errorf("near(batterrier) = %v, want [batteri]", got)
	}
	if got := v.split("pizzabakker", 2, strictTail); !cmp.Equal(got, []string{"pizza", "bakker"}) {
		t.Errorf("split(pizzabakker) = %v, want [pizza bakker]", got)
	}
}

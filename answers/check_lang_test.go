package answers_test

import (
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// TestCheckSaysWhatIsWrongInTheLeadsLanguage: the team lead reads Check's
// refusal in the modal, in BOT_LANG.
func TestCheckSaysWhatIsWrongInTheLeadsLanguage(t *testing.T) {
	tests := []struct {
		a      answers.Answer
		da, en string
	}{
		{answers.Answer{Name: "Pap!", Title: "Pap", Body: "x"}, "kan ikke bruges som navn", "cannot be used as a name"},
		{answers.Answer{Name: "pap", Title: "", Body: "x"}, "Titlen skal have 1 til 60 tegn", "The title must have 1 to 60 characters"},
		{answers.Answer{Name: "pap", Title: "Pap", Body: " "}, "Skriv en tekst", "Write a text"},
		{answers.Answer{Name: "pap", Title: "Pap", Body: strings.Repeat("x", 3001)}, "højst 3000 tegn", "at most 3000 characters"},
	}
	for _, tt := range tests {
		err := tt.a.Check()
		da, ok := locale.NewPrinter(locale.Danish).Error(err)
		en, _ := locale.NewPrinter(locale.English).Error(err)
		if !ok || !strings.Contains(da, tt.da) || !strings.Contains(en, tt.en) {
			t.Errorf("Check(%s, %q) = %v: Danish %q, English %q; want %q and %q", tt.a.Name, tt.a.Title, err, da, en, tt.da, tt.en)
		}
	}
}

package handlers

import "testing"

// TestModelAnswerKeepsTheAnswer: only a greeting line of its own is taken
// out of what the model wrote; an answer that starts with "Hej" stays.
func TestModelAnswerKeepsTheAnswer(t *testing.T) {
	tests := []struct{ in, answer, greeted string }{
		{"Hej Mette Holm,\n\nGlas med låg må i glas.", "Glas med låg må i glas.", "Mette Holm"},
		{"Kære borger\n\nGlas må i glas.\n\nMed venlig hilsen\nAffald", "Glas må i glas.", ""},
		{"Hej, glas med låg må i glasbeholderen.", "Hej, glas med låg må i glasbeholderen.", ""},
		{"Hej Mette, glas med låg må i glasbeholderen.\nLåget må gerne sidde på.", "Hej Mette, glas med låg må i glasbeholderen.\nLåget må gerne sidde på.", ""},
		{"## Svar\nDear Emily,\n\nGlass goes in the **glass** bin.\n\nKind regards", "Glass goes in the glass bin.", "Emily"},
	}
	for _, tt := range tests {
		answer, greeted := modelAnswer(tt.in)
		if answer != tt.answer || greeted != tt.greeted {
			t.Errorf("modelAnswer(%q) = %q, %q; want %q, %q", tt.in, answer, greeted, tt.answer, tt.greeted)
		}
	}
}

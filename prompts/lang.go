package prompts

import (
	"strings"
	"unicode"
)

// Words that mark a text as Danish or English; short and common, so even a
// two-line mail shows its language.
var (
	danishWords  = words("og i jeg er det at en den til på med ikke hvor skal kan min mit mine har hvad hvordan hej tak venlig hilsen mvh vi de om af må smide affald skraldespand")
	englishWords = words("the and i is it to a of in on with not where should can my have what how hello hi thanks thank regards dear we you please do bin waste rubbish")
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// DetectLang guesses whether text is Danish ("da") or English ("en"). Danish
// letters (æ, ø, å) and common words count for Danish, common English words
// for English; a tie or an empty text is Danish, the team's language.
func DetectLang(text string) string {
	da, en := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if strings.ContainsAny(w, "æøå") {
			da += 2
		}
		if danishWords[w] {
			da++
		}
		if englishWords[w] {
			en++
		}
	}
	if en > da {
		return "en"
	}
	return "da"
}

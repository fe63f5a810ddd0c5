package guidance

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// minPart is the shortest part (in runes) a compound may be split into.
const minPart = 3

// vocabulary knows the Danish stems of every word in the corpus and every
// proper suffix of those stems. Danish writes compounds as one word, and
// the last part names the thing ("pizzabakke" is a "bakke"), so compounds
// are split against this vocabulary at index time and at query time.
type vocabulary struct {
	analyzer analysis.Analyzer // Danish, as in the indexed fields
	english  analysis.Analyzer // as in the English keyword field
	stems    map[string]struct{}
	suffixes map[string]struct{}
	fuzzy    fuzzyMap
}

func newVocabulary(im *mapping.IndexMappingImpl, entries []entry) (*vocabulary, error) {
	a, e := im.AnalyzerNamed(da.AnalyzerName), im.AnalyzerNamed(en.AnalyzerName)
	if a == nil || e == nil {
		return nil, fmt.Errorf("guidance: analyzers %q and %q must be registered", da.AnalyzerName, en.AnalyzerName)
	}
	v := &vocabulary{analyzer: a, english: e, stems: map[string]struct{}{}, suffixes: map[string]struct{}{}}
	for _, e := range entries {
		for _, s := range v.stemsOf(entryText(e)) {
			v.stems[s] = struct{}{}
		}
	}
	for s := range v.stems {
		for _, suf := range properSuffixes(s) {
			v.suffixes[suf] = struct{}{}
		}
	}
	v.fuzzy = newFuzzyMap(v.stems)
	return v, nil
}

func entryText(e entry) string {
	return e.Title + " " + strings.Join(e.keywords, " ") + " " + e.Text
}

// stemsOf returns the Danish stems of the words in text, stop words left out.
func (v *vocabulary) stemsOf(text string) []string {
	toks := v.analyzer.Analyze([]byte(text))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

// properSuffixes returns the suffixes of s of at least minPart runes that
// leave at least two runes in front.
func properSuffixes(s string) []string {
	r := []rune(s)
	var out []string
	for i := 2; i <= len(r)-minPart; i++ {
		out = append(out, string(r[i:]))
	}
	return out
}

// words splits text into lower-case words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// stem returns the Danish stem of one word, or "" for a stop word.
func (v *vocabulary) stem(word string) string { return firstTerm(v.analyzer, word) }

// englishStem returns the English stem of one word, or "" for a stop word.
func (v *vocabulary) englishStem(word string) string { return firstTerm(v.english, word) }

func firstTerm(a analysis.Analyzer, word string) string {
	toks := a.Analyze([]byte(word))
	if len(toks) == 0 {
		return ""
	}
	return string(toks[0].Term)
}

// near returns corpus stems one typo away from the word's stem.
func (v *vocabulary) near(word string) []string {
	return v.fuzzy.near(v.stem(word), v.stems)
}

// known reports whether the corpus uses the word (in any inflection).
func (v *vocabulary) known(word string) bool {
	_, ok := v.stems[v.stem(word)]
	return ok
}

// knownEnding reports whether the word ends some compound of the corpus
// ("spande" ends "malerspande").
func (v *vocabulary) knownEnding(word string) bool {
	_, ok := v.suffixes[v.stem(word)]
	return ok
}

// compoundParts returns the parts of every compound word in text whose
// parts the corpus uses on their own.
func (v *vocabulary) compoundParts(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words(text) {
		if seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, v.split(w, 2, strictTail)...)
	}
	return out
}

// suffixField lists the proper suffixes of the stems in text, for the
// field that lets the last part of a compound find the whole.
func (v *vocabulary) suffixField(text string) string {
	seen := map[string]bool{}
	var out []string
	for _, s := range v.stemsOf(text) {
		for _, suf := range properSuffixes(s) {
			if !seen[suf] {
				seen[suf] = true
				out = append(out, suf)
			}
		}
	}
	return strings.Join(out, " ")
}

package insights

import (
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/registry"
)

// analyzer is bleve's Danish analyzer: lower case, Danish stop words,
// Snowball's Danish stemmer.
var analyzer = sync.OnceValue(func() analysis.Analyzer {
	a, err := registry.NewCache().AnalyzerNamed(da.AnalyzerName)
	if err != nil {
		panic("insights: the Danish analyzer is not registered: " + err.Error())
	}
	return a
})

// extraStop are words of every enquiry that say nothing of its question:
// greetings, sign-offs, politeness and question words, as stems.
var extraStop = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, s := range stems(`hej hejsa kære goddag hilsen hilsener venlig venligst mvh vh tak forhånd
		spørgsmål spørge gerne hjælp hjælpe svar svare hvor hvad hvordan hvornår hvorfor hvilken hvilket hvilke
		kan kunne skal skulle må måtte jeg vi du i man os jer lige bare også nu gang første
		hello hi dear thanks thank regards kind please question`) {
		out[s] = true
	}
	return out
})

// stems are the Danish stems of text's words.
func stems(text string) []string {
	ts := analyzer().Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// terms are the stems that carry a question's content: no stop words, no
// numbers, no single letters.
func terms(text string) []string {
	stop := extraStop()
	var out []string
	for _, s := range stems(text) {
		if len([]rune(s)) < 2 || stop[s] || strings.IndexFunc(s, unicode.IsLetter) < 0 {
			continue
		}
		out = append(out, s)
	}
	return out
}

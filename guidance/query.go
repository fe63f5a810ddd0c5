package guidance

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Field weights. A word in a title or keyword list says more about a
// passage than the same word in its text.
var fieldBoost = map[string]float64{
	fieldTitle:      3,
	fieldKeywords:   2,
	fieldKeywordsEn: 2,
	fieldText:       1,
	fieldFraction:   1,
	fieldParts:      0.7,
	fieldSuffix:     0.5,
}

var (
	danishFields = []string{fieldTitle, fieldKeywords, fieldText, fieldFraction, fieldParts}
	fuzzyFields  = []string{fieldTitle, fieldKeywords, fieldText}
)

const (
	fuzzyMinRunes = 5    // shorter words are matched exactly only
	fuzzyWeight   = 0.5  // share of the exact boost a fuzzy match gets
	headWeight    = 0.5  // share of the boost for first parts of a compound
	endWeight     = 0.8  // share of the boost for the last part of a compound
	maxQueryWords = 24   // longer questions are cut; bounds the query size
	maxK          = 1000 // upper bound on the number of hits asked for
)

// Search returns the k confirmed passages that best answer query, best
// first. Drafts are grounded in these only. An unconfirmed passage with a
// substitute ("Udkast:") is replaced by it, at its place; a passage found
// both so and itself stands once, at the better place.
func (ix *Index) Search(q string, k int) ([]Hit, error) {
	return ix.search(q, k, true)
}

// SearchAll is Search over every passage, unconfirmed ones included, for
// advisers who look the guidance up themselves.
func (ix *Index) SearchAll(q string, k int) ([]Hit, error) {
	return ix.search(q, k, false)
}

func (ix *Index) search(q string, k int, onlyConfirmed bool) ([]Hit, error) {
	if k <= 0 {
		return nil, nil
	}
	qry := ix.buildQuery(q)
	if qry == nil {
		return nil, nil
	}
	size := k
	if onlyConfirmed {
		size += ix.unconfirmed // enough that dropping them leaves the best k
	}
	req := bleve.NewSearchRequestOptions(qry, min(size, maxK), 0, false)
	res, err := ix.bi.SearchInContext(context.Background(), req)
	if err != nil {
		return nil, fmt.Errorf("guidance search %q: %w", q, err)
	}
	hits := make([]Hit, 0, min(k, len(res.Hits)))
	seen := map[string]bool{}
	for _, h := range res.Hits {
		p := ix.passages[h.ID]
		if onlyConfirmed && !p.Confirmed && p.Substitute != "" {
			p = ix.passages[p.Substitute]
		}
		if (p.Confirmed || !onlyConfirmed) && !seen[p.ID] && len(hits) < k {
			seen[p.ID] = true
			hits = append(hits, Hit{Passage: p, Score: h.Score})
		}
	}
	return hits, nil
}

// buildQuery ORs one sub-query per content word of the question, so that
// the coordination factor ranks a passage matching more of the words higher.
func (ix *Index) buildQuery(q string) query.Query {
	var subs []query.Query
	for _, w := range contentWords(q) {
		subs = append(subs, bleve.NewDisjunctionQuery(ix.wordQuery(w)...))
	}
	if len(subs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(subs...)
}

// wordQuery matches one word in every field and through the corpus stems
// one typo away. A word the corpus does not use and that is no typo of a
// word it uses is matched through its spelling variants and compound parts.
func (ix *Index) wordQuery(w string) []query.Query {
	subs := ix.exactQueries(w, 1)
	var near []string
	if len([]rune(w)) >= fuzzyMinRunes {
		near = ix.vocab.near(w)
	}
	for _, s := range near {
		subs = append(subs, termQueries(s, fuzzyFields, fuzzyWeight)...)
	}
	if len(near) == 0 && !ix.vocab.known(w) {
		subs = append(subs, ix.variantQueries(ix.vocab.alternatives(w))...)
	}
	return subs
}

func (ix *Index) variantQueries(alt variants) []query.Query {
	var subs []query.Query
	if alt.spelling != "" {
		subs = append(subs, ix.exactQueries(alt.spelling, 1)...)
	}
	for _, p := range alt.parts {
		subs = append(subs, ix.exactQueries(p, headWeight)...)
	}
	if alt.ending != "" {
		subs = append(subs, ix.exactQueries(alt.ending, endWeight)...)
	}
	return subs
}

// exactQueries matches the Danish stem of w in the Danish fields and as the
// last part of a compound, and its English stem among the keywords.
func (ix *Index) exactQueries(w string, weight float64) []query.Query {
	var subs []query.Query
	if s := ix.vocab.stem(w); s != "" {
		subs = termQueries(s, danishFields, weight)
		if len([]rune(s)) >= minPart {
			subs = append(subs, termQueries(s, []string{fieldSuffix}, weight)...)
		}
	}
	if s := ix.vocab.englishStem(w); s != "" {
		subs = append(subs, termQueries(s, []string{fieldKeywordsEn}, weight)...)
	}
	return subs
}

func termQueries(term string, fields []string, weight float64) []query.Query {
	out := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		t := bleve.NewTermQuery(term)
		t.SetField(f)
		t.SetBoost(fieldBoost[f] * weight)
		out = append(out, t)
	}
	return out
}

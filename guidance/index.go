package guidance

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Indexed fields and the weight a match in each carries.
const (
	fieldTitle      = "title"
	fieldKeywords   = "keywords"
	fieldKeywordsEn = "keywords_en"
	fieldText       = "text"
	fieldFraction   = "fraction"
	fieldParts      = "parts"
	fieldSuffix     = "suffix"

	// suffixAnalyzer splits the suffix field on spaces and nothing else:
	// its terms are already stems.
	suffixAnalyzer = "guidance_suffix"
)

// Index is an in-memory full-text index over the guidance passages. It is
// safe for concurrent use.
type Index struct {
	bi          bleve.Index
	passages    map[string]Passage
	unconfirmed int // how many passages Search leaves out
	vocab       *vocabulary
}

// doc is what bleve indexes for one passage.
type doc struct {
	Title      string `json:"title"`
	Keywords   string `json:"keywords"`
	KeywordsEn string `json:"keywords_en"`
	Text       string `json:"text"`
	Fraction   string `json:"fraction"`
	Parts      string `json:"parts"`
	Suffix     string `json:"suffix"`
}

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	err := im.AddCustomAnalyzer(suffixAnalyzer, map[string]any{
		"type": custom.Name, "tokenizer": whitespace.Name,
	})
	if err != nil {
		return nil, fmt.Errorf("guidance mapping: %w", err)
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldTitle, textField(da.AnalyzerName))
	dm.AddFieldMappingsAt(fieldKeywords, textField(da.AnalyzerName))
	dm.AddFieldMappingsAt(fieldKeywordsEn, textField(en.AnalyzerName))
	dm.AddFieldMappingsAt(fieldText, textField(da.AnalyzerName))
	dm.AddFieldMappingsAt(fieldFraction, textField(da.AnalyzerName))
	dm.AddFieldMappingsAt(fieldParts, textField(da.AnalyzerName))
	dm.AddFieldMappingsAt(fieldSuffix, textField(suffixAnalyzer))
	im.DefaultMapping = dm
	im.DefaultAnalyzer = da.AnalyzerName
	im.ScoringModel = index.BM25Scoring
	return im, nil
}

func textField(analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// build indexes the entries in one batch. BM25 needs per-field statistics
// that only the scorch index type keeps; an empty path keeps it in memory.
func build(entries []entry) (*Index, error) {
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("guidance index: %w", err)
	}
	ix := &Index{bi: bi, passages: make(map[string]Passage, len(entries))}
	if ix.vocab, err = newVocabulary(im, entries); err != nil {
		_ = bi.Close()
		return nil, err
	}
	if err := ix.indexAll(entries); err != nil {
		_ = bi.Close()
		return nil, err
	}
	return ix, nil
}

func (ix *Index) indexAll(entries []entry) error {
	b := ix.bi.NewBatch()
	for _, e := range entries {
		ix.passages[e.ID] = e.Passage
		if !e.Confirmed {
			ix.unconfirmed++
		}
		if err := b.Index(e.ID, ix.docFor(e)); err != nil {
			return fmt.Errorf("guidance index %s: %w", e.ID, err)
		}
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("guidance index: %w", err)
	}
	return nil
}

func (ix *Index) docFor(e entry) doc {
	kw := strings.Join(e.keywords, ", ")
	all := entryText(e)
	return doc{
		Title:      e.Title,
		Keywords:   kw,
		KeywordsEn: kw,
		Text:       e.Text,
		Fraction:   e.Fraction,
		Parts:      strings.Join(ix.vocab.compoundParts(all), " "),
		Suffix:     ix.vocab.suffixField(all),
	}
}

// Passage returns the passage with the given id.
func (ix *Index) Passage(id string) (Passage, bool) {
	p, ok := ix.passages[id]
	return p, ok
}

// Len reports the number of passages.
func (ix *Index) Len() int { return len(ix.passages) }

// Close releases the index.
func (ix *Index) Close() error {
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("guidance close: %w", err)
	}
	return nil
}

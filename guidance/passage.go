// Package guidance holds the sorting-guidance corpus and a full-text index
// over it. Drafts are grounded in the passages it returns.
package guidance

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Passage is one unit of guidance: one item, fraction or rule. Source is
// the URL of the page it rests on and Read the day that page was read
// (YYYY-MM-DD). Only a Confirmed passage, one whose every statement the
// source bears out, is offered to drafts. An unconfirmed passage may name
// a Substitute: the confirmed passage that answers what the sources do bear
// out of its question, which drafts quote in its place.
type Passage struct {
	ID         string
	Title      string
	Fraction   string
	Source     string
	Read       string
	Confirmed  bool
	Substitute string
	Text       string
}

// entry is a parsed passage with its keywords: extra search terms
// (synonyms, English words) that are indexed but not shown.
type entry struct {
	Passage
	keywords []string
}

// Hit is a passage found by Search with its relevance score.
type Hit struct {
	Passage
	Score float64
}

var (
	headingRe = regexp.MustCompile(`^##\s+([a-z0-9][a-z0-9-]*)\s*:\s*(\S.*)$`)
	fieldRe   = regexp.MustCompile(`^([A-Za-zæøåÆØÅ]+)\s*:\s*(.*)$`)
)

// fieldNames maps the accepted metadata labels (Danish and English) to the
// canonical field name.
var fieldNames = map[string]string{
	"fraktion": "fraction", "fraction": "fraction",
	"kilde": "source", "source": "source",
	"nøgleord": "keywords", "keywords": "keywords",
	"læst": "read", "read": "read",
	"bekræftet": "confirmed", "confirmed": "confirmed",
	"udkast": "substitute", "drafts": "substitute",
}

// confirmedValues maps the accepted answers of "Bekræftet:" to their meaning.
var confirmedValues = map[string]bool{"ja": true, "yes": true, "nej": false, "no": false}

// ParseError names the file and line of a malformed passage.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("guidance %s:%d: %s", e.File, e.Line, e.Msg)
}

// parseFile reads the passages of one Markdown file. Text before the first
// "## id: title" heading is ignored.
func parseFile(name string, data []byte) ([]entry, error) {
	var out []entry
	var cur *section
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if strings.HasPrefix(line, "## ") {
			p, err := cur.finish(name)
			if err != nil {
				return nil, err
			}
			out = appendIf(out, p, cur != nil)
			if cur, err = newSection(name, n, line); err != nil {
				return nil, err
			}
			continue
		}
		cur.add(line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("guidance %s: %w", name, err)
	}
	p, err := cur.finish(name)
	if err != nil {
		return nil, err
	}
	out = appendIf(out, p, cur != nil)
	if len(out) == 0 {
		return nil, &ParseError{File: name, Line: 1, Msg: `no passage found (want a "## id: title" heading)`}
	}
	return out, nil
}

func appendIf(ps []entry, p entry, ok bool) []entry {
	if ok {
		return append(ps, p)
	}
	return ps
}

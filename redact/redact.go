// Package redact keeps a citizen's personal data away from the language
// model: CPR numbers, phone numbers, e-mail addresses and known names are
// replaced by placeholders such as [CPR_1] before a prompt leaves the
// building, and the placeholders are put back in the model's answer.
package redact

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Kinds of personal data; each is the stem of its placeholders.
const (
	KindCPR   = "CPR"
	KindPhone = "TELEFON"
	KindEmail = "EMAIL"
	KindName  = "NAVN"
)

// placeholderRe matches a placeholder of any kind.
var placeholderRe = regexp.MustCompile(`\[(CPR|TELEFON|EMAIL|NAVN)_([0-9]+)\]`)

// Redactor replaces personal data by placeholders and back. One Redactor
// serves one prompt: the same value gets the same placeholder in every text
// it redacts, and Restore knows every placeholder it handed out. It is not
// safe for concurrent use.
type Redactor struct {
	known    []known
	byValue  map[string]string // original text → placeholder
	byHolder map[string]string // placeholder → original text
	counters map[string]int
}

// New returns a Redactor that, besides the patterns, replaces each known name
// and each of its words (first name, last name alone), case-insensitively.
func New(knownNames ...string) *Redactor {
	r := &Redactor{byValue: map[string]string{}, byHolder: map[string]string{}, counters: map[string]int{}}
	for _, n := range nameVariants(knownNames) {
		r.known = append(r.known, known{literalRe(n), KindName})
	}
	return r
}

// known is a value of the citizen's that is replaced wherever it stands.
type known struct {
	re   *regexp.Regexp
	kind string
}

// Known adds values of a kind that are replaced as they are written (case
// aside), besides what the patterns find: the citizen's address or number
// as the enquiry holds them. Empty values are skipped.
func (r *Redactor) Known(kind string, values ...string) *Redactor {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			r.known = append(r.known, known{literalRe(v), kind})
		}
	}
	return r
}

// nameVariants lists each name and its words of two or more letters, longest
// first and without repeats.
func nameVariants(names []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		key := strings.ToLower(s)
		if len([]rune(s)) >= 2 && !seen[key] {
			seen[key] = true
			out = append(out, s)
		}
	}
	for _, n := range names {
		words := strings.Fields(n)
		add(strings.Join(words, " "))
		for _, w := range words {
			add(strings.Trim(w, `.,;:"'()`))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// literalRe matches s case-insensitively, any run of spaces between its words.
func literalRe(s string) *regexp.Regexp {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?i)` + strings.Join(words, `\s+`))
}

// Redact returns text with every CPR number, phone number, e-mail address and
// known name replaced by its placeholder. Text that already looks like a
// placeholder is replaced too, so Restore gives back exactly the original.
func (r *Redactor) Redact(text string) string {
	spans := r.find(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.start])
		b.WriteString(r.placeholder(s.kind, text[s.start:s.end]))
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// Restore puts the original values back in place of the placeholders this
// Redactor handed out, in one pass; other text is left as it is.
func (r *Redactor) Restore(text string) string {
	return placeholderRe.ReplaceAllStringFunc(text, func(p string) string {
		if v, ok := r.byHolder[p]; ok {
			return v
		}
		return p
	})
}

// Placeholders reports how many values have been replaced so far.
func (r *Redactor) Placeholders() int { return len(r.byHolder) }

func (r *Redactor) placeholder(kind, value string) string {
	if p, ok := r.byValue[value]; ok {
		return p
	}
	r.counters[kind]++
	p := "[" + kind + "_" + strconv.Itoa(r.counters[kind]) + "]"
	r.byValue[value] = p
	r.byHolder[p] = value
	return p
}

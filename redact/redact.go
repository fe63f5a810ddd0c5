// Package redact keeps a citizen's personal data away from the language
// model: CPR numbers, phone numbers (Danish and foreign, however grouped),
// e-mail addresses, street addresses, number plates, bank accounts and
// names (the citizen's own in every form, names from Danmarks Statistik's
// lists, and names in signatures, after titles and after cues) are replaced
// by placeholders such as [CPR_1] before a prompt leaves the building, and
// the placeholders are put back in the model's answer. The test corpus in
// testdata measures how much of each kind it finds.
package redact

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Kinds of personal data; each is the stem of its placeholders.
const (
	KindCPR     = "CPR"
	KindPhone   = "TELEFON"
	KindEmail   = "EMAIL"
	KindName    = "NAVN"
	KindAddress = "ADRESSE"
	KindPlate   = "NUMMERPLADE"
	KindAccount = "KONTO"
)

// placeholderRe matches a placeholder of any kind.
var placeholderRe = regexp.MustCompile(`\[(CPR|TELEFON|EMAIL|NAVN|ADRESSE|NUMMERPLADE|KONTO)_([0-9]+)\]`)

// Redactor replaces personal data by placeholders and back. One Redactor
// serves one prompt: the same value gets the same placeholder in every text
// it redacts, and Restore knows every placeholder it handed out. It is not
// safe for concurrent use.
type Redactor struct {
	known    []known
	names    map[string]bool   // the known names' words, in lower case
	byValue  map[string]string // original text → placeholder
	byHolder map[string]string // placeholder → original text
	counters map[string]int
}

// New returns a Redactor that, besides the patterns, replaces each known name
// and each of its words (first name, last name alone), case-insensitively
// and in the genitive.
func New(knownNames ...string) *Redactor {
	r := &Redactor{byValue: map[string]string{}, byHolder: map[string]string{}, counters: map[string]int{}, names: map[string]bool{}}
	for _, n := range nameVariants(knownNames) {
		r.addName(n)
	}
	return r
}

func (r *Redactor) addName(n string) {
	r.known = append(r.known, known{nameRe(n), KindName})
	for _, w := range strings.Fields(n) {
		r.names[strings.ToLower(w)] = true
	}
}

// known is a value of the citizen's that is replaced wherever it stands.
type known struct {
	re   *regexp.Regexp
	kind string
}

// Known adds values of a kind that are replaced as they are written (case
// aside), besides what the patterns find: the citizen's address or number
// as the enquiry holds them. Empty values are skipped.
//
// An e-mail address also makes the listed names in its local part known
// names: "karl.nielsen@…" stands for Karl Nielsen.
func (r *Redactor) Known(kind string, values ...string) *Redactor {
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		r.known = append(r.known, known{literalRe(v), kind})
		if kind == KindEmail {
			for _, n := range nameVariantsFromAddress(v) {
				r.addName(n)
			}
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

// nameRe matches a name as literalRe does, in the genitive too: "Hansens",
// "Karl's", "Hans'".
func nameRe(s string) *regexp.Regexp {
	return regexp.MustCompile(literalRe(s).String() + `(?:['’]s|s|['’])?`)
}

// literalRe matches s case-insensitively, any run of spaces between its words.
func literalRe(s string) *regexp.Regexp {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?i)` + strings.Join(words, `\s+`))
}

// Redact returns text with every CPR number, phone number, e-mail address,
// street address, number plate, bank account and name it finds replaced by
// its placeholder. Text that already looks like a
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
		end := s.end
		if s.kind == KindName {
			end = s.start + r.withoutGenitive(text[s.start:s.end])
		}
		b.WriteString(r.placeholder(s.kind, text[s.start:end]))
		last = end
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

// withoutGenitive is the length of a name without its genitive ending, so
// "Karl Nielsens" becomes "[NAVN_1]s" with [NAVN_1] the name itself, the
// same placeholder as "Karl Nielsen" elsewhere: the model can then greet
// the citizen by it.
func (r *Redactor) withoutGenitive(name string) int {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(name, suf) {
			return len(name) - len(suf)
		}
	}
	last := strings.ToLower(name[strings.LastIndexAny(name, " -")+1:])
	stem, ok := strings.CutSuffix(last, "s")
	if ok && !lists.listed[last] && !r.names[last] && (lists.listed[stem] || r.names[stem]) {
		return len(name) - 1
	}
	return len(name)
}

package insights

import (
	"sort"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
)

// poorlyAnswered lists the enquiries the guidance answered poorly, worst
// first, at most opts.Top.
func poorlyAnswered(es []Enquiry, opts Options) []Poor {
	out := poorly(es, opts)
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].Reasons) > len(out[b].Reasons) })
	if len(out) > opts.Top {
		out = out[:opts.Top]
	}
	return out
}

// poorly lists every enquiry of es the guidance answered poorly: the
// search found no good passage, an adviser discarded a draft, or the reply
// that left rewrote the draft heavily.
func poorly(es []Enquiry, opts Options) []Poor {
	out := []Poor{}
	for _, e := range es {
		p := Poor{Enquiry: e.ID, Subject: e.Subject, Topic: e.Topic}
		if e.Retrieval != nil && *e.Retrieval < opts.LowRetrieval {
			p.Reasons, p.Retrieval = append(p.Reasons, ReasonLowRetrieval), e.Retrieval
		}
		if e.Discarded > 0 {
			p.Reasons = append(p.Reasons, ReasonDraftDiscarded)
		}
		if e.Draft != "" && e.Reply != "" {
			if d := Rewrite(e.Draft, e.Reply); d >= opts.Rewritten {
				d = round(d, 3)
				p.Reasons, p.Rewrite = append(p.Reasons, ReasonDraftRewritten), &d
			}
		}
		if len(p.Reasons) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// Rewrite is how much of a draft the reply changed: the edit distance
// between their words (Levenshtein over words, case and punctuation
// aside) divided by the longer one's word count; 0 same, 1 all new.
func Rewrite(draft, reply string) float64 {
	a, b := words(draft), words(reply)
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	code := map[string]rune{}
	enc := func(ws []string) string {
		rs := make([]rune, len(ws))
		for i, w := range ws {
			r, ok := code[w]
			if !ok {
				r = rune(0xE000 + len(code)) // a private-use rune per distinct word
				code[w] = r
			}
			rs[i] = r
		}
		return string(rs)
	}
	return float64(levenshtein.ComputeDistance(enc(a), enc(b))) / float64(max(len(a), len(b)))
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

package redact

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is one stretch of text to replace.
type span struct {
	start, end int
	kind       string
}

var emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)

// priority decides the kind of a stretch where two findings overlap.
var priority = map[string]int{KindCPR: 7, KindAccount: 6, KindEmail: 5, KindPhone: 4, KindPlate: 3, KindAddress: 2, KindName: 1}

// find returns the stretches to replace, in order and without overlaps: where
// findings overlap, their union is replaced, so no part of any finding stays.
func (r *Redactor) find(text string) []span {
	var all []span
	all = appendKind(all, placeholderRe.FindAllStringSubmatchIndex(text, -1), text)
	for _, w := range windows(text, isEmailRune, '@') {
		all = appendMatches(all, text[:w[1]], emailRe, KindEmail, nil, w[0])
	}
	n := normalise(text)
	all = findNumbers(all, n)
	all = findAddresses(all, n)
	all = findNames(all, text)
	for _, k := range r.known {
		all = appendMatches(all, text, k.re, k.kind, wordBounded, 0)
	}
	return merge(all)
}

// appendKind adds placeholders already in the text, each as its own kind.
func appendKind(all []span, ms [][]int, text string) []span {
	for _, m := range ms {
		all = append(all, span{m[0], m[1], text[m[2]:m[3]]})
	}
	return all
}

// appendMatches adds every match of re that ok accepts. After a refused
// match the search resumes one character later, so a good match that starts
// inside a refused one is still found.
func appendMatches(all []span, text string, re *regexp.Regexp, kind string, ok func(text string, start, end int) bool, from int) []span {
	for pos := from; pos < len(text); {
		m := re.FindStringIndex(text[pos:])
		if m == nil {
			break
		}
		start, end := pos+m[0], pos+m[1]
		if ok == nil || ok(text, start, end) {
			all = append(all, span{start, end, kind})
			pos = max(end, start+1)
			continue
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		pos = skipDigits(text, start+size, kind)
	}
	return all
}

// windows are the maximal stretches of runes that in accepts which contain
// the rune must (any digit when must is -1): every match of a pattern made
// of such runes lies inside one, so the patterns need not scan the rest.
func windows(text string, in func(rune) bool, must rune) [][2]int {
	var out [][2]int
	start, found := -1, false
	for i, r := range text + "\x00" {
		if i < len(text) && in(r) {
			if start < 0 {
				start, found = i, false
			}
			found = found || r == must || (must < 0 && r >= '0' && r <= '9')
			continue
		}
		if start >= 0 && found {
			out = append(out, [2]int{start, i})
		}
		start = -1
	}
	return out
}

func isEmailRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || strings.ContainsRune("._%+-@", r)
}

// skipDigits moves past the rest of a run of digits for the number
// patterns: a number that starts right after a digit is never accepted, so
// trying every position of a long run would only cost time.
func skipDigits(text string, pos int, kind string) int {
	if kind != KindCPR && kind != KindPhone && kind != KindAccount {
		return pos
	}
	for pos < len(text) && text[pos-1] >= '0' && text[pos-1] <= '9' {
		pos++
	}
	return pos
}

// merge sorts the findings and joins overlapping ones.
func merge(all []span) []span {
	sort.Slice(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	var out []span
	for _, s := range all {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			last := &out[n-1]
			last.end = max(last.end, s.end)
			if priority[s.kind] > priority[last.kind] {
				last.kind = s.kind
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// digitBounded reports whether the match is not part of a longer number.
func digitBounded(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return !(start > 0 && unicode.IsDigit(before)) && !(end < len(text) && unicode.IsDigit(after))
}

// wordBounded reports whether the match is a whole word (or words).
func wordBounded(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return !(start > 0 && isWordRune(before)) && !(end < len(text) && isWordRune(after))
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

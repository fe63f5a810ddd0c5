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

var (
	emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
	// cprRe is DDMMYY-XXXX, DDMMYYXXXX or DDMMYY XXXX; the date is checked apart.
	cprRe = regexp.MustCompile(`[0-9]{6}[- ]?[0-9]{4}`)
	// phoneRe is a Danish number: eight digits, alone or grouped 2-2-2-2 or
	// 4-4, with or without +45 / 0045 in front.
	phoneRe = regexp.MustCompile(`(?:(?:\+|00)45 ?)?(?:[0-9]{8}|[0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}|[0-9]{4} [0-9]{4})`)
	yearsRe = regexp.MustCompile(`^(?:19|20)[0-9]{2} (?:19|20)[0-9]{2}$`)
)

// priority decides the kind of a stretch where two findings overlap.
var priority = map[string]int{KindCPR: 4, KindEmail: 3, KindPhone: 2, KindName: 1}

// find returns the stretches to replace, in order and without overlaps: where
// findings overlap, their union is replaced, so no part of any finding stays.
func (r *Redactor) find(text string) []span {
	var all []span
	all = appendKind(all, placeholderRe.FindAllStringSubmatchIndex(text, -1), text)
	for _, w := range windows(text, isEmailRune, '@') {
		all = appendMatches(all, text[:w[1]], emailRe, KindEmail, nil, w[0])
	}
	for _, w := range windows(text, isNumberRune, -1) {
		all = appendMatches(all, text[:w[1]], cprRe, KindCPR, plausibleCPR, w[0])
		all = appendMatches(all, text[:w[1]], phoneRe, KindPhone, plausiblePhone, w[0])
	}
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

func isNumberRune(r rune) bool { return (r >= '0' && r <= '9') || r == '+' || r == ' ' || r == '-' }

// skipDigits moves past the rest of a run of digits for the number
// patterns: a number that starts right after a digit is never accepted, so
// trying every position of a long run would only cost time.
func skipDigits(text string, pos int, kind string) int {
	if kind != KindCPR && kind != KindPhone {
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

// plausibleCPR accepts a CPR number whose first six digits can be a date.
func plausibleCPR(text string, start, end int) bool {
	s := text[start:end]
	day := int(s[0]-'0')*10 + int(s[1]-'0')
	month := int(s[2]-'0')*10 + int(s[3]-'0')
	return day >= 1 && day <= 31 && month >= 1 && month <= 12 && digitBounded(text, start, end)
}

// plausiblePhone refuses a number inside a longer one and two years side by
// side ("2023 2024").
func plausiblePhone(text string, start, end int) bool {
	return digitBounded(text, start, end) && !yearsRe.MatchString(text[start:end])
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

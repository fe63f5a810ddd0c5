package redact

import (
	"strings"
	"unicode/utf8"
)

// normalised is a text with every dash written as '-' and every space as
// ' ', so one pattern finds "020285-4321", "020285–4321" (en dash) and
// "23 45 67 89" with non-breaking spaces alike. at maps a byte offset of s
// back to the original text.
type normalised struct {
	s  string
	at []int // nil: s is the original
}

// dashes and spaces that writers, word processors and phones put in numbers.
const (
	dashRunes  = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
	spaceRunes = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

func normalise(text string) normalised {
	if !strings.ContainsAny(text, dashRunes+spaceRunes) {
		return normalised{s: text}
	}
	var b strings.Builder
	at := make([]int, 0, len(text)+1)
	for i, r := range text {
		switch {
		case strings.ContainsRune(dashRunes, r):
			b.WriteByte('-')
			at = append(at, i)
		case strings.ContainsRune(spaceRunes, r):
			b.WriteByte(' ')
			at = append(at, i)
		default:
			n := utf8.RuneLen(r)
			if r == utf8.RuneError {
				_, n = utf8.DecodeRuneInString(text[i:])
			}
			b.WriteString(text[i : i+n])
			for k := range n {
				at = append(at, i+k)
			}
		}
	}
	at = append(at, len(text))
	return normalised{s: b.String(), at: at}
}

// orig maps an offset of n.s to the original text.
func (n normalised) orig(i int) int {
	if n.at == nil {
		return i
	}
	return n.at[i]
}

// span maps a stretch of n.s to the original text.
func (n normalised) span(start, end int, kind string) span {
	return span{n.orig(start), n.orig(end), kind}
}

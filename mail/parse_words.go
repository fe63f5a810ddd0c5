package mail

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// encodedWordRE is an RFC 2047 encoded word. Its text may hold blanks and
// raw 8-bit bytes, which some mailers send although the RFC forbids them.
var encodedWordRE = regexp.MustCompile(`=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=`)

// decodeWords decodes the encoded words of a header value leniently: words
// are decoded even with raw 8-bit bytes or blanks in them, adjacent words
// in one charset are joined before decoding (mailers split a character
// across two words), and bytes outside words are read as bestEffortUTF8
// does.
func decodeWords(s string) string {
	return decodeWordsIn(s, "")
}

// decodeWordsIn is decodeWords for a header whose raw 8-bit bytes are most
// likely in the charset its message's text declares, as mailers that do not
// encode their headers write them.
func decodeWordsIn(s, charset string) string {
	raw := func(b string) string {
		if charset == "" || utf8.ValidString(b) {
			return bestEffortUTF8([]byte(b))
		}
		text, _ := decodeCharset([]byte(b), charset)
		return text
	}
	if !strings.Contains(s, "=?") {
		return raw(s)
	}
	var out strings.Builder
	var run wordRun
	last := 0
	for _, m := range encodedWordRE.FindAllStringSubmatchIndex(s, -1) {
		between := s[last:m[0]]
		if !run.open() || strings.TrimSpace(between) != "" {
			out.WriteString(run.flush())
			out.WriteString(raw(between))
		}
		run.add(&out, s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
		last = m[1]
	}
	out.WriteString(run.flush())
	out.WriteString(raw(s[last:]))
	return out.String()
}

// wordRun gathers the bytes of adjacent encoded words in one charset.
type wordRun struct {
	charset string
	data    []byte
}

func (r *wordRun) open() bool { return r.charset != "" }

func (r *wordRun) add(out *strings.Builder, charset, enc, text string) {
	charset, _, _ = strings.Cut(strings.ToLower(charset), "*") // RFC 2231 language suffix
	if r.open() && charset != r.charset {
		out.WriteString(r.flush())
	}
	r.charset = charset
	if strings.EqualFold(enc, "b") {
		data, _ := decodeBase64([]byte(text))
		r.data = append(r.data, data...)
		return
	}
	r.data = append(r.data, decodeQP([]byte(strings.ReplaceAll(text, "_", " ")))...)
}

func (r *wordRun) flush() string {
	if !r.open() {
		return ""
	}
	s, _ := decodeCharset(r.data, r.charset)
	r.charset, r.data = "", nil
	return s
}

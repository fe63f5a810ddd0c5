package mail

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/k3a/html2text"
	"golang.org/x/text/encoding/charmap"
)

// bestEffortUTF8 returns b as text: as is when it is valid UTF-8, else read
// as Windows-1252, the usual charset of unlabelled Danish mail (a superset of
// ISO-8859-1's printable characters).
func bestEffortUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	if d, err := charmap.Windows1252.NewDecoder().Bytes(b); err == nil {
		return string(d)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// cleanText normalises line ends to \n, removes NULs and other control
// characters except tab and newline, trims trailing space on each line,
// collapses runs of blank lines and trims the whole.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			blank++
		} else {
			blank = 0
		}
		if blank < 2 {
			out = append(out, l)
		}
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// cleanLine removes control characters from a one-line value; tabs and
// line breaks become spaces.
func cleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// htmlToText turns an HTML body into readable text; links keep their
// target after the link text so a reader sees where they point.
func htmlToText(s string) string {
	return html2text.HTML2TextWithOptions(s,
		html2text.WithUnixLineBreaks(),
		html2text.WithLinksInnerText(),
		html2text.WithListSupport())
}

// rawBody is everything after the first blank line of raw, or all of raw
// when it has none.
func rawBody(raw []byte) []byte {
	i, n := bytes.Index(raw, []byte("\r\n\r\n")), 4
	if j := bytes.Index(raw, []byte("\n\n")); j >= 0 && (i < 0 || j < i) {
		i, n = j, 2
	}
	if i < 0 {
		return raw
	}
	return raw[i+n:]
}

// truncateRunes cuts s to at most n runes, ending in "…" when cut.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// truncateBytes cuts s to at most n bytes without splitting a rune.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

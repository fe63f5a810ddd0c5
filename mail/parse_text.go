package mail

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"github.com/k3a/html2text"
	"golang.org/x/text/encoding/charmap"
)

// bestEffortUTF8 returns b as text, line by line: a valid UTF-8 line as it
// is; a line with UTF-8 characters and some invalid bytes with each invalid
// byte replaced by U+FFFD (one bad byte must not turn "blå" into "blÃ¥"); and
// a line without any UTF-8 character read as Windows-1252, the usual
// charset of unlabelled Danish mail (a superset of ISO-8859-1's printable
// characters).
func bestEffortUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b) + len(b)/8)
	for len(b) > 0 {
		line := firstLine(b)
		b = b[len(line):]
		out.WriteString(lineUTF8(line))
	}
	return out.String()
}

func lineUTF8(line []byte) string {
	if utf8.Valid(line) {
		return string(line)
	}
	if hasMultibyteRune(line) {
		return strings.ToValidUTF8(string(line), "\uFFFD")
	}
	if d, err := charmap.Windows1252.NewDecoder().Bytes(line); err == nil {
		return string(d)
	}
	return strings.ToValidUTF8(string(line), "\uFFFD")
}

// hasMultibyteRune reports whether b holds at least one valid UTF-8
// character of more than one byte.
func hasMultibyteRune(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError && n > 1 {
			return true
		}
		b = b[n:]
	}
	return false
}

// invisible reports whether r is a character that shows nothing but can
// change what a reader sees: direction overrides and isolates (U+202E makes
// "faktura\u202efdp.exe" look like "fakturaexe.pdf"), zero-width spaces, the
// byte-order mark, soft hyphens, tag characters and Hangul fillers. The
// zero-width joiner and non-joiner stay: emoji and several scripts need them.
func invisible(r rune) bool {
	switch r {
	case '\u200c', '\u200d':
		return false
	case '\u115f', '\u1160', '\u3164', '\uffa0':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// cleanText normalises line ends to \n, removes NULs, other control
// characters except tab and newline and invisible characters, trims trailing
// space on each line, collapses runs of blank lines and trims the whole.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\u2028' || r == '\u2029':
			return '\n'
		case unicode.IsControl(r) || invisible(r):
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

// cleanLine removes control and invisible characters from a one-line value;
// tabs and line breaks become spaces.
func cleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return ' '
		case unicode.IsControl(r) || invisible(r):
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

// decodeCharset turns a text part's bytes into text. Labels that promise
// UTF-8 or ASCII, and Western single-byte labels on bytes that are in fact
// UTF-8, are read line by line (bestEffortUTF8); ISO-8859-1 is read as its
// superset Windows-1252, as browsers do. It reports false when the label is
// unknown: the text is then read as if unlabelled.
func decodeCharset(b []byte, label string) (string, bool) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch {
	case label == "" || utf8Labels[label]:
		return bestEffortUTF8(b), true
	case westernLabels[label] && hasMultibyteRune(b):
		return bestEffortUTF8(b), true
	case label == "iso-8859-1" || label == "latin1" || label == "iso8859-1" || label == "iso_8859-1":
		label = "windows-1252"
	}
	r, err := charset.Reader(label, bytes.NewReader(b))
	if err != nil {
		return bestEffortUTF8(b), false
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return bestEffortUTF8(b), false
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), true
}

var utf8Labels = map[string]bool{
	"utf-8": true, "utf8": true, "us-ascii": true, "ascii": true, "unknown-8bit": true, "x-unknown": true,
	"unknown": true, "default": true, "x-user-defined": true, "7bit": true, "8bit": true,
}

var westernLabels = map[string]bool{
	"iso-8859-1": true, "latin1": true, "iso8859-1": true, "iso_8859-1": true, "iso-8859-15": true,
	"windows-1252": true, "cp1252": true,
}

package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citizen text reaches Slack in two places: mrkdwn text objects in blocks and
// the message's `text` fallback. Escape makes it inert in both.
//
// What it does, and why:
//
//   - `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;`, so no `<!channel>`,
//     `<@U123>`, `<#C123>`, `<!subteam^S1>` or `<https://evil|bank>` can form:
//     a link whose text differs from its target needs angle brackets.
//   - `@channel`, `@here` and `@everyone` (any case) get a word joiner (U+2060)
//     after the `@`, so they stay readable but never notify, even where Slack
//     would parse bare names.
//   - A run of three backticks gets zero-width spaces between them, so citizen
//     text cannot open a code block that swallows what we write after it.
//
// Bare URLs are left as they are. Views set `verbatim` on their text objects,
// so Slack does not auto-link them in blocks; in the fallback Slack may
// auto-link a bare URL, but then the link text is the target itself, so it
// cannot pose as another link. Single `*`, `_` and `~` are left alone: they can
// only style the citizen's own words, and escaping them would make addresses
// like jens_hansen@example.dk unreadable.
func Escape(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = entityReplacer.Replace(s)
	s = neutraliseBroadcasts(s)
	return strings.ReplaceAll(s, "```", "`\u200b`\u200b`")
}

var entityReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// broadcastNames are the words Slack turns into a ping of many people.
var broadcastNames = []string{"channel", "here", "everyone"}

const wordJoiner = "\u2060"

// neutraliseBroadcasts puts a word joiner between `@` and a broadcast name.
func neutraliseBroadcasts(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '@' && startsWithBroadcast(s[i+1:]) {
			b.WriteString(wordJoiner)
		}
	}
	return b.String()
}

// startsWithBroadcast reports whether s starts with a broadcast name as a
// whole word: "here," does, "hereford.dk" does not.
func startsWithBroadcast(s string) bool {
	for _, name := range broadcastNames {
		if len(s) >= len(name) && strings.EqualFold(s[:len(name)], name) && !wordGoesOn(s[len(name):]) {
			return true
		}
	}
	return false
}

func wordGoesOn(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// EscapeLine is Escape for a one-line field (a name, a subject, an address):
// line breaks and tabs become spaces so the field cannot fake extra lines.
func EscapeLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\v', '\f', '\u2028', '\u2029':
			return ' '
		}
		return r
	}, s)
	return Escape(strings.TrimSpace(s))
}

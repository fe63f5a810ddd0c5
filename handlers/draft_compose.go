package handlers

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/locale"
)

// draftWord is the catalogue's text letter_KEY in lang, the citizen's
// language: the words of a draft's frame reach the citizen.
func draftWord(lang, key string, args ...any) string {
	return locale.NewPrinter(lang).Printf("letter_"+key, args...)
}

// signature is the team's signature in lang: the setting, else the default.
func (s *Service) signature(lang string) string {
	if sig := strings.TrimSpace(s.Settings.Signature[lang]); sig != "" {
		return sig
	}
	return draftWord(lang, "signature")
}

// letter is a whole draft: greeting, the answer, the links, the signature.
type letter struct {
	lang, name, answer, signature string
	links                         []string
}

func (l letter) String() string {
	greet := draftWord(l.lang, "greet")
	if name := strings.Join(strings.Fields(l.name), " "); name != "" {
		greet = draftWord(l.lang, "greet_name", name)
	}
	parts := []string{greet}
	if a := strings.TrimSpace(l.answer); a != "" {
		parts = append(parts, a)
	}
	if len(l.links) > 0 {
		parts = append(parts, draftWord(l.lang, "sources")+"\n"+strings.Join(l.links, "\n"))
	}
	return strings.Join(append(parts, l.signature), "\n\n")
}

// links are the sources' addresses, each once, in order.
func links(src []DraftSource) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range src {
		if s.URL != "" && !seen[s.URL] {
			seen[s.URL] = true
			out = append(out, s.URL)
		}
	}
	return out
}

// A draft made without a model answers with the best passage and those
// that score at least relevantShare of it; a passage below minScore only
// shares common words with the question. Both were chosen on the demo's
// mails (handlers/testdata/demo_drafts.golden): paint and spray cans, which
// no confirmed passage covers, found plastic at 0.01; the weakest passage
// that answered (electronics) scored 0.03.
const (
	relevantShare = 0.6
	minScore      = 0.02
)

// relevant are the passages worth answering with, at most guidanceShown.
func relevant(hits []guidance.Hit) []guidance.Hit {
	var out []guidance.Hit
	for _, h := range hits {
		if len(out) == guidanceShown || h.Score < minScore || (len(out) > 0 && h.Score < relevantShare*out[0].Score) {
			break
		}
		out = append(out, h)
	}
	return out
}

// guidanceAnswer is the whole text of each passage, cleaned for a citizen;
// without a passage, that an answer will follow.
func guidanceAnswer(lang string, hits []guidance.Hit) string {
	if len(hits) == 0 {
		return draftWord(lang, "no_answer")
	}
	parts := []string{draftWord(lang, "thanks")}
	for _, h := range hits {
		if t := citizenText(h.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

var (
	// unconfirmedRe is the editors' marker of a statement no source bears out.
	unconfirmedRe = regexp.MustCompile(`\s*\(ikke bekræftet\)`)
	// crossRefRe is a reference to another passage of the guidance.
	crossRefRe = regexp.MustCompile(`(?i)[;,]?\s*(se|jf\.?) (også )?passagen[^.;]*`)
	// headingRe is a Markdown heading's marks; boldRe bold or italic marks.
	headingRe = regexp.MustCompile(`(?m)^#{1,6}[ \t]+`)
	boldRe    = regexp.MustCompile(`\*\*|__`)
	blanksRe  = regexp.MustCompile(`\n{3,}`)
)

// citizenText is a text with the editors' and Markdown's marks taken out.
func citizenText(s string) string {
	s = unconfirmedRe.ReplaceAllString(s, "")
	s = crossRefRe.ReplaceAllString(s, "")
	s = headingRe.ReplaceAllString(s, "")
	s = boldRe.ReplaceAllString(s, "")
	return strings.TrimSpace(blanksRe.ReplaceAllString(s, "\n\n"))
}

var (
	// greetingRe is a greeting line a model wrote despite its rules: the
	// word and at most four more, no sentence in it ("Hej, glas må …" is an
	// answer, not a greeting).
	greetingRe = regexp.MustCompile(`(?i)^(kære|hej|goddag|dear|hello|hi)((?:[ \t]+[^\s.?;!,:]+){0,4})[ \t]*[,!:]?[ \t]*\n`)
	// signOffRe starts a sign-off a model wrote despite its rules.
	signOffRe = regexp.MustCompile(`(?im)^(med )?(venlig|venligst) hilsen|^mvh\b|^(de )?bedste hilsner|^(kind|best|warm) regards|^(yours )?sincerely|^regards\b`)
	// headingLineRe is a line that is only a heading.
	headingLineRe = regexp.MustCompile(`(?m)^#{1,6}[ \t]+[^\n]*\n+`)
)

// looksLikeName: one to four words, each starting with a capital letter.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// modelAnswer is the model's text without the frame the bot adds itself:
// a heading, a greeting and a sign-off it wrote are taken out. greeted is
// the name the model's greeting used, if any.
func modelAnswer(s string) (answer, greeted string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	for {
		s = strings.TrimSpace(headingLineRe.ReplaceAllString(s, ""))
		m := greetingRe.FindStringSubmatch(s + "\n")
		if m == nil {
			break
		}
		if greeted == "" {
			greeted = strings.TrimSpace(m[2])
		}
		s = strings.TrimSpace((s + "\n")[len(m[0]):])
	}
	if loc := signOffRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	if !looksLikeName(greeted) {
		greeted = "" // "Hej og tak …", or a placeholder the redactor did not restore
	}
	return citizenText(s), greeted
}

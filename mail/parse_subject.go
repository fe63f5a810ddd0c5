package mail

import (
	"regexp"
	"strconv"
	"strings"

	gomail "github.com/emersion/go-message/mail"
)

// Citizen is who the enquiry is from: the Reply-To address when it is
// exactly one valid address, else From (docs/lifecycle.md).
func (p *Parsed) Citizen() (name, addr string) {
	if len(p.ReplyTo) == 1 && validAddress(p.ReplyTo[0]) {
		return p.replyToName, p.ReplyTo[0]
	}
	return p.FromName, p.FromAddr
}

// validAddress reports whether a is one plain address with a domain.
func validAddress(a string) bool {
	parsed, err := gomail.ParseAddress(a)
	if err != nil || parsed.Address != a {
		return false
	}
	_, domain, ok := strings.Cut(a, "@")
	return ok && strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

var (
	// "[#1234]", also with reply prefixes inside the brackets: "[SV: #1234]".
	subjectTagRE = regexp.MustCompile(`(?i)\[\s*(?:(?:re|sv|aw|vs|antw|fw|fwd)\s*:\s*)*#(\d{1,18})\s*\]`)
	// Reply and forward prefixes: "Re:", "SV:", "AW:", "Re[2]:", "VS:", "Antw:".
	replyPrefixRE = regexp.MustCompile(`(?i)^\s*(?:re|sv|aw|vs|antw)\s*(?:\[\d+\])?\s*:\s*`)
)

// SubjectTag finds the enquiry tag "[#1234]" in a subject. When there are
// several, the last one counts: it is the one the product added.
func SubjectTag(subject string) (int64, bool) {
	m := subjectTagRE.FindAllStringSubmatch(subject, -1)
	if len(m) == 0 {
		return 0, false
	}
	id, err := strconv.ParseInt(m[len(m)-1][1], 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// TagSubject is the subject of a reply to subject in enquiry id:
// "Re: <subject> [#id]", with earlier reply prefixes and tags removed so
// none is doubled.
func TagSubject(subject string, id int64) string {
	s := subjectTagRE.ReplaceAllString(cleanLine(subject), " ")
	for range 20 {
		loc := replyPrefixRE.FindStringIndex(s)
		if loc == nil {
			break
		}
		s = s[loc[1]:]
	}
	s = strings.Join(strings.Fields(s), " ")
	tag := "[#" + strconv.FormatInt(id, 10) + "]"
	if s == "" {
		return "Re: " + tag
	}
	return "Re: " + s + " " + tag
}

// ValidAddress reports whether a is one plain address with a domain, as a
// reply can be sent to.
func ValidAddress(a string) bool { return validAddress(a) }

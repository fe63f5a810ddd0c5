package redact

import (
	"math/big"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// cprRe is DDMMYY-XXXX written as it comes: "020285-4321", "0202854321",
	// "020285 4321", "020285 - 4321", "02.02.85-4321" (dashes and spaces
	// normalised); the date is checked apart.
	cprRe = regexp.MustCompile(`(?:[0-9]{6}|[0-9]{2}\.[0-9]{2}\.[0-9]{2})(?: ?- ?| )?[0-9]{4}`)
	// dkPhoneRe is a Danish number: eight digits alone or grouped 2-2-2-2
	// (spaces, dashes or dots, the same throughout), 4-4 or 2-3-3, with or
	// without +45, 0045 or (+45) in front.
	dkPhoneRe = regexp.MustCompile(`(?:(?:\+|00) ?45 ?-? ?(?:\(0\) ?)?|\(\+45\) ?)?` +
		`(?:[0-9]{8}|[0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{2}|` +
		`[0-9]{4}[ .-][0-9]{4}|[0-9]{2} [0-9]{3} [0-9]{3})`)
	// intlPhoneRe is a number with a country code other than 45: +CC or
	// 00CC, then groups of digits separated by single spaces, dashes or
	// dots, a trunk "(0)" or an area code in brackets allowed; the count of
	// digits is checked apart.
	intlPhoneRe = regexp.MustCompile(`(?:\+|00) ?(?:[1-35-9][0-9]{0,2}|4[0-46-9][0-9]?)(?:[ .-]?\(0\))?(?:[ .-]?\(?[0-9]{1,5}\)?){1,6}`)
	yearsRe     = regexp.MustCompile(`^(?:19|20)[0-9]{2}[ .-](?:19|20)[0-9]{2}$`)
	// plateRe is a Danish number plate: two capital letters, five digits.
	plateRe = regexp.MustCompile(`[A-ZÆØÅ]{2} ?[0-9]{2} ?[0-9]{3}`)
	// ibanRe is an IBAN, grouped by four or not; the checksum is checked
	// apart unless "IBAN" stands before it.
	ibanRe = regexp.MustCompile(`[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?`)
	// bankRe is a Danish registration number and account number together:
	// "1234-1234567890", "1234 1234567".
	// A registration number does not begin 00 (that is a phone number's
	// international prefix: "0045 12345678").
	bankRe = regexp.MustCompile(`(?:[1-9][0-9]{3}|0[1-9][0-9]{2})(?: ?- ?| )[0-9]{7,10}`)
	// accountCueRe is a number after the words that introduce an account.
	accountCueRe = regexp.MustCompile(`(?i)(?:\breg(?:\.|istrerings)? ?(?:nr|nummer)?\.?|\bkonto(?:nr|nummer|nummeret)?\.?|\baccount(?: number| no\.?)?|\biban)[: ]*(?:nr\.? ?)?([0-9](?:[0-9 -]{2,16}[0-9])?)`)
)

// findNumbers adds the CPR numbers, phone numbers, number plates and
// accounts in the normalised text.
func findNumbers(all []span, n normalised) []span {
	text := n.s
	for _, w := range windows(text, isNumberRune, -1) {
		all = appendMapped(all, n, text[:w[1]], cprRe, KindCPR, plausibleCPR, w[0])
		all = appendMapped(all, n, text[:w[1]], dkPhoneRe, KindPhone, plausiblePhone, w[0])
		all = appendMapped(all, n, text[:w[1]], intlPhoneRe, KindPhone, plausibleIntl, w[0])
		all = appendMapped(all, n, text[:w[1]], bankRe, KindAccount, digitBounded, w[0])
	}
	all = appendMapped(all, n, text, plateRe, KindPlate, plausiblePlate, 0)
	all = appendMapped(all, n, text, ibanRe, KindAccount, plausibleIBAN, 0)
	for _, m := range accountCueRe.FindAllStringSubmatchIndex(text, -1) {
		if digitBounded(text, m[2], m[3]) {
			all = append(all, n.span(m[2], m[3], KindAccount))
		}
	}
	return all
}

// appendMapped is appendMatches on the normalised text, mapped back.
func appendMapped(all []span, n normalised, text string, re *regexp.Regexp, kind string, ok func(string, int, int) bool, from int) []span {
	found := appendMatches(nil, text, re, kind, ok, from)
	for _, s := range found {
		all = append(all, n.span(s.start, s.end, s.kind))
	}
	return all
}

func isNumberRune(r rune) bool {
	return (r >= '0' && r <= '9') || strings.ContainsRune("+ -.()", r)
}

// digitsOf is the digits of s.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// plausibleCPR accepts a CPR number whose first six digits can be a date.
func plausibleCPR(text string, start, end int) bool {
	d := digitsOf(text[start:end])
	day := int(d[0]-'0')*10 + int(d[1]-'0')
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	return day >= 1 && day <= 31 && month >= 1 && month <= 12 && digitBounded(text, start, end)
}

// plausiblePhone refuses a number inside a longer one, a number glued to a
// letter, and two years side by side ("2023 2024").
func plausiblePhone(text string, start, end int) bool {
	return digitBounded(text, start, end) && !yearsRe.MatchString(text[start:end]) && !touchesLetter(text, start, end) &&
		!orgPhoneRe.MatchString(text[max(0, start-40):start])
}

// orgPhoneRe stands before the number of an office, not of a person:
// "Ring til Kundeservice på 33 66 33 66".
var orgPhoneRe = regexp.MustCompile(`(?i)(?:kundeservice|kundecent(?:er|ret|eret)|borgerservice|hotline|omstilling(?:en)?|servicecent(?:er|ret)|customer service)[ ,]*(?:på|on|at)?(?: tlf\.?| nr\.?)? *$`)

// plausibleIntl accepts 8 to 15 digits, E.164's longest.
func plausibleIntl(text string, start, end int) bool {
	n := len(digitsOf(text[start:end]))
	return n >= 8 && n <= 15 && plausiblePhone(text, start, end)
}

func plausiblePlate(text string, start, end int) bool {
	return letterBounded(text, start, end) && digitBounded(text, start, end)
}

// plausibleIBAN accepts an IBAN whose checksum holds (ISO 13616: the
// number moved to end, letters as 10–35, is 1 modulo 97), or any after
// the word IBAN.
func plausibleIBAN(text string, start, end int) bool {
	if !letterBounded(text, start, end) || !digitBounded(text, start, end) {
		return false
	}
	if strings.HasSuffix(strings.ToUpper(strings.TrimSpace(text[max(0, start-6):start])), "IBAN") {
		return true
	}
	s := strings.ReplaceAll(text[start:end], " ", "")
	var digits strings.Builder
	for _, r := range s[4:] + s[:4] {
		if r >= 'A' && r <= 'Z' {
			digits.WriteString(big.NewInt(int64(r - 'A' + 10)).String())
		} else {
			digits.WriteRune(r)
		}
	}
	v, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(v, big.NewInt(97)).Int64() == 1
}

// touchesLetter reports a letter right before or after the match.
func touchesLetter(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return (start > 0 && unicode.IsLetter(before)) || (end < len(text) && unicode.IsLetter(after))
}

// letterBounded reports whether the match is not part of a longer word.
func letterBounded(text string, start, end int) bool {
	return !touchesLetter(text, start, end)
}

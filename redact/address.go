package redact

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An address is a street, a house number and what may follow: floor and
// door, then postcode and town, on the same line or the next.
//
//	Nørrebrogade 12, 2. th., 2200 København N
//	H.C. Andersens Boulevard 27       Ved Stranden 10
//	Lygten 10, 2. 14                  Nørrebrogade 120, 3rd floor, 2200 Copenhagen N
var addressRe = regexp.MustCompile(`(` + streetPart + `(?: ` + streetPart + `){0,3}) ` +
	`([0-9]{1,4}(?: ?[A-Za-z]\b)?(?:-[0-9]{1,4})?)` + // house number
	`((?:,? ` + floorDoor + `)?)` +
	`((?:,? ?\n? ?(?:DK-)?[1-9][0-9]{3} \p{Lu}[\p{L}]+\.?(?: \p{Lu}[\p{L}]+)?)?)` + // postcode and town ("Kbh.")
	`((?: (?:NV|NØ|SV|SØ|N|S|V|K|Ø|C))?)`) // the town's part; a letter that begins a word is not one

const (
	// streetPart is one word of a street name: capitalised or in capitals,
	// initials ("H.C.") and abbreviations ("Ndr.", "Skt.") included.
	streetPart = `\p{Lu}[\p{L}.'’-]*`
	// floorDoor is "2. th.", "st. tv.", "3. sal", "2. 14", "4.", "kld.",
	// "2 tv", "3rd floor", "room 412", "lejl. 3".
	floorDoor = `(?i:[0-9]{1,2}(?:st|nd|rd|th) floor|floor [0-9]{1,2}|` +
		`(?:(?:kælder|kld|stuen|st|kl)\.?|[0-9]{1,2}\.)(?: ?(?:th|tv|mf|t\.h|t\.v|sal)\b\.?){0,2}(?: ?[0-9]{1,3}\b)?|` +
		`[0-9]{1,2} ?(?:th|tv|mf)\b\.?|` +
		`(?:room|apt\.?|apartment|flat|lejl\.?|lejlighed|værelse|have) [0-9]{1,4})`
)

// streetSuffixes end a word that names a street in Danish, or are a word
// of their own in a street's name ("Gammel Kongevej", "Enghave Plads").
var streetSuffixes = []string{"gade", "gaden", "vej", "vejen", "allé", "alle", "alléen", "stræde", "strædet",
	"boulevard", "boulevarden", "plads", "pladsen", "torv", "torvet", "vænge", "vænget", "brygge", "bryggen",
	"kaj", "kajen", "sti", "stien", "passage", "promenade", "kanal", "dossering", "bro", "broen", "parkallé",
	"parken", "park", "have", "haven", "bakke", "bakken", "gården", "gård", "dybet", "holmen", "marken",
	"engen", "lunden", "toften", "dalen", "højen", "skoven", "stranden", "havn", "løkken", "vangen", "tofte",
	"street", "road", "avenue"}

// streetPrefixes begin a street's name that carries no suffix ("Ved Stranden").
var streetPrefixes = []string{"ved", "over", "under", "bag", "langs"}

// addressCueRe stands before an address without a street suffix.
var addressCueRe = regexp.MustCompile(`(?i)(?:\bbor|\bboede|\bbosat|\bflytter|\bflyttet|\badressen?|\baddress|\blive|\blives|\bliving|\bmoved|\bat|\bpå|\btil|\bfra)(?: (?:er|is|i|på|on|at|to))?:? $`)

// unitWords after a number make it a quantity, not a house number.
var unitWords = map[string]bool{"gange": true, "gang": true, "kg": true, "kr": true, "kr.": true, "liter": true, "l": true,
	"stk": true, "stk.": true, "timer": true, "min": true, "minutter": true, "dage": true, "uger": true, "år": true,
	"m3": true, "m³": true, "sække": true, "poser": true, "spande": true, "containere": true, "beholdere": true,
	"procent": true, "pm": true, "am": true, "times": true, "days": true, "kilo": true, "meter": true, "cm": true}

// addressStop are capitalised words that start a sentence, not a street.
var addressStop = map[string]bool{"jeg": true, "vi": true, "i": true, "hej": true, "min": true, "mit": true, "vores": true,
	"til": true, "fra": true, "på": true, "the": true, "my": true, "at": true, "in": true, "on": true, "hi": true,
	"adresse": true, "adressen": true, "address": true, "bor": true}

// findAddresses adds the addresses in the normalised text.
func findAddresses(all []span, n normalised) []span {
	text := n.s
	for _, m := range addressRe.FindAllStringSubmatchIndex(text, -1) {
		start := trimStreet(text, m[2], m[3])
		if start < 0 || !addressLike(text, start, m) {
			continue
		}
		end := m[1]
		if m[10] != m[11] && startsWord(text, end) { // "2200 København Nord": no town part
			end = m[10]
		}
		for end > start && strings.ContainsRune(" ,\n", rune(text[end-1])) {
			end--
		}
		all = append(all, n.span(start, end, KindAddress))
	}
	return all
}

// trimStreet drops words that begin a sentence rather than the street
// ("Jeg", "Adresse") from the front of the street's words; -1: none left.
func trimStreet(text string, start, end int) int {
	for start < end {
		word, rest, _ := strings.Cut(text[start:end], " ")
		if !addressStop[strings.ToLower(strings.TrimRight(word, ".:,"))] {
			return start
		}
		if rest == "" {
			return -1
		}
		start += len(word) + 1
	}
	return -1
}

// addressLike decides whether the street and number found are an address:
// a street suffix or prefix, a floor or door, a postcode, or a cue before
// it, and no unit after the number.
func addressLike(text string, start int, m []int) bool {
	bare := m[6] == m[7] && m[8] == m[9] // no floor, door or postcode
	if bare && (isDigitByte(text, m[5]) || unitWords[strings.ToLower(nextWord(text[m[5]:]))]) {
		return false
	}
	if start > 0 && isLetterBefore(text, start) {
		return false
	}
	words := strings.Fields(text[start:m[3]])
	last := strings.ToLower(words[len(words)-1])
	switch {
	case hasStreetSuffix(last), inList(strings.ToLower(words[0]), streetPrefixes) && len(words) > 1:
		return true
	case !bare:
		return true
	}
	return addressCueRe.MatchString(text[max(0, start-24):start])
}

func hasStreetSuffix(word string) bool {
	for _, s := range streetSuffixes {
		if strings.HasSuffix(word, s) {
			return true
		}
	}
	return false
}

func inList(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// startsWord reports a letter at i.
func startsWord(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return i < len(text) && unicode.IsLetter(r)
}

func isLetterBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r)
}

func isDigitByte(text string, i int) bool { return i < len(text) && text[i] >= '0' && text[i] <= '9' }

// nextWord is the first word of s after spaces.
func nextWord(s string) string {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexAny(s, " ,.!?\n"); i >= 0 {
		return s[:i]
	}
	return s
}

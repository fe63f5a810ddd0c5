package redact

import (
	_ "embed"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed names.txt
var namesData string

// nameLists are the names of names.txt, in lower case: listed names, and
// those among them that are also ordinary words.
type nameLists struct {
	listed    map[string]bool
	ambiguous map[string]bool
}

var lists = loadNames(namesData)

func loadNames(data string) nameLists {
	l := nameLists{listed: map[string]bool{}, ambiguous: map[string]bool{}}
	section := ""
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = line
		default:
			for _, n := range strings.Fields(line) {
				n = strings.ToLower(n)
				l.listed[n] = true
				if section == "[ambiguous]" {
					l.ambiguous[n] = true
				}
			}
		}
	}
	return l
}

// nameWords are words that are never part of a name: greetings, closings,
// pronouns, titles, places and the like that are written with a capital.
var nameStop = setOf(`hej hejsa kære til fra mvh vh kh bh hilsen hilsner med venlig venlige tak jeg vi du de den det der
	han hun min mit mine vores jeres deres og i hvor hvad hvem hvorfor hvornår kan må skal er har god goddag dette disse
	en et ikke ja nej men så også at om på ved efter for fordi hvis når nu se send ring skriv svar
	hi hello hey dear the a an my our your we you he she it they this that these please thanks thank regards best kind
	cheers yours sincerely and or but where what who why when how can could is are was has have hope just also yo
	mr mrs ms miss dr hr fru frk doktor sr jr
	københavn københavns kommune kommunes copenhagen danmark denmark amager valby vanløse frederiksberg nørrebro østerbro
	vesterbro sydhavn brønshøj hellerup kastrup hvidovre rødovre malmø sverige poland ukraine germany iceland pakistan
	turkey ku arc kundeservice iphone storskrald genbrugsstation genbrugsstationen danish german dutch polish swedish
	english finnish italian turkish icelandic ukrainian
	affald renovation transport miljø miljøpunkt genbrug service vvs byg entreprise ressourcecenter kundecenter
	kundecenteret
	january february march april june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday cpr iban mobil tlf formand administrator`)

// abbreviations end with a dot that ends no sentence.
var abbreviations = setOf(`nr cpr-nr tlf tlf.nr ca bl fx kl evt jf adr reg st th tv mf gl skt ndr sdr hr fru frk mr mrs ms dr att vedr mht`)

// particles join the parts of a name: "Sanne de Vries", "Ludwig van Beethoven".
var particles = setOf(`de van von der den da di du la le af al el bin ibn`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// token is one word of the text.
type token struct {
	start, end int
	word       string
	cap        bool // starts with a capital letter
	sentence   bool // begins a sentence or a line
	gap        string
}

var wordRe = regexp.MustCompile(`[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*(?:['’]s?)?`)

func tokens(text string) []token {
	var out []token
	prev := 0
	for _, m := range wordRe.FindAllStringIndex(text, -1) {
		w := text[m[0]:m[1]]
		r, _ := utf8.DecodeRuneInString(w)
		gap := text[prev:m[0]]
		sentence := prev == 0 || strings.ContainsAny(gap, ".!?:\n")
		if sentence && strings.HasPrefix(gap, ".") && !strings.ContainsAny(gap[1:], ".!?:\n") && len(out) > 0 &&
			abbreviations[strings.ToLower(out[len(out)-1].word)] {
			sentence = false // "nr. 12", "tlf. Jensen"
		}
		out = append(out, token{start: m[0], end: m[1], word: w, cap: unicode.IsUpper(r), sentence: sentence, gap: gap})
		prev = m[1]
	}
	return out
}

// base is the word in lower case without a genitive ending.
func base(w string) string {
	w = strings.ToLower(w)
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if t, ok := strings.CutSuffix(w, suf); ok {
			return t
		}
	}
	return w
}

// listed reports whether the word (genitive or hyphenated parts too) is a
// listed name, and whether every such part is ambiguous.
func listed(w string) (found, ambiguous bool) {
	ambiguous = true
	for _, part := range strings.Split(base(w), "-") {
		name := part
		if !lists.listed[name] && len(name) > 3 && strings.HasSuffix(name, "s") && lists.listed[name[:len(name)-1]] {
			name = name[:len(name)-1]
		}
		if lists.listed[name] {
			found = true
			ambiguous = ambiguous && lists.ambiguous[name]
		}
	}
	return found, found && ambiguous
}

func stopWord(w string) bool { return nameStop[base(strings.TrimSuffix(w, "."))] }

// isInitial is a single capital letter followed by a dot: "K."
func isInitial(text string, t token) bool {
	return utf8.RuneCountInString(t.word) == 1 && t.cap && strings.HasPrefix(text[t.end:], ".")
}

// findNames adds the names that the lists, signatures, titles and cues
// reveal.
func findNames(all []span, text string) []span {
	ts := tokens(text)
	all = appendListed(all, text, ts)
	all = appendSignatures(all, text, ts)
	return appendCued(all, text, ts)
}

// appendListed adds every run of capitalised words that holds a listed
// name. An ambiguous name counts where no sentence begins, after a
// greeting, or next to another name.
func appendListed(all []span, text string, ts []token) []span {
	for i := 0; i < len(ts); {
		j := runEnd(text, ts, i)
		if j == i {
			i++
			continue
		}
		if s, ok := listedRun(text, ts, i, j); ok {
			all = append(all, s)
		}
		i = j
	}
	return all
}

// runEnd is the end (exclusive) of the run of capitalised, non-stop words
// joined by single spaces that starts at i; i when ts[i] starts none.
func runEnd(text string, ts []token, i int) int {
	if !nameish(text, ts[i]) {
		return i
	}
	j := i + 1
	for j < len(ts) && j-i < 5 && !ts[j].sentence {
		switch {
		case nameish(text, ts[j]) && joined(ts[j].gap):
			j++
		case particles[ts[j].word] && joined(ts[j].gap) && j+1 < len(ts) && nameish(text, ts[j+1]) && joined(ts[j+1].gap):
			j += 2
		default:
			return j
		}
	}
	return j
}

// joined reports a gap of one space (or a dot after an initial).
func joined(gap string) bool {
	return gap == " " || gap == ". " || gap == "\u00a0"
}

func nameish(text string, t token) bool {
	return t.cap && !stopWord(t.word) && !streetWord(text, t)
}

// streetWord is a word that ends a street's name and is followed by a
// house number: the address is found apart.
func streetWord(text string, t token) bool {
	return hasStreetSuffix(strings.ToLower(t.word)) && isDigitByte(strings.TrimLeft(text[t.end:], " "), 0)
}

func listedRun(text string, ts []token, i, j int) (span, bool) {
	if placeOrFirm(text, ts, i, j) {
		return span{}, false
	}
	anyName, start := false, i
	for k := i; k < j; k++ {
		found, ambiguous := listed(ts[k].word)
		switch {
		case found && !ambiguous:
			anyName = true
		case found && (!ts[k].sentence || j-i > 1 || greeting(ts, k)):
			anyName = true
		}
	}
	if !anyName {
		return span{}, false
	}
	// An unlisted word before a listed name is kept with it, even where a
	// sentence begins: "Margrethe Brandt" is more likely than "Borger Jens".
	return span{ts[start].start, withInitialDot(text, ts[j-1]), KindName}, true
}

func greeting(ts []token, k int) bool {
	if k == 0 {
		return false
	}
	switch base(ts[k-1].word) {
	case "hej", "kære", "hi", "dear", "hello", "hey", "til", "to":
		return true
	}
	return false
}

// closingRe is the closing of a letter; the name follows on its line or
// the next.
var closingRe = regexp.MustCompile(`(?im)(?:^|[.!?,] )[ \t]*(?:med venlig hilsen|venlig hilsen|venlige hilsner|de bedste hilsner|bedste hilsner|mange hilsner|kærlig hilsen|mange tak|hilsner|hilsen|mvh|vh|kh|bh|best regards|kind regards|warm regards|best wishes|yours sincerely|yours faithfully|sincerely|regards|thanks|thank you|cheers|best|br)\b[.,!:]*[ \t]*`)

// tailRe is a name after a slash or dash at the very end: "… /Anne".
var tailRe = regexp.MustCompile(`(?:^|\s)[/-] ?([\p{L}]+(?:[ -][\p{L}]+)?)\s*$`)

// appendSignatures adds the name after a closing, after a final slash or
// dash, and a last line (or sentence) that is nothing but a name.
func appendSignatures(all []span, text string, ts []token) []span {
	for _, m := range closingRe.FindAllStringIndex(text, -1) {
		if s, ok := signatureAt(text, ts, m[1]); ok {
			all = append(all, s)
		}
	}
	from := max(0, len(text)-64)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	if m := tailRe.FindStringSubmatchIndex(text[from:]); m != nil {
		if s, ok := nameLine(text, ts, from+m[2], from+m[3], true); ok {
			all = append(all, s)
		}
	}
	last := strings.TrimRight(text, " \t\n.!")
	from = strings.LastIndexAny(last, ".!?\n") + 1
	if s, ok := nameLine(text, ts, from, len(last), false); ok && from > 0 {
		all = append(all, s)
	}
	return all
}

// signatureAt finds the name after a closing that ends at i: the rest of
// its line, or the next line that is not empty.
func signatureAt(text string, ts []token, i int) (span, bool) {
	line, rest, _ := strings.Cut(text[i:], "\n")
	if strings.HasPrefix(strings.TrimSpace(line), "/") { // "Venlig hilsen / Best regards"
		line = ""
	}
	if strings.TrimSpace(line) != "" {
		return nameLine(text, ts, i, i+len(line), true)
	}
	off := i + len(line) + 1
	for rest != "" {
		line, rest, _ = strings.Cut(rest, "\n")
		if strings.TrimSpace(line) != "" {
			return nameLine(text, ts, off, off+len(line), true)
		}
		off += len(line) + 1
	}
	return span{}, false
}

// nameLine accepts text[from:to], up to a comma, bracket or digit, as a
// name when it is one to four name-like words: capitalised, listed in any
// case, or initials, joined by "og", "and" or particles. signed: a closing
// stands before it, so one unlisted capitalised word will do.
func nameLine(text string, ts []token, from, to int, signed bool) (span, bool) {
	if i := strings.IndexAny(text[from:to], ",(@0123456789+"); i >= 0 {
		to = from + i
	}
	var words []token
	for _, t := range ts {
		if t.start >= from && t.end <= to {
			words = append(words, t)
		}
	}
	if len(words) == 0 || len(words) > 4 {
		return span{}, false
	}
	anyListed := false
	for _, t := range words {
		found, _ := listed(t.word)
		anyListed = anyListed || found
		ok := (t.cap && !stopWord(t.word)) || found || isInitial(text, t) || particles[t.word] || t.word == "og" || t.word == "and"
		if !ok {
			return span{}, false
		}
	}
	if !signed && !anyListed {
		return span{}, false
	}
	return span{words[0].start, withInitialDot(text, words[len(words)-1]), KindName}, true
}

// withInitialDot is the end of t, past the dot when t is an initial ("K.").
func withInitialDot(text string, t token) int {
	if isInitial(text, t) {
		return t.end + 1
	}
	return t.end
}

// Cues before a name. strongCueRe and relationCueRe take any capitalised
// words after them; weakCueRe needs two, or one listed name.
var (
	strongCueRe   = regexp.MustCompile(`(?i)(?:\bhedder|\bmit navn er|\bnavnet|\bnavn:|\bname:|\bmy name is|\bundertegnede,?|\bkontaktperson:?|\b(?:hr|fru|frk|mr|mrs|ms|miss|dr)\.?) $`)
	weakCueRe     = regexp.MustCompile(`(?i)(?:\bi am|\bi'm|\bthis is|\bdet er|\bher er|\bjeg er|\bfrom) $`)
	relationCueRe = regexp.MustCompile(`(?i)\b(?:spørg|spørg efter|ring til|kontakt|tal med|talte med|ask|call|contact|nabo|naboer|mor|far|søn|datter|bror|søster|mand|kone|svigerfar|svigermor|barnebarn|ven|veninde|kollega|udlejer|neighbour|neighbor|colleague|landlord|flatmate|roommate|brother|sister|mother|father|son|daughter|grandmother|grandfather|partner|friend|wife|husband),? $`)
)

// appendCued adds the capitalised words that follow a cue.
func appendCued(all []span, text string, ts []token) []span {
	for i, t := range ts {
		if !nameish(text, t) {
			continue
		}
		before := text[max(0, t.start-24):t.start]
		strong := strongCueRe.MatchString(before) || relationCueRe.MatchString(before)
		weak := weakCueRe.MatchString(before)
		if !strong && !weak {
			continue
		}
		j := runEnd(text, ts, i)
		found, _ := listed(t.word)
		if strong || j-i >= 2 || found {
			all = append(all, span{t.start, ts[j-1].end, KindName})
		}
	}
	return all
}

// nameVariantsFromAddress are the listed names in an address's local part:
// "karl.nielsen@…" gives Karl and Nielsen.
func nameVariantsFromAddress(addr string) []string {
	local, _, ok := strings.Cut(addr, "@")
	if !ok {
		return nil
	}
	var out []string
	for _, part := range strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if found, _ := listed(part); found && utf8.RuneCountInString(part) >= 3 {
			out = append(out, part)
		}
	}
	return out
}

// firmRe follows a firm's name.
var firmRe = regexp.MustCompile(`^ (?:A/S|ApS|I/S|K/S|P/S|IVS|& (?:Co|Søn|Sønner))\b`)

// placeOrFirm reports a run of names that names a street ("H.C. Andersens
// Boulevard"), a firm ("Marius Pedersen A/S") or a shop ("Jensens Bøfhus":
// after a name in the genitive comes what is theirs, not more name).
func placeOrFirm(text string, ts []token, i, j int) bool {
	if firmRe.MatchString(text[ts[j-1].end:]) {
		return true
	}
	for k := i; k+1 < j; k++ {
		if genitive(strings.ToLower(ts[k].word)) {
			return true
		}
	}
	return false
}

// genitive reports a listed name with the genitive s: "jensens".
func genitive(w string) bool {
	b := base(w)
	if b != w {
		return true // "Karl's"
	}
	return strings.HasSuffix(w, "s") && !lists.listed[w] && lists.listed[strings.TrimSuffix(w, "s")]
}

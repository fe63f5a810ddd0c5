package guidance

import "strings"

// contentWords drops question words that carry no topic, in Danish and
// English, and keeps at most maxQueryWords words.
func contentWords(q string) []string {
	var out []string
	for _, w := range words(q) {
		if _, stop := queryStopWords[w]; stop || len(out) == maxQueryWords {
			continue
		}
		out = append(out, w)
	}
	return out
}

var queryStopWords = toSet(strings.Fields(`
	hvor hvad hvordan hvilken hvilket hvilke hvem hvorfor hvornår skal må kan
	jeg vi du man hen ind ud op i på til med af for om og eller en et den det de
	der som er være har have gør gøre smide smider smid putte lægge komme kommer
	sortere sorteres sorterer hej tak venlig venlige hilsen mvh spørgsmål gerne
	ikke også bare lige nu min mit mine vores jeres sin sit gammel gamle gammelt
	where what which how who why when do does did can could should would will
	i me my we our you your it its is are was be the a an of in on at to into
	for with from and or not put throw away dispose get go goes there this that
	these those please hi hello thanks any some have has old
`))

func toSet(ws []string) map[string]struct{} {
	s := make(map[string]struct{}, len(ws))
	for _, w := range ws {
		s[w] = struct{}{}
	}
	return s
}

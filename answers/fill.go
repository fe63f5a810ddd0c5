package answers

import (
	"regexp"
	"strings"
)

// Vars are the values an answer's variables are filled with.
type Vars struct {
	FirstName string // {fornavn}: the citizen's first name; "" when unknown
	Number    string // {nummer}: the enquiry's number, "#1234"
	Deadline  string // {frist}: the answer deadline as a date
	Adviser   string // {rådgiver}: the adviser's name
}

// around a {fornavn} left empty: "Hej {fornavn}," becomes "Hej,".
var emptyName = regexp.MustCompile(`[ \t]*\{fornavn\}`)

// Fill puts the values into the text. An empty first name is dropped with
// the space before it; other variables left empty stay as written, so the
// adviser sees what is missing before sending.
func Fill(text string, v Vars) string {
	if v.FirstName == "" {
		text = emptyName.ReplaceAllString(text, "")
	}
	pairs := []string{"{fornavn}", v.FirstName}
	for _, p := range [][2]string{{"{nummer}", v.Number}, {"{frist}", v.Deadline}, {"{rådgiver}", v.Adviser}} {
		if p[1] != "" {
			pairs = append(pairs, p[0], p[1])
		}
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// FirstName is the first word of a name, "" when it does not look like a
// person's name (an address or a number).
func FirstName(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 || strings.ContainsAny(f[0], "@0123456789") {
		return ""
	}
	return strings.Trim(f[0], ",;\"'")
}

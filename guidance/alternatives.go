package guidance

import "strings"

// digraphs are the ASCII spellings of æ, ø and å.
var digraphs = strings.NewReplacer("aa", "å", "ae", "æ", "oe", "ø")

// variants of an unknown query word that the corpus may know.
type variants struct {
	spelling string   // the word with "aa", "ae", "oe" as å, æ, ø
	parts    []string // first parts of a compound
	ending   string   // last part of a compound
}

// alternatives finds the variants of a word the corpus does not use.
// "kaffekapsler" gives parts ["kaffe"] and ending "kapsler"; "ølflasker",
// whose first part is unknown, gives only the ending "flasker".
func (v *vocabulary) alternatives(w string) variants {
	if d := digraphs.Replace(w); d != w && v.known(d) {
		return variants{spelling: d}
	}
	if parts := v.split(w, 2, looseTail); len(parts) > 0 {
		return variants{parts: parts[:len(parts)-1], ending: parts[len(parts)-1]}
	}
	return variants{ending: v.lastPart(w)}
}

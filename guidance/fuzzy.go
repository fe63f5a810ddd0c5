package guidance

// fuzzyMap finds the corpus stems one edit away from a query stem. It keys
// every stem by each of its one-rune deletions, so a lookup costs a few map
// reads instead of a Levenshtein automaton per field and query.
type fuzzyMap map[string][]string

const (
	maxFuzzyTerms = 8 // bounds the terms one misspelt word expands to
	minFuzzyRunes = 4 // shorter stems are too close to too many others
)

func newFuzzyMap(stems map[string]struct{}) fuzzyMap {
	m := fuzzyMap{}
	for s := range stems {
		for _, d := range deletions(s) {
			m[d] = append(m[d], s)
		}
	}
	return m
}

// deletions returns s with each rune left out in turn.
func deletions(s string) []string {
	r := []rune(s)
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

// near returns the stems within one insertion, deletion, substitution or
// swap of adjacent runes from q, q itself excluded.
func (m fuzzyMap) near(q string, stems map[string]struct{}) []string {
	if len([]rune(q)) < minFuzzyRunes {
		return nil
	}
	seen := map[string]bool{q: true}
	var out []string
	add := func(c string) {
		if !seen[c] && len(out) < maxFuzzyTerms && len([]rune(c)) >= minFuzzyRunes && oneEdit(q, c) {
			out = append(out, c)
		}
		seen[c] = true
	}
	for _, c := range m[q] {
		add(c)
	}
	for _, d := range deletions(q) {
		if _, ok := stems[d]; ok {
			add(d)
		}
		for _, c := range m[d] {
			add(c)
		}
	}
	return out
}

// oneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of two adjacent runes.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x)-len(y) > 1 {
		return false
	}
	i := 0
	for i < len(y) && x[i] == y[i] {
		i++
	}
	if len(x) != len(y) {
		return string(x[i+1:]) == string(y[i:])
	}
	if i == len(x) || string(x[i+1:]) == string(y[i+1:]) {
		return true
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
}

package answers

import (
	"sort"
)

// Override is a saved change of the team lead's: it replaces the answer of
// its name, or hides it when Retired.
type Override struct {
	Answer
	Retired bool
}

// Merge lays the overrides over the base set (the folder or the built-in
// set) and returns the answers on offer, sorted by name.
func Merge(base []Answer, overrides []Override) []Answer {
	byName := map[string]Answer{}
	for _, a := range base {
		byName[a.Name] = a
	}
	for _, o := range overrides {
		if o.Retired {
			delete(byName, o.Name)
		} else {
			byName[o.Name] = o.Answer
		}
	}
	out := make([]Answer, 0, len(byName))
	for _, a := range byName {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find returns the answer of a name.
func Find(list []Answer, name string) (Answer, bool) {
	for _, a := range list {
		if a.Name == name {
			return a, true
		}
	}
	return Answer{}, false
}

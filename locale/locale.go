// Package locale holds every text the bot shows, in Danish and English
// (BOT_LANG): one catalogue of keyed messages, a Printer for one language
// (with its dates, month names and thousands separator), and an Error that
// carries a key and its arguments and is translated once, by the surface
// that shows it. The catalogue is one JSON file per language in
// translations/; every key is in every file with the same verbs, and the
// tests fail on text for people written anywhere else (outside_test.go).
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
)

// Languages of the catalogue.
const (
	Danish  = "da" // the default
	English = "en"
)

//go:embed translations/*.json
var files embed.FS

var texts = mustLoad()

// mustLoad reads translations/LANG.json for every language.
func mustLoad() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range []string{Danish, English} {
		raw, err := files.ReadFile("translations/" + lang + ".json")
		if err != nil {
			panic(fmt.Sprintf("locale: %v", err))
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			panic(fmt.Sprintf("locale: translations/%s.json: %v", lang, err))
		}
		out[lang] = m
	}
	return out
}

// Keys lists every key of the catalogue, sorted.
func Keys() []string {
	seen := map[string]bool{}
	for _, m := range texts {
		for k := range m {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Text returns the catalogue's text for key in lang as written, before its
// arguments are put in; ok is false when there is none.
func Text(lang, key string) (text string, ok bool) {
	text, ok = texts[lang][key]
	return text, ok
}

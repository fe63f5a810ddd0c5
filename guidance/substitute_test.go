package guidance

import (
	"strings"
	"testing"
)

// substituteFiles: an unconfirmed item passage whose confirmed part is the
// rule of its fraction names that passage for drafts with "Udkast:".
const substituteFile = `## farligt-affald: Farligt affald
Fraktion: farligt affald
Kilde: https://kk.dk/farligt
Læst: 2026-12-04
Bekræftet: ja

Farligt affald må ikke blandes med det øvrige affald.

## maling: Maling
Fraktion: farligt affald
Kilde: https://kk.dk/maling
Læst: 2026-12-04
Bekræftet: nej
Udkast: farligt-affald
Nøgleord: paint, malerbøtter

Maling er farligt affald. Hvor det afleveres, er ikke bekræftet (ikke bekræftet).

## glas: Glas
Fraktion: glas
Kilde: https://kk.dk/glas
Læst: 2026-12-04
Bekræftet: ja

Flasker og syltetøjsglas.
`

func TestSubstituteStandsInForUnconfirmed(t *testing.T) {
	ix, err := LoadDir(writeFiles(t, map[string]string{"a.md": substituteFile}))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	p, _ := ix.Passage("maling")
	if p.Substitute != "farligt-affald" {
		t.Errorf("maling.Substitute = %q, want farligt-affald", p.Substitute)
	}
	all, err := ix.SearchAll("malerbøtter", 3)
	if err != nil || len(all) != 1 || all[0].ID != "maling" {
		t.Fatalf("SearchAll(malerbøtter) = %v, %v; want the maling passage itself", hitIDs(all), err)
	}
	hits, err := ix.Search("malerbøtter", 3)
	if err != nil || len(hits) != 1 || hits[0].ID != "farligt-affald" {
		t.Fatalf("Search(malerbøtter) = %v, %v; want farligt-affald in maling's place", hitIDs(hits), err)
	}
	if hits[0].Score != all[0].Score {
		t.Errorf("substitute scored %v, want maling's %v", hits[0].Score, all[0].Score)
	}
	// found both itself and through maling: once, at the better place
	hits, err = ix.Search("malerbøtter farligt affald", 3)
	if err != nil || len(hits) != 1 || hits[0].ID != "farligt-affald" {
		t.Errorf("Search(malerbøtter farligt affald) = %v, %v; want farligt-affald once", hitIDs(hits), err)
	}
}

func TestSubstituteErrors(t *testing.T) {
	head := "## a: A\nFraktion: x\nKilde: https://kk.dk/a\nLæst: 2026-12-04\n"
	tests := []struct {
		name, file string
		want       []string
	}{
		{"unknown passage", head + "Bekræftet: nej\nUdkast: findes-ikke\n\nA (ikke bekræftet).\n",
			[]string{"bad.md", "passage a", "findes-ikke"}},
		{"unconfirmed substitute", head + "Bekræftet: nej\nUdkast: b\n\nA.\n\n" +
			"## b: B\nFraktion: x\nKilde: https://kk.dk/b\nLæst: 2026-12-04\nBekræftet: nej\n\nB.\n",
			[]string{"bad.md", "passage a", "b", "not confirmed"}},
		{"confirmed passage", head + "Bekræftet: ja\nUdkast: b\n\nA.\n\n" +
			"## b: B\nFraktion: x\nKilde: https://kk.dk/b\nLæst: 2026-12-04\nBekræftet: ja\n\nB.\n",
			[]string{"bad.md", "passage a", "confirmed", "itself"}},
		{"itself", head + "Bekræftet: nej\nUdkast: a\n\nA.\n", []string{"bad.md", "passage a", "itself"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := LoadDir(writeFiles(t, map[string]string{"bad.md": tt.file}))
			if err == nil {
				ix.Close()
				t.Fatal("LoadDir succeeded, want error")
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

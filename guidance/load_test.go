package guidance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const goodFile = `# Tema

Indledning, som ikke er en passage.

## spraydaaser: Spraydåser
Fraktion: farligt affald
Kilde: https://example.org/spray
Læst: 2026-12-03
Bekræftet: ja
Nøgleord: aerosol, spray can

Spraydåser er farligt affald.

## glas: Glas
Fraction: glas
Source: https://example.org/glas
Read: 2026-11-30
Confirmed: no

Flasker og syltetøjsglas.
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadDir(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.md": goodFile, "noter.txt": "ignoreres"})
	ix, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Len() != 2 {
		t.Fatalf("Len = %d, want 2", ix.Len())
	}
	got, _ := ix.Passage("spraydaaser")
	want := Passage{ID: "spraydaaser", Title: "Spraydåser", Fraction: "farligt affald",
		Source: "https://example.org/spray", Read: "2026-12-03", Confirmed: true, Text: "Spraydåser er farligt affald."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("passage (-want +got):\n%s", diff)
	}
	hits, err := ix.Search("spray cans", 1)
	if err != nil || len(hits) != 1 || hits[0].ID != "spraydaaser" {
		t.Errorf("Search(spray cans) = %v, %v; want spraydaaser", hitIDs(hits), err)
	}
	glas, _ := ix.Passage("glas")
	if glas.Confirmed || glas.Read != "2026-11-30" {
		t.Errorf("glas = %+v, want unconfirmed, read 2026-11-30", glas)
	}
	if hits, err := ix.Search("flasker", 5); err != nil || len(hits) != 0 {
		t.Errorf("Search(flasker) = %v, %v; want nothing: glas is unconfirmed", hitIDs(hits), err)
	}
	if hits, err := ix.SearchAll("flasker", 5); err != nil || len(hits) != 1 || hits[0].ID != "glas" {
		t.Errorf("SearchAll(flasker) = %v, %v; want glas", hitIDs(hits), err)
	}
}

func TestLoadDirErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
	}{
		{"missing source", map[string]string{"ok.md": goodFile,
			"bad.md": "## pap: Pap\nFraktion: pap\n\nPapkasser.\n"},
			[]string{"bad.md:1", "pap", "Kilde"}},
		{"bad heading", map[string]string{"bad.md": "intro\n\n## Pap uden id\nFraktion: pap\n"},
			[]string{"bad.md:3", "## id: title"}},
		{"no text", map[string]string{"bad.md": "## pap: Pap\nFraktion: pap\nKilde: https://x\nLæst: 2026-12-03\nBekræftet: ja\n"},
			[]string{"bad.md:1", "no text"}},
		{"no read date", map[string]string{"bad.md": "## pap: Pap\nFraktion: pap\nKilde: https://x\nBekræftet: ja\n\nPap.\n"},
			[]string{"bad.md:1", "Læst"}},
		{"bad read date", map[string]string{"bad.md": "## pap: Pap\nFraktion: pap\nKilde: https://x\nLæst: i går\nBekræftet: ja\n\nPap.\n"},
			[]string{"bad.md:1", "i går", "YYYY-MM-DD"}},
		{"no confirmation", map[string]string{"bad.md": "## pap: Pap\nFraktion: pap\nKilde: https://x\nLæst: 2026-12-03\n\nPap.\n"},
			[]string{"bad.md:1", "Bekræftet"}},
		{"bad confirmation", map[string]string{"bad.md": "## pap: Pap\nFraktion: pap\nKilde: https://x\nLæst: 2026-12-03\nBekræftet: måske\n\nPap.\n"},
			[]string{"bad.md:1", "måske", "ja or nej"}},
		{"no passage", map[string]string{"bad.md": "# Kun overskrift\n"},
			[]string{"bad.md", "no passage"}},
		{"duplicate id", map[string]string{"a.md": goodFile, "b.md": goodFile},
			[]string{"b.md", "spraydaaser", "a.md"}},
		{"no files", map[string]string{"readme.txt": "x"}, []string{"no .md files"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := LoadDir(writeFiles(t, tt.files))
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

func TestLoadDirNotADirectory(t *testing.T) {
	if _, err := LoadDir(filepath.Join(t.TempDir(), "mangler")); err == nil {
		t.Error("LoadDir of a missing folder succeeded")
	}
}

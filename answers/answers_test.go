package answers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBuiltinSetIsTenCompleteAnswersInBothLanguages(t *testing.T) {
	list := Builtin()
	if len(list) != 10 {
		t.Fatalf("built-in answers: %d, want 10", len(list))
	}
	for _, a := range list {
		if a.BodyEN == "" {
			t.Errorf("%s has no English text", a.Name)
		}
		for _, text := range []string{a.Body, a.BodyEN} {
			if !strings.Contains(text, "{rådgiver}") {
				t.Errorf("%s is not signed with {rådgiver}", a.Name)
			}
			if strings.Contains(text, "## English") {
				t.Errorf("%s: the English heading leaked into a text", a.Name)
			}
		}
	}
}

func TestFillPutsTheEnquirysValuesIn(t *testing.T) {
	text := "Hej {fornavn},\nSag {nummer}, svar senest {frist}.\n{rådgiver}"
	got := Fill(text, Vars{FirstName: "Jens", Number: "#12", Deadline: "17. december 2026", Adviser: "Mette Holm"})
	want := "Hej Jens,\nSag #12, svar senest 17. december 2026.\nMette Holm"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	got = Fill(text, Vars{Number: "#12"})
	want = "Hej,\nSag #12, svar senest {frist}.\n{rådgiver}"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("without name, deadline and adviser (-want +got)\n%s", diff)
	}
}

func TestFirstNameIsNeverAnAddressOrNumber(t *testing.T) {
	for in, want := range map[string]string{"Jens Hansen": "Jens", "jens@example.dk": "", "+4512345678": "", "": "", "  Åse  Bo": "Åse"} {
		if got := FirstName(in); got != want {
			t.Errorf("FirstName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMergeLetsSavedAnswersReplaceAndRetire(t *testing.T) {
	base := []Answer{{Name: "a", Title: "A", Body: "a"}, {Name: "b", Title: "B", Body: "b"}}
	got := Merge(base, []Override{{Answer: Answer{Name: "b", Title: "B2", Body: "b2"}}, {Answer: Answer{Name: "a"}, Retired: true},
		{Answer: Answer{Name: "c", Title: "C", Body: "c"}}})
	want := []Answer{{Name: "b", Title: "B2", Body: "b2"}, {Name: "c", Title: "C", Body: "c"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestLoadDirRefusesAFileWithoutTitle(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.md"), []byte("# Fint\n\nTekst\n\n## English\n\nText\n"), 0o644)
	list, err := LoadDir(dir)
	if err != nil || len(list) != 1 || list[0].BodyEN != "Text" || list[0].Body != "Tekst" {
		t.Fatalf("LoadDir = %+v, %v", list, err)
	}
	os.WriteFile(filepath.Join(dir, "bad.md"), []byte("Tekst uden titel\n"), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("a file without title: err = %v, want one naming it", err)
	}
	os.WriteFile(filepath.Join(dir, "bad.md"), []byte("# T\n\nx\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "Bad Name.md"), []byte("# T\n\nx\n"), 0o644)
	if _, err := LoadDir(dir); err == nil {
		t.Error("a file name with spaces and capitals was accepted")
	}
}

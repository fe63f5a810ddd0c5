package affaldsbot_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// markdownFiles are the README and every page of docs/.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 8 {
		t.Fatalf("docs/ holds %d pages: %v", len(files), files)
	}
	return append(files, "README.md")
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestDocsLinksResolve: every relative link of the README and docs/ names a
// file that exists, and a #fragment names a heading of that page.
func TestDocsLinksResolve(t *testing.T) {
	for _, page := range markdownFiles(t) {
		for _, m := range mdLink.FindAllStringSubmatch(readFile(t, page), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, frag, _ := strings.Cut(target, "#")
			path := page
			if file != "" {
				path = filepath.Join(filepath.Dir(page), file)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s links to %s: %v", page, target, err)
				continue
			}
			if frag != "" && strings.HasSuffix(path, ".md") && !headingSlugs(readFile(t, path))[frag] {
				t.Errorf("%s links to %s: %s has no heading #%s", page, target, path, frag)
			}
		}
	}
}

// headingSlugs are the anchors a Markdown renderer gives the page's headings:
// lower case, spaces to hyphens, punctuation dropped.
func headingSlugs(md string) map[string]bool {
	slugs := map[string]bool{}
	inCode := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if inCode || !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(line, "#"))
		slug := strings.Map(func(r rune) rune {
			switch {
			case r == ' ':
				return '-'
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				return unicode.ToLower(r)
			}
			return -1
		}, title)
		slugs[slug] = true
	}
	return slugs
}

var testName = regexp.MustCompile("`(Test[A-Z][A-Za-z0-9_]*)`")

// TestDocsNameRealTests: a test the documentation names as holding a
// promise exists.
func TestDocsNameRealTests(t *testing.T) {
	var sources strings.Builder
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_test.go") {
			sources.WriteString(readFile(t, path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, page := range markdownFiles(t) {
		for _, m := range testName.FindAllStringSubmatch(readFile(t, page), -1) {
			named++
			if !strings.Contains(sources.String(), "func "+m[1]+"(") {
				t.Errorf("%s names %s, which no test file declares", page, m[1])
			}
		}
	}
	if named < 10 {
		t.Errorf("the documentation names %d tests; docs/never.md alone names more", named)
	}
}

// outsideContract is the name of a contract document kept outside the
// repository that comments once cited; the contract is docs/ now. It is
// spelled in two parts so that this file does not name it.
const outsideContract = "SP" + "EC"

// TestNoReferenceOutsideTheRepository: Go files, scripts and Markdown cite
// docs/, never a document a reader of the repository cannot open.
func TestNoReferenceOutsideTheRepository(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		script := dir == "scripts" || dir == ".ci" || strings.HasPrefix(dir, "scripts/") || strings.HasPrefix(dir, ".ci/")
		if !script && !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".md") {
			return nil
		}
		checked++
		for i, line := range strings.Split(readFile(t, path), "\n") {
			if strings.Contains(line, outsideContract) {
				t.Errorf("%s:%d cites %s; cite the page of docs/ instead: %s", path, i+1, outsideContract, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked %d files; the walk missed the repository", checked)
	}
}

package guidance

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
)

//go:embed corpus/*.md
var builtin embed.FS

// LoadBuiltin indexes the corpus embedded in the binary.
func LoadBuiltin() (*Index, error) {
	entries, err := readBuiltin()
	if err != nil {
		return nil, err
	}
	return build(entries)
}

func readBuiltin() ([]entry, error) {
	sub, err := fs.Sub(builtin, "corpus")
	if err != nil {
		return nil, fmt.Errorf("guidance builtin corpus: %w", err)
	}
	return readCorpus(sub, "corpus")
}

// LoadDir indexes the Markdown files (*.md) in dir, replacing the built-in
// corpus. A malformed passage yields an error naming its file and line.
func LoadDir(dir string) (*Index, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("guidance dir: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("guidance dir %s: not a directory", dir)
	}
	return loadFS(os.DirFS(dir), dir)
}

func loadFS(fsys fs.FS, label string) (*Index, error) {
	entries, err := readCorpus(fsys, label)
	if err != nil {
		return nil, err
	}
	return build(entries)
}

// readCorpus parses every *.md file of fsys in name order and rejects
// duplicate ids.
func readCorpus(fsys fs.FS, label string) ([]entry, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, fmt.Errorf("guidance %s: %w", label, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("guidance %s: no .md files", label)
	}
	sort.Strings(names)
	var all []entry
	seen := map[string]string{}
	for _, name := range names {
		es, err := readFile(fsys, name, path.Join(label, name))
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if prev, dup := seen[e.ID]; dup {
				return nil, fmt.Errorf("guidance %s: passage id %q already used in %s", path.Join(label, name), e.ID, prev)
			}
			seen[e.ID] = path.Join(label, name)
		}
		all = append(all, es...)
	}
	return all, checkSubstitutes(all, seen)
}

// checkSubstitutes: a passage's "Udkast:" names another passage, confirmed,
// and only an unconfirmed passage has one. files maps ids to their files.
func checkSubstitutes(all []entry, files map[string]string) error {
	confirmed := map[string]bool{}
	for _, e := range all {
		confirmed[e.ID] = e.Confirmed
	}
	for _, e := range all {
		sub := e.Substitute
		if sub == "" {
			continue
		}
		var msg string
		ok, known := confirmed[sub]
		switch {
		case sub == e.ID:
			msg = `"Udkast:" names the passage itself`
		case e.Confirmed:
			msg = `is confirmed: drafts quote it itself; drop its "Udkast:" line`
		case !known:
			msg = `"Udkast: ` + sub + `" names no passage`
		case !ok:
			msg = `"Udkast: ` + sub + `" names a passage that is not confirmed`
		default:
			continue
		}
		return fmt.Errorf("guidance %s: passage %s %s", files[e.ID], e.ID, msg)
	}
	return nil
}

func readFile(fsys fs.FS, name, shown string) ([]entry, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("guidance %s: %w", shown, err)
	}
	return parseFile(shown, data)
}

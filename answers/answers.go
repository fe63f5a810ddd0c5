// Package answers is the team's library of standard answers (standardsvar):
// Markdown files, one answer each, in a folder (ANSWERS_DIR) or the built-in
// set, with the team lead's saved changes laid over them.
//
// A file NAME.md holds one answer: its first line "# Title", then the Danish
// text; an optional section headed "## English" holds the English text. NAME
// is what an adviser types after `svar: /`: lower-case letters, digits and
// hyphens. The texts may use the variables {fornavn}, {nummer}, {frist} and
// {rådgiver} (see Fill).
package answers

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot/locale"
)

//go:embed builtin/*.md
var builtin embed.FS

// Answer is one standard answer.
type Answer struct {
	Name   string
	Title  string
	Body   string // Danish
	BodyEN string // English; "" when there is none
}

// Text is the answer's text in lang ("da" or "en"); Danish when it has no
// English text.
func (a Answer) Text(lang string) string {
	if lang == "en" && a.BodyEN != "" {
		return a.BodyEN
	}
	return a.Body
}

// Limits of an answer, so that it fits the reply modal and Slack's pickers.
const (
	MaxNameChars  = 30
	MaxTitleChars = 60
	MaxBodyChars  = 3000 // one field of the reply modal
)

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// CheckName says what is wrong with a name (a *locale.Error for the team
// lead), nil when nothing.
func CheckName(name string) error {
	if len(name) > MaxNameChars || !nameRE.MatchString(name) {
		return locale.NewError("answer_bad_name", name, MaxNameChars)
	}
	return nil
}

// Check says what is wrong with an answer (a *locale.Error for the team
// lead), nil when nothing.
func (a Answer) Check() error {
	if err := CheckName(a.Name); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(a.Title) == "" || utf8.RuneCountInString(a.Title) > MaxTitleChars:
		return locale.NewError("answer_bad_title", MaxTitleChars)
	case strings.TrimSpace(a.Body) == "":
		return locale.NewError("answer_no_text")
	case utf8.RuneCountInString(a.Body) > MaxBodyChars || utf8.RuneCountInString(a.BodyEN) > MaxBodyChars:
		return locale.NewError("answer_too_long", MaxBodyChars)
	}
	return nil
}

// Builtin returns the built-in set.
func Builtin() []Answer {
	sub, _ := fs.Sub(builtin, "builtin")
	out, err := load(sub)
	if err != nil {
		panic("built-in standard answers: " + err.Error())
	}
	return out
}

// LoadDir reads the answers of a folder (ANSWERS_DIR), sorted by name.
func LoadDir(dir string) ([]Answer, error) {
	out, err := load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("ANSWERS_DIR %s: %w", dir, err)
	}
	return out, nil
}

func load(fsys fs.FS) ([]Answer, error) {
	files, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	var out []Answer
	for _, f := range files {
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		a, err := Parse(strings.TrimSuffix(path.Base(f), ".md"), string(raw))
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Parse reads one answer file.
func Parse(name, text string) (Answer, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	if !strings.HasPrefix(first, "# ") {
		return Answer{}, fmt.Errorf("answer %s: the first line must be \"# Title\"", name)
	}
	a := Answer{Name: name, Title: strings.TrimSpace(first[2:])}
	da, en, _ := strings.Cut(rest, "\n## English\n")
	a.Body, a.BodyEN = strings.TrimSpace(da), strings.TrimSpace(en)
	if err := a.Check(); err != nil {
		return a, fmt.Errorf("answer %s: %w", name, err)
	}
	return a, nil
}

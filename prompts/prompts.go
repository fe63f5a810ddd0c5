// Package prompts renders the messages sent to the language model. The
// templates are embedded text files; golden files in testdata show exactly
// what a model receives (go test ./prompts -update rewrites them).
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"regexp"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

var templates = template.Must(template.ParseFS(files, "*.tmpl"))

// The fence around the citizen's text.
const (
	FenceBegin = "<<<BORGERENS_TEKST"
	FenceEnd   = "BORGERENS_TEKST>>>"
)

// Passage is one piece of guidance the draft may draw on.
type Passage struct {
	ID, Title, Source, Text string
}

// DraftData is what a draft prompt is made of. CitizenText and Subject must
// already be redacted.
type DraftData struct {
	Lang        string // "da" or "en": the citizen's language
	Passages    []Passage
	CitizenText string
	Subject     string
	Citizen     string // the citizen's name as its placeholder ([NAVN_1]), if known
}

// view is DraftData as the templates see it, with the fence applied.
type view struct {
	DraftData
	LangName, ExampleID, Begin, End string
}

// Draft renders the system and user messages of a draft request.
func Draft(data DraftData) (system, user string, err error) {
	v := view{DraftData: data, LangName: langName(data.Lang), ExampleID: "spraydaaser", Begin: FenceBegin, End: FenceEnd}
	if len(data.Passages) > 0 {
		v.ExampleID = data.Passages[0].ID
	}
	v.Citizen = Neutralise(strings.Join(strings.Fields(data.Citizen), " "))
	v.Subject = Neutralise(strings.Join(strings.Fields(data.Subject), " "))
	v.CitizenText = Neutralise(strings.TrimSpace(data.CitizenText))
	if system, err = render("system.tmpl", v); err != nil {
		return "", "", err
	}
	user, err = render("user.tmpl", v)
	return system, user, err
}

func render(name string, v view) (string, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, v); err != nil {
		return "", fmt.Errorf("prompt %s: %w", name, err)
	}
	return b.String(), nil
}

func langName(lang string) string {
	if lang == "en" {
		return "English"
	}
	return "Danish"
}

// markerRe finds the fence's word in any case or spacing, and runs of angle
// brackets that could pose as its ends.
var markerRe = regexp.MustCompile(`(?i)borgerens[\s_\-]*tekst|<<<+|>>>+`)

// Neutralise removes anything from citizen text that could pose as the fence,
// so the text cannot close it early and speak outside it.
func Neutralise(s string) string {
	return markerRe.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case strings.HasPrefix(m, "<"):
			return "‹‹"
		case strings.HasPrefix(m, ">"):
			return "››"
		}
		return "[markør fjernet]"
	})
}

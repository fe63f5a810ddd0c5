package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"unicode"

	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/prompts"
	"github.com/affaldsbot/affaldsbot/storage"
)

// citationRe finds a cited passage id such as [pizzabakker].
var citationRe = regexp.MustCompile(`\[([a-z0-9][a-z0-9-]*)\]`)

func sourcesOf(hits []guidance.Hit) []DraftSource {
	out := make([]DraftSource, 0, len(hits))
	for _, h := range hits {
		out = append(out, DraftSource{ID: h.ID, Title: h.Title, URL: h.Source})
	}
	return out
}

// citedSources are the passages the answer cites, in order of first
// citation; all the passages it was given when it cites none.
func citedSources(answer string, hits []guidance.Hit) []DraftSource {
	byID := map[string]guidance.Hit{}
	for _, h := range hits {
		byID[h.ID] = h
	}
	var cited []guidance.Hit
	for _, m := range citationRe.FindAllStringSubmatch(answer, -1) {
		if h, ok := byID[m[1]]; ok {
			cited = append(cited, h)
			delete(byID, m[1])
		}
	}
	if len(cited) == 0 {
		return sourcesOf(hits)
	}
	return sourcesOf(cited)
}

// citedLinks are the addresses of the passages the answer cites, each once:
// the links a citizen gets. An answer that cites none gets none.
func citedLinks(answer string, hits []guidance.Hit) []string {
	var cited []DraftSource
	for _, src := range citedSources(answer, hits) {
		if strings.Contains(answer, "["+src.ID+"]") {
			cited = append(cited, src)
		}
	}
	return links(cited)
}

// anyCitationRe finds a citation with the space before it: lower-case
// letters, digits and hyphens in brackets (placeholders are upper case).
var anyCitationRe = regexp.MustCompile(`[ \t]?\[[a-z0-9]+(?:-[a-z0-9]+)*\]`)

// stripCitations takes the passage citations out of a text meant for the
// citizen, those of ids the model made up included.
func stripCitations(body string) string {
	return anyCitationRe.ReplaceAllStringFunc(body, func(m string) string {
		if strings.IndexFunc(m, unicode.IsLetter) < 0 {
			return m // [2024] or [1] is not a passage id
		}
		return ""
	})
}

func encodeSources(src []DraftSource) string {
	if len(src) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(src) // plain strings: cannot fail
	return string(b)
}

func decodeSources(raw string) []DraftSource {
	var out []DraftSource
	json.Unmarshal([]byte(raw), &out) // written by encodeSources; a bad value shows no sources
	return out
}

// viewOf is how a stored draft is shown.
func viewOf(d *storage.Draft) DraftView {
	v := DraftView{DraftID: d.ID, Number: d.Number, EnquiryID: d.EnquiryID, Text: d.Body, Sources: decodeSources(d.Sources),
		Lang: prompts.DetectLang(d.Body), FromGuidance: d.Model == "", Error: d.Error}
	switch {
	case d.State == storage.DraftDiscarded:
		v.State = DraftDiscarded
	case d.State == storage.DraftFailed:
		v.State = DraftFailed
	case d.Stale:
		v.State = DraftStale
	case d.State == storage.DraftPending:
		v.State = DraftStreaming
	default:
		v.State = DraftReady
	}
	return v
}

// failReason is the short text the thread shows for a failed draft.
func failReason(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "the language model did not answer in time"
	}
	msg := err.Error()
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	return msg
}

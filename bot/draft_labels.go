package bot

import (
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// draftLabels is every fixed string of a draft message in one language.
type draftLabels struct {
	model, guidance, writing, stale, failedHead, discarded string
	failed, tryAgain, empty, cut, sources, use, discard    string
}

var danishDraft = newDraftLabels(locale.Danish)

var englishDraft = newDraftLabels(locale.English)

// newDraftLabels fills a draftLabels from the catalogue in lang.
func newDraftLabels(lang string) draftLabels {
	p := locale.NewPrinter(lang)
	return draftLabels{
		model:      p.Printf("draft_label_model"),
		guidance:   p.Printf("draft_label_guidance"),
		writing:    p.Printf("draft_label_writing"),
		stale:      p.Printf("draft_label_stale"),
		failedHead: p.Printf("draft_label_failed_head"),
		discarded:  p.Printf("draft_label_discarded"),
		failed:     p.Printf("draft_label_failed"),
		tryAgain:   p.Printf("draft_label_try_again"),
		empty:      p.Printf("draft_label_empty"),
		cut:        p.Printf("draft_label_cut"),
		sources:    p.Printf("draft_label_sources"),
		use:        p.Printf("draft_label_use"),
		discard:    p.Printf("draft_label_discard"),
	}
}

func draftLabelsFor(lang string) *draftLabels {
	if lang == LangEnglish {
		return &englishDraft
	}
	return &danishDraft
}

// heading says what the message is and what state it is in.
func (l *draftLabels) heading(v handlers.DraftView) string {
	switch v.State {
	case handlers.DraftStale:
		return l.stale
	case handlers.DraftFailed:
		return l.failedHead
	case handlers.DraftDiscarded:
		return l.discarded
	case handlers.DraftStreaming:
		if !v.FromGuidance {
			return l.model + " · " + l.writing
		}
	}
	if v.FromGuidance {
		return l.guidance
	}
	return l.model
}

package bot

import "github.com/affaldsbot/affaldsbot/handlers"

// draftLabels is every fixed string of a draft message in one language.
type draftLabels struct {
	model, guidance, writing, stale, failedHead, discarded string
	failed, tryAgain, empty, cut, sources, use, discard    string
}

var danishDraft = draftLabels{
	model: "🤖 Udkast til svar – læs og ret det, før du sender", guidance: "📚 Forslag fra vejledningen",
	writing: "Skriver udkast …", stale: "⏳ Forældet udkast – borgeren har skrevet igen. Bed om et nyt udkast.",
	failedHead: "⚠️ Udkastet kunne ikke laves", discarded: "🗑️ Udkastet er kasseret",
	failed: "Fejl:", tryAgain: "Tryk *Udkast* på sagen for at prøve igen.", empty: "(intet fundet i vejledningen)",
	cut: "… (forkortet – hele udkastet kommer med i svarformularen)", sources: "Kilder",
	use: "Brug udkastet", discard: "Kassér",
}

var englishDraft = draftLabels{
	model: "🤖 Draft reply – read and edit it before you send", guidance: "📚 Suggestions from the guidance",
	writing: "Writing the draft …", stale: "⏳ Stale draft – the citizen wrote again. Ask for a new draft.",
	failedHead: "⚠️ The draft could not be made", discarded: "🗑️ The draft was discarded",
	failed: "Error:", tryAgain: "Press *Draft* on the enquiry to try again.", empty: "(nothing found in the guidance)",
	cut: "… (shortened – the whole draft goes into the reply form)", sources: "Sources",
	use: "Use draft", discard: "Discard",
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

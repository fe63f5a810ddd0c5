package bot

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// Action IDs of a draft message's buttons (value = draft id) and the block
// that holds them.
const (
	ActionDraftUse      = "draft_use"
	ActionDraftDiscard  = "draft_discard"
	DraftActionsBlockID = "draft_actions"
)

// draftTextBudget is how much of a draft one message shows; the whole text
// goes into the reply form.
const draftTextBudget = 9000

// DraftBlocks renders a draft message and its `text` fallback. Everything the
// model wrote is escaped: it may echo the citizen.
func DraftBlocks(v handlers.DraftView, lang string) (blocks []slack.Block, fallback string) {
	l := draftLabelsFor(lang)
	heading := l.heading(v)
	blocks = []slack.Block{contextBlock("draft_heading", heading)}
	for i, part := range draftParts(v, l) {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(part), nil, nil,
			slack.SectionBlockOptionBlockID(fmt.Sprintf("draft_body_%d", i+1))))
	}
	if src := sourcesLine(v.Sources, l); src != "" && v.State != handlers.DraftDiscarded {
		blocks = append(blocks, contextBlock("draft_sources", src))
	}
	if b := draftActions(v, l); b != nil {
		blocks = append(blocks, b)
	}
	text := heading
	if v.State != handlers.DraftDiscarded {
		text += "\n" + Truncate(Escape(strings.TrimSpace(v.Text)), PreviewChars, "…")
	}
	return blocks, Truncate(text, MaxUpdateText, "…")
}

// draftParts is the body of the message in section-sized pieces.
func draftParts(v handlers.DraftView, l *draftLabels) []string {
	switch v.State {
	case handlers.DraftDiscarded:
		return nil
	case handlers.DraftFailed:
		return []string{Truncate(l.failed+" "+Escape(v.Error)+"\n"+l.tryAgain, MaxSectionText, "…")}
	}
	text := strings.TrimSpace(v.Text)
	if text == "" && v.State == handlers.DraftStreaming {
		return []string{"_" + l.writing + "_"}
	}
	if text == "" {
		return []string{"_" + l.empty + "_"}
	}
	return Chunks(Truncate(Escape(text), draftTextBudget, l.cut), MaxSectionText)
}

// sourcesLine lists the passages with links to their sources.
func sourcesLine(src []handlers.DraftSource, l *draftLabels) string {
	var parts []string
	for _, s := range src {
		title := EscapeLine(s.Title)
		if title == "" {
			title = EscapeLine(s.ID)
		}
		if safeLink(s.URL) {
			parts = append(parts, "<"+s.URL+"|"+strings.ReplaceAll(title, "|", "¦")+">")
		} else {
			parts = append(parts, title)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return l.sources + ": " + strings.Join(parts, " · ")
}

// safeLink accepts an http(s) URL that cannot break out of Slack's <url|text>.
func safeLink(raw string) bool {
	if raw == "" || strings.ContainsAny(raw, "<>| \t\r\n&") {
		return false
	}
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// draftActions are the buttons: use and discard for a ready draft, discard
// only for a stale one, none while it is written or after it is gone.
func draftActions(v handlers.DraftView, l *draftLabels) *slack.ActionBlock {
	value := strconv.FormatInt(v.DraftID, 10)
	discard := slack.NewButtonBlockElement(ActionDraftDiscard, value, slack.NewTextBlockObject(slack.PlainTextType, l.discard, true, false))
	switch v.State {
	case handlers.DraftReady:
		use := slack.NewButtonBlockElement(ActionDraftUse, value, slack.NewTextBlockObject(slack.PlainTextType, l.use, true, false))
		use.Style = slack.StylePrimary
		return slack.NewActionBlock(DraftActionsBlockID, use, discard)
	case handlers.DraftStale, handlers.DraftFailed:
		return slack.NewActionBlock(DraftActionsBlockID, discard)
	}
	return nil
}
